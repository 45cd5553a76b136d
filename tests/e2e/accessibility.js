// axe-core, the accessibility engine, run on each part of Entity Lens in the browser it runs in.
// Extension pages (options, popup, welcome): axeOnPage(page). The panel and hover card, which
// live in a closed shadow root in the extension's isolated world: axeOnPanel(session, page),
// which needs the session launched with extensionWithAxe() (a copy of the extension with axe's
// file added, so scripting.executeScript can load it into that world; the page never sees it).
import { readFile, cp, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXTENSION_DIR } from "./browsers.js";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");
// The file name axe gets inside the test copy of the extension.
export const AXE_FILE = "axe-for-tests.min.js";
// What counts as a failure: the team's bar is no serious or critical violation.
export const FAILING_IMPACTS = ["serious", "critical"];

let source = null;
/** axe-core's browser bundle, read once. */
export async function axeSource() {
  if (!source) source = await readFile(AXE_PATH, "utf8");
  return source;
}

/**
 * A copy of the extension with axe-core's bundle added (nothing else changes: same manifest, so
 * the same Chrome id). Returns { dir, remove() }.
 */
export async function extensionWithAxe(extensionDir = EXTENSION_DIR) {
  const base = await mkdtemp(join(tmpdir(), "entity-lens-axe-"));
  const dir = join(base, "extension");
  await cp(extensionDir, dir, { recursive: true });
  await cp(AXE_PATH, join(dir, AXE_FILE));
  return { dir, remove: () => rm(base, { recursive: true, force: true }) };
}

/** The violations at a failing impact, each as { id, impact, help, nodes: [target…] }. */
function failing(violations) {
  return violations
    .filter((v) => FAILING_IMPACTS.includes(v.impact))
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

/** One line per violation, for an assertion's message. */
export function describeViolations(list) {
  return list.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.join(" | ")}`).join("\n");
}

/**
 * Runs axe on an extension page (options, popup, welcome) or any page the test owns. The script
 * is evaluated by the browser's remote protocol, which the page's content security policy does
 * not govern. `context`: a CSS selector to limit the run to (default: the whole document).
 * Returns the serious and critical violations.
 */
export async function axeOnPage(page, { context = null } = {}) {
  await page.evaluate(await axeSource());
  const violations = await page.evaluate(async (selector) => {
    const result = await window.axe.run(selector ? document.querySelector(selector) : document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })),
    }));
  }, context);
  return failing(violations);
}

/**
 * Runs in the extension (see browsers.js inExtension): loads axe into the isolated world of the
 * tab showing `url` and runs it on the panel's closed shadow root (panel and hover card). The
 * controller hands that root only to callers in its own world (accessibilityRoot()); for the run,
 * the host's `shadowRoot` is defined on this world's view of the element only (the page's view of
 * the host, and the page's prototypes, are other objects), then removed.
 */
async function axeInTab({ url, file }) {
  const api = globalThis.browser ?? globalThis.chrome;
  let tabs = (await api.tabs.query({})).filter((tab) => tab.url === url);
  if (tabs.length > 1) tabs = tabs.filter((tab) => tab.active);
  if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${url}`);
  const target = { tabId: tabs[0].id };
  await api.scripting.executeScript({ target, files: [file] });
  const [res] = await api.scripting.executeScript({
    target,
    func: async () => {
      const EL = globalThis.EntityLens;
      const found = EL && EL.controller && EL.controller.accessibilityRoot();
      if (!found) return { error: "no panel to check" };
      const { host, root } = found;
      Object.defineProperty(host, "shadowRoot", { configurable: true, get: () => root });
      try {
        const result = await globalThis.axe.run({ include: [host] }, { resultTypes: ["violations"] });
        return {
          passes: result.passes.length,
          violations: result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String) })),
          })),
        };
      } catch (err) {
        return { error: String((err && err.message) || err) };
      } finally {
        delete host.shadowRoot;
      }
    },
  });
  return res ? res.result : { error: "the tab did not answer" };
}

/**
 * axe on the panel and hover card as they are now in `page`'s tab. Returns { violations
 * (serious and critical), passes (how many rules passed: proof axe saw the panel) }.
 */
export async function axeOnPanel(session, page) {
  const seen = await session.inExtension(axeInTab, { url: page.url(), file: AXE_FILE });
  if (!seen || seen.error) throw new Error(`axe could not run on the panel: ${seen ? seen.error : "no answer"}`);
  return { violations: failing(seen.violations), passes: seen.passes };
}
