/* Entity Lens background: the entry points (toolbar button, shortcut, context
   menu) ask the helper about the active tab and drive the content scripts.
   A module: Chrome runs it as a module service worker, Firefox as a module
   background script (manifest.json background.type). */
import { browserApi } from "./browser-api.js";
import { annotate, health, pair, describeError, describeHealth } from "./helper-client.js";
import { pageCss, randomNames } from "./labels.js";
import { MESSAGE, METHOD } from "./messages.js";
import * as Settings from "./settings.js";
import { browserKind } from "./setup-advice.js";

const ext = browserApi();
// The reader's system and browser, so that advice names their commands and their browser's words.
const reader = { os: "linux", browser: browserKind(ext) };
ext.runtime.getPlatformInfo().then((info) => { reader.os = info.os; }).catch(() => {});

// The content side: content/*.js built into one classic script (scripts/build-content.js), since
// scripting.executeScript cannot inject modules.
export const CONTENT_FILES = ["bundle/content.js"];
const MENU_ID = "entity-lens-toggle";
// auto mode: below this share of paragraphs found on the page, send the page itself.
const MIN_ALIGNED = 0.8;
// auto mode: the helper could not use the address, so the page as displayed may do.
// Why the page as displayed was read instead, in the reader's words, per helper error code.
// private_address: the address (or a redirect) leads into the reader's own network, which the
// helper never reads itself; the page as displayed is already on the reader's screen.
const FALLBACK_REASONS = {
  fetch_failed: "the helper could not download it",
  fetch_timeout: "the site was too slow for the helper",
  no_text: "the helper found no article at the address",
  bad_url: "the helper cannot fetch this kind of address",
  private_address: "the address is on your own network, which the helper does not read",
};

// Tabs with a run in progress: tabId -> AbortController.
const running = new Map();


function setBadge(tabId, text, color = "#4a4a4a") {
  ext.action.setBadgeText({ tabId, text }).catch(() => {});
  if (text) ext.action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
}

/** Call EntityLens.controller.handle(method, arg) in the tab (METHOD) and return its result. */
async function call(tabId, method, arg = null) {
  const [res] = await ext.scripting.executeScript({
    target: { tabId },
    // Chrome reports an exception in an injected function as a null result: carry it back.
    func: (m, a) => {
      try {
        return { value: globalThis.EntityLens.controller.handle(m, a) };
      } catch (e) {
        return { failed: String((e && e.message) || e) };
      }
    },
    args: [method, arg],
  });
  if (!res || !res.result) throw new Error(res && res.error ? String(res.error) : "The page did not answer.");
  if (res.result.failed) throw new Error(res.result.failed);
  return res.result.value;
}

async function contentState(tabId) {
  const [res] = await ext.scripting.executeScript({
    target: { tabId },
    func: () => (globalThis.EntityLens && globalThis.EntityLens.controller ? globalThis.EntityLens.controller.state : "none"),
  });
  return res ? res.result : "none";
}

/** Clear the tab's content, if our scripts are there at all (a click may come before they are). */
async function clearContent(tabId) {
  await ext.scripting.executeScript({
    target: { tabId },
    func: (clear) => {
      const controller = globalThis.EntityLens && globalThis.EntityLens.controller;
      if (controller) controller.handle(clear);
    },
    args: [METHOD.clear],
  }).catch(() => {});
}

// The names each tab's stylesheet uses (random per run), so that removing it can rebuild the
// very same string. Session storage: Chrome may stop this worker while highlights are shown.
const namesKey = (tabId) => `names:${tabId}`;

async function removeCss(tabId) {
  const key = namesKey(tabId);
  const stored = await ext.storage.session.get(key).catch(() => ({}));
  if (!stored[key]) return;
  await ext.storage.session.remove(key).catch(() => {});
  const css = pageCss(stored[key]);
  await ext.scripting.removeCSS({ target: { tabId }, css }).catch(() => {});
}

/** This run's stylesheet, under fresh random names (see labels.randomNames). */
async function insertCss(tabId, names) {
  await removeCss(tabId); // never stack two copies
  await ext.storage.session.set({ [namesKey(tabId)]: names });
  await ext.scripting.insertCSS({ target: { tabId }, css: pageCss(names) });
}

/** Cancel the tab's run, if one is going (its request to the helper too), and forget it. */
function cancelRun(tabId) {
  const run = running.get(tabId);
  if (run) run.abort();
  running.delete(tabId);
}

async function clearTab(tabId) {
  cancelRun(tabId);
  await clearContent(tabId);
  await removeCss(tabId);
  setBadge(tabId, "");
}

/** The entry point: start on a clean tab, clear a tab that shows something. */
async function toggle(tab) {
  let state;
  try {
    state = await contentState(tab.id);
  } catch (err) {
    // chrome://, about:, add-on stores, the PDF viewer: no content script allowed.
    await showInPopup(tab.id, describeError({ code: "not_scriptable" }));
    return;
  }
  if (running.has(tab.id) || (state !== "none" && state !== "idle")) {
    await clearTab(tab.id);
    return;
  }
  await run(tab.id, state === "none");
}

