// Launches Debian's Chromium or Firefox ESR through puppeteer-core with the unpacked extension
// installed, and fires the extension's real toolbar action. What works on these machines is in
// the project notes on browser testing: Chromium over CDP (`triggerExtensionAction`), Firefox
// over WebDriver BiDi (the action is triggered from the privileged browser window).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";
import { setTimeout as sleep } from "node:timers/promises";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const EXTENSION_DIR = process.env.ENTITY_LENS_EXTENSION_DIR || join(REPO, "extension");
export const GECKO_ID = "entity-lens@entitylens.org";
// The id Chrome derives from the manifest's `key`: the one origin the helper trusts unpaired.
export const CHROME_ID = "nagcagbnmfohcnbcgfdklnpbdimfmhhc";

export const BROWSERS = {
  chromium: { executable: "/usr/lib/chromium/chromium", install: "apt-get install -y chromium" },
  firefox: { executable: "/usr/bin/firefox-esr", install: "apt-get install -y firefox-esr" },
};

// `handleSignals: false` (the audit, which installs its own handlers: close the browser, stop the
// helper, exit) turns off puppeteer's, which close the browser but leave the process running.
const signalOptions = (handle) => (handle ? {} : { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });

/** Throws a clear error when the browser or the extension is missing: tests never skip. */
export function checkPrerequisites(kind, extensionDir = EXTENSION_DIR) {
  const spec = BROWSERS[kind];
  if (!spec) throw new Error(`unknown browser ${JSON.stringify(kind)} (chromium or firefox)`);
  if (!existsSync(spec.executable)) {
    throw new Error(`${kind} is not installed: ${spec.executable} is missing. Install it with: ${spec.install}`);
  }
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`no extension to load: ${join(extensionDir, "manifest.json")} is missing`);
  }
}

/**
 * Runs in the extension (Chromium's service worker, an extension page in Firefox): the content
 * controller's snapshot of the tab showing `url` (EntityLens.controller.handle("inspect")), in
 * the content scripts' world, which page scripts cannot reach. null before our scripts are in.
 */
