// A browser with Entity Lens that the helper answers, set up the way a reader does it: the helper
// serves only holders of a token it handed out by pairing. The reader runs `entity-lens pair` in a
// terminal, which prints a one-time code, types it into the Entity Lens options page (real,
// trusted keyboard and mouse input here) and presses Pair; the extension trades it for its token.
// One function for the e2e suite, the robustness and attack tests, the audit and bench-browser.
// (launchBrowser checks that Chromium's id is the one the manifest's key pins.)
import { setTimeout as sleep } from "node:timers/promises";
import { launchBrowser } from "./browsers.js";
import { helperCli } from "./helper.js";

/** `entity-lens pair` with the helper's configuration folder: the code it prints. */
export async function pairingCode(configDir) {
  const run = await helperCli(["pair"], configDir);
  const code = /Pairing code: ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(run.stdout);
  if (run.code !== 0 || !code) throw new Error(`entity-lens pair printed no code (${run.code}): ${run.stdout}${run.stderr}`);
  return code[1];
}

/**
 * Types `code` into the options page's pairing field and presses Pair, as the reader does.
 * Resolves to what #pair-status says once it has answered (paired or not).
 */
export async function typePairingCode(session, code) {
  const page = await session.optionsPage();
  try {
    await page.bringToFront();
    await page.click("#pair-code");
    await page.keyboard.type(code);
    const status = () => page.$eval("#pair-status", (el) => el.textContent.trim());
    // The page says on opening whether it is paired: that first, so it is not taken for the answer.
    const opened = Date.now();
    while (!(await status()) && Date.now() - opened < 5000) await sleep(50);
    const before = await status();
    await page.click("#pair");
    // "Pairing…" first, then the answer. (A plain loop: puppeteer's waitForFunction leaves a
    // clean-up call behind that fails once the page is closed.)
    const deadline = Date.now() + 15000;
    for (;;) {
      const text = await status();
      if (text && text !== before && !/…$/.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`the options page gave no answer to the code; it says: ${text}`);
      await sleep(100);
    }
  } finally {
    await page.close().catch(() => {});
  }
}

/** Whether the helper tells the extension, with the token it keeps, that it is paired. */
export async function extensionIsPaired(session) {
  return session.inExtension(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const { helperUrl, helperToken } = await api.storage.local.get(["helperUrl", "helperToken"]);
    const headers = helperToken ? { Authorization: `Bearer ${helperToken}` } : {};
    const r = await fetch(`${helperUrl}/v1/health`, { headers });
    return r.ok ? (await r.json()).paired === true : false;
  });
}

/**
 * Pairs the session's Entity Lens with `helper` ({ url, configDir }; configDir undefined: the
 * folder the helper uses by default). Resolves once the extension's own request says paired.
 */
export async function pairWithHelper(session, helper) {
  await session.setSettings({ helperUrl: helper.url });
  const code = await pairingCode(helper.configDir);
  const said = await typePairingCode(session, code);
  if (!/^Paired/.test(said)) throw new Error(`the options page did not pair: ${said}`);
  if (!(await extensionIsPaired(session))) throw new Error("after pairing, the helper does not know the extension's token");
}

/** launchBrowser, then the extension set to use `helper` and paired with it. */
export async function launchPaired(kind, helper, options = {}) {
  const session = await launchBrowser(kind, options);
  try {
    await pairWithHelper(session, helper);
  } catch (err) {
    await session.close();
    throw err;
  }
  return session;
}
