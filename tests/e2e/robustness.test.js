// The extension under stress, in Chromium and Firefox (issue 8): a page that keeps mutating its
// article while the helper works, two toolbar clicks back to back, a second click while the
// helper works, the tab closed mid-request, the helper SIGKILLed mid-request and restarted.
// Each test checks the page (painted mentions against the helper's answer, the panel, the DOM
// restored) and that no uncaught error reached the page or the extension's background.
//
// "Mid-request" is made deterministic by a page server that holds the helper's own fetch of the
// page (url mode) until the test releases it: the browser gets its pages at once.
import { describe, test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join } from "node:path";
import { watchExtensionErrors } from "./browsers.js";
import { startHelper, annotate, mentionsOf, requestLines } from "./helper.js";
import { launchPaired } from "./pairing.js";
import { FIXTURES } from "./fixture-server.js";
import {
  snapshot,
  installWatcher,
  annotateViaAction,
  waitDone,
  readMentions,
  readPanel,
  clickInPanel,
  clearViaAction,
  waitCleared,
  alignMentions,
  firstDiff,
  inspect,
  paintedCount,
  waitInspect,
} from "./flow.js";
import { setTimeout as sleep } from "node:timers/promises";

const ARTICLE = "/ferry-expansion.html";
const LIVE = "/live-mutating.html";
const HELPER_UA = /entity[\s-]*lens/i;
const fmt = (ms) => ms.map((m) => `${m.text}/${m.label}`).join(", ");

/**
 * Serves the fixture pages; requests from the helper's fetcher wait while the gate is held.
 * Returns { url, hold(), release(), helperFetches(), waitHelperFetch(n), close() }.
 */
async function startGatedServer() {
  let held = false;
  let waiting = [];
  let fetches = 0;
  let arrivals = [];
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/favicon.ico") {
      res.writeHead(204);
      return res.end();
    }
    if (HELPER_UA.test(req.headers["user-agent"] || "")) {
      fetches++;
      arrivals = arrivals.filter(([n, resolve]) => (fetches >= n ? (resolve(), false) : true));
      if (held) await new Promise((r) => waiting.push(r));
    }
    let body;
    try {
      if (path.includes("..")) throw new Error("no");
      body = await readFile(join(FIXTURES, path));
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain" });
      return res.end("not found");
    }
    const type = { ".html": "text/html; charset=utf-8", ".css": "text/css" }[extname(path)] || "application/octet-stream";
    res.writeHead(200, { "Content-Type": type, "Content-Length": body.length, "Cache-Control": "no-store" });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    hold() {
      held = true;
    },
    release() {
      held = false;
      for (const r of waiting.splice(0)) r();
    },
    helperFetches: () => fetches,
    /** Resolves once the helper has asked for a page `n` times in all. */
    waitHelperFetch(n, ms = 15000) {
      if (fetches >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`the helper did not fetch the page within ${ms} ms`)), ms);
        arrivals.push([n, () => (clearTimeout(t), resolve())]);
      });
    },
    close() {
      this.release();
      return new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
    },
  };
}

// Processes: the helper is a child of this test process; its NER worker a child of the helper.
function childrenOf(pid) {
  const out = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function helperPid(port) {
  const pids = childrenOf(process.pid).filter((pid) => {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return argv.includes("serve") && argv.includes(String(port));
    } catch {
      return false;
    }
  });
  assert.equal(pids.length, 1, `expected one helper process serving port ${port} started by this test, found ${pids}`);
  return pids[0];
}

