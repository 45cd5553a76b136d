// The reader's first run, in both browsers: installing Entity Lens opens the welcome page, which
// checks the helper and says plainly what is true (not running, with the commands for this system;
// running but not paired, with the pairing steps; paired), and pairs the browser from there.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { launchBrowser } from "./browsers.js";
import { startHelper, freePort } from "./helper.js";
import { pairingCode, extensionIsPaired } from "./pairing.js";
import { withTimeout } from "./flow.js";
import { axeOnPage, describeViolations } from "./accessibility.js";

/**
 * The tab the extension opened by itself, showing `path`, once its script says it is ready.
 * Asked of each tab's document: over BiDi, Firefox's tabs showing moz-extension:// pages keep
 * the url about:blank for puppeteer.
 */
export async function extensionTab(session, path, readyFlag, timeoutMs = 20000) {
  const url = `${session.extensionOrigin}/${path}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of await session.browser.pages()) {
      const here = await withTimeout(page.evaluate((flag) => [location.href, window[flag] === true], readyFlag), 2000, "asking a tab").catch(() => null);
      if (here && here[0] === url && here[1]) return page;
    }
    if (Date.now() > deadline) throw new Error(`no tab shows ${url} (ready) within ${timeoutMs} ms`);
    await sleep(200);
  }
}

/** What the welcome page's status box says once it has answered: { state, text }. */
async function helperStatus(page, expected, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await page.$eval("#helper", (el) => ({ state: el.dataset.state, text: el.textContent.trim() }));
    if (status.state === expected || Date.now() > deadline) return status;
    await sleep(100);
  }
}

/** The options page's answer to a test of the address, once it has one. */
async function connectionAnswer(page, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await page.$eval("#connection", (el) => el.textContent.trim());
    if (/^(Saved|Not saved)/.test(text) || Date.now() > deadline) return text;
    await sleep(100);
  }
}

/**
 * Tabs through `page` from its start: what took the focus, each with whether its focus shows
 * (an outline of its own, not none).
 */
async function tabThrough(page) {
  // As a reader starts: a click on the page's margin gives it the focus, then Tab.
  await page.bringToFront();
  await page.evaluate(() => document.activeElement?.blur());
  await page.mouse.click(2, 2);
  // As many presses as the page has stops (one per radio group), so that the focus never goes
  // on into the browser's own controls: headless Firefox does not give it back to the page.
  const presses = await page.evaluate(() => {
    const stops = [...document.querySelectorAll("a[href], button, input, textarea, select, [tabindex]")]
      .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0);
    return new Set(stops.map((el) => (el.type === "radio" ? `radio:${el.name}` : el))).size;
  });
  const seen = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    // Firefox styles the newly focused element a moment after the key (longer on a busy
    // machine): its focus must show within half a second.
    const focused = await page.evaluate(async () => {
      const el = document.activeElement;
      if (!el || el === document.body || !document.hasFocus()) return null;
      const shows = () => {
        const style = getComputedStyle(el);
        return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
      };
      for (let waited = 0; !shows() && waited < 500; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
      return {
        id: el.id || `${el.tagName.toLowerCase()}[${el.getAttribute("name") || el.getAttribute("value") || ""}]`,
        visibleFocus: shows(),
        why: `:focus ${el.matches(":focus")}, :focus-visible ${el.matches(":focus-visible")}, outline ${getComputedStyle(el).outline}`,
      };
    });
    if (!focused && seen.length) break; // on to the browser's own controls
    if (!focused) continue;
    if (seen.length && focused.id === seen[0].id) break;
    seen.push(focused);
  }
  return seen;
}

async function checkAccessible(page, what, mustReach) {
  const violations = await axeOnPage(page);
  assert.deepEqual(violations, [], `${what}: axe found\n${describeViolations(violations)}`);
  const reached = await tabThrough(page);
  const ids = reached.map((f) => f.id);
  for (const id of mustReach) assert.ok(ids.includes(id), `${what}: Tab never reaches ${id} (reached ${ids.join(", ")})`);
  for (const f of reached) assert.ok(f.visibleFocus, `${what}: ${f.id} shows no focus (${f.why})`);
}

/** An extension page in a tab of its own, once `ready` (a function of the page) is true. */
async function openExtensionPage(session, path, ready) {
  const page = await session.newPage();
  const url = `${session.extensionOrigin}/${path}`;
  // Firefox over BiDi never resolves goto on moz-extension://: start it, wait for the page.
  if (session.kind === "firefox") page.goto(url).catch(() => {});
  else await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(ready, { timeout: 15000, polling: 100 });
  return page;
}

/** Runs `use(page)` on a fresh options page in front, and closes the page afterwards. */
async function withOptionsPage(session, use) {
  const options = await session.optionsPage();
  try {
    await options.bringToFront();
    return await use(options);
  } finally {
    await options.close().catch(() => {});
  }
}

const shown = (page, selector) => page.$eval(selector, (el) => !el.hidden && el.getClientRects().length > 0);

for (const kind of ["chromium", "firefox"]) {
  describe(`first run in ${kind}`, { timeout: 300000 }, () => {
    let helper, session, welcome;

    before(async () => {
      helper = await withTimeout(startHelper(), 120000, "starting the helper");
      session = await withTimeout(launchBrowser(kind), 120000, `launching ${kind} with the extension`);
    }, { timeout: 300000 });

    after(async () => {
      try {
        if (session) await session.close();
      } finally {
        if (helper) await helper.stop();
      }
    });

    test("installing the extension opens the welcome page, which checks the helper", async () => {
      welcome = await extensionTab(session, "welcome/welcome.html", "entityLensWelcomeReady");
      assert.equal(await welcome.title(), "Welcome to Entity Lens");
      // Fresh profile, default address 127.0.0.1:7318: whatever answers there, this browser is
      // not paired with it, and the page has finished checking.
      const first = await welcome.$eval("#helper", (el) => el.dataset.state);
      assert.ok(["not-running", "not-paired"].includes(first), first);
    });

    test("helper not running: says so, with the commands for this system and this browser's words", async () => {
      const dead = `http://127.0.0.1:${await freePort()}`;
      await session.setSettings({ helperUrl: dead });
      await welcome.bringToFront();
      await welcome.click("#check");
      const status = await helperStatus(welcome, "not-running");
      assert.equal(status.state, "not-running", status.text);
      assert.match(status.text, new RegExp(`not running at ${dead}`));
      assert.equal(await welcome.$eval("html", (el) => el.dataset.os), "linux");
      assert.ok(await shown(welcome, "#start"));
      assert.equal(await shown(welcome, "#pairing"), false);
      const commands = await welcome.$$eval("#start-steps code", (els) => els.map((el) => el.textContent));
      assert.deepEqual(commands, [".venv/bin/entity-lens serve", ".venv/bin/entity-lens service install"]);
      await checkAccessible(welcome, "welcome page, helper not running", ["check", "options"]);
      const network = await welcome.$eval("#local-network", (el) => el.textContent);
      if (kind === "firefox") {
        assert.match(network, /Firefox asked .*access other apps and services on this device/);
        assert.doesNotMatch(network, /Chrome/);
      } else {
        assert.match(network, /Chrome asked .*local network/);
        assert.doesNotMatch(network, /Firefox/);
      }
    });

    test("helper running, browser not paired: the pairing steps, and pairing from the page", async () => {
      await session.setSettings({ helperUrl: helper.url });
      await welcome.bringToFront();
      await welcome.click("#check");
      const status = await helperStatus(welcome, "not-paired");
      assert.equal(status.state, "not-paired", status.text);
      assert.match(status.text, /running .* but Entity Lens in this browser is not paired/);
      assert.ok(await shown(welcome, "#pairing"));
      assert.equal(await shown(welcome, "#start"), false);
      assert.equal(await welcome.$eval("#pair-command", (el) => el.textContent), ".venv/bin/entity-lens pair");
      await checkAccessible(welcome, "welcome page, not paired", ["pair-code", "pair", "check", "options"]);

      // A wrong code is refused, in words, and the page stays where it was.
      await welcome.click("#pair-code");
      await welcome.keyboard.type("ABCD-EFGH");
      await welcome.keyboard.press("Enter");
      await welcome.waitForFunction(() => /did not accept/.test(document.querySelector("#pair-status").textContent), { timeout: 10000, polling: 100 });
      assert.equal((await helperStatus(welcome, "not-paired")).state, "not-paired");

      await welcome.$eval("#pair-code", (el) => { el.value = ""; });
      await welcome.click("#pair-code");
      await welcome.keyboard.type(await pairingCode(helper.configDir));
      await welcome.keyboard.press("Enter");
      const paired = await helperStatus(welcome, "paired");
      assert.equal(paired.state, "paired", paired.text);
      assert.match(paired.text, /running and Entity Lens is paired/);
      assert.equal(await shown(welcome, "#pairing"), false);
      assert.ok(await extensionIsPaired(session));
      // Focus went somewhere visible, not into the hidden form.
      assert.equal(await welcome.evaluate(() => document.activeElement.id), "check");
      await checkAccessible(welcome, "welcome page, paired", ["check", "options"]);
    });

    test("options and popup: no serious or critical axe violations, every control reached by Tab with a visible focus", async () => {
      await withOptionsPage(session, async (options) => {
      await checkAccessible(options, "options", [
        "helperUrl", "test", "pair-code", "pair", "input[mode]", "input[style]", "watchlist", "watchlist-import", "watchlist-export",
      ]);
      });
      const query = new URLSearchParams({ code: "not_scriptable", title: "Entity Lens cannot run on this page.", advice: "Open a news article and click the button there." });
      const popup = await openExtensionPage(session, `popup/popup.html?${query}`, () => document.getElementById("advice")?.textContent.length > 0);
      try {
        await popup.bringToFront();
        await checkAccessible(popup, "popup", ["retry"]);
      } finally {
        await popup.close().catch(() => {});
      }
    });

    test("options: an address that fails the test is not saved, and the reader is told why, by the button", async () => {
      await withOptionsPage(session, async (options) => {
      const dead = `http://127.0.0.1:${await freePort()}`;
      await options.$eval("#helperUrl", (el) => { el.value = ""; });
      await options.type("#helperUrl", dead);
      await options.click("#test");
      const said = await connectionAnswer(options);
      assert.match(said, /^Not saved: The Entity Lens helper is not running at /, said);
      assert.match(said, new RegExp(`still uses ${helper.url}\\.$`), said);
      assert.equal((await session.getSettings()).helperUrl, helper.url);
      // In this browser's words, with the set-up script's command.
      assert.match(said, /\.venv\/bin\/entity-lens serve/);
      if (kind === "firefox") assert.match(said, /Firefox asked/);
      else assert.match(said, /Chrome asked/);
      assert.doesNotMatch(said, kind === "firefox" ? /Chrome/ : /Firefox/);

      // Next to the button, in view, announced.
      const box = await options.$eval("#connection", (el) => {
        const r = el.getBoundingClientRect();
        const b = document.querySelector("#test").getBoundingClientRect();
        return { gap: r.top - b.bottom, inView: r.top >= 0 && r.top < innerHeight, live: el.getAttribute("aria-live") };
      });
      assert.ok(box.gap < 24 && box.inView, JSON.stringify(box));
      assert.equal(box.live, "polite");

      // A good address (another spelling of the helper's) is saved once it answers.
      const other = `http://localhost:${helper.port}`;
      await options.$eval("#helperUrl", (el) => { el.value = ""; });
      await options.type("#helperUrl", other);
      await options.keyboard.press("Enter");
      assert.match(await connectionAnswer(options), /^Saved\. /);
      assert.equal((await session.getSettings()).helperUrl, other);
      await session.setSettings({ helperUrl: helper.url });

      // The set-up words for this system and browser.
      assert.equal(await options.$eval("#serve-command", (el) => el.textContent), ".venv/bin/entity-lens serve");
      assert.equal(await options.$eval("#pair-command", (el) => el.textContent), ".venv/bin/entity-lens pair");
      const network = await options.$eval("#local-network", (el) => el.textContent);
      assert.doesNotMatch(network, kind === "firefox" ? /Chrome/ : /Firefox/);
      });
    });

    test("options: colour swatches keep their size when labels wrap; Saved. shows in view", async () => {
      await withOptionsPage(session, async (options) => {
      // Narrow enough that the longest type, "Groups (nationalities, religions, parties)", wraps.
      await options.setViewport({ width: 220, height: 600 });
      const swatches = await options.$$eval(".types label", (rows) => rows.map((row) => {
        const s = row.querySelector(".swatch").getBoundingClientRect();
        return { width: s.width, height: s.height, rowHeight: row.getBoundingClientRect().height, text: row.textContent };
      }));
      assert.ok(swatches.length >= 8);
      assert.ok(swatches.some((s) => s.rowHeight > 30), `no label wraps at 220 px: ${JSON.stringify(swatches)}`);
      for (const s of swatches) assert.ok(s.width >= 12 && s.height >= 12 && s.width === swatches[0].width, JSON.stringify(s));

      // A change far down the page: the confirmation is on screen, not below it.
      const last = (await options.$$(".types input")).at(-1);
      await last.click();
      await options.waitForFunction(() => document.querySelector("#saved").textContent === "Saved.", { timeout: 5000, polling: 100 });
      const saved = await options.$eval("#saved", (el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: innerHeight };
      });
      assert.ok(saved.top >= 0 && saved.bottom <= saved.height + 1, JSON.stringify(saved));
      });
    });
  });
}
