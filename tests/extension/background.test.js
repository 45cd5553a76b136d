// The background's toggle against a fake browser: a click that cancels a run between two of its
// steps must leave the tab cleared (found by tests/e2e/robustness.test.js: in Firefox two clicks
// back to back left a "Finding entities…" panel that never went away), and a closed tab cancels
// its request to the helper.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as labels from "../../extension/labels.js";
import { MESSAGE, METHOD } from "../../extension/messages.js";
import { freshModule } from "./load.js";

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
    args: [],
    handle(method, arg) {
      calls.push(method);
      this.args.push([method, arg]);
      if (next[method]) state = next[method];
      if (method === "location") return "https://news.example/a";
      if (method === "load") return fit;
      if (method === "pageHtml") return "<html><body><p>As displayed.</p></body></html>";
      if (method === "show") return { entities: 1 };
      return undefined;
    },
  };
}

/** storage.local or storage.session: a Map behind the promise API. */
function fakeStorage(initial = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    async get(keys) {
      const list = keys === null || keys === undefined ? [...data.keys()] : [].concat(keys);
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of [].concat(keys)) data.delete(k);
    },
  };
}

/**
 * The helper as the real helper-client.js meets it: a fake fetch that hands each annotate
 * request's payload to `annotate(base, payload, { signal })` and answers with its result, or
 * with the helper's error body for an error with a code; `health()`, when given, answers
 * GET /v1/health.
 */
function fakeHelper(annotate, health) {
  return async (url, init) => {
    const { origin, pathname } = new URL(url);
    if (health && pathname === "/v1/health") return { ok: true, status: 200, statusText: "OK", json: async () => health() };
    assert.equal(pathname, "/v1/annotate");
    try {
      const result = await annotate(origin, JSON.parse(init.body), { signal: init.signal });
      return { ok: true, status: 200, statusText: "OK", json: async () => result };
    } catch (error) {
      const body = { error: { code: error.code, message: error.message } };
      return { ok: false, status: error.status || 500, statusText: "", json: async () => body };
    }
  };
}

/** Loads background.js with a fake `chrome`; `gates.files` holds the content scripts' injection. */
async function loadBackground({ annotate, fit, local = {}, health }) {
  const on = {};
  const badges = [];
  const css = { inserted: [], removed: [] };
  const session = fakeStorage();
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
        // The injected functions read globalThis.EntityLens: the fake page's controller is put there.
        globalThis.EntityLens = content ? { controller: content } : undefined;
        try {
          return [{ result: func(...args) }];
        } catch (err) {
          thrown.push(err.message); // in a browser: an error in the page's console
          throw err;
        }
      },
      insertCSS: async ({ css: text }) => css.inserted.push(text),
      removeCSS: async ({ css: text }) => css.removed.push(text),
    },
    storage: { local: fakeStorage(local), session },
    runtime: {
      onInstalled: listener("installed"), onMessage: listener("message"),
      getURL: (path) => `chrome-extension://test/${path}`, getPlatformInfo: async () => ({ os: "linux" }),
    },
    contextMenus: { create() {}, onClicked: listener("menu") },
    tabs: { onUpdated: listener("updated"), onRemoved: listener("removed") },
  };
  globalThis.chrome = chrome;
  globalThis.fetch = fakeHelper(annotate, health);
  await freshModule("background.js");
  return { on, badges, gates, thrown, css, session, content: () => content };
}

async function settle() {
  for (let i = 0; i < 20; i++) await tick();
}

