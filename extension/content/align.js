/* Entity Lens: find the helper's article text in the live page.

   The helper returns the article's main text, one paragraph per line, and
   entity offsets into it. Each paragraph is searched for in the page's text
   index (content/text-index.js): exact first (only whitespace collapsed),
   then tolerant of what extraction changes (NBSP, soft hyphens, zero-width
   characters, quotes, dashes, list and table markers). Paragraphs found once
   are anchors: the longest run of them in document order, so that a line the
   helper has out of the page's order cannot push the article aside. The
   others are placed between their neighbours, in document order. Out of
   order, a paragraph is still placed when it is the headline, or found once
   inside the article's span or right next to it (captions, pull quotes). A
   paragraph only partly present (an ad or a link injected into it, split in
   two blocks) is placed piece by piece, strictly between its neighbours.
   Only matched paragraphs yield mentions, so a name that also appears in the
   navigation or the comments is never marked there. */
import { segmentsOf } from "./text-index.js";

const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000|]/; // "|" separates table cells
const DROPPED = /[\u00ad\u200b-\u200d\u2060\ufeff]/; // soft hyphen, zero-width characters
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
const LIST_MARKER = /^\s*(?:[-*\u2022\u00b7\u2023\u25e6\u2043]|\d{1,3}[.)])\s+/;
const MAX_OCCURRENCES = 50;
const LOOSE_EDGES = 40;

/**
 * Normalise `str` for matching. Returns { text, map } where map[i] is the
 * position in `str` that folded character i came from. `tolerant` adds the
 * character folding; without it only whitespace is collapsed.
 */
function fold(str, tolerant, from = 0, to = str.length) {
  const out = [];
  const map = [];
  const space = tolerant ? SPACE : /\s/;
  for (let i = from; i < to; i++) {
    let ch = str[i];
    if (space.test(ch)) {
      if (out.length && out[out.length - 1] !== " ") {
        out.push(" ");
        map.push(i);
      }
      continue;
    }
    if (tolerant) {
      if (DROPPED.test(ch)) continue;
      if (SINGLE_QUOTES.test(ch)) ch = "'";
      else if (DOUBLE_QUOTES.test(ch)) ch = '"';
      else if (DASHES.test(ch)) ch = "-";
      else if (ch === "\u2026") {
        out.push(".", ".");
        map.push(i, i);
        ch = ".";
      }
    }
    out.push(ch);
    map.push(i);
  }
  if (out[out.length - 1] === " ") {
    out.pop();
    map.pop();
  }
  return { text: out.join(""), map };
}

// A match must not start or end inside a word ("Ann" is not in "Joanna"),
// unless it is a long run of words: the helper's text may have lost the
// start of a word the page split across elements ("Game D<b>ay Parties").
function atWordEdges(hay, start, end) {
  if (end - start >= LOOSE_EDGES && hay.slice(start, end).split(" ").length > 4) return true;
  const before = hay[start - 1];
  const after = hay[end];
  const first = hay[start];
  const lastCh = hay[end - 1];
  if (before && WORD_CHAR.test(before) && WORD_CHAR.test(first)) return false;
  if (after && WORD_CHAR.test(after) && WORD_CHAR.test(lastCh)) return false;
  return true;
}

function occurrences(hay, needle) {
  const found = [];
  let at = hay.indexOf(needle);
  while (at !== -1 && found.length < MAX_OCCURRENCES) {
    if (atWordEdges(hay, at, at + needle.length)) found.push(at);
    at = hay.indexOf(needle, at + 1);
  }
  return found;
}

// Helper offsets count code points; JavaScript strings count UTF-16 units.
function codePointToUtf16(text) {
  const table = [0];
  let units = 0;
  for (const ch of text) {
    units += ch.length;
    table.push(units);
  }
  return table;
}

/**
 * Try the paragraph against one fold level of the page. Returns the
 * candidate places, in page-index coordinates, with what is needed to map
 * entity offsets later.
 */
function candidates(para, level, tolerant) {
  let folded = fold(para, tolerant);
  let found = folded.text ? occurrences(level.text, folded.text) : [];
  if (!found.length && tolerant) {
    const marker = LIST_MARKER.exec(para);
    if (marker) {
      folded = fold(para, true, marker[0].length);
      found = folded.text ? occurrences(level.text, folded.text) : [];
    }
  }
  return found.map((at) => option(level, folded, at));
}