/** Stop a run at its next step once a click, a navigation or a closed tab cancelled it. */
function stopIfCancelled(signal) {
  if (signal.aborted) throw new Error("cancelled");
}

/**
 * A run cancelled between two steps may have drawn in the tab after the clear (a busy panel, the
 * CSS, results): take that away too, unless a newer run owns the tab by now.
 */
async function undoCancelled(tabId) {
  if (running.has(tabId)) return;
  await clearContent(tabId);
  await removeCss(tabId);
  setBadge(tabId, "");
}

// The token pairing gave this browser; only the background reads it, never the pages' scripts.
const TOKEN_KEY = "helperToken";

async function helperToken() {
  const stored = await ext.storage.local.get(TOKEN_KEY);
  return typeof stored[TOKEN_KEY] === "string" ? stored[TOKEN_KEY] : "";
}

async function run(tabId, needsScripts = true) {
  // One run at a time per tab: a second request (a retry while one runs) is dropped.
  if (running.has(tabId)) return;
  const controller = new AbortController();
  const { signal } = controller;
  running.set(tabId, controller);
  const settings = { ...(await Settings.load()), names: randomNames() };
  const started = Date.now();
  setBadge(tabId, "…");
  try {
    if (needsScripts) await ext.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES });
    stopIfCancelled(signal);
    await insertCss(tabId, settings.names);
    stopIfCancelled(signal);
    await call(tabId, METHOD.busy, { settings });
    const token = await helperToken();
    const stopWatching = watchLoading(tabId, settings.helperUrl, token, signal);
    let outcome;
    try {
      outcome = await annotateTab(tabId, settings, { signal, token });
    } finally {
      stopWatching();
    }
    stopIfCancelled(signal);
    const shown = await call(tabId, METHOD.show, { ...outcome, settings, elapsedMs: Date.now() - started });
    stopIfCancelled(signal);
    setBadge(tabId, String(shown.entities));
  } catch (error) {
    if (signal.aborted) {
      await undoCancelled(tabId);
      return;
    }
    const message = describeError(error, settings.helperUrl, reader);
    try {
      await call(tabId, METHOD.error, message);
      setBadge(tabId, "!", "#c00000");
    } catch (err) {
      await showInPopup(tabId, message);
    }
  } finally {
    if (running.get(tabId) === controller) running.delete(tabId);
  }
}

// A request waiting longer than this may be the first use of a language: ask the helper.
const LOADING_AFTER_MS = 700;
const LOADING_POLL_MS = 1000;

/**
 * While a run waits on the helper for more than LOADING_AFTER_MS, polls its health about once
 * a second; when it is loading a language's model for the first time, the panel says so.
 * Returns the function that stops watching.
 */
function watchLoading(tabId, base, token, signal) {
  let timer = null;
  let stopped = false;
  const poll = async () => {
    try {
      const data = await health(base, { token, signal });
      if (!stopped && Array.isArray(data.loading) && data.loading.length) {
        await call(tabId, METHOD.progress, { loading: data.loading });
      }
    } catch (err) {
      // Health is a nicety here: the run reports its own errors.
    }
    if (!stopped) timer = setTimeout(poll, LOADING_POLL_MS);
  };
  timer = setTimeout(poll, LOADING_AFTER_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Ask the helper as the mode says; returns { mode, reason, fit } (content holds the result). */
async function annotateTab(tabId, settings, request) {
  const { signal } = request;
  const base = settings.helperUrl;
  const url = await call(tabId, METHOD.location);

  async function asDisplayed(reason) {
    const html = await call(tabId, METHOD.pageHtml);
    stopIfCancelled(signal); // no request the reader no longer waits for
    const result = await annotate(base, { url, html, watchlist: settings.watchlist }, request);
    const fit = await call(tabId, METHOD.load, result);
    return { mode: "page", reason, fit };
  }

  if (settings.mode === "page") return asDisplayed("");
  if (!/^https?:/i.test(url)) {
    if (settings.mode === "auto") return asDisplayed("the address is not http(s)");
  }
  let result;
  try {
    stopIfCancelled(signal);
    result = await annotate(base, { url, watchlist: settings.watchlist }, request);
  } catch (error) {
    if (settings.mode === "auto" && Object.hasOwn(FALLBACK_REASONS, error.code)) {
      return asDisplayed(FALLBACK_REASONS[error.code]);
    }
    throw error;
  }
  const fit = await call(tabId, METHOD.load, result);
  if (settings.mode === "auto" && fit.paragraphs && fit.aligned / fit.paragraphs < MIN_ALIGNED) {
    const share = Math.round((100 * fit.aligned) / fit.paragraphs);
    return asDisplayed(`only ${share}% of the fetched paragraphs are on the page`);
  }
  if (settings.mode === "auto" && fit.short) {
    return asDisplayed(`the fetched text is ${Math.round(100 * fit.mainShare)}% of the page's main text`);
  }
  return { mode: "url", reason: "", fit };
}

/** Where no panel can show: the message goes to the action's popup for this tab. */
async function showInPopup(tabId, message) {
  const query = new URLSearchParams({ code: message.code, title: message.title, advice: message.advice });
  await ext.action.setPopup({ tabId, popup: "popup/popup.html?" + query }).catch(() => {});
  await ext.action.setTitle({ tabId, title: "Entity Lens: " + message.title }).catch(() => {});
  setBadge(tabId, "!", "#c00000");
  // Open it right away where the browser allows; otherwise the badge says to click.
  try {
    await ext.action.openPopup();
  } catch (err) {
    // Not allowed here: the next click opens it.
  }
}

function resetTab(tabId) {
  cancelRun(tabId);
  setBadge(tabId, "");
  ext.action.setPopup({ tabId, popup: "" }).catch(() => {});
  ext.action.setTitle({ tabId, title: "" }).catch(() => {}); // back to default_title
}

ext.action.onClicked.addListener((tab) => {
  toggle(tab);
});

ext.runtime.onInstalled.addListener((details) => {
  // First run: a page that checks the helper and says what to do (welcome/welcome.html).
  if (details.reason === "install") ext.tabs.create({ url: ext.runtime.getURL("welcome/welcome.html") }).catch(() => {});
  ext.contextMenus.create({
    id: MENU_ID,
    title: "Highlight entities with Entity Lens",
    contexts: ["page", "selection"],
  }, () => void ext.runtime.lastError);
});

ext.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === MENU_ID && tab) toggle(tab);
});

