// What the extension's unit tests share: the extension's folder, a linkedom page, and the
// helper's entities for a text. The tests import the extension's modules themselves.
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";

export const EXT = fileURLToPath(new URL("../../extension/", import.meta.url));

/** A page: { window, document }. */
export function loadPage(html) {
  // linkedom only builds a body from a whole document.
  if (!/^\s*(<!doctype|<html)/i.test(html)) {
    html = `<!doctype html><html><head></head>${/^\s*<body/i.test(html) ? html : `<body>${html}</body>`}</html>`;
  }
  const { window, document } = parseHTML(html);
  return { window, document };
}

/**
 * A fresh instance of an extension module (`path` under extension/), for modules that read the
 * browser's globals when they load (the background, the content controller): set those first.
 */
let instances = 0;
export function freshModule(path) {
  return import(new URL(`../../extension/${path}?instance=${++instances}`, import.meta.url).href);
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