// A place of folded text at `at` in `level`: index positions [start, end).
function option(level, folded, at) {
  return { at, level, folded, start: level.map[at], end: level.map[at + folded.text.length - 1] + 1 };
}

// First position of `level` whose index position is at or after `pos`.
function levelAt(level, pos) {
  let lo = 0;
  let hi = level.map.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (level.map[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The first place of `folded` inside index positions [lo, hi), or null.
function firstIn(level, folded, lo, hi) {
  const needle = folded.text;
  if (!needle) return null;
  // Search only the window, not the rest of the page.
  const from = levelAt(level, lo);
  const window = level.text.slice(from, levelAt(level, hi));
  for (let k = window.indexOf(needle); k !== -1; k = window.indexOf(needle, k + 1)) {
    const at = from + k;
    if (atWordEdges(level.text, at, at + needle.length)) return option(level, folded, at);
  }
  return null;
}

// A piece of a paragraph searched on its own must be long enough not to turn
// up by chance, unless it follows the previous piece with nothing readable between.
const MIN_PIECE = 16;
const MAX_WINDOW = 2000;

/**
 * The helper's text as paragraphs (one per line), each with its UTF-16 start in the text.
 * A paragraph placed on the page later gets place = { start, end, pieces: [option with
 * from/to in the paragraph] }; inOrder says it was placed in document order.
 */
export function splitParagraphs(helperText) {
  const paras = [];
  let pos = 0;
  for (const line of helperText.split("\n")) {
    paras.push({ text: line, offset: pos, place: null, options: [], inOrder: false });
    pos += line.length + 1;
  }
  return paras;
}

/**
 * The page's text at both fold levels: exact (whitespace only) now, tolerant when first asked
 * for (most pages never need it).
 */
export function foldLevels(index) {
  let tolerant = null;
  return {
    exact: fold(index.text, false),
    tolerant: () => (tolerant = tolerant || fold(index.text, true)),
  };
}

/**
 * Phase 1: every non-empty paragraph's candidate places (p.options), exact first, tolerant
 * when there is none. Returns how many paragraphs are not empty.
 */
export function findCandidates(paras, levels) {
  let total = 0;
  for (const p of paras) {
    if (!p.text.trim()) continue;
    total++;
    p.options = candidates(p.text, levels.exact, false);
    if (!p.options.length) p.options = candidates(p.text, levels.tolerant(), true);
  }
  return total;
}

// The place of paragraph `p` found whole at option `o`.
function wholePlace(p, o) {
  return { start: o.start, end: o.end, pieces: [{ ...o, from: 0, to: p.text.length }] };
}

/**
 * Phase 2, anchors: of the paragraphs found exactly once, the heaviest set (by length) that is
 * in document order gets placed. One paragraph the helper took from elsewhere (a teaser after
 * the comments, a caption moved to the end) must not push the whole article out of order.
 */
export function placeAnchors(paras) {
  const unique = paras.filter((p) => p.options.length === 1);
  const best = new Array(unique.length);
  const prev = new Array(unique.length).fill(-1);
  let top = -1;
  for (let i = 0; i < unique.length; i++) {
    const o = unique[i].options[0];
    best[i] = o.folded.text.length;
    for (let j = 0; j < i; j++) {
      if (unique[j].options[0].end <= o.start && best[j] + o.folded.text.length > best[i]) {
        best[i] = best[j] + o.folded.text.length;
        prev[i] = j;
      }
    }
    if (top === -1 || best[i] > best[top]) top = i;
  }
  for (let i = top; i !== -1; i = prev[i]) {
    unique[i].place = wholePlace(unique[i], unique[i].options[0]);
    unique[i].inOrder = true;
  }
}

/** The nearest paragraph from paras[i] going `step` (-1 back, +1 on) that `test` accepts, or null. */
export function nearest(paras, i, step, test) {
  for (let j = i + step; j >= 0 && j < paras.length; j += step) {
    if (test(paras[j])) return paras[j];
  }
  return null;
}

const isPlaced = (p) => p.place !== null;
const isInOrder = (p) => p.inOrder;

/**
 * Phase 3: each paragraph not placed yet takes its first option after the previous placed
 * paragraph and before the next one.
 */
export function placeBetween(paras) {
  let lastEnd = 0;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (p.place) {
      lastEnd = p.place.end;
      continue;
    }
    if (!p.options.length) continue;
    const next = nearest(paras, i, 1, isPlaced);
    const limit = next ? next.place.start : Infinity;
    const o = p.options.find((c) => c.start >= lastEnd && c.end <= limit);
    if (o) {
      p.place = wholePlace(p, o);
      p.inOrder = true;
      lastEnd = o.end;
    }
  }
}

/** The places taken on the page: a paragraph placed out of order must not overlap one. */
export function takenPlaces(paras) {
  const taken = paras.filter(isPlaced).map((p) => p.place);
  return {
    free: (o) => taken.every((q) => o.end <= q.start || o.start >= q.end),
    take(p, place) {
      p.place = place;
      taken.push(place);
    },
  };
}

/**
 * Phase 4, out of order: the headline (where the helper's text has it elsewhere), then
 * paragraphs found once inside the article's span (captions and pull quotes the helper moved)
 * or next to it with nothing readable between (a caption just above the headline).
 */
export function placeOutOfOrder(index, paras, taken, title = "") {
  const inOrder = paras.filter(isInOrder);
  if (!inOrder.length) return;
  // The article's span on the page: from its first to its last paragraph in order.
  const span = { start: inOrder[0].place.start, end: inOrder[inOrder.length - 1].place.end };
  placeHeadline(paras, taken, title, span);
  const between = (a, b) => !WORD_CHAR.test(index.text.slice(a, b));
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of paras) {
      if (p.place || p.options.length !== 1) continue;
      const o = p.options[0];
      const inside = o.start >= span.start && o.end <= span.end;
      const next = (o.end <= span.start && between(o.end, span.start)) || (o.start >= span.end && between(span.end, o.start));
      if ((inside || next) && taken.free(o)) {
        taken.take(p, wholePlace(p, o));
        span.start = Math.min(span.start, o.start);
        span.end = Math.max(span.end, o.end);
        changed = true;
      }
    }
  }
}