async function inspectInTab(url) {
  const api = globalThis.browser ?? globalThis.chrome;
  // Every tab, compared here: a url pattern with a port matches nothing in Firefox. Two tabs
  // showing the same address: the one in front (the test brings the page it works on there).
  let tabs = (await api.tabs.query({})).filter((tab) => tab.url === url);
  if (tabs.length > 1) tabs = tabs.filter((tab) => tab.active);
  if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${url}${tabs.length ? " in front" : ""}`);
  const [res] = await api.scripting.executeScript({
    target: { tabId: tabs[0].id },
    func: () => {
      const EL = globalThis.EntityLens;
      return EL && EL.controller ? EL.controller.handle("inspect") : null;
    },
  });
  return res && res.result !== undefined ? res.result : null;
}

/**
 * Starts `kind` ("chromium" | "firefox") with the extension installed.
 * Returns a session: { kind, browser, extensionId, extensionOrigin, newPage(), setSettings(obj),
 * getSettings(), inExtension(fn, arg), inspectTab(url), optionsPage(), triggerAction(page),
 * badgeText(url), close() }. `inExtension` runs `fn(arg)` with the extension's own APIs.
 */
export async function launchBrowser(kind, { extensionDir = EXTENSION_DIR, handleSignals = true } = {}) {
  checkPrerequisites(kind, extensionDir);
  const tmp = await mkdtemp(join(tmpdir(), `entity-lens-e2e-${kind}-`));
  let session;
  try {
    session = kind === "chromium" ? await launchChromium(tmp, extensionDir, handleSignals) : await launchFirefox(tmp, extensionDir, handleSignals);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw err;
  }
  const close = session.close;
  session.close = async () => {
    try {
      await close();
    } finally {
      await rm(tmp, { recursive: true, force: true }).catch(() => {});
    }
  };
  return session;
}

async function closeBrowser(browser) {
  const proc = browser.process();
  try {
    await Promise.race([browser.close(), sleep(10000)]);
  } catch {
    // fall through to the kill below
  }
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    try {
      // Only the browser process puppeteer started for us (and its group, if it has one).
      proc.kill("SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
}

async function launchChromium(tmp, extensionDir, handleSignals) {
  const browser = await puppeteer.launch({
    executablePath: BROWSERS.chromium.executable,
    headless: true,
    ...signalOptions(handleSignals),
    pipe: true,
    enableExtensions: true,
    userDataDir: join(tmp, "profile"),
    defaultViewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--window-size=1280,900",
      // Offline by construction: anything but loopback goes to a dead proxy, so pages under test
      // cannot load third-party scripts (and runs do not depend on the network).
      "--proxy-server=http://127.0.0.1:9",
      "--proxy-bypass-list=127.0.0.1;localhost;[::1]",
    ],
  });
  let extensionId;
  try {
    extensionId = await browser.installExtension(extensionDir);
  } catch (err) {
    await closeBrowser(browser);
    throw new Error(`Chromium refused to install the extension from ${extensionDir}: ${err.message}`);
  }
  if (extensionId !== CHROME_ID) {
    await closeBrowser(browser);
    throw new Error(`the extension's Chrome id is ${extensionId}, expected the pinned ${CHROME_ID} (manifest key)`);
  }

  async function worker() {
    const target = await browser.waitForTarget(
      (t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${extensionId}/`),
      { timeout: 15000 },
    );
    return target.worker();
  }

  const origin = `chrome-extension://${extensionId}`;
  const inExtension = async (fn, arg) => (await worker()).evaluate(fn, arg);
  return {
    kind: "chromium",
    browser,
    extensionId,
    extensionOrigin: origin,
    async newPage() {
      return browser.newPage();
    },
    inExtension,
    inspectTab: (url) => inExtension(inspectInTab, url),
    /** A new tab showing the options page. */
    async optionsPage() {
      const page = await browser.newPage();
      await page.goto(`${origin}/options/options.html`, { waitUntil: "load" });
      await page.waitForFunction(() => window.entityLensOptionsReady === true, { timeout: 8000, polling: 100 });
      return page;
    },
    async setSettings(settings) {
      await inExtension((s) => chrome.storage.local.set(s), settings);
    },
    async getSettings() {
      return inExtension(() => chrome.storage.local.get(null));
    },
    async triggerAction(page, { onFire } = {}) {
      const ext = (await browser.extensions()).get(extensionId);
      if (!ext) throw new Error(`extension ${extensionId} is not installed`);
      await page.bringToFront();
      if (onFire) await onFire();
      await page.triggerExtensionAction(ext);
    },
    async badgeText(pageUrl) {
      return inExtension(async (url) => {
        const tabs = await chrome.tabs.query({});
        const tab = tabs.find((t) => t.url === url);
        return tab ? chrome.action.getBadgeText({ tabId: tab.id }) : null;
      }, pageUrl);
    },
    async close() {
      await closeBrowser(browser);
    },
  };
}

/** Firefox: the BiDi context of the privileged browser window (needs --remote-allow-system-access). */
async function firefoxChromeContext(browser) {
  const { result } = await browser.connection.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const ctx = result.contexts.find((c) => c.url === "chrome://browser/content/browser.xhtml");
  if (!ctx) throw new Error("no privileged browser window found (is --remote-allow-system-access set?)");
  return ctx.context;
}

async function launchFirefox(tmp, extensionDir, handleSignals) {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: "firefox",
    protocol: "webDriverBiDi",
    executablePath: BROWSERS.firefox.executable,
    headless: true,
    ...signalOptions(handleSignals),
    userDataDir: join(tmp, "profile"),
    defaultViewport: { width: 1280, height: 900 },
    args: ["--remote-allow-system-access", "--width=1280", "--height=900"],
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: uuid }),
      // Quiet, offline-friendly profile.
      "browser.shell.checkDefaultBrowser": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "app.normandy.enabled": false,
      "browser.aboutwelcome.enabled": false,
      // Offline by construction, as for Chromium: everything but loopback goes to a dead proxy.
      "network.proxy.type": 1,
      "network.proxy.http": "127.0.0.1",
      "network.proxy.http_port": 9,
      "network.proxy.ssl": "127.0.0.1",
      "network.proxy.ssl_port": 9,
      "network.proxy.no_proxies_on": "localhost, 127.0.0.1, [::1]",
      "network.proxy.allow_hijacking_localhost": false,
    },
  });
  let extensionId;
  try {
    extensionId = await browser.installExtension(extensionDir);
  } catch (err) {
    await closeBrowser(browser);
    throw new Error(`Firefox refused to install the extension from ${extensionDir}: ${err.message}`);
  }
  if (extensionId !== GECKO_ID) {
    await closeBrowser(browser);
    throw new Error(`the extension's gecko id is ${extensionId}, expected ${GECKO_ID}`);
  }
  const origin = `moz-extension://${uuid}`;

  // The harness's way into the extension: an options page kept open in a tab of its own (an
  // extension page, so it has the extension's APIs); opened again if something closed it.
  let control = null;

  /** A new tab showing the options page, once it is ready. */
  async function optionsPage() {
    try {
      return await optionsPageOnce();
    } catch (err) {
      // Rarely the extension page never reports ready under BiDi: a fresh tab does.
      if (!/did not get ready/.test(err.message)) throw err;
      return optionsPageOnce();
    }
  }

  async function optionsPageOnce() {
    const page = await browser.newPage();
    // goto on moz-extension:// never resolves under BiDi: start it and wait for the page's flag.
    page.goto(`${origin}/options/options.html`).catch(() => {});
    try {
      await page.waitForFunction(() => window.entityLensOptionsReady === true, { timeout: 8000, polling: 100 });
      return page;
    } catch (err) {
      const urls = (await browser.pages()).map((p) => p.url());
      const here = await page.evaluate(() => [location.href, document.readyState, typeof window.entityLensOptionsReady]).catch((e) => e.message);
      await page.close().catch(() => {});
      throw new Error(`the options page did not get ready: ${err.message}; page: ${JSON.stringify(here)}; tabs: ${JSON.stringify(urls)}`);
    }
  }

  async function inExtension(fn, arg) {
    if (!control || control.isClosed()) control = await optionsPage();
    return control.evaluate(fn, arg);
  }

  return {
    kind: "firefox",
    browser,
    extensionId,
    extensionOrigin: origin,
    async newPage() {
      return browser.newPage();
    },
    inExtension,
    inspectTab: (url) => inExtension(inspectInTab, url),
    optionsPage,
    async setSettings(settings) {
      await inExtension((s) => browser.storage.local.set(s), settings);
    },
    async getSettings() {
      return inExtension(() => browser.storage.local.get(null));
    },
    async triggerAction(page, { onFire } = {}) {
      await page.bringToFront();
      const context = await firefoxChromeContext(browser);
      if (onFire) await onFire();
      const expression = `(() => {
        const { ExtensionParent } = ChromeUtils.importESModule("resource://gre/modules/ExtensionParent.sys.mjs");
        const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
        if (!ext) throw new Error("extension not loaded");
        ExtensionParent.apiManager.global.browserActionFor(ext).triggerAction(window);
        return true;
      })()`;
      const { result } = await browser.connection.send("script.evaluate", {
        expression,
        target: { context },
        awaitPromise: true,
      });
      if (result.type === "exception") {
        throw new Error(`triggering the toolbar action failed: ${JSON.stringify(result.exceptionDetails)}`);
      }
    },
    async badgeText(pageUrl) {
      return inExtension(async (url) => {
        const tabs = await browser.tabs.query({});
        const tab = tabs.find((t) => t.url === url);
        return tab ? browser.action.getBadgeText({ tabId: tab.id }) : null;
      }, pageUrl);
    },
    async close() {
      await closeBrowser(browser);
    },
  };
}

