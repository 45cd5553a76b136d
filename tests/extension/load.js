// Loads the extension's plain scripts (not modules: they are injected with
// scripting.executeScript) into a fresh namespace, with a linkedom document.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";

export const EXT = fileURLToPath(new URL("../../extension/", import.meta.url));

const CONTENT = [
  "labels.js", "content/text-index.js", "content/align.js", "content/paint.js", "content/main-text.js",
];

/** Evaluate `files` with `scope` as their globalThis; returns the scope. */
export function loadScripts(files, scope = {}) {
  // Random highlight names (labels.randomNames) come from the browser's crypto.
  scope.crypto ??= globalThis.crypto;
  for (const file of files) {
    const source = readFileSync(EXT + file, "utf8");
    // Same realm as the tests (deepStrictEqual compares prototypes), own globalThis.
    new Function("globalThis", source)(scope);
  }
  return scope;
}

/** A page and the content modules: { window, document, EL, scope }. */
export function loadPage(html, files = CONTENT) {
  // linkedom only builds a body from a whole document.
  if (!/^\s*(<!doctype|<html)/i.test(html)) {
    html = `<!doctype html><html><head></head>${/^\s*<body/i.test(html) ? html : `<body>${html}</body>`}</html>`;
  }
  const { window, document } = parseHTML(html);
  const scope = loadScripts(files, { document, window });
  return { window, document, EL: scope.EntityLens, scope };
}

/** The text covered by a mention's DOM segments, joined. */
export function segmentText(mention) {
  return mention.segments.map((s) => s.node.data.slice(s.start, s.end)).join("");
}

/** Entities as the helper gives them: code-point offsets of `names` in `text`. */
export function entitiesFor(text, names) {
  const cps = Array.from(text);
  const entities = [];
  let from = 0;
  for (const [name, label, group] of names) {
    const target = Array.from(name);
    let at = -1;
    for (let i = from; i + target.length <= cps.length; i++) {
      if (target.every((ch, k) => cps[i + k] === ch)) {
        at = i;
        break;
      }
    }
    if (at === -1) throw new Error(`${name} not in text`);
    entities.push({ start: at, end: at + target.length, text: name, label, group });
    from = at + target.length;
  }
  return entities;
}
