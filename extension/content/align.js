/* Entity Lens: find the helper's article text in the live page.

   The helper returns the article's main text, one paragraph per line, and
   entity offsets into it. Each paragraph is searched for in the page's text
   index (content/text-index.js): exact first (only whitespace collapsed),
   then tolerant of what extraction changes (NBSP, soft hyphens, zero-width
   characters, quotes, dashes, list and table markers). Paragraphs found once
   are anchors; the others are placed between their neighbours, in document
   order. Only matched paragraphs yield mentions, so a name that also appears
   in the navigation or the comments is never marked there. */
(function () {
  "use strict";
  const EL = (globalThis.EntityLens = globalThis.EntityLens || {});

  const WORD_CHAR = /[\p{L}\p{N}]/u;
  const SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000|]/; // "|" separates table cells
  const DROPPED = /[\u00ad\u200b-\u200d\u2060\ufeff]/; // soft hyphen, zero-width characters
  const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/;
  const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;
  const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
  const LIST_MARKER = /^\s*(?:[-*\u2022\u00b7\u2023\u25e6\u2043]|\d{1,3}[.)])\s+/;
  const MAX_OCCURRENCES = 50;

  /**
   * Normalise `str` for matching. Returns { text, map } where map[i] is the
   * position in `str` that folded character i came from. `tolerant` adds the
   * character folding; without it only whitespace is collapsed.
   */
  function fold(str, tolerant, from = 0) {
    const out = [];
    const map = [];
    const space = tolerant ? SPACE : /\s/;
    for (let i = from; i < str.length; i++) {
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

  // A match must not start or end inside a word ("Ann" is not in "Joanna").
  function atWordEdges(hay, start, end) {
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
    return found.map((at) => ({
      at,
      level,
      folded,
      start: level.map[at],
      end: level.map[at + folded.text.length - 1] + 1,
    }));
  }

  /**
   * Align `helperText` to `index` and turn `entities` into mentions.
   * Returns { paragraphs, aligned, mentions, missed } where each mention is
   * { entity, label, group, start, end, segments } with start/end positions
   * in the index and segments [{node, start, end}] in the DOM.
   */
  function align(index, helperText, entities = []) {
    const exact = fold(index.text, false);
    let tolerantLevel = null;

    // Paragraphs with their UTF-16 start in helperText.
    const paras = [];
    let pos = 0;
    for (const line of helperText.split("\n")) {
      paras.push({ text: line, offset: pos, place: null, options: [] });
      pos += line.length + 1;
    }

    let total = 0;
    for (const p of paras) {
      if (!p.text.trim()) continue;
      total++;
      p.options = candidates(p.text, exact, false);
      if (!p.options.length) {
        tolerantLevel = tolerantLevel || fold(index.text, true);
        p.options = candidates(p.text, tolerantLevel, true);
      }
    }

    // Anchors: paragraphs found exactly once, kept only while in document order.
    let lastEnd = -1;
    for (const p of paras) {
      if (p.options.length === 1 && p.options[0].start >= lastEnd) {
        p.place = p.options[0];
        lastEnd = p.place.end;
      }
    }
    // The rest: the first option after the previous paragraph and before the next anchor.
    lastEnd = 0;
    for (let i = 0; i < paras.length; i++) {
      const p = paras[i];
      if (p.place) {
        lastEnd = p.place.end;
        continue;
      }
      if (!p.options.length) continue;
      let limit = Infinity;
      for (let j = i + 1; j < paras.length; j++) {
        if (paras[j].place) {
          limit = paras[j].place.start;
          break;
        }
      }
      p.place = p.options.find((o) => o.start >= lastEnd && o.end <= limit) || null;
      if (p.place) lastEnd = p.place.end;
    }

    const aligned = paras.filter((p) => p.place).length;
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
    return { paragraphs: total, aligned, mentions, missed };
  }

  // Map [from, to) of a placed paragraph to the page index and the DOM.
  function place(index, p, from, to) {
    const { folded, level, at } = p.place;
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
    const segments = EL.textIndex.segmentsOf(index, start, end);
    if (!segments.length) return null;
    return { start, end, segments };
  }

  EL.align = { align, fold, codePointToUtf16 };
})();
