// Attacks on the extension from what runs beside it (issue 12), in Chromium and Firefox: a hostile
// page (tests/fixtures/pages/hostile-reader.html) that tries to read the panel, drive it with
// synthetic input, learn labels and watched terms from the highlight registry, and have the
// helper read an address on the reader's own machine; and another installed extension that tries
// the helper. The helper is the reader's default one: no --allow-private-addresses.
import { describe, test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LABELS, WATCH } from "../../extension/labels.js";
import { CHROME_ID, launchBrowser } from "./browsers.js";
import { startHelper, annotate, mentionsOf, requestLines, helperCli } from "./helper.js";
import { startFixtureServer, FIXTURES } from "./fixture-server.js";
import { launchPaired, pairingCode, typePairingCode, extensionIsPaired } from "./pairing.js";
import {
  snapshot,
  annotateViaAction,
  inspect,
  readMentions,
  readPanel,
  clickInPanel,
  clearViaAction,
  waitCleared,
  waitInspect,
  enableAllFilters,
  alignMentions,
  paintedCount,
  firstDiff,
} from "./flow.js";
import { setTimeout as sleep } from "node:timers/promises";

const KINDS = ["chromium", "firefox"];
const PAGE = "/hostile-reader.html";
// The same page behind the fixture server's login: the helper cannot fetch it, so url mode fails.
const MEMBERS_PAGE = "/members/hostile-reader.html";
const WATCHLIST = ["Tesla", "Bitcoin"];

// The extension's labels, from its own file.


const annotateCalls = (helper) => requestLines(helper).filter((r) => r.method === "POST" && r.path === "/v1/annotate");

/** The helper's annotate requests once its log has been still for a while (it logs after answering). */
async function settledCalls(helper, stillMs = 400) {
  let count = annotateCalls(helper).length;
  let since = Date.now();
  while (Date.now() - since < stillMs) {
    await sleep(25);
    const now = annotateCalls(helper).length;
    if (now !== count) [count, since] = [now, Date.now()];
  }
  return count;
}
const fmt = (ms) => ms.map((m) => `${m.text}/${m.label}`).join(", ");
const center = (rect) => ({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });

/** A name that says something: a label, a watched term, or our old fixed prefix. */
function telling(name) {
  const lower = name.toLowerCase();
  return [...LABELS, WATCH, ...WATCHLIST, "entity-lens", "flash"].filter((word) => lower.includes(word.toLowerCase()));
}

/**
 * Another extension, made here: host permission for 127.0.0.1 (so the browser lets it reach the
 * helper without CORS), a background that asks the helper for its health, an annotation, a token
 * (without a code, then with a guessed one), then its health again, and posts what it got to
 * `reportUrl`.
 */
async function curiousExtension(helperUrl, reportUrl) {
  const dir = await mkdtemp(join(tmpdir(), "entity-lens-curious-"));
  const manifest = {
    manifest_version: 3,
    name: "Curious Helper",
    version: "1.0",
    host_permissions: ["http://127.0.0.1/*"],
    background: { service_worker: "bg.js", scripts: ["bg.js"] },
    browser_specific_settings: { gecko: { id: "curious@example.org", data_collection_permissions: { required: ["none"] } } },
  };
  const background = `
    const HELPER = ${JSON.stringify(helperUrl)};
    const ask = async (path, init) => {
      try {
        const r = await fetch(HELPER + path, init);
        return { status: r.status, body: await r.text() };
      } catch (err) {
        return { failed: String(err) };
      }
    };
    const json = (body) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    (async () => {
      const out = {};
      out.health = await ask("/v1/health", {});
      out.annotate = await ask("/v1/annotate", json({ url: "http://127.0.0.1/secret", html: "<html><body><article><p>Ada Lovelace met Charles Babbage in London on Monday to talk about engines.</p></article></body></html>" }));
      out.pair = await ask("/v1/pair", json({}));
      out.pairGuess = await ask("/v1/pair", json({ code: "ABCD-EFGH", name: "Entity Lens in Chrome" }));
      out.healthAfterCode = await ask("/v1/health", {});
      await fetch(${JSON.stringify(reportUrl)}, { method: "POST", body: JSON.stringify(out) });
    })();`;
  await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest, null, 1));
  await writeFile(join(dir, "bg.js"), background);
  return dir;
}

