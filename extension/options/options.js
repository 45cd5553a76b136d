/* Entity Lens options: every change is saved at once to storage.local. */
import { browserApi } from "../browser-api.js";
import { saveFile } from "../download.js";
import { TYPES } from "../labels.js";
import { MESSAGE } from "../messages.js";
import * as Settings from "../settings.js";
import * as Watchlist from "../watchlist.js";
import { fillSetupWords } from "./setup-words.js";

const ext = browserApi();

const $ = (selector) => document.querySelector(selector);

function say(element, text, kind = "") {
  element.textContent = text;
  element.className = kind;
}

async function save(changes) {
  await Settings.save(changes);
  say($("#saved"), "Saved.", "ok");
}

// One box per type in the reader's words (labels.js TYPES); a type is on when any of its model
// labels is, and switching it sets all of them (settings keep model labels).
function buildTypes(selected) {
  const box = $("#types");
  for (const type of TYPES) {
    const input = document.createElement("input");
    input.type = "checkbox";
    input.value = type.id;
    input.checked = type.labels.some((label) => selected.includes(label));
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = type.color;
    const row = document.createElement("label");
    row.append(input, swatch, type.hint ? `${type.name} (${type.hint})` : type.name);
    box.append(row);
  }
  box.addEventListener("change", () => {
    const on = new Set([...box.querySelectorAll("input:checked")].map((input) => input.value));
    save({ types: TYPES.filter((type) => on.has(type.id)).flatMap((type) => type.labels) });
  });
}

// Each test is numbered: a slow answer to an older test never overwrites a newer one.
let lastTest = 0;

/**
 * Test the typed address, and save it only if the helper answers there: a wrong address is
 * never saved, and the reader is told why, next to the button.
 */
async function testAndSave() {
  const test = ++lastTest;
  const out = $("#connection");
  const helperUrl = $("#helperUrl").value.trim().replace(/\/+$/, "") || Settings.DEFAULTS.helperUrl;
  const kept = async () => `Entity Lens still uses ${(await Settings.load()).helperUrl}.`;
  if (!Settings.isLoopbackAddress(helperUrl)) {
    say(out, `Not saved: use http://127.0.0.1:PORT or http://localhost:PORT, the only addresses the extension may reach. ${await kept()}`, "bad");
    return;
  }
  say(out, `Testing ${helperUrl}…`);
  // The background makes the request: it is the only place that talks to the helper.
  const answer = await ext.runtime.sendMessage({ type: MESSAGE.health, helperUrl });
  if (test !== lastTest) return;
  if (answer && answer.ok) {
    await Settings.save({ helperUrl });
    $("#helperUrl").value = helperUrl;
    // The background words the rest (helper-client.js describeHealth): version, model, languages.
    say(out, `Saved. ${answer.summary}`, "ok");
    pairingState();
  } else {
    const why = answer ? `${answer.title}\n${answer.advice}` : "No answer from the extension.";
    say(out, `Not saved: ${why}\n${await kept()}`, "bad");
  }
}

function countText(list) {
  return list.length === 1 ? "1 phrase" : `${list.length} phrases`;
}

// The textarea is saved as typed (after a pause) and tidied when it loses focus,
// so normalising never moves the cursor mid-word.
function buildWatchlist(initial) {
  const area = $("#watchlist");
  const count = $("#watchlist-count");
  let timer = null;
  let current = initial;

  async function store(list) {
    current = list;
    count.textContent = countText(list);
    await save({ watchlist: list });
  }
  function show(list) {
    area.value = Watchlist.toText(list);
    count.textContent = countText(list);
  }

  show(current);
  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => store(Watchlist.parse(area.value)), 500);
  });
  area.addEventListener("change", () => {
    clearTimeout(timer);
    const list = Watchlist.parse(area.value);
    show(list);
    store(list);
  });

  const file = $("#watchlist-file");
  $("#watchlist-import").addEventListener("click", () => file.click());
  file.addEventListener("change", async () => {
    const chosen = file.files && file.files[0];
    file.value = ""; // the same file can be chosen again
    if (!chosen) return;
    const merged = Watchlist.merge(current, Watchlist.parse(await chosen.text()));
    const added = merged.length - current.length;
    show(merged);
    await store(merged);
    say($("#saved"), `Imported ${chosen.name}: ${added} new, ${countText(merged)} in all.`, "ok");
  });

  $("#watchlist-export").addEventListener("click", () => {
    saveFile(document.body, "entity-lens-watchlist.txt", "text/plain", Watchlist.toText(current));
  });
}

// Pairing: the reader types the code `entity-lens pair` printed; the background trades it for
// this browser's token (helper-client.js pair) and keeps it.
async function pairNow() {
  const status = $("#pair-status");
  const code = $("#pair-code").value.trim();
  if (!code) {
    say(status, "Type the code that entity-lens pair shows in your terminal.", "bad");
    return;
  }
  say(status, "Pairing…");
  const answer = await ext.runtime.sendMessage({ type: MESSAGE.pair, code });
  if (answer && answer.ok) {
    $("#pair-code").value = "";
    say(status, "Paired: the helper answers Entity Lens in this browser.", "ok");
  } else {
    say(status, answer ? `${answer.title} ${answer.advice}` : "No answer from the extension.", "bad");
  }
}

/** On opening: is this browser paired? (Without a token the helper says paired: false.) */
async function pairingState() {
  const check = await ext.runtime.sendMessage({ type: MESSAGE.health });
  const status = $("#pair-status");
  if (check && check.ok && check.data.paired) say(status, "Paired: the helper answers Entity Lens in this browser.", "ok");
  else if (check && check.ok) say(status, "Not paired yet.", "bad");
  else say(status, "The helper is not running, so pairing cannot be checked now.");
}

async function init() {
  const settings = await Settings.load();
  const address = $("#helperUrl");
  address.value = settings.helperUrl;
  // Leaving the field or pressing Enter tests it too: nothing typed is saved untested.
  address.addEventListener("change", testAndSave);
  $("#test").addEventListener("click", testAndSave);
  $("#pair").addEventListener("click", pairNow);
  $("#pair-code").addEventListener("keydown", (event) => {
    if (event.key === "Enter") pairNow();
  });
  pairingState();
  fillSetupWords();

  for (const name of ["mode", "style"]) {
    const current = document.querySelector(`input[name="${name}"][value="${settings[name]}"]`);
    if (current) current.checked = true;
    $("#" + name).addEventListener("change", (event) => save({ [name]: event.target.value }));
  }
  buildTypes(settings.types);
  buildWatchlist(settings.watchlist);
  // End-to-end tests wait for this before using the page.
  window.entityLensOptionsReady = true;
}

init();