// The headline: its last free place before the article's span, else its first free one.
function placeHeadline(paras, taken, title, span) {
  const folded = title ? fold(title, true).text : "";
  if (!folded) return;
  for (const p of paras) {
    if (p.place || !p.options.length || fold(p.text, true).text !== folded) continue;
    const before = p.options.filter((o) => o.end <= span.start && taken.free(o));
    const o = before.length ? before[before.length - 1] : p.options.find(taken.free);
    if (o) taken.take(p, wholePlace(p, o));
  }
}

/**
 * Phase 5: paragraphs only partly present in one run of text (an ad or a link injected
 * mid-paragraph, a paragraph split into two blocks, a word the page does not show): their
 * pieces, in order, strictly between the neighbouring paragraphs placed in order.
 */
export function placePieces(index, paras, taken, level) {
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (p.place || !p.text.trim()) continue;
    const before = nearest(paras, i, -1, isInOrder);
    const after = nearest(paras, i, 1, isInOrder);
    if (!before || !after) continue;
    const lo = before.place.end;
    const hi = after.place.start;
    // A window far larger than the paragraph is not a paragraph broken up but
    // a stretch of something else (and costly to search word by word).
    if (lo >= hi || hi - lo > MAX_WINDOW + 4 * p.text.length) continue;
    const pieces = piecesOf(index, p.text, lo, hi, level()).filter(taken.free);
    if (!pieces.length) continue;
    taken.take(p, { start: pieces[0].start, end: pieces[pieces.length - 1].end, pieces });
    p.inOrder = true;
  }
}

/**
 * Phase 6: the helper's entities on the page, each through its placed paragraph. Returns
 * { mentions, missed } (missed: entities whose paragraph or piece is not on the page).
 */