/**
 * Collects uncaught errors of the extension's own code from now on: in Chromium, exceptions
 * (sync and unhandled rejections) and console.error/assert of the extension's service worker,
 * over CDP, following a restarted worker; in Firefox, script errors of moz-extension:// sources
 * (background and content scripts) from the browser's console service (needs the privileged
 * window: --remote-allow-system-access). Returns { errors(): Promise<string[]>, stop() }.
 * Page errors are the test's business (puppeteer's 'pageerror' and 'console' page events).
 */
export async function watchExtensionErrors(session) {
  const { browser, kind, extensionId, extensionOrigin } = session;
  if (kind === "chromium") {
    const found = [];
    const sessions = new Set();
    const isOurs = (t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${extensionId}/`);
    const attach = async (target) => {
      const cdp = await target.createCDPSession();
      sessions.add(cdp);
      cdp.on("Runtime.exceptionThrown", (e) => {
        const d = e.exceptionDetails;
        found.push(`service worker: ${d.text} ${(d.exception && d.exception.description) || ""}`.trim());
      });
      cdp.on("Runtime.consoleAPICalled", (e) => {
        if (e.type === "error" || e.type === "assert") {
          found.push(`service worker console.${e.type}: ${e.args.map((a) => a.value ?? a.description).join(" ")}`);
        }
      });
      await cdp.send("Runtime.enable");
    };
    const onTarget = (t) => {
      if (isOurs(t)) attach(t).catch((err) => found.push(`could not watch the service worker: ${err.message}`));
    };
    const existing = browser.targets().filter(isOurs);
    if (!existing.length) {
      // Wake it up: it is there once installed, but may have been stopped when idle.
      existing.push(await browser.waitForTarget(isOurs, { timeout: 15000 }));
    }
    for (const t of existing) await attach(t);
    browser.on("targetcreated", onTarget);
    return {
      async errors() {
        return [...found];
      },
      async stop() {
        browser.off("targetcreated", onTarget);
        for (const s of sessions) await s.detach().catch(() => {});
      },
    };
  }
  // Firefox: the console service keeps the recent script errors (a bounded buffer): remember
  // the newest one's time and report those after it.
  const context = await firefoxChromeContext(browser);
  const read = async () => {
    const expression = `(() => JSON.stringify((Services.console.getMessageArray() || []).map((m) => {
      try {
        const e = m.QueryInterface(Ci.nsIScriptError);
        return { error: !(e.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)), message: e.errorMessage, source: e.sourceName, line: e.lineNumber, at: e.timeStamp };
      } catch {
        return null;
      }
    })))()`;
    const r = await browser.connection.send("script.evaluate", { expression, target: { context }, awaitPromise: false });
    if (r.result.type === "exception") throw new Error(`reading the console service failed: ${JSON.stringify(r.result.exceptionDetails)}`);
    return JSON.parse(r.result.result.value);
  };
  const since = Math.max(0, ...(await read()).filter(Boolean).map((m) => m.at));
  return {
    async errors() {
      return (await read())
        .filter((m) => m && m.at > since && m.error && String(m.source).startsWith(`${extensionOrigin}/`))
        .map((m) => `${m.source.slice(extensionOrigin.length)}:${m.line}: ${m.message}`);
    },
    async stop() {},
  };
}