// A navigation replaces the page and its content scripts: forget the tab.
ext.tabs.onUpdated.addListener((tabId, changeInfo) => {
  if (changeInfo.status === "loading") {
    resetTab(tabId);
    ext.storage.session.remove(namesKey(tabId)).catch(() => {}); // its stylesheet went with the page
  }
});
// A closed tab: cancel its run (and its request to the helper).
ext.tabs.onRemoved.addListener((tabId) => {
  cancelRun(tabId);
  ext.storage.session.remove(namesKey(tabId)).catch(() => {});
});

/** How the helper lists this pairing (`entity-lens pair --list`). */
function browserName() {
  return `Entity Lens in ${reader.browser === "firefox" ? "Firefox" : "Chrome"}`;
}

/** A message from one of our own pages (options, popup), not from a content script in a tab. */
function fromExtensionPage(sender) {
  return sender.id === ext.runtime.id && typeof sender.url === "string" &&
    sender.url.startsWith(ext.runtime.getURL(""));
}

ext.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const tabId = sender.tab && sender.tab.id;
  switch (message && message.type) {
    case MESSAGE.listed: // the panel lists this many entries now (a type shown or hidden)
      if (tabId !== undefined && Number.isInteger(message.count) && message.count >= 0 && !running.has(tabId)) {
        setBadge(tabId, String(message.count));
      }
      return false;
    case MESSAGE.retry: // the panel's retry button
      if (tabId !== undefined) run(tabId, false);
      return false;
    case MESSAGE.openOptions: // the panel's button when this copy is not paired
      ext.runtime.openOptionsPage().catch(() => {});
      return false;
    case MESSAGE.cleared: // the panel's close button, or the page navigated in place
      if (tabId !== undefined) {
        removeCss(tabId);
        resetTab(tabId);
      }
      return false;
    case MESSAGE.retryTab: // the popup's retry button
      ext.action.setPopup({ tabId: message.tabId, popup: "" }).then(() => toggle({ id: message.tabId }));
      return false;
    case MESSAGE.pair: // the options page's pair button, with the code the reader typed
      if (!fromExtensionPage(sender)) return false;
      Settings.load().then(({ helperUrl }) => pair(helperUrl, String(message.code || ""), browserName())
        .then((token) => ext.storage.local.set({ [TOKEN_KEY]: token }))
        .then(() => sendResponse({ ok: true }))
        .catch((error) => sendResponse({ ok: false, ...describeError(error, helperUrl, reader) })));
      return true;
    case MESSAGE.health: // the options page's test-connection button and pairing state
      if (!fromExtensionPage(sender)) return false;
      // The address being typed in the options, else the saved one.
      Promise.all([message.helperUrl || Settings.load().then((settings) => settings.helperUrl), helperToken()])
        .then(([base, token]) => health(base, { token })
          .then((data) => sendResponse({ ok: true, data, summary: describeHealth(data) }))
          .catch((error) => sendResponse({ ok: false, ...describeError(error, base, reader) })));
      return true; // answers asynchronously
    default:
      return false;
  }
});
