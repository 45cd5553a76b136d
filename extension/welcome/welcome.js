/* Entity Lens welcome page, opened once when the extension is installed: checks the helper and
   says plainly whether it is running and paired, with the exact commands for this system. */
import { browserApi } from "../browser-api.js";
import { MESSAGE } from "../messages.js";
import { load as loadSettings } from "../settings.js";
import { browserKind, helperCommand, helperState, localNetworkAdvice, startSteps } from "../setup-advice.js";

const ext = browserApi();
const $ = (selector) => document.querySelector(selector);

function paragraph(text) {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

function commandLine(command) {
  const code = document.createElement("code");
  code.className = "command";
  code.textContent = command;
  return code;
}

function showStartSteps(os) {
  const list = $("#start-steps");
  list.replaceChildren(...startSteps(os).map(({ what, command }) => {
    const item = document.createElement("li");
    item.append(what, commandLine(command));
    return item;
  }));
}

/** The state's words: what the reader sees in the status box. */
function summary(state, answer, helperUrl) {
  switch (state) {
    case "paired":
      return ["The helper is running and Entity Lens is paired with it. You are all set: open a news article and click the Entity Lens button."];
    case "not-paired":
      return [`The helper is running at ${helperUrl}, but Entity Lens in this browser is not paired with it yet.`, "Pair it once, below."];
    case "not-running":
      return [`The helper is not running at ${helperUrl}.`, "Start it with the command below, then press Check again."];
    default:
      return [answer ? answer.title : "No answer from the extension.", answer ? answer.advice : "Reload this page."];
  }
}

async function check() {
  const box = $("#helper");
  box.dataset.state = "checking";
  box.replaceChildren(paragraph("Checking the helper…"));
  const [answer, settings] = await Promise.all([
    ext.runtime.sendMessage({ type: MESSAGE.health }).catch(() => null),
    loadSettings(),
  ]);
  const { helperUrl } = settings;
  const state = helperState(answer);
  box.replaceChildren(...summary(state, answer, helperUrl).map((text) => paragraph(text)));
  box.dataset.state = state;
  $("#start").hidden = state !== "not-running";
  $("#pairing").hidden = state !== "not-paired";
  return state;
}

async function pairNow(event) {
  event.preventDefault();
  const status = $("#pair-status");
  const code = $("#pair-code").value.trim();
  if (!code) {
    status.textContent = "Type the code the pair command shows in your terminal.";
    status.className = "bad";
    return;
  }
  status.textContent = "Pairing…";
  status.className = "";
  const answer = await ext.runtime.sendMessage({ type: MESSAGE.pair, code }).catch(() => null);
  if (answer && answer.ok) {
    $("#pair-code").value = "";
    status.textContent = "Paired.";
    status.className = "ok";
    await check();
    $("#check").focus(); // the form it was in is hidden now
  } else {
    status.textContent = answer ? `${answer.title} ${answer.advice}` : "No answer from the extension.";
    status.className = "bad";
  }
}

async function init() {
  const { os } = await ext.runtime.getPlatformInfo();
  document.documentElement.dataset.os = os;
  showStartSteps(os);
  $("#pair-command").textContent = helperCommand(os, "pair");
  $("#local-network").textContent = localNetworkAdvice(browserKind(ext));
  $("#check").addEventListener("click", check);
  $("#options").addEventListener("click", () => ext.runtime.openOptionsPage());
  $("#pairing").addEventListener("submit", pairNow);
  // Back from the terminal: look again, so the page says what is true now.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
  await check();
  // End-to-end tests wait for this before using the page.
  window.entityLensWelcomeReady = true;
}

init();