async function waitGone(pid, ms = 10000) {
  const deadline = Date.now() + ms;
  while (existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"))) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Page-side uncaught errors and console errors of one page. */
function trackPage(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message || e}`));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "assert") errors.push(`console.${m.type()}: ${m.text()}`);
  });
  return errors;
}

/** Every painted mention that is on screen: in the body and not collapsed. */
const onScreen = (painted) => painted.filter((p) => p.inBody && p.text.trim());

/**
 * The painted mentions a reader can see, in document order: { text, label, region }. A live page
 * may replace a text node after it was painted; a highlight's range then stays on the detached
 * node and paints nothing (flow.js's readMentions cannot order such ranges): counted apart.
 * Labels come from this run's names (the extension's inspect()); an unknown name reads as null.
 */
async function visibleMentions(session, page) {
  const seen = await inspect(session, page);
  const labelOf = {};
  if (seen && seen.names) for (const [label, name] of Object.entries(seen.names.byLabel)) labelOf[name] = label;
  return page.evaluate((labelOf, flash) => {
    const items = [];
    let detached = 0;
    const own = window.__elBaseline || new Set();
    for (const [name, hl] of CSS.highlights) {
      if (own.has(name) || name === flash) continue;
      for (const r of hl) {
        if (!r.startContainer.isConnected || !r.endContainer.isConnected) detached++;
        else items.push({ r, label: labelOf[name] ?? null });
      }
    }
    for (const m of document.querySelectorAll("mark[data-entity-lens]")) {
      // A mention split across elements is several marks, each but the last marked -cont.
      const r = document.createRange();
      r.selectNodeContents(m);
      const prev = items.at(-1);
      if (prev && prev.open) prev.r.setEnd(m, m.childNodes.length);
      else items.push({ r, label: labelOf[m.dataset.entityLens] ?? null });
      items.at(-1).open = m.hasAttribute("data-entity-lens-cont");
    }
    items.sort((a, b) => a.r.compareBoundaryPoints(Range.START_TO_START, b.r));
    const region = (n) => {
      const el = n.nodeType === 1 ? n : n.parentElement;
      const r = el && el.closest("article, nav, aside, header, footer");
      return r ? r.localName : null;
    };
    const mentions = items.map(({ r, label }) => ({ text: r.toString(), label, region: region(r.startContainer) }));
    return { mentions: mentions.filter((m) => m.text.trim()), empty: mentions.filter((m) => !m.text.trim()).length, detached };
  }, labelOf, seen && seen.names ? seen.names.flash : null);
}

/** The painted state after the flow has settled: what is painted, the panel, the controller. */
async function settledState(session, page, { ms = 1500, timeoutMs = 30000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  let since = Date.now();
  for (;;) {
    const n = await paintedCount(page);
    const shown = await page.evaluate(() => {
      const host = document.querySelector("entity-lens-panel");
      return !!host && !host.hidden;
    });
    const seen = await inspect(session, page);
    const panel = seen && seen.panel;
    const s = JSON.stringify({
      n,
      panel: shown,
      status: panel ? panel.status.trim() : "",
      groups: panel ? panel.sections.filter((x) => !x.hidden).reduce((n, x) => n + x.entities.length, 0) : 0,
      error: panel && panel.error ? `${panel.error.title} ${panel.error.advice}` : "",
    });
    if (s !== last) {
      last = s;
      since = Date.now();
    } else if (Date.now() - since >= ms) return JSON.parse(s);
    if (Date.now() > deadline) throw new Error(`the page never settled; last state ${s}`);
    await sleep(50);
  }
}

function defineRobustness(kind, shared) {
  describe(`Entity Lens robustness in ${kind}`, { timeout: 300000 }, () => {
    let session, watcher;
    const pages = [];

    before(async () => {
      session = await launchPaired(kind, shared.helper);
      watcher = await watchExtensionErrors(session);
    }, { timeout: 120000 });

    after(async () => {
      if (watcher) await watcher.stop();
      if (session) await session.close();
    }, { timeout: 60000 });

    afterEach(async () => {
      shared.server.release();
      while (pages.length) await pages.pop().close().catch(() => {});
    });

    async function open(path, settings) {
      const { helper, server } = shared;
      await session.setSettings({ helperUrl: helper.url, types: helper.health.labels, ...settings });
      const page = await session.newPage();
      pages.push(page);
      const errors = trackPage(page);
      const url = server.url + path;
      await page.goto(url, { waitUntil: "load" });
      assert.equal(page.url(), url, "the fixture page did not open");
      return { page, url, errors };
    }

    async function expectedFor(url, html) {
      const r = await annotate(shared.helper.url, html === undefined ? { url } : { url, html });
      assert.equal(r.status, 200, `the helper itself failed on ${url}: ${JSON.stringify(r.body)}`);
      const mentions = mentionsOf(r.body);
      assert.ok(mentions.length >= 5, `the fixture should give the helper entities, got ${fmt(mentions)}`);
      return { result: r.body, mentions };
    }

    /** The page shows exactly the helper's mentions, each painted once. */
    async function assertPaintedOnce(page, mentions, what) {
      const painted = await readMentions(session, page);
      const shown = onScreen(painted);
      const { missing, extra } = alignMentions(mentions, shown);
      assert.deepEqual({ missing: fmt(missing), extra: fmt(extra) }, { missing: "", extra: "" }, `${what}: painted mentions differ from the helper's`);
      assert.equal(painted.length, shown.length, `${what}: ${painted.length - shown.length} painted ranges are detached or empty`);
      const nested = await page.evaluate(() => document.querySelectorAll("mark[data-entity-lens] mark[data-entity-lens]").length);
      assert.equal(nested, 0, `${what}: marks inside marks (painted twice)`);
    }

    function assertRestored(afterSnap, before, how) {
      const d = firstDiff(before.bodyHTML, afterSnap.bodyHTML);
      assert.ok(!d, `${how}: document.body.outerHTML differs at ${d && d.at}:\nbefore: ${d && d.before}\nafter:  ${d && d.after}`);
    }

    async function assertNoErrors(pageErrors, what) {
      assert.deepEqual(pageErrors, [], `${what}: uncaught errors in the page`);
      assert.deepEqual(await watcher.errors(), [], `${what}: uncaught errors in the extension's background`);
    }

    test("the article mutating while the helper works: mentions land on their text, clear leaves the page's own changes", async () => {
      const { server } = shared;
      for (const [mode, style] of [["page", "inline"], ["url", "highlight"]]) {
        const { page, url, errors } = await open(LIVE, { mode, style });
        await page.waitForFunction(() => window.liveMutations.count > 5, { timeout: 5000 });
        const stable = () =>
          page.evaluate(() => [...document.querySelectorAll("article > p:not(.byline)")].map((p) => p.textContent));
        const stableBefore = await stable();
        const html = mode === "page" ? (await snapshot(page)).docHTML : undefined;
        const { result, mentions } = await expectedFor(url, html);
        // Mentions in the re-rendered paragraph may be lost (their text nodes are replaced);
        // everything else must be painted, and nothing painted may be wrong.
        const line = result.text.split("\n").find((l) => l.startsWith("The mayor of Rotterdam"));
        assert.ok(line, "the helper's text lacks the re-rendered paragraph");
        const lineStart = result.text.indexOf(line);
        const inRerendered = (m) => m.start >= lineStart && m.end <= lineStart + line.length;

        const n0 = await page.evaluate(() => window.liveMutations.count);
        // url mode: the helper's fetch of the page is held a while, the page changing meanwhile.
        if (mode === "url") server.hold();
        const fetches = server.helperFetches();
        await installWatcher(page);
        await session.triggerAction(page);
        if (mode === "url") {
          await server.waitHelperFetch(fetches + 1);
          await sleep(400);
          server.release();
        }
        const state = await waitDone(session, page);
        const n1 = await page.evaluate(() => window.liveMutations.count);
        assert.ok(n1 - n0 >= 5, `${mode}/${style}: the page hardly changed during the annotation (${n1 - n0} ticks)`);
        assert.ok(!state.timedOut, `${mode}/${style}: no result within the time-out (status ${state.status}, state ${state.state}, ${state.inspectError})`);
        const panel = await readPanel(session, page);
        assert.equal(panel.error, "", `${mode}/${style}: the panel shows an error: ${panel.error}`);
        assert.ok(panel.groups.length > 0, `${mode}/${style}: the panel lists no entity`);

        // Still mutating: what is on screen is right. Then stop the page and look again.
        for (const when of ["while mutating", "after the page stopped"]) {
          if (when !== "while mutating") await page.evaluate(() => window.liveMutations.stop());
          const { mentions: shown } = await visibleMentions(session, page);
          const { matched, missing, extra } = alignMentions(mentions, shown);
          assert.equal(fmt(extra), "", `${mode}/${style} ${when}: painted text that is not the helper's mention there`);
          const lost = missing.filter((m) => !inRerendered(m));
          assert.equal(fmt(lost), "", `${mode}/${style} ${when}: mentions missing outside the re-rendered paragraph`);
          assert.ok(matched.length >= mentions.length - mentions.filter(inRerendered).length);
          const outside = shown.filter((p) => p.region !== "article");
          assert.equal(fmt(outside), "", `${mode}/${style} ${when}: painted outside the article`);
        }

        assert.ok(await clearViaAction(session, page), `${mode}/${style}: the toolbar button did not clear`);
        const leftovers = await page.evaluate(() => document.querySelectorAll("mark[data-entity-lens]").length);
        assert.equal(leftovers, 0, `${mode}/${style}: marks left after clearing`);
        assert.deepEqual(await stable(), stableBefore, `${mode}/${style}: the article's paragraphs changed`);
        assert.equal(await page.evaluate(() => window.liveMutations.errors), 0, `${mode}/${style}: the page's own script failed`);
        await assertNoErrors(errors, `${mode}/${style}`);
      }
    });

    test("two toolbar clicks back to back: one consistent state, never painted twice; the next click clears exactly", async () => {
      const { page, url, errors } = await open(ARTICLE, { mode: "url", style: "inline" });
      const before = await snapshot(page);
      const { mentions } = await expectedFor(url);
      await installWatcher(page);
      await session.triggerAction(page);
      await session.triggerAction(page);
      const s = await settledState(session, page);
      let clicks = 2;
      if (s.n === 0) {
        // The second click cancelled the first: nothing shown, the page as it was.
        assert.equal(s.panel, false, `cancelled, yet the panel is still there: ${JSON.stringify(s)}`);
        assertRestored(await snapshot(page), before, "after a cancelled double click");
        const r = await annotateViaAction(session, page);
        clicks++;
        assert.ok(!r.timedOut && !r.error, `a click after the double click failed: ${r.error || r.status}`);
      } else {
        assert.ok(s.groups > 0 && !s.error, `after two clicks the panel is not showing results: ${JSON.stringify(s)}`);
      }
      await assertPaintedOnce(page, mentions, `after ${clicks} clicks`);
      const panel = await readPanel(session, page);
      assert.equal(panel.groups.length, new Set(panel.groups.map((g) => g.id)).size, "the panel lists a group twice");
      assert.ok(await clearViaAction(session, page), "the next click did not clear");
      assertRestored(await snapshot(page), before, "after clearing a double click");
      await assertNoErrors(errors, "double click");
    });

    test("a second click while the helper works cancels: the late answer paints nothing, the next click works", async () => {
      const { server } = shared;
      const { page, url, errors } = await open(ARTICLE, { mode: "url", style: "inline" });
      const before = await snapshot(page);
      const { mentions } = await expectedFor(url);
      server.hold();
      const fetches = server.helperFetches();
      await installWatcher(page);
      await session.triggerAction(page);
      await server.waitHelperFetch(fetches + 1);
      assert.ok((await readPanel(session, page)).exists, "no panel while the helper works");
      await session.triggerAction(page);
      assert.ok(await waitCleared(page), "the second click did not take the panel away");
      server.release();
      const s = await settledState(session, page);
      assert.deepEqual(s, { n: 0, panel: false, status: "", groups: 0, error: "" }, "the late answer changed the page");
      assertRestored(await snapshot(page), before, "after cancelling");
      assert.equal(await session.badgeText(url), "", "the badge still shows something after cancelling");

      const r = await annotateViaAction(session, page);
      assert.ok(!r.timedOut && !r.error, `a click after cancelling failed: ${r.error || r.status}`);
      await assertPaintedOnce(page, mentions, "after cancelling and clicking again");
      assert.ok(await clearViaAction(session, page));
      assertRestored(await snapshot(page), before, "after clearing");
      await assertNoErrors(errors, "click while working");
    });

    test("the tab closed while the helper works: no error in the background, a new tab works", async () => {
      const { server, helper } = shared;
      const first = await open(ARTICLE, { mode: "url", style: "highlight" });
      const { mentions } = await expectedFor(first.url);
      const tabsBefore = (await session.browser.pages()).length;
      server.hold();
      const fetches = server.helperFetches();
      await session.triggerAction(first.page);
      await server.waitHelperFetch(fetches + 1);
      await first.page.close();
      pages.splice(pages.indexOf(first.page), 1);
      const answered = () => requestLines(helper).filter((r) => r.method === "POST" && r.path === "/v1/annotate" && r.status === 200).length;
      const logged = answered();
      server.release();
      // The helper answers a request nobody waits for any more; give the background time to fail.
      for (let i = 0; i < 100 && answered() === logged; i++) await sleep(50);
      await sleep(1000);
      assert.deepEqual(await watcher.errors(), [], "uncaught errors in the background after the tab closed");
      const popups = (await session.browser.pages()).map((p) => p.url()).filter((u) => u.includes("popup/popup.html"));
      assert.deepEqual(popups, [], "a popup opened for the closed tab");
      assert.equal((await session.browser.pages()).length, tabsBefore - 1, "tabs appeared or vanished");

      const second = await open(ARTICLE, { mode: "url", style: "highlight" });
      const r = await annotateViaAction(session, second.page);
      assert.ok(!r.timedOut && !r.error, `a new tab did not work: ${r.error || r.status}`);
      await assertPaintedOnce(second.page, mentions, "in a new tab");
      assert.ok(await clearViaAction(session, second.page));
      await assertNoErrors([...first.errors, ...second.errors], "tab closed");
    });

    test("the helper SIGKILLed mid-request: the panel says so; restarted, retry works", async () => {
      const { server, helper } = shared;
      const { page, url, errors } = await open(ARTICLE, { mode: "url", style: "highlight" });
      const before = await snapshot(page);
      const { mentions } = await expectedFor(url);
      const pid = helperPid(helper.port);
      const workers = childrenOf(pid);
      server.hold();
      const fetches = server.helperFetches();
      await installWatcher(page);
      await session.triggerAction(page);
      await server.waitHelperFetch(fetches + 1);
      process.kill(pid, "SIGKILL");
      let restarted = false;
      try {
        assert.ok(await waitGone(pid), "the helper survived SIGKILL");
        server.release();
        const state = await waitDone(session, page, { timeoutMs: 40000 });
        assert.ok(!state.timedOut, `no message within the time-out (status ${state.status})`);
        const panel = await readPanel(session, page);
        assert.match(panel.error, /not running/i, `the panel should say the helper is not running: ${panel.error || panel.status}`);
        assert.match(panel.error, /entity-lens serve/, "the message should say how to start the helper");
        assert.ok(panel.retry, "no retry button");
        assert.equal((await readMentions(session, page)).length, 0, "something painted after the helper died");
        assert.equal(await session.badgeText(url), "!", "the badge should flag the failure");
      } finally {
        server.release();
        // The killed helper's NER worker is ours too: end it if the kill left it behind.
        shared.orphans.push(...workers.filter((w) => existsSync(`/proc/${w}`)));
        for (const w of workers) {
          try {
            process.kill(w, "SIGKILL");
          } catch {
            // gone with the helper
          }
        }
        for (let i = 0; i < 50 && !restarted; i++) {
          await helper.start();
          restarted = !!(await fetch(`${helper.url}/v1/health`).then((r) => r.ok, () => false));
          if (!restarted) await sleep(100);
        }
      }
      assert.ok(restarted, "the helper did not start again");
      await clickInPanel(session, page, { action: "retry" });
      // The old message goes first (else the wait would take it for the answer).
      await waitInspect(session, page, (seen) => seen && seen.state !== "error", "retry starting a run");
      await installWatcher(page);
      const s2 = await waitDone(session, page);
      assert.ok(!s2.timedOut && !s2.error, `retry did not work: ${s2.error || s2.status}`);
      await assertPaintedOnce(page, mentions, "after retry");
      assert.ok(await clearViaAction(session, page));
      assertRestored(await snapshot(page), before, "after clearing (retry)");
      await assertNoErrors(errors, "helper killed");
    });
  });
}

const shared = { helper: null, server: null, orphans: [] };

describe("Entity Lens robustness", { timeout: 600000 }, () => {
  before(async () => {
    shared.server = await startGatedServer();
    shared.helper = await startHelper();
  }, { timeout: 120000 });

  after(async () => {
    if (shared.helper) await shared.helper.stop();
    if (shared.server) await shared.server.close();
    if (shared.orphans.length) {
      process.emitWarning(`SIGKILL of the helper left its NER worker(s) ${shared.orphans} running (ended by the test)`);
    }
  }, { timeout: 30000 });

  defineRobustness("chromium", shared);
  defineRobustness("firefox", shared);
});
