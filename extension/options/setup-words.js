/* The options page's set-up words for this reader: the helper's commands for their system and
   what their browser may ask before it lets Entity Lens reach the helper. */
import { browserApi } from "../browser-api.js";
import { browserKind, helperCommand, localNetworkAdvice } from "../setup-advice.js";

/** Fills the commands and the browser's words in the options page. */
export async function fillSetupWords() {
  const ext = browserApi();
  const { os } = await ext.runtime.getPlatformInfo();
  document.querySelector("#serve-command").textContent = helperCommand(os, "serve");
  document.querySelector("#service-command").textContent = helperCommand(os, "service install");
  document.querySelector("#pair-command").textContent = helperCommand(os, "pair");
  document.querySelector("#local-network").textContent = localNetworkAdvice(browserKind(ext));
  document.documentElement.dataset.os = os;
}
