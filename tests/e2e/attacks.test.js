// Attacks on the helper from real browsers (issue 8): a hostile page on another local port tries
// the helper with fetch (JSON, and no-cors text/plain), a form auto-submitted into an iframe, an
// <img> and a <script>; a DNS-rebinding page reaches it under its own host name. Checked from
// the page (nothing readable), from the browser's network view (no Access-Control-Allow-Origin
// for the page) and from the helper's log (one line per request: method, path, status).
//
// Rebinding is staged for real: the page is served at http://rebind.localhost:P/ (browsers
// resolve *.localhost to 127.0.0.1 themselves) by an "attacker" server, which then goes away
// and the helper starts on the same port P. The page's same-origin requests then reach the
// helper without an Origin header on GET, only the Host header tells.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import net from "node:net";
import { launchBrowser } from "./browsers.js";
import { startHelper, requestLines } from "./helper.js";
import { startFixtureServer } from "./fixture-server.js";
import { setTimeout as sleep } from "node:timers/promises";

const KINDS = ["chromium", "firefox"];
/** Waits until the helper has logged at least `n` more request lines than `from`, then settles. */
async function linesAfter(helper, from, n, ms = 3000) {
  const deadline = Date.now() + ms;
  while (requestLines(helper).length < from + n && Date.now() < deadline) await sleep(25);
  await sleep(150); // a straggler (e.g. a second request of the same attack) gets logged too
  return requestLines(helper).slice(from);
}

const fmt = (lines) => lines.map((l) => `${l.method} ${l.path} ${l.status}`).join("; ");

/**
 * Every response the page's browser received from `port`, with its headers, including those the
 * page could not read (preflights, ORB-blocked bodies): Chromium over CDP (Network.*ExtraInfo),
 * Firefox over WebDriver BiDi (puppeteer's response events).
 */
async function watchResponses(kind, page, port) {
  const seen = [];
  const ours = (url) => new URL(url).port === String(port);
  if (kind === "chromium") {
    const cdp = await page.createCDPSession();
    const urls = new Map();
    cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
    cdp.on("Network.responseReceivedExtraInfo", (e) => seen.push({ id: e.requestId, status: e.statusCode, headers: e.headers }));
    await cdp.send("Network.enable");
    return () => seen.map((s) => ({ ...s, url: urls.get(s.id) || "" })).filter((s) => s.url && ours(s.url));
  }
  page.on("response", (r) => seen.push({ url: r.url(), status: r.status(), headers: r.headers() }));
  return () => seen.filter((s) => ours(s.url));
}

const acao = (headers) =>
  Object.entries(headers || {}).filter(([k]) => k.toLowerCase().startsWith("access-control-allow"));

const shared = { helper: null, fixtures: null, sessions: {}, rebindPages: {} };

