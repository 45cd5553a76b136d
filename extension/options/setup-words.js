/* The options page's set-up words for this reader: the helper's commands for their system and
   what their browser may ask before it lets Entity Lens reach the helper. */
import { browserKind, helperCommand, localNetworkAdvice } from "../setup-advice.js";

const ext = globalThis.browser ?? globalThis.chrome;

async function fillSetupWords() {
  const { os } = await ext.runtime.getPlatformInfo();
  document.querySelector("#serve-command").textContent = helperCommand(os, "serve");
  document.querySelector("#service-command").textContent = helperCommand(os, "service install");
  document.querySelector("#pair-command").textContent = helperCommand(os, "pair");
  document.querySelector("#local-network").textContent = localNetworkAdvice(browserKind(ext));
  document.documentElement.dataset.os = os;
}

fillSetupWords();