/** Collects what the other extension posts. Returns { url, reports, next(ms), close() }. */
async function startCollector() {
  const reports = [];
  const waiting = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      res.writeHead(204);
      res.end();
      if (req.method !== "POST") return;
      reports.push(JSON.parse(body));
      for (const w of waiting.splice(0)) w();
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}/report`,
    async next(count, ms = 30000) {
      const deadline = Date.now() + ms;
      while (reports.length < count) {
        if (Date.now() > deadline) throw new Error(`the other extension reported nothing within ${ms / 1000} s`);
        await Promise.race([new Promise((r) => waiting.push(r)), sleep(200)]);
      }
      return reports[count - 1];
    },
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

const shared = { helper: null, fixtures: null };

describe("Attacks on the extension from a page and from another extension", { timeout: 900000 }, () => {
  before(async () => {
    shared.fixtures = await startFixtureServer({ extra: new Map([[MEMBERS_PAGE, join(FIXTURES, "hostile-reader.html")]]) });
    // The reader's helper as installed: private addresses refused.
    shared.helper = await startHelper({ allowPrivateAddresses: false });
  }, { timeout: 120000 });

  after(async () => {
    if (shared.helper) await shared.helper.stop();
    if (shared.fixtures) await shared.fixtures.close();
  }, { timeout: 30000 });

  for (const kind of KINDS) {
    describe(`in ${kind}`, { timeout: 600000 }, () => {
      let session;
      const pages = [];

      before(async () => {
        session = await launchPaired(kind, shared.helper);
      }, { timeout: 180000 });

      after(async () => {
        if (session) await session.close();
      }, { timeout: 60000 });

      afterEach(async () => {
        while (pages.length) await pages.pop().close().catch(() => {});
      });

      /** Opens the hostile page (fresh address, so one tab shows it) with these settings. */
      async function open(settings, { path = PAGE, login = false } = {}) {
        const { helper, fixtures } = shared;
        await session.setSettings({ helperUrl: helper.url, types: helper.health.labels, watchlist: [], ...settings });
        const page = await session.newPage();
        pages.push(page);
        const url = `${fixtures.url}${path}`;
        if (login) await page.goto(`${fixtures.url}/login?next=${encodeURIComponent(path)}`, { waitUntil: "load" });
        else await page.goto(url, { waitUntil: "load" });
        assert.equal(page.url(), url, "the hostile page did not open");
        await page.waitForFunction(() => document.documentElement.dataset.hostileReady === "true", { timeout: 5000 });
        return { page, url };
      }

      async function annotateOk(page) {
        const state = await annotateViaAction(session, page);
        assert.ok(!state.timedOut, `no result within the time-out (state ${state.state}, status ${state.status})`);
        assert.equal(state.error, "", `the panel shows an error: ${state.error}`);
        const seen = await inspect(session, page);
        assert.equal(seen.state, "shown");
        assert.ok(seen.panel.sections.length >= 3, `the panel lists few entities: ${JSON.stringify(seen.panel.sections)}`);
        return seen;
      }

      test("Entity Lens is paired with the helper by the reader's code (and Chromium's id is the pinned one)", async () => {
        if (kind === "chromium") {
          assert.equal(session.extensionId, CHROME_ID);
          assert.equal(session.extensionOrigin, `chrome-extension://${CHROME_ID}`);
        }
        const listed = await helperCli(["pair", "--list"], shared.helper.configDir);
        assert.equal(listed.code, 0, listed.stderr);
        const name = kind === "chromium" ? "Entity Lens in Chrome" : "Entity Lens in Firefox";
        assert.ok(listed.stdout.split("\n").some((line) => line.startsWith(`Paired: ${name} `)), listed.stdout);
        assert.equal(await extensionIsPaired(session), true);
      });

      test("(a) the page cannot read the panel: closed root, nothing in the DOM, selection or serialisation", async () => {
        const { page } = await open({ mode: "page", style: "highlight", watchlist: WATCHLIST });
        const seen = await annotateOk(page);
        const got = await page.evaluate(() => window.hostile.readPanel());
        assert.equal(got.found, true, "no panel host in the page");
        assert.equal(got.shadowRoot, null, "host.shadowRoot is readable");
        assert.equal(got.children, 0);
        assert.equal(got.innerHTML, "");
        assert.ok(["", null].includes(got.serialized), `getHTML gave ${got.serialized}`);
        assert.notEqual(got.reattach, "attached", "the page attached a root of its own to the panel's host");
        assert.deepEqual(got.caught.filter((r) => r.host === "entity-lens-panel"), [],
          "the page's own attachShadow caught the panel's root");
        // What only the panel shows: its status line, section titles and buttons.
        const only = [seen.panel.status, "Export JSON", "Export CSV", "Watchlist", ...seen.panel.sections.map((s) => s.title)];
        for (const where of ["documentText", "innerText", "selected", "outerHTML"]) {
          const leaked = only.filter((text) => text && got[where].includes(text.replace(/\s+/g, " ").trim()));
          assert.deepEqual(leaked, [], `the page read panel text through ${where}`);
        }
        assert.ok(await clearViaAction(session, page));
      });

      test("(b) synthetic clicks, keys and a fake retry button do nothing; the reader's own click does", async () => {
        const { helper } = shared;
        // An error with a retry button: url mode on a page the helper cannot fetch.
        const { page, url } = await open({ mode: "url", style: "highlight" }, { path: MEMBERS_PAGE, login: true });
        const failed = await annotateViaAction(session, page);
        assert.ok(!failed.timedOut && failed.error, `expected an error in the panel (status ${failed.status})`);
        const before = await inspect(session, page);
        const retry = before.panel.buttons.find((b) => b.action === "retry");
        assert.ok(retry, "no retry button");
        const calls = await settledCalls(helper);
        const badge = await session.badgeText(url);

        // The page aims at the retry button itself, and at everything else it can reach.
        const { x, y } = center(retry.rect);
        const done = await page.evaluate((x, y) => window.hostile.drive(x, y), x, y);
        assert.deepEqual(done.filter((d) => d.startsWith("hit:")), ["hit:entity-lens-panel"], `the page's hit test: ${done}`);
        await sleep(1500);
        assert.equal(annotateCalls(helper).length, calls, "a synthetic click started a run");
        const after = await inspect(session, page);
        assert.equal(after.state, "error", "synthetic input changed the panel's state");
        assert.deepEqual(after.panel.error, before.panel.error);
        assert.equal(await session.badgeText(url), badge);

        // The reader's click on the same button starts a run.
        await clickInPanel(session, page, { action: "retry" });
        const deadline = Date.now() + 15000;
        while (annotateCalls(helper).length === calls && Date.now() < deadline) await sleep(50);
        assert.equal(annotateCalls(helper).length, calls + 1, "the reader's click on retry did not ask the helper once");
        await waitInspect(session, page, (s) => s && s.state === "error", "the retried run ending", 30000);
        await sleep(500);
        assert.equal(annotateCalls(helper).length, calls + 1, "one click, more than one run");
        assert.ok(await clearViaAction(session, page));

        // Results shown: the page aims at the close button and at an entity; nothing moves.
        const shown = await open({ mode: "page", style: "inline" });
        const snap = await snapshot(shown.page);
        const seen = await annotateOk(shown.page);
        const painted = await paintedCount(shown.page);
        const close = seen.panel.buttons.find((b) => b.action === "clear");
        const entity = seen.panel.buttons.find((b) => b.group && !b.disabled);
        const y0 = await shown.page.evaluate(() => window.scrollY);
        for (const target of [close, entity]) {
          const p = center(target.rect);
          await shown.page.evaluate((x, y) => window.hostile.drive(x, y), p.x, p.y);
        }
        await sleep(800);
        const still = await inspect(session, shown.page);
        assert.equal(still.state, "shown", "synthetic input cleared the results");
        assert.deepEqual(still.panel.sections, seen.panel.sections);
        assert.deepEqual(still.panel.filters.map((f) => f.checked), seen.panel.filters.map((f) => f.checked));
        assert.equal(await paintedCount(shown.page), painted, "synthetic input changed what is painted");
        assert.equal(await shown.page.evaluate(() => window.scrollY), y0, "a synthetic click on an entity scrolled the page");
        // The reader's click on close clears, exactly.
        await clickInPanel(session, shown.page, { action: "clear" });
        assert.ok(await waitCleared(shown.page), "the reader's click on close did not clear");
        const d = firstDiff(snap.bodyHTML, (await snapshot(shown.page)).bodyHTML);
        assert.ok(!d, `the page is not as before at ${d && d.at}`);
      });

      test("(c) the highlight registry names no label and holds no watched term, and changes every run", async () => {
        const { page } = await open({ mode: "page", style: "highlight", watchlist: WATCHLIST });
        const runs = [];
        for (let i = 0; i < 2; i++) {
          const seen = await annotateOk(page);
          assert.ok(seen.panel.sections.some((s) => s.label === WATCH), "no watchlist match: the test would prove nothing");
          await enableAllFilters(session, page);
          const got = await page.evaluate(() => window.hostile.highlights());
          const names = got.names.map((h) => h.name);
          assert.ok(names.length >= 3, `few highlights: ${names}`);
          // Watched names are never in the shared registry: not by name, not by their ranges' text.
          assert.ok(!names.includes(seen.names.byLabel[WATCH]), "the watched names' highlight is in the registry");
          const watchedTexts = got.names.flatMap((h) => h.texts).filter((t) => WATCHLIST.some((w) => t.toLowerCase().includes(w.toLowerCase())));
          assert.deepEqual(watchedTexts, [], "a watched term's range is in the registry");
          // They are drawn in a closed layer instead, which shows the page nothing.
          const after = await inspect(session, page);
          assert.ok(after.watchBoxes > 0, "no watched name drawn");
          const layer = got.hosts.find((h) => h.name === "entity-lens-marks");
          assert.deepEqual(layer, { name: "entity-lens-marks", shadowRoot: null, children: 0, text: "" });
          for (const name of names) assert.deepEqual(telling(name), [], `the highlight name ${name} tells the page something`);
          // No highlight stands out (a priority of its own would point at the watchlist).
          assert.deepEqual([...new Set(got.names.map((h) => h.priority))], [0], JSON.stringify(got.names));
          // Our stylesheet is not among the page's.
          assert.deepEqual(got.css.filter((rule) => /highlight|entity-lens/i.test(rule)), []);
          runs.push(names);
          assert.ok(await clearViaAction(session, page));
        }
        assert.deepEqual(runs[0].filter((n) => runs[1].includes(n)), [], "two runs share a highlight name");

        // The inline style: the marks' attributes name nothing either.
        await session.setSettings({ style: "inline" });
        await annotateOk(page);
        const { marks } = await page.evaluate(() => window.hostile.highlights());
        assert.ok(marks.length >= 5, `few marks: ${marks.length}`);
        for (const m of marks) {
          for (const attribute of m.attributes) {
            const value = attribute.slice(attribute.indexOf("=") + 1);
            assert.deepEqual(telling(value), [], `the mark attribute ${attribute} tells the page something`);
          }
        }
        assert.ok(await clearViaAction(session, page));
      });

      test("(d) an address on the reader's machine: the helper refuses it (private_address), auto mode reads the page as displayed", async () => {
        const { helper } = shared;
        const { page, url } = await open({ mode: "auto", style: "highlight" });
        const before = await snapshot(page);
        const byUrl = await annotate(helper.url, { url });
        assert.equal(byUrl.status, 403, `the helper fetched ${url}: ${JSON.stringify(byUrl.body).slice(0, 200)}`);
        assert.equal(byUrl.body.error.code, "private_address");
        assert.doesNotMatch(JSON.stringify(byUrl.body), /Sigurdsson|Landsvirkjun/, "the refusal carries the page's text");
        const byPage = await annotate(helper.url, { url, html: before.docHTML });
        assert.equal(byPage.status, 200, JSON.stringify(byPage.body));
        const expected = mentionsOf(byPage.body);
        assert.ok(expected.length >= 10, `the page gives few entities: ${fmt(expected)}`);

        await settledCalls(helper); // the two requests above are in the log
        const from = requestLines(helper).length;
        const seen = await annotateOk(page);
        const asked = requestLines(helper).slice(from).filter((r) => r.path === "/v1/annotate").map((r) => r.status);
        assert.deepEqual(asked, [403, 200], "auto mode: the address refused, then the page as displayed");
        assert.match(seen.panel.status, /as displayed/);
        assert.doesNotMatch(seen.panel.text, /private_address/, "the panel names the helper's error code");
        // The page's own entities, every one painted in place.
        await enableAllFilters(session, page);
        const painted = await readMentions(session, page);
        const { missing, extra } = alignMentions(expected, painted);
        assert.deepEqual({ missing: fmt(missing), extra: fmt(extra) }, { missing: "", extra: "" });
        const panel = await readPanel(session, page);
        assert.equal(panel.error, "");
        assert.ok(await clearViaAction(session, page));
      });

      test("(e) another installed extension gets nothing from the helper, Entity Lens still does", async () => {
        const { helper } = shared;
        const collector = await startCollector();
        let dir;
        try {
          const pairedBefore = await helperCli(["pair", "--list"], helper.configDir);
          dir = await curiousExtension(helper.url, collector.url);
          const otherId = await session.browser.installExtension(dir);
          assert.notEqual(otherId, session.extensionId);
          const report = await collector.next(1);
          const body = (r) => {
            try {
              return JSON.parse(r.body);
            } catch {
              return { unreadable: String(r.body || r.failed).slice(0, 120) };
            }
          };
          const data = (r) => /Lovelace|Babbage|"entities"|"model"|"labels"|"languages"|"token"/.test(r.body || "");
          // Health is open, and says no more than that the helper runs (not its model or labels).
          for (const name of ["health", "healthAfterCode"]) {
            assert.equal(report[name].status, 200, JSON.stringify(report[name]));
            assert.deepEqual(Object.keys(body(report[name])).sort(), ["paired", "status", "version"], report[name].body);
            assert.equal(body(report[name]).paired, false);
          }
          // Annotating is refused without a token; asking to pair without the reader's code gets none.
          assert.equal(report.annotate.status, 403, JSON.stringify(report.annotate));
          assert.ok(["not_paired", "forbidden"].includes(body(report.annotate).error.code), report.annotate.body);
          assert.ok(report.pair.status >= 400, `a pairing without a code: ${JSON.stringify(report.pair)}`);
          assert.ok(report.pairGuess.status >= 400, `a pairing with a guessed code: ${JSON.stringify(report.pairGuess)}`);
          for (const r of [report.annotate, report.pair, report.pairGuess]) assert.ok(!data(r), `data in the refusal: ${r.body}`);
          const pairedAfter = await helperCli(["pair", "--list"], helper.configDir);
          assert.equal(pairedAfter.stdout, pairedBefore.stdout, "the other extension got paired");

          const { page } = await open({ mode: "page", style: "highlight" });
          await annotateOk(page);
          assert.ok(await clearViaAction(session, page));
        } finally {
          await collector.close();
          if (dir) await rm(dir, { recursive: true, force: true });
        }
      });

      test("a new install is not paired until the reader types the code: the options page and the helper agree", async () => {
        const fresh = await launchBrowser(kind);
        try {
          await fresh.setSettings({ helperUrl: shared.helper.url });
          const page = await fresh.optionsPage();
          let shown = "";
          for (let i = 0; i < 100 && !shown; i++) {
            shown = await page.$eval("#pair-status", (el) => el.textContent.trim());
            if (!shown) await sleep(50);
          }
          await page.close();
          assert.match(shown, /^Not paired/, "the options page does not say it is not paired");
          assert.doesNotMatch(shown, /^Paired/, "an unpaired install is shown as paired");
          assert.equal(await extensionIsPaired(fresh), false);
          // A wrong code (a guess, or one a page showed) pairs nothing.
          const wrong = await typePairingCode(fresh, "ABCD-EFGH");
          assert.doesNotMatch(wrong, /^Paired/, `a wrong code: ${wrong}`);
          assert.equal(await extensionIsPaired(fresh), false);
          // The reader's code does, once.
          const code = await pairingCode(shared.helper.configDir);
          assert.match(await typePairingCode(fresh, code), /^Paired/);
          assert.equal(await extensionIsPaired(fresh), true);
          await fresh.setSettings({ helperToken: "" });
          assert.doesNotMatch(await typePairingCode(fresh, code), /^Paired/, "a code worked twice");
        } finally {
          await fresh.close();
        }
      });
    });
  }
});