describe("Attacks on the helper from real browsers", { timeout: 300000 }, () => {
  before(async () => {
    shared.fixtures = await startFixtureServer();
    // The rebinding stage: the attacker's server on port P serves the page first.
    const stage = await startFixtureServer();
    try {
      await Promise.all(
        KINDS.map(async (kind) => {
          const session = await launchBrowser(kind);
          shared.sessions[kind] = session;
          const page = await session.newPage();
          const url = `http://rebind.localhost:${stage.port}/rebind.html`;
          await page.goto(url, { waitUntil: "load" });
          assert.equal(page.url(), url, `${kind} did not open the rebinding page`);
          await page.waitForFunction(() => document.documentElement.dataset.reboundReady === "true", { timeout: 5000 });
          shared.rebindPages[kind] = page;
        }),
      );
    } finally {
      await stage.close();
    }
    // ... then the name points at the helper: same port, the helper behind it.
    shared.helper = await startHelper({ port: stage.port });
  }, { timeout: 180000 });

  after(async () => {
    try {
      for (const s of Object.values(shared.sessions)) await s.close();
    } finally {
      if (shared.helper) await shared.helper.stop();
      if (shared.fixtures) await shared.fixtures.close();
    }
  }, { timeout: 60000 });

  test("the helper listens on loopback only", async () => {
    const { port } = shared.helper;
    // Every listening socket on the helper's port, from the kernel's tables.
    const hex = port.toString(16).toUpperCase().padStart(4, "0");
    const listening = [];
    for (const [file, v6] of [["/proc/net/tcp", false], ["/proc/net/tcp6", true]]) {
      let rows = [];
      try {
        rows = readFileSync(file, "utf8").trim().split("\n").slice(1);
      } catch {
        // no IPv6 (or no /proc): nothing listens there
      }
      for (const row of rows) {
        const [, local, , state] = row.trim().split(/\s+/);
        const [addr, p] = local.split(":");
        if (p === hex && state === "0A") listening.push({ v6, addr });
      }
    }
    assert.ok(listening.length >= 1, `no listening socket found on port ${port}`);
    const loopback = (s) => (s.v6 ? s.addr === "00000000000000000000000001000000" : s.addr.endsWith("7F"));
    assert.deepEqual(listening.filter((s) => !loopback(s)), [], "the helper listens on a non-loopback address");
    // And this machine's other addresses are refused on that port.
    const others = Object.values(networkInterfaces()).flat().filter((i) => !i.internal && i.family === "IPv4");
    for (const { address } of others) {
      const outcome = await new Promise((resolve) => {
        const sock = net.connect({ host: address, port, timeout: 2000 });
        sock.once("connect", () => (sock.destroy(), resolve("connected")));
        sock.once("timeout", () => (sock.destroy(), resolve("timeout")));
        sock.once("error", (e) => resolve(e.code));
      });
      assert.notEqual(outcome, "connected", `the helper's port answers on ${address}`);
    }
  });

  for (const kind of KINDS) {
    describe(`from ${kind}`, () => {
      test("a DNS-rebinding page (same origin as the helper, foreign Host) is refused: 403, no data", async () => {
        const { helper } = shared;
        const page = shared.rebindPages[kind];
        const from = requestLines(helper).length;
        const out = await page.evaluate(() => window.rebound());
        for (const name of ["health", "annotate"]) {
          const r = out[name];
          // Same origin: the page may read the answer, which must be the refusal and nothing else.
          assert.equal(r.outcome, "resolved", `${name}: ${JSON.stringify(r)}`);
          assert.equal(r.status, 403, `${name}: the helper answered ${r.status} to a foreign Host`);
          assert.equal(JSON.parse(r.text).error.code, "forbidden");
          assert.doesNotMatch(r.text, /"status"|"entities"|Lovelace|model/, `${name}: data in the refusal`);
        }
        const lines = (await linesAfter(helper, from, 2)).filter((l) => l.path.startsWith("/v1/"));
        assert.equal(fmt(lines), "GET /v1/health 403; POST /v1/annotate 403");
      });

      test("a page on another local port: fetch, no-cors fetch, form, img and script read nothing", async () => {
        const { helper, fixtures } = shared;
        const session = shared.sessions[kind];
        const page = await session.newPage();
        try {
          const pageErrors = [];
          // Firefox reports each CORS refusal as a page error: that is the browser doing its job.
          page.on("pageerror", (e) => {
            if (!/^Cross-Origin Request Blocked/.test(e.message)) pageErrors.push(e.message);
          });
          const responses = await watchResponses(kind, page, helper.port);
          await page.goto(`${fixtures.url}/attack-helper.html`, { waitUntil: "load" });
          await page.waitForFunction(() => document.documentElement.dataset.attacksReady === "true", { timeout: 5000 });
          const run = async (name, expected) => {
            const from = requestLines(helper).length;
            const result = await page.evaluate((n, base) => window.attacks[n](base), name, helper.url);
            const lines = await linesAfter(helper, from, expected);
            return { result, lines };
          };

          // fetch() with JSON: the preflight is refused, the POST never leaves the browser.
          let { result, lines } = await run("fetchJson", 1);
          assert.deepEqual(result, { outcome: "rejected", error: "TypeError" }, "fetch with JSON was not rejected");
          assert.equal(fmt(lines), "OPTIONS /v1/annotate 403", "fetch with JSON: the helper's log");

          // fetch no-cors, text/plain: goes out, refused for its Origin; the page gets an opaque nothing.
          ({ result, lines } = await run("fetchNoCors", 1));
          assert.deepEqual(result, { outcome: "resolved", type: "opaque", status: 0, text: "", headers: [] }, "no-cors fetch");
          assert.equal(fmt(lines), "POST /v1/annotate 403", "no-cors fetch: the helper's log");

          // A CORS GET of the health endpoint.
          ({ result, lines } = await run("fetchHealth", 1));
          assert.deepEqual(result, { outcome: "rejected", error: "TypeError" }, "fetch of /v1/health was not rejected");
          assert.equal(fmt(lines), "GET /v1/health 403", "fetch of /v1/health: the helper's log");

          // A form POST into an iframe: refused for its Origin (or, without one, 415 not JSON).
          ({ result, lines } = await run("formPost", 1));
          assert.equal(result.outcome, "submitted");
          assert.match(result.read, /^(no document|blocked)/, `the page read the iframe: ${result.read}`);
          assert.match(result.href, /^blocked/, `the page read the iframe's address: ${result.href}`);
          assert.equal(lines.length, 1, `form POST: ${fmt(lines)}`);
          assert.match(fmt(lines), /^POST \/v1\/annotate (403|415)$/, "form POST: the helper's log");

          // <img> and <script>: GETs without an Origin header. The browser's Sec-Fetch-Site says
          // a page sent them, so the helper refuses them too; and the image fails, the script
          // does not run.
          ({ result, lines } = await run("img", 1));
          assert.deepEqual(result, { outcome: "error", width: 0, height: 0 }, "the <img> loaded something");
          assert.equal(lines.length, 1, `img: ${fmt(lines)}`);
          assert.match(fmt(lines), /^GET \/v1\/health 403$/, "img: the helper's log");
          ({ result, lines } = await run("script", 1));
          assert.equal(result.outcome, "error", `the <script> ran: ${JSON.stringify(result)}`);
          assert.deepEqual(result.errors, [], "the <script> ran and raised (its content reached the page)");
          assert.equal(lines.length, 1, `script: ${fmt(lines)}`);
          assert.match(fmt(lines), /^GET \/v1\/health 403$/, "script: the helper's log");

          // Nothing annotated, and no request the page made was let through.
          const all = requestLines(helper);
          assert.ok(!all.some((l) => l.path === "/v1/annotate" && l.status === 200), "the helper annotated for the page");
          assert.deepEqual(pageErrors, [], "the hostile page raised errors (its <script> ran?)");

          // The browser's view: every answer of the helper, none granting the page's origin.
          await sleep(100);
          const seen = responses();
          assert.ok(seen.length >= 6, `the browser saw ${seen.length} answers from the helper, expected 6 or more`);
          const granted = seen.filter((s) => acao(s.headers).length);
          assert.deepEqual(granted.map((s) => `${s.url} ${JSON.stringify(acao(s.headers))}`), [], "Access-Control-Allow-* given to the page");
        } finally {
          await page.close().catch(() => {});
        }
      });
    });
  }
});
