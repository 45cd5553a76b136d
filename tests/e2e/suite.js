// The end-to-end suite, run once per browser (chromium.test.js, firefox.test.js): the real
// helper, fixture pages over HTTP, the unpacked extension (paired with the helper as a reader
// does), its real toolbar action, checks made in the page (its CSS.highlights registry, the DOM)
// and through the extension's own inspect() (the panel, closed to the page; this run's names),
// and the panel clicked with real mouse input.
import { describe, test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { REPO } from "./browsers.js";
import { launchPaired } from "./pairing.js";
import { startHelper, annotate, mentionsOf } from "./helper.js";
import { startFixtureServer } from "./fixture-server.js";
import {
  snapshot,
  annotateViaAction,
  readMentions,
  readPanel,
  clickInPanel,
  enableAllFilters,
  clearViaAction,
  waitCleared,
  waitDone,
  installWatcher,
  alignMentions,
  firstDiff,
  normText,
  withTimeout,
  waitInspect,
} from "./flow.js";
import { setTimeout as sleep } from "node:timers/promises";

// Each run writes its screenshots under reports/ (ignored); the README's copies in
// docs/screenshots/ are refreshed by hand, so a test run never changes tracked files.
export const SCREENSHOTS = process.env.ENTITY_LENS_SCREENSHOTS ?? join(REPO, "reports/screenshots");
const ARTICLE = "/ferry-expansion.html";
const SCRIPTED = "/port-strike-live.html";
const MEMBERS = "/members/rail-tunnel.html";

const fmt = (ms) => ms.map((m) => `${m.text}/${m.label}`).join(", ");

export function defineE2E(kind) {
  describe(`Entity Lens end to end in ${kind}`, { timeout: 600000 }, () => {
    let helper, fixtures, session;
    const pages = [];

    before(async () => {
      // Each step names itself when it hangs (node:test only says "failed running before hook").
      fixtures = await withTimeout(startFixtureServer(), 10000, "starting the fixture server");
      helper = await withTimeout(startHelper(), 120000, "starting the helper (entity-lens serve)");
      session = await withTimeout(launchPaired(kind, helper), 120000, `launching ${kind} with the extension, paired`);
    }, { timeout: 300000 });

    after(async () => {
      try {
        if (session) await session.close();
      } finally {
        if (helper) await helper.stop();
        if (fixtures) await fixtures.close();
      }
    }, { timeout: 60000 });

    afterEach(async () => {
      while (pages.length) await pages.pop().close().catch(() => {});
    });

    async function open(path, settings, { login = false } = {}) {
      await session.setSettings({ helperUrl: helper.url, ...settings });
      const page = await session.newPage();
      pages.push(page);
      const url = fixtures.url + path;
      if (login) await page.goto(`${fixtures.url}/login?next=${encodeURIComponent(path)}`, { waitUntil: "load" });
      else await page.goto(url, { waitUntil: "load" });
      assert.equal(page.url(), url, "the fixture page did not open");
      return { page, url };
    }

    /** What the helper returns for the page fetched by itself, and for the page as displayed. */
    async function helperResults(url, docHTML) {
      const [byUrl, byPage] = await Promise.all([annotate(helper.url, { url }), annotate(helper.url, { url, html: docHTML })]);
      return { byUrl, byPage };
    }

    /** Opens a fixture, takes the before-snapshot and asks the helper what it returns for it. */
    async function prepare(path, settings, { login = false, ready = null } = {}) {
      const { page, url } = await open(path, settings, { login });
      if (ready) await page.waitForFunction(ready, { timeout: 10000 });
      const before = await snapshot(page);
      const { byUrl, byPage } = await helperResults(url, before.docHTML);
      return { page, url, before, byUrl, byPage };
    }

    /**
     * Fires the action and checks the painted mentions against `expected` (a helper result):
     * every mention of an enabled type, same text and label, in order; nothing outside the
     * article; body text unchanged; then every type enabled: every mention. Returns details.
     */
    async function annotateAndCheck(page, expected, before, { onDefaultPainted } = {}) {
      assert.equal(expected.status, 200, `the helper itself failed on this page: ${JSON.stringify(expected.body)}`);
      const result = expected.body;
      const mentions = mentionsOf(result);
      assert.ok(mentions.length >= 5, `the fixture should give the helper entities, got ${fmt(mentions)}`);
      for (const m of mentions) assert.ok(m.consistent, `helper text[start:end] != entity.text for ${m.text}`);

      const state = await annotateViaAction(session, page);
      assert.ok(!state.timedOut, `no result within the time-out (status: ${JSON.stringify(state.status)}, panel: ${state.panel})`);
      assert.equal(state.error, "", `the panel shows an error: ${state.error}`);

      const panel = await readPanel(session, page);
      assert.ok(panel.exists, "no <entity-lens-panel>");
      assert.ok(panel.closed, "the panel's shadow root is open to the page");
      assert.ok(panel.parentIsRoot, "the panel is not a child of <html> (it must stay outside <body>)");
      assert.ok(panel.status, "the panel's .status line is empty");

      // Types shown by default (numeric types are off by default in the panel).
      const enabled = new Set(panel.filters.filter((f) => f.checked).map((f) => f.label));
      const known = new Set(panel.filters.map((f) => f.label));
      const visibleExpected = mentions.filter((m) => enabled.has(m.label) || !known.has(m.label));
      let painted = await readMentions(session, page);
      checkPainted(visibleExpected, painted, "types shown by default");
      if (onDefaultPainted) await onDefaultPainted();

      const during = await snapshot(page);
      assert.equal(during.bodyText, before.bodyText, "document.body.innerText changed while annotated");

      // Every type on: every mention the helper returned.
      await enableAllFilters(session, page);
      painted = await readMentions(session, page);
      const { matched } = checkPainted(mentions, painted, "all types enabled");

      // The panel lists the entities: a button per group the helper returned.
      const panel2 = await readPanel(session, page);
      const ids = new Set(panel2.groups.map((g) => g.id));
      const missingGroups = result.groups.filter((g) => !ids.has(g.id));
      assert.deepEqual(missingGroups.map((g) => `${g.name}/${g.label}`), [], "groups missing from the panel");
      return { state, mentions, painted, matched, result, panel: panel2 };
    }

    function checkPainted(expected, painted, what) {
      const outside = painted.filter((p) => p.region !== "article" || !p.inBody);
      assert.deepEqual(
        outside.map((p) => `${p.text}/${p.label} in ${p.region}`),
        [],
        `(${what}) painted outside the article`,
      );
      const { matched, missing, extra } = alignMentions(expected, painted);
      assert.deepEqual(
        { missing: missing.map((m) => `${m.text}/${m.label}`), extra: extra.map((m) => `${m.text}/${m.label}`) },
        { missing: [], extra: [] },
        `(${what}) painted mentions differ from the helper's (${matched.length} of ${expected.length} matched)`,
      );
      for (const p of painted) assert.equal(normText(p.text), normText(p.text).trim());
      return { matched };
    }

    function assertRestored(afterSnap, before, how) {
      const d = firstDiff(before.bodyHTML, afterSnap.bodyHTML);
      assert.ok(!d, `${how}: document.body.outerHTML differs at ${d && d.at}:\nbefore: ${d && d.before}\nafter:  ${d && d.after}`);
      assert.equal(afterSnap.bodyText, before.bodyText, `${how}: document.body.innerText differs`);
    }

    test("the extension's pages run their modules: the options page (ready) and the popup (shows its message)", async () => {
      // The background module answers every run below; the options page's module flags itself ready.
      await (await session.optionsPage()).close();
      const page = await session.newPage();
      pages.push(page);
      const query = new URLSearchParams({ title: "Popup title", advice: "Popup advice" });
      // No wait on goto: under BiDi it never resolves on moz-extension:// (see browsers.js).
      page.goto(`${session.extensionOrigin}/popup/popup.html?${query}`).catch(() => {});
      const shown = () => page.evaluate(() => [document.getElementById("title").textContent,
        document.getElementById("advice").textContent]).catch(() => null);
      const deadline = Date.now() + 8000;
      let seen = await shown();
      while ((!seen || seen[0] !== "Popup title") && Date.now() < deadline) {
        await sleep(100);
        seen = await shown();
      }
      assert.deepEqual(seen, ["Popup title", "Popup advice"], "popup.js did not run");
    });

    test("highlight style, url mode: the article's mentions painted in place, panel, scroll, badge, clear", async () => {
      const { page, url, before, byUrl } = await prepare(ARTICLE, { mode: "url", style: "highlight" });
      // Screenshot for the README: the highlighted page with the panel open, default types.
      const shot = async () => {
        await page.evaluate(() => window.scrollTo(0, 0));
        await sleep(150);
        await mkdir(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOTS, `e2e-${kind}.png`) });
      };
      const r = await annotateAndCheck(page, byUrl, before, { onDefaultPainted: shot });

      // Nothing painted via the DOM in this style.
      assert.ok(r.painted.every((p) => p.kind === "highlight"), "highlight style must not wrap text in marks");

      // Badge: the entity count.
      const badge = await session.badgeText(url);
      assert.match(String(badge), /^\d+$/, `badge text ${JSON.stringify(badge)} is not a count`);
      const counts = [r.result.groups.length, r.mentions.length, r.panel.groups.length];
      assert.ok(counts.includes(Number(badge)), `badge ${badge} is none of groups/mentions/listed (${counts})`);

      await page.evaluate(() => window.scrollTo(0, 0));
      await sleep(100);
      // Clicking an entity scrolls to a mention: pick one whose mentions are all below the fold.
      const groupOf = new Map(r.matched.map(([i, j]) => [j, r.mentions[i].group]));
      const firstTop = new Map();
      r.painted.forEach((p, j) => {
        const g = groupOf.get(j);
        if (g && !firstTop.has(g)) firstTop.set(g, p.top);
      });
      const viewport = await page.evaluate(() => window.innerHeight);
      const below = [...firstTop].filter(([, top]) => top > viewport + 50).sort((a, b) => b[1] - a[1]);
      assert.ok(below.length, "the fixture should have an entity below the fold");
      const [target] = below[0];
      const y0 = await page.evaluate(() => window.scrollY);
      await clickInPanel(session, page, { group: target });
      let visible = false;
      let y1 = y0;
      for (let i = 0; i < 40 && !visible; i++) {
        await sleep(100);
        y1 = await page.evaluate(() => window.scrollY);
        const now = await readMentions(session, page);
        visible = now.some((p, j) => groupOf.get(j) === target && p.visible);
      }
      assert.ok(y1 > y0, `clicking the entity did not scroll (scrollY ${y0} -> ${y1})`);
      assert.ok(visible, "after clicking the entity no mention of it is in the viewport");

      // Clicking the toolbar button again clears everything, exactly.
      assert.ok(await clearViaAction(session, page), "a second click did not clear the highlights and the panel");
      assertRestored(await snapshot(page), before, "after clearing (highlight style)");
    });

    test("inline style, page mode: marks match the helper, text unchanged, panel clear restores outerHTML", async () => {
      const { page, before, byPage } = await prepare(ARTICLE, { mode: "page", style: "inline" });
      const r = await annotateAndCheck(page, byPage, before);
      assert.ok(r.painted.every((p) => p.kind === "mark"), "inline style must wrap mentions in <mark data-entity-lens>");
      const groups = new Set(r.result.groups.map((g) => g.id));
      assert.ok(r.painted.every((p) => groups.has(p.group)), "a mark's data-entity-lens-group is not a helper group id");

      await clickInPanel(session, page, { action: "clear" });
      assert.ok(await waitCleared(page), "the panel's clear did not remove the marks and the panel");
      assertRestored(await snapshot(page), before, "after clearing (inline style)");

      // And again with the toolbar button as the way out.
      await installWatcher(page);
      const r2 = await annotateViaAction(session, page);
      assert.ok(!r2.timedOut && !r2.error, `second annotation failed: ${r2.error || r2.status}`);
      assert.ok(await clearViaAction(session, page), "the toolbar button did not clear the inline marks");
      assertRestored(await snapshot(page), before, "after clearing with the toolbar button (inline style)");
    });

    test("auto mode uses the helper's own fetch when the page is the same", async () => {
      const { page, before, byUrl } = await prepare(ARTICLE, { mode: "auto", style: "highlight" });
      const n = fixtures.requests.length;
      await annotateAndCheck(page, byUrl, before);
      const fetched = fixtures.requests.slice(n).filter((q) => q.path === ARTICLE && /entity\s*lens/i.test(q.ua));
      assert.ok(fetched.length >= 1, "in auto mode the helper should have fetched the URL itself");
      assert.ok(await clearViaAction(session, page));
      assertRestored(await snapshot(page), before, "after clearing (auto)");
    });

    test("auto mode falls back to the page as displayed when the helper cannot fetch it", async () => {
      const { page, before, byUrl, byPage } = await prepare(MEMBERS, { mode: "auto", style: "highlight" }, { login: true });
      assert.equal(byUrl.status, 502, "the helper should not be able to fetch the members-only page");
      const n = fixtures.requests.length;
      await annotateAndCheck(page, byPage, before);
      const refused = fixtures.requests.slice(n).filter((q) => q.path === MEMBERS && q.status === 403);
      assert.ok(refused.length >= 1, "auto mode should have tried the URL first (no refused helper fetch seen)");
      assert.ok(await clearViaAction(session, page));
      assertRestored(await snapshot(page), before, "after clearing (fallback)");
    });

    test("url mode on a page the helper cannot fetch: a plain message and a retry button", async () => {
      const { page } = await open(MEMBERS, { mode: "url", style: "highlight" }, { login: true });
      const state = await annotateViaAction(session, page);
      assert.ok(!state.timedOut, "no message within the time-out");
      const panel = await readPanel(session, page);
      assert.ok(panel.error, `no error message in the panel (status: ${panel.status})`);
      assert.ok(panel.retry, "no retry button next to the error");
      assert.equal((await readMentions(session, page)).length, 0, "nothing may be painted after an error");
      assert.ok(await clearViaAction(session, page));
    });

    test("an article rendered by script after load is annotated (auto mode falls back to the page)", async () => {
      const { page, before, byUrl, byPage } = await prepare(SCRIPTED, { mode: "auto", style: "highlight" }, {
        ready: () => document.documentElement.dataset.storyRendered === "true",
      });
      assert.ok(
        byUrl.status !== 200 || mentionsOf(byUrl.body).length < 3,
        "the fixture's served HTML should not hold the article (it is rendered by script)",
      );
      await annotateAndCheck(page, byPage, before);
      assert.ok(await clearViaAction(session, page));
      assertRestored(await snapshot(page), before, "after clearing (script-rendered page)");
    });

    test("helper stopped: the start-the-helper message; helper back on the same port: retry works", async () => {
      const { page, url } = await open(ARTICLE, { mode: "url", style: "highlight" });
      const before = await snapshot(page);
      await helper.stop();
      let restarted = false;
      try {
        const state = await annotateViaAction(session, page);
        assert.ok(!state.timedOut, "no message within the time-out");
        const panel = await readPanel(session, page);
        assert.ok(panel.error, `no error in the panel when the helper is stopped (status: ${panel.status})`);
        assert.match(panel.error, /entity-lens serve/, `the message should say how to start the helper: ${panel.error}`);
        assert.ok(panel.retry, "no retry button");
        assert.equal((await readMentions(session, page)).length, 0);

        await helper.start();
        restarted = true;
        const { byUrl } = await helperResults(url, before.docHTML);
        await installWatcher(page);
        await page.evaluate(() => (window.__elWatch.t0 = performance.now()));
        await clickInPanel(session, page, { action: "retry" });
        // The reader's click starts a run: the old message goes first.
        await waitInspect(session, page, (seen) => seen && seen.state !== "error", "retry starting a run");
        const s2 = await waitDone(session, page);
        assert.ok(!s2.timedOut && !s2.error, `retry did not work: ${s2.error || s2.status}`);
        const painted = await readMentions(session, page);
        const visibleLabels = new Set((await readPanel(session, page)).filters.filter((f) => f.checked).map((f) => f.label));
        const expected = mentionsOf(byUrl.body).filter((m) => visibleLabels.size === 0 || visibleLabels.has(m.label));
        checkPainted(expected, painted, "after retry");
        assert.ok(await clearViaAction(session, page));
        assertRestored(await snapshot(page), before, "after clearing (retry)");
      } finally {
        if (!restarted) await helper.start();
      }
    });
  });
}