test("a second click while the content scripts are being injected cancels the run and leaves the tab clear", async () => {
  const asked = [];
  const bg = await loadBackground({ annotate: async (...a) => (asked.push(a), { text: "", entities: [], groups: [] }) });
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
  const bg = await loadBackground({
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

const RESULT = { text: "Ada Lovelace wrote.", entities: [], groups: [] };
/** The message the panel's retry button sends (the background reads the tab off the sender). */
const retryFrom = (bg, tabId) => bg.on.message({ type: MESSAGE.retry }, { tab: { id: tabId } }, () => {});

test("one run per tab: a retry while a run is going is dropped, the run ends normally, a later retry runs", async () => {
  const asked = [];
  let answer = deferred();
  const bg = await loadBackground({ annotate: (base, payload) => (asked.push(payload), answer.promise) });
  bg.on.click({ id: TAB });
  await settle();
  assert.equal(asked.length, 1, "the first run did not ask the helper");
  // A page script (or an impatient reader) gets the retry message sent twice meanwhile.
  retryFrom(bg, TAB);
  retryFrom(bg, TAB);
  await settle();
  assert.equal(asked.length, 1, "a second run started while the first was going");
  answer.resolve(RESULT);
  await settle();
  const content = bg.content();
  assert.equal(content.state, "shown");
  assert.equal(content.calls.filter((c) => c === "busy").length, 1, `busy twice: ${content.calls}`);
  assert.equal(content.calls.filter((c) => c === "show").length, 1, `shown twice: ${content.calls}`);

  // Done: the next retry is a run of its own.
  answer = deferred();
  retryFrom(bg, TAB);
  await settle();
  assert.equal(asked.length, 2);
  answer.resolve(RESULT);
  await settle();
});

test("each run paints under fresh random names, kept in session storage to remove its very CSS", async () => {
  const bg = await loadBackground({ annotate: async () => RESULT });
  const runs = [];
  for (let i = 0; i < 2; i++) {
    bg.on.click({ id: TAB }); // run
    await settle();
    const content = bg.content();
    const shown = content.args.filter(([m]) => m === "show").at(-1)[1];
    const busy = content.args.filter(([m]) => m === "busy").at(-1)[1];
    const names = shown.settings.names;
    assert.deepEqual(busy.settings.names, names, "busy and show got different names");
    assert.deepEqual(bg.session.data.get(`names:${TAB}`), names, "the run's names are not in session storage");
    assert.equal(bg.css.inserted.at(-1), labels.pageCss(names), "the inserted CSS is not this run's");
    runs.push(names);
    bg.on.click({ id: TAB }); // clear
    await settle();
    assert.equal(bg.css.removed.at(-1), labels.pageCss(names), "clearing did not remove the very CSS inserted");
    assert.equal(bg.session.data.has(`names:${TAB}`), false, "the names outlived their CSS");
  }
  const all = (n) => [...Object.values(n.byLabel), n.flash];
  assert.deepEqual(all(runs[0]).filter((n) => all(runs[1]).includes(n)), [], "two runs share a name");
  assert.deepEqual(Object.keys(runs[0].byLabel).sort(), [...labels.LABELS, labels.WATCH].sort());

  // A navigation takes the page's stylesheet with it: its names are forgotten too.
  bg.on.click({ id: TAB });
  await settle();
  bg.on.updated(TAB, { status: "loading" });
  await settle();
  assert.equal(bg.session.data.has(`names:${TAB}`), false);
});

test("auto mode: a private_address refusal sends the page as displayed, and the status names no code", async () => {
  const asked = [];
  const bg = await loadBackground({
    annotate: async (base, payload) => {
      asked.push(payload);
      if (payload.html === undefined) {
        throw Object.assign(new Error("The helper does not read addresses on your own network."), { code: "private_address", status: 403 });
      }
      return RESULT;
    },
  });
  bg.on.click({ id: TAB });
  await settle();
  assert.equal(asked.length, 2, `asked ${asked.length} times`);
  assert.equal(asked[0].html, undefined);
  assert.equal(typeof asked[1].html, "string", "the fallback did not send the page");
  const content = bg.content();
  assert.equal(content.state, "shown", `calls: ${content.calls}`);
  const shown = content.args.find(([m]) => m === "show")[1];
  assert.equal(shown.mode, "page");
  assert.doesNotMatch(JSON.stringify(shown), /private_address/);
  assert.match(shown.reason, /your own network/);
});

test("auto mode sends the page as displayed when the fetched text is clearly short of it", async () => {
  const asked = [];
  const bg = await loadBackground({
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

test("a request waiting more than 700 ms polls health; a language model loading for the first time is said in the panel", async () => {
  const polled = [];
  const answered = deferred();
  const bg = await loadBackground({
    annotate: () => answered.promise,
    health: () => (polled.push(Date.now()), { status: "ok", loading: [{ code: "fr", name: "French" }] }),
  });
  bg.on.click({ id: TAB });
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(polled.length, 0, "health was asked before the request had waited 700 ms");
  await new Promise((r) => setTimeout(r, 1600));
  assert.ok(polled.length >= 1, "health was not polled while the request waited");
  const progress = bg.content().args.filter(([method]) => method === METHOD.progress);
  assert.deepEqual(progress[0][1], { loading: [{ code: "fr", name: "French" }] });
  answered.resolve(RESULT);
  await settle();
  const after = polled.length;
  await new Promise((r) => setTimeout(r, 1200));
  assert.equal(polled.length, after, "health was still polled after the answer came");
  assert.equal(bg.content().state, "shown");
});

test("a quick answer asks no health; the panel's count of listed entries goes to the badge", async () => {
  const polled = [];
  const bg = await loadBackground({ annotate: async () => RESULT, health: () => (polled.push(1), { status: "ok", loading: [] }) });
  bg.on.click({ id: TAB });
  await settle();
  await new Promise((r) => setTimeout(r, 900));
  assert.equal(polled.length, 0);
  assert.equal(bg.badges.at(-1), "1");
  bg.on.message({ type: MESSAGE.listed, count: 5 }, { tab: { id: TAB } }, () => {});
  assert.equal(bg.badges.at(-1), "5");
  bg.on.message({ type: MESSAGE.listed, count: "lots" }, { tab: { id: TAB } }, () => {});
  assert.equal(bg.badges.at(-1), "5", "a count that is not a number reached the badge");
});