export function mentionsOf(index, paras, helperText, entities) {
  const mentions = [];
  let missed = 0;
  const units = codePointToUtf16(helperText);
  let pi = 0;
  for (const entity of entities) {
    const start = units[entity.start];
    const end = units[entity.end];
    while (pi < paras.length - 1 && paras[pi + 1].offset <= start) pi++;
    const p = paras[pi];
    const mention = p.place && start !== undefined && end !== undefined
      ? place(index, p, start - p.offset, end - p.offset)
      : null;
    if (!mention) {
      missed++;
      continue;
    }
    mention.entity = entity;
    mention.label = entity.label;
    mention.group = entity.group;
    mentions.push(mention);
  }
  return { mentions, missed };
}

/**
 * Align `helperText` to `index` and turn `entities` into mentions.
 * Returns { paragraphs, aligned, mentions, missed } (an Alignment, messages.js) where each
 * mention is { entity, label, group, start, end, segments } with start/end positions in the
 * index and segments [{node, start, end}] in the DOM.
 * `options.title` (the helper's title of the article) lets the headline be
 * found where the helper's text has it out of the page's order.
 * @param {{text: string, nodes: Array<Text|null>, offsets: number[]}} index  text-index.js buildIndex
 * @param {string} helperText  HelperResult.text
 * @param {import("../messages.js").HelperEntity[]} entities
 * @param {{title?: string}} options
 * @returns {import("../messages.js").Alignment}
 */
export function align(index, helperText, entities = [], options = {}) {
  const levels = foldLevels(index);
  const paras = splitParagraphs(helperText);
  const total = findCandidates(paras, levels);
  placeAnchors(paras);
  placeBetween(paras);
  const taken = takenPlaces(paras);
  placeOutOfOrder(index, paras, taken, options.title);
  placePieces(index, paras, taken, levels.tolerant);
  const { mentions, missed } = mentionsOf(index, paras, helperText, entities);
  return { paragraphs: total, aligned: paras.filter(isPlaced).length, mentions, missed };
}

/**
 * The pieces of paragraph `text` found in order in index positions [lo, hi):
 * from each point on, the longest run of whole words found after the
 * previous piece; a word found nowhere there is passed over.
 */
function piecesOf(index, text, lo, hi, level) {
  const folded = fold(text, true);
  const F = folded.text;
  const found = [];
  let cursor = lo;
  let pos = 0;
  while (pos < F.length) {
    if (F[pos] === " ") {
      pos++;
      continue;
    }
    // Where the words starting at pos end: candidate piece ends, shortest first.
    const ends = [];
    for (let k = pos + 1; k <= F.length; k++) if (k === F.length || F[k] === " ") ends.push(k);
    const sub = (end) => ({ text: F.slice(pos, end), map: folded.map.slice(pos, end) });
    let best = null;
    let l = 0;
    let h = ends.length - 1;
    while (l <= h) {
      const mid = (l + h) >> 1;
      const o = firstIn(level, sub(ends[mid]), cursor, hi);
      if (o) {
        best = o;
        l = mid + 1;
      } else {
        h = mid - 1;
      }
    }
    const follows = found.length && !WORD_CHAR.test(index.text.slice(cursor, best ? best.start : cursor));
    if (best && ((best.folded.text.length >= MIN_PIECE && best.folded.text.includes(" ")) || follows)) {
      const m = best.folded.map;
      found.push({ ...best, from: m[0], to: m[m.length - 1] + 1 });
      cursor = best.end;
      pos += best.folded.text.length;
    } else {
      pos = ends[0];
    }
  }
  return found;
}

// Map [from, to) of a placed paragraph to the page index and the DOM: the
// piece holding it (a mention across two pieces is not placed).
function place(index, p, from, to) {
  const piece = p.place.pieces.find((q) => from >= q.from && to <= q.to);
  if (!piece) return null;
  const { folded, level, at } = piece;
  // First folded character at or after each paragraph offset.
  let fs = -1;
  let fe = -1;
  for (let k = 0; k < folded.map.length; k++) {
    if (fs === -1 && folded.map[k] >= from) fs = k;
    if (folded.map[k] < to) fe = k + 1;
  }
  if (fs === -1 || fe <= fs) return null;
  const start = level.map[at + fs];
  const end = level.map[at + fe - 1] + 1;
  const segments = segmentsOf(index, start, end);
  if (!segments.length) return null;
  return { start, end, segments };
}

export { fold, codePointToUtf16, candidates, piecesOf };
