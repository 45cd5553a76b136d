// A browser with Entity Lens that the helper answers, set up the way a reader does it.
// Chrome: the manifest's key pins the extension id, which the helper trusts as it is
// (launchBrowser checks the id). Firefox: every installation has its own moz-extension:// origin,
// which the reader pairs once: the options page's Pair button (a real, trusted click) shows a
// code, `entity-lens pair CODE` at a terminal confirms it, and the options page then says paired.
// One function for the e2e suite, the robustness and attack tests, the audit and bench-browser.
import { execFile } from "node:child_process";
import { launchBrowser } from "./browsers.js";
import { HELPER_BIN } from "./helper.js";

/** Runs `entity-lens ARGS` with the helper's configuration folder. Returns { code, stdout, stderr }. */
export function helperCli(args, configDir) {
  const env = { ...process.env };
  if (configDir) env.ENTITY_LENS_CONFIG_DIR = configDir;
  return new Promise((resolve) => {
    execFile(HELPER_BIN, args, { env, timeout: 60000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const text = (page, selector) => page.$eval(selector, (el) => el.textContent.trim());

/**
 * Pairs the session's Entity Lens with `helper` ({ url, configDir }; configDir undefined: the
 * folder the helper uses by default) through the options page. Resolves once the extension's own
 * request says paired. Chromium: nothing to do.
 */
export async function pairWithHelper(session, helper) {
  if (session.kind !== "firefox") return;
  await session.setSettings({ helperUrl: helper.url });
  const page = await session.optionsPage();
  try {
    await page.bringToFront();
    await page.click("#pair"); // real mouse input: the reader's click
    await page.waitForFunction(() => /^[A-Z0-9]{4}-[A-Z0-9]{4}$/.test(document.querySelector("#pair-code").textContent.trim()), {
      timeout: 10000,
      polling: 100,
    }).catch(async (err) => {
      throw new Error(`no pairing code in the options page (${err.message}); it says: ${await text(page, "#pair-status")}`);
    });
    const code = await text(page, "#pair-code");
    const origin = await text(page, "#pair-origin");
    if (origin !== session.extensionOrigin) throw new Error(`the options page pairs ${origin}, not ${session.extensionOrigin}`);
    const confirmed = await helperCli(["pair", code], helper.configDir);
    if (confirmed.code !== 0 || !confirmed.stdout.includes(`Paired ${session.extensionOrigin}`)) {
      throw new Error(`entity-lens pair ${code} failed (${confirmed.code}): ${confirmed.stdout}${confirmed.stderr}`);
    }
    // The options page watches for the confirmation by itself.
    await page.waitForFunction(() => /^Paired/.test(document.querySelector("#pair-status").textContent), { timeout: 15000, polling: 200 })
      .catch(async (err) => {
        throw new Error(`the options page did not say paired (${err.message}); it says: ${await text(page, "#pair-status")}`);
      });
  } finally {
    await page.close().catch(() => {});
  }
  // And the extension's own request is answered as paired (a POST, which carries its Origin).
  const answer = await session.inExtension(() => browser.runtime.sendMessage({ type: "entity-lens:pair" }));
  if (!answer || !answer.ok || answer.paired !== true) throw new Error(`after pairing, the helper says: ${JSON.stringify(answer)}`);
}

/** launchBrowser, then the extension set to use `helper` and paired with it. */
export async function launchPaired(kind, helper, options = {}) {
  const session = await launchBrowser(kind, options);
  try {
    await session.setSettings({ helperUrl: helper.url });
    await pairWithHelper(session, helper);
  } catch (err) {
    await session.close();
    throw err;
  }
  return session;
}
