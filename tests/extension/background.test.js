// The background's toggle against a fake browser: a click that cancels a run between two of its
// steps must leave the tab cleared (found by tests/e2e/robustness.test.js: in Firefox two clicks
// back to back left a "Finding entities…" panel that never went away), and a closed tab cancels
// its request to the helper.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadScripts } from "./load.js";

const TAB = 7;
const tick = () => new Promise((r) => setTimeout(r, 5));

function deferred() {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
}

/** The content controller as the background sees it (state and the calls it got). */
function fakeContent(fit = { paragraphs: 1, aligned: 1, mentions: 1 }) {
  const calls = [];
  let state = "idle";
  const next = { busy: "busy", show: "shown", error: "error", clear: "idle" };
  return {
    calls,
    get state() {
      return state;
    },
    handle(method) {
      calls.push(method);
      if (next[method]) state = next[method];
      if (method === "location") return "https://news.example/a";
      if (method === "load") return fit;
      if (method === "pageHtml") return "<html><body><p>As displayed.</p></body></html>";
      if (method === "show") return { entities: 1 };
      return undefined;
    },
  };
}

/** Loads background.js with a fake `chrome`; `gates.files` holds the content scripts' injection. */
function loadBackground({ annotate, fit }) {
  const on = {};
  const badges = [];
  const gates = { files: null };
  const thrown = [];
  let content = null;
  const listener = (name) => ({ addListener: (f) => (on[name] = f) });
  const chrome = {
    action: {
      onClicked: listener("click"),
      setBadgeText: async ({ text }) => badges.push(text),
      setBadgeBackgroundColor: async () => {},
      setPopup: async () => {},
      setTitle: async () => {},
      openPopup: async () => {},
    },
    scripting: {
      async executeScript({ files, func, args = [] }) {
        await tick();
        if (files) {
          if (gates.files) await gates.files.promise;
          content = content || fakeContent(fit);
          return [{ result: undefined }];
        }
        // The injected functions read globalThis.EntityLens, here the scope background.js was
        // loaded with: the fake page's controller is put there.
        scope.EntityLens = content ? { controller: content } : undefined;
        try {
          return [{ result: func(...args) }];
        } catch (err) {
          thrown.push(err.message); // in a browser: an error in the page's console
          throw err;
        }
      },
      insertCSS: async () => {},
      removeCSS: async () => {},
    },
    storage: { local: { get: async () => ({}), set: async () => {} } },
    runtime: { onInstalled: listener("installed"), onMessage: listener("message") },
    contextMenus: { create() {}, onClicked: listener("menu") },
    tabs: { onUpdated: listener("updated"), onRemoved: listener("removed") },
  };
  const scope = { chrome };
  loadScripts(["labels.js", "watchlist.js", "settings.js", "helper-client.js"], scope);
  scope.EntityLensHelper = { ...scope.EntityLensHelper, annotate };
  loadScripts(["background.js"], scope);
  return { on, badges, gates, thrown, content: () => content };
}

async function settle() {
  for (let i = 0; i < 20; i++) await tick();
}

test("a second click while the content scripts are being injected cancels the run and leaves the tab clear", async () => {
  const asked = [];
  const bg = loadBackground({ annotate: async (...a) => (asked.push(a), { text: "", entities: [], groups: [] }) });
  bg.gates.files = deferred();
  bg.on.click({ id: TAB });
  await settle(); // the run waits on the injection
  bg.on.click({ id: TAB }); // the reader changes their mind
  await settle();
  bg.gates.files.resolve();
  await settle();
  const content = bg.content();
  assert.equal(content.state, "idle", `the tab was left ${content.state} (calls: ${content.calls})`);
  assert.ok(!content.calls.includes("show"), "results shown after the cancel");
  assert.equal(asked.length, 0, "the helper was asked after the cancel");
  assert.equal(bg.badges.at(-1), "", `the badge was left at ${JSON.stringify(bg.badges.at(-1))}`);
  assert.deepEqual(bg.thrown, [], "clearing a tab without our scripts threw in the page");

  // And the next click runs normally.
  bg.on.click({ id: TAB });
  await settle();
  assert.equal(content.state, "shown");
  assert.equal(asked.length, 1);
});

test("closing the tab cancels its request to the helper", async () => {
  let signal = null;
  const answered = deferred();
  const bg = loadBackground({
    annotate: (base, payload, options) => {
      signal = options.signal;
      return answered.promise;
    },
  });
  bg.on.click({ id: TAB });
  await settle();
  assert.ok(signal, "the helper was not asked");
  assert.equal(signal.aborted, false);
  bg.on.removed(TAB);
  assert.equal(signal.aborted, true, "the request outlived its tab");
  answered.resolve({ text: "", entities: [], groups: [] });
  await settle();
  assert.ok(!bg.content().calls.includes("show"));
});

test("auto mode reads the page as displayed when the helper refuses a private address", async () => {
  const asked = [];
  const bg = loadBackground({
    annotate: async (base, request) => {
      asked.push(request);
      if (!("html" in request)) {
        const error = new Error("private");
        error.code = "private_address";
        throw error;
      }
      return { text: "", entities: [], groups: [] };
    },
  });
  bg.on.click({ id: TAB });
  await settle();
  assert.equal(asked.length, 2, "the address, then the page as displayed");
  assert.ok("html" in asked[1], "the second request sends the page");
  assert.ok(bg.content().calls.includes("show"), `not shown (calls: ${bg.content().calls})`);
  assert.ok(!bg.content().calls.includes("error"), "an error was shown");
});

test("auto mode sends the page as displayed when the fetched text is clearly short of it", async () => {
  const asked = [];
  const bg = loadBackground({
    annotate: async (base, payload) => (asked.push(payload), { text: "", entities: [], groups: [] }),
    fit: { paragraphs: 2, aligned: 2, mentions: 0, mainShare: 0.06, short: true },
  });
  bg.on.click({ id: TAB });
  await settle();
  assert.equal(asked.length, 2, "the page was not sent as displayed");
  assert.equal(asked[0].html, undefined);
  assert.match(asked[1].html, /As displayed/);
  assert.ok(bg.content().calls.includes("pageHtml"));
});
