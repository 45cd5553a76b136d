// Built by scripts/build-content.js from extension/content/entry.js: do not edit.
"use strict";
(() => {
  // extension/browser-api.js
  function browserApi() {
    return globalThis.browser ?? globalThis.chrome;
  }

  // extension/download.js
  var REVOKE_AFTER_MS = 3e4;
  function saveFile(container, name, type, text) {
    const doc2 = container.ownerDocument;
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = doc2.createElement("a");
    a.href = url;
    a.download = name;
    container.append(a);
    a.click();
    a.remove();
    globalThis.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }

  // extension/labels.js
  var TYPES = [
    { id: "people", name: "People", one: "Person", labels: ["PERSON", "PER"], color: "#b5acff" },
    { id: "places", name: "Places", one: "Place", labels: ["GPE", "LOC", "FAC"], color: "#e79f18" },
    { id: "organisations", name: "Organisations", one: "Organisation", labels: ["ORG"], color: "#5ad8db" },
    {
      id: "groups",
      name: "Groups",
      one: "Group",
      hint: "nationalities, religions, parties",
      labels: ["NORP", "LANGUAGE"],
      color: "#d572a5"
    },
    { id: "events", name: "Events & works", one: "Event or work", labels: ["EVENT", "WORK_OF_ART", "LAW", "MISC"], color: "#9fcf77" },
    { id: "products", name: "Products", one: "Product", labels: ["PRODUCT"], color: "#428dff" },
    { id: "dates", name: "Dates", one: "Date", labels: ["DATE", "TIME"], color: "#ded4b6" },
    { id: "numbers", name: "Numbers", one: "Number", labels: ["CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"], color: "#b6b5b1" }
  ];
  var FALLBACK_TYPE = "events";
  var TYPE_OF = new Map(TYPES.flatMap((type) => type.labels.map((label) => [label, type])));
  var typeById = (id) => TYPES.find((type) => type.id === id) || null;
  var WATCH = "WATCH";
  var WATCH_COLOR = "#ffd400";
  var WATCH_TYPE = { id: "watch", name: "Watchlist", one: "Watched name", labels: [WATCH], color: WATCH_COLOR };
  function typeOf(label) {
    if (label === WATCH) return WATCH_TYPE;
    return TYPE_OF.get(label) || typeById(FALLBACK_TYPE);
  }
  var LABELS = TYPES.flatMap((type) => type.labels);
  var COLORS = Object.fromEntries(LABELS.map((label) => [label, typeOf(label).color]));
  var OFF_BY_DEFAULT = [...typeById("dates").labels, ...typeById("numbers").labels];
  var DESCRIPTIONS = Object.fromEntries([...LABELS, WATCH].map((label) => [label, typeOf(label).name]));
  function colorOf(label) {
    return typeOf(label).color;
  }

  // extension/messages.js
  var MESSAGE = Object.freeze({
    /** content -> background: the panel's Retry button. {} */
    retry: "entity-lens:retry",
    /** content -> background: the panel's "Open options" button (this copy is not paired). {} */
    openOptions: "entity-lens:open-options",
    /** content -> background: the panel was closed, or the page navigated in place. {} */
    cleared: "entity-lens:cleared",
    /** content -> background: the panel lists this many entries now (the badge says so). { count } */
    listed: "entity-lens:listed",
    /** popup -> background: the popup's Try again button. { tabId } */
    retryTab: "entity-lens:retry-tab",
    /** options -> background: trade a pairing code for a token. { code } -> PairAnswer */
    pair: "entity-lens:pair",
    /** options -> background: the helper's health. { helperUrl? } -> HealthAnswer */
    health: "entity-lens:health"
  });
  var METHOD = Object.freeze({
    /** () -> string: the tab's address. */
    location: "location",
    /** () -> string: the page as displayed, without our own elements. */
    pageHtml: "pageHtml",
    /** ({ settings }) -> undefined: show the busy panel. */
    busy: "busy",
    /** ({ loading: [{ code, name }] }) -> undefined: the helper is loading a language's model for the first time. */
    progress: "progress",
    /** (HelperResult) -> Fit: align the helper's text with the page. */
    load: "load",
    /** ({ mode, reason, elapsedMs, settings }) -> { entities }: paint and list the results. */
    show: "show",
    /** (ErrorMessage) -> undefined: the panel shows what went wrong. */
    error: "error",
    /** () -> undefined: take everything off the page. */
    clear: "clear",
    /** () -> object: a snapshot for the extension's own end-to-end checks. */
    inspect: "inspect"
  });

  // extension/content/text-index.js
  var SKIP_TAGS = /* @__PURE__ */ new Set([
    "SCRIPT",
    "STYLE",
    "NOSCRIPT",
    "TEMPLATE",
    "TEXTAREA",
    "SELECT",
    "OPTION",
    "DATALIST",
    "IFRAME",
    "OBJECT",
    "EMBED",
    "CANVAS",
    "VIDEO",
    "AUDIO",
    "HEAD",
    "TITLE",
    "META",
    "LINK",
    "INPUT",
    "SVG",
    "MATH",
    "ENTITY-LENS-PANEL"
  ]);
  var BLOCK_TAGS = /* @__PURE__ */ new Set([
    "ADDRESS",
    "ARTICLE",
    "ASIDE",
    "BLOCKQUOTE",
    "BODY",
    "CAPTION",
    "CENTER",
    "DD",
    "DETAILS",
    "DIALOG",
    "DIV",
    "DL",
    "DT",
    "FIELDSET",
    "FIGCAPTION",
    "FIGURE",
    "FOOTER",
    "FORM",
    "H1",
    "H2",
    "H3",
    "H4",
    "H5",
    "H6",
    "HEADER",
    "HGROUP",
    "HR",
    "HTML",
    "LEGEND",
    "LI",
    "MAIN",
    "MENU",
    "NAV",
    "OL",
    "P",
    "PRE",
    "SECTION",
    "SUMMARY",
    "TABLE",
    "TBODY",
    "TD",
    "TFOOT",
    "TH",
    "THEAD",
    "TR",
    "UL"
  ]);
  var INITIAL = /^[\p{L}\p{N}'"\u2018\u201c]{1,3}$/u;
  var COLLAPSIBLE = /[ \t\n\r\f]/;
  function tagOf(el) {
    return (el.localName || el.tagName || "").toUpperCase();
  }
  function buildIndex(root, options = {}) {
    const view2 = root.ownerDocument && root.ownerDocument.defaultView;
    const computed = options.computedStyle || (view2 && typeof view2.getComputedStyle === "function" ? (el) => view2.getComputedStyle(el) : null);
    const chars = [];
    const nodes = [];
    const offsets = [];
    const last = () => chars[chars.length - 1];
    function push(ch, node, offset) {
      chars.push(ch);
      nodes.push(node);
      offsets.push(offset);
    }
    function separator() {
      if (last() === " ") {
        chars.pop();
        nodes.pop();
        offsets.pop();
      }
      if (chars.length && last() !== "\n") push("\n", null, -1);
    }
    function addText(node) {
      const data = node.data;
      for (let i = 0; i < data.length; i++) {
        const ch = data[i];
        if (COLLAPSIBLE.test(ch)) {
          if (chars.length && last() !== " " && last() !== "\n") push(" ", node, i);
        } else {
          push(ch, node, i);
        }
      }
    }
    function skipped(el) {
      if (SKIP_TAGS.has(tagOf(el))) return true;
      if (el.hasAttribute("hidden")) return true;
      if (el.getAttribute("aria-hidden") === "true") return true;
      return false;
    }
    function walk(parent, visible, inInitial) {
      for (let child = parent.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) {
          if (visible) addText(child);
          continue;
        }
        if (child.nodeType !== 1 || skipped(child)) continue;
        if (tagOf(child) === "BR") {
          separator();
          continue;
        }
        let block = !inInitial && BLOCK_TAGS.has(tagOf(child));
        let childVisible = visible;
        let initial = inInitial;
        if (computed) {
          const style2 = computed(child);
          if (style2.display === "none") continue;
          block = !inInitial && !style2.display.startsWith("inline") && style2.display !== "contents";
          if (block && style2.float && style2.float !== "none" && INITIAL.test(child.textContent.trim())) {
            block = false;
            initial = true;
          }
          childVisible = style2.visibility === "visible";
        }
        if (block) separator();
        walk(child, childVisible, initial);
        if (block) separator();
      }
    }
    walk(root, true, false);
    while (chars.length && (last() === " " || last() === "\n")) {
      chars.pop();
      nodes.pop();
      offsets.pop();
    }
    return { text: chars.join(""), nodes, offsets };
  }
  function segmentsOf(index, start, end) {
    const segments = [];
    for (let i = start; i < end; i++) {
      const node = index.nodes[i];
      if (!node) continue;
      const seg = segments[segments.length - 1];
      if (seg && seg.node === node) seg.end = index.offsets[i] + 1;
      else segments.push({ node, start: index.offsets[i], end: index.offsets[i] + 1 });
    }
    return segments;
  }

  // extension/content/align.js
  var WORD_CHAR = /[\p{L}\p{N}]/u;
  var SPACE = /[\s\u00a0\u2000-\u200a\u202f\u205f\u3000|]/;
  var DROPPED = /[\u00ad\u200b-\u200d\u2060\ufeff]/;
  var SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/;
  var DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;
  var DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
  var LIST_MARKER = /^\s*(?:[-*\u2022\u00b7\u2023\u25e6\u2043]|\d{1,3}[.)])\s+/;
  var MAX_OCCURRENCES = 50;
  var LOOSE_EDGES = 40;
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
        else if (ch === "…") {
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
  function codePointToUtf16(text) {
    const table = [0];
    let units = 0;
    for (const ch of text) {
      units += ch.length;
      table.push(units);
    }
    return table;
  }
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
  function option(level, folded, at) {
    return { at, level, folded, start: level.map[at], end: level.map[at + folded.text.length - 1] + 1 };
  }
  function levelAt(level, pos) {
    let lo = 0;
    let hi = level.map.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (level.map[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  function firstIn(level, folded, lo, hi) {
    const needle = folded.text;
    if (!needle) return null;
    const from = levelAt(level, lo);
    const window = level.text.slice(from, levelAt(level, hi));
    for (let k = window.indexOf(needle); k !== -1; k = window.indexOf(needle, k + 1)) {
      const at = from + k;
      if (atWordEdges(level.text, at, at + needle.length)) return option(level, folded, at);
    }
    return null;
  }
  var MIN_PIECE = 16;
  var MAX_WINDOW = 2e3;
  function splitParagraphs(helperText) {
    const paras = [];
    let pos = 0;
    for (const line of helperText.split("\n")) {
      paras.push({ text: line, offset: pos, place: null, options: [], inOrder: false });
      pos += line.length + 1;
    }
    return paras;
  }
  function foldLevels(index) {
    let tolerant = null;
    return {
      exact: fold(index.text, false),
      tolerant: () => tolerant = tolerant || fold(index.text, true)
    };
  }
  function findCandidates(paras, levels) {
    let total = 0;
    for (const p of paras) {
      if (!p.text.trim()) continue;
      total++;
      p.options = candidates(p.text, levels.exact, false);
      if (!p.options.length) p.options = candidates(p.text, levels.tolerant(), true);
    }
    return total;
  }
  function wholePlace(p, o) {
    return { start: o.start, end: o.end, pieces: [{ ...o, from: 0, to: p.text.length }] };
  }
  function placeAnchors(paras) {
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
  function nearest(paras, i, step, test) {
    for (let j = i + step; j >= 0 && j < paras.length; j += step) {
      if (test(paras[j])) return paras[j];
    }
    return null;
  }
  var isPlaced = (p) => p.place !== null;
  var isInOrder = (p) => p.inOrder;
  function placeBetween(paras) {
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
  function takenPlaces(paras) {
    const taken = paras.filter(isPlaced).map((p) => p.place);
    return {
      free: (o) => taken.every((q) => o.end <= q.start || o.start >= q.end),
      take(p, place2) {
        p.place = place2;
        taken.push(place2);
      }
    };
  }
  function placeOutOfOrder(index, paras, taken, title = "") {
    const inOrder = paras.filter(isInOrder);
    if (!inOrder.length) return;
    const span = { start: inOrder[0].place.start, end: inOrder[inOrder.length - 1].place.end };
    placeHeadline(paras, taken, title, span);
    const between = (a, b) => !WORD_CHAR.test(index.text.slice(a, b));
    for (let changed = true; changed; ) {
      changed = false;
      for (const p of paras) {
        if (p.place || p.options.length !== 1) continue;
        const o = p.options[0];
        const inside = o.start >= span.start && o.end <= span.end;
        const next = o.end <= span.start && between(o.end, span.start) || o.start >= span.end && between(span.end, o.start);
        if ((inside || next) && taken.free(o)) {
          taken.take(p, wholePlace(p, o));
          span.start = Math.min(span.start, o.start);
          span.end = Math.max(span.end, o.end);
          changed = true;
        }
      }
    }
  }
  function placeHeadline(paras, taken, title, span) {
    const folded = title ? fold(title, true).text : "";
    if (!folded) return;
    for (const p of paras) {
      if (p.place || !p.options.length || fold(p.text, true).text !== folded) continue;
      const before = p.options.filter((o2) => o2.end <= span.start && taken.free(o2));
      const o = before.length ? before[before.length - 1] : p.options.find(taken.free);
      if (o) taken.take(p, wholePlace(p, o));
    }
  }
  function placePieces(index, paras, taken, level) {
    for (let i = 0; i < paras.length; i++) {
      const p = paras[i];
      if (p.place || !p.text.trim()) continue;
      const before = nearest(paras, i, -1, isInOrder);
      const after = nearest(paras, i, 1, isInOrder);
      if (!before || !after) continue;
      const lo = before.place.end;
      const hi = after.place.start;
      if (lo >= hi || hi - lo > MAX_WINDOW + 4 * p.text.length) continue;
      const pieces = piecesOf(index, p.text, lo, hi, level()).filter(taken.free);
      if (!pieces.length) continue;
      taken.take(p, { start: pieces[0].start, end: pieces[pieces.length - 1].end, pieces });
      p.inOrder = true;
    }
  }
  function mentionsOf(index, paras, helperText, entities) {
    const mentions = [];
    let missed = 0;
    const units = codePointToUtf16(helperText);
    let pi = 0;
    for (const entity of entities) {
      const start = units[entity.start];
      const end = units[entity.end];
      while (pi < paras.length - 1 && paras[pi + 1].offset <= start) pi++;
      const p = paras[pi];
      const mention = p.place && start !== void 0 && end !== void 0 ? place(index, p, start - p.offset, end - p.offset) : null;
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
  function align(index, helperText, entities = [], options = {}) {
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
      const ends = [];
      for (let k = pos + 1; k <= F.length; k++) if (k === F.length || F[k] === " ") ends.push(k);
      const sub = (end) => ({ text: F.slice(pos, end), map: folded.map.slice(pos, end) });
      let best = null;
      let l = 0;
      let h2 = ends.length - 1;
      while (l <= h2) {
        const mid = l + h2 >> 1;
        const o = firstIn(level, sub(ends[mid]), cursor, hi);
        if (o) {
          best = o;
          l = mid + 1;
        } else {
          h2 = mid - 1;
        }
      }
      const follows = found.length && !WORD_CHAR.test(index.text.slice(cursor, best ? best.start : cursor));
      if (best && (best.folded.text.length >= MIN_PIECE && best.folded.text.includes(" ") || follows)) {
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
  function place(index, p, from, to) {
    const piece = p.place.pieces.find((q) => from >= q.from && to <= q.to);
    if (!piece) return null;
    const { folded, level, at } = piece;
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

  // extension/content/export.js
  var MENTION_FIELDS = ["start", "end", "text", "label", "group", "name"];
  var CSV_COLUMNS = [...MENTION_FIELDS, "aliases", "count", "salience"];
  function groupsOf(result2, onPage = /* @__PURE__ */ new Map()) {
    return result2.groups.map((g) => ({
      id: g.id,
      label: g.label,
      name: g.name,
      aliases: Array.isArray(g.aliases) ? g.aliases : [],
      count: g.count,
      salience: g.salience,
      first: g.first,
      wikipedia: g.wikipedia,
      on_page: onPage.get(g.id) || 0
    }));
  }
  function mentionsOf2(result2) {
    const names2 = new Map(result2.groups.map((g) => [g.id, g.name]));
    return result2.entities.map((e) => ({
      start: e.start,
      end: e.end,
      text: e.text,
      label: e.label,
      group: e.group,
      name: names2.get(e.group) ?? e.text
    }));
  }
  function toJson(result2, { mode = "", onPage } = {}) {
    const data = {
      url: result2.url,
      title: result2.title,
      language: result2.language,
      model: result2.model,
      mode,
      groups: groupsOf(result2, onPage),
      mentions: mentionsOf2(result2)
    };
    return JSON.stringify(data, null, 2) + "\n";
  }
  function csvField(value) {
    const s = String(value ?? "");
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  function inert(text) {
    const s = String(text ?? "");
    return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
  }
  function toCsv(result2) {
    const groups = new Map(groupsOf(result2).map((g) => [g.id, g]));
    const rows = [CSV_COLUMNS];
    for (const m of mentionsOf2(result2)) {
      const g = groups.get(m.group) || { aliases: [] };
      rows.push([
        m.start,
        m.end,
        inert(m.text),
        m.label,
        m.group,
        inert(m.name),
        inert(g.aliases.join("; ")),
        g.count,
        g.salience
      ]);
    }
    return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
  }
  var MAX_SLUG = 48;
  var TITLE_PARTS = /\s+[|\u2013\u2014\u00b7\u00bb]\s+|\s+-\s+/;
  function slug(text) {
    const words = String(text ?? "").normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    let out = "";
    for (const word of words) {
      const next = out ? `${out}-${word}` : word;
      if (next.length > MAX_SLUG) return out || word.slice(0, MAX_SLUG);
      out = next;
    }
    return out;
  }
  function articleTitle(title) {
    const parts = String(title ?? "").split(TITLE_PARTS);
    return parts.reduce((a, b) => b.trim().length > a.trim().length ? b : a, "");
  }
  function addressWords(url) {
    try {
      const u = new URL(url);
      return `${u.hostname.replace(/^www\./, "")} ${decodeURIComponent(u.pathname)}`;
    } catch (err) {
      return "";
    }
  }
  function localDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }
  function fileName(result2, kind, { now = /* @__PURE__ */ new Date(), pageUrl = "" } = {}) {
    const about2 = slug(articleTitle(result2 && result2.title)) || slug(addressWords(result2 && result2.url || pageUrl)) || "page";
    return `entity-lens-${about2}-${localDate(now)}.${kind}`;
  }

  // extension/content/main-text.js
  var OUTSIDE = "nav, header, footer, aside, form, [hidden], [aria-hidden='true']";
  var SHORT_SHARE = 0.5;
  var MIN_PAGE_CHARS = 1e3;
  function visibleLength(root) {
    let chars = 0;
    for (const p of root.querySelectorAll("p")) {
      if (p.closest(OUTSIDE)) continue;
      chars += p.textContent.replace(/\s+/g, " ").trim().length;
    }
    return chars;
  }
  function measure(text, root) {
    const pageChars = visibleLength(root);
    const textChars = text.replace(/\s+/g, " ").trim().length;
    const share = pageChars ? textChars / pageChars : 1;
    return { pageChars, share, short: pageChars >= MIN_PAGE_CHARS && share < SHORT_SHARE };
  }

  // extension/content/paint.js
  var FLASH_PRIORITY = 10;
  var PULSE_MS = 180;
  var LAYER_STYLE = `
    .box { position: absolute; pointer-events: none; box-sizing: border-box; border-radius: 2px;
      background: rgba(255, 212, 0, 0.6); mix-blend-mode: multiply; border-bottom: 2px solid #b00000; }
    .box.flash { outline: 3px solid #0b3d91; outline-offset: 1px; }`;
  function createWatchLayer(doc2) {
    const view2 = doc2.defaultView;
    const host = doc2.createElement("entity-lens-marks");
    host.setAttribute("style", "all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; pointer-events: none !important;");
    const root = host.attachShadow({ mode: "closed" });
    const style2 = doc2.createElement("style");
    style2.textContent = LAYER_STYLE;
    let ranges = [];
    let flashed = null;
    let frame = 0;
    function draw() {
      frame = 0;
      const origin = host.getBoundingClientRect();
      const boxes = [];
      for (const range of ranges) {
        for (const r of range.getClientRects()) {
          if (!r.width || !r.height) continue;
          const box = doc2.createElement("div");
          box.className = range === flashed ? "box flash" : "box";
          box.style.cssText = `left:${r.left - origin.left}px;top:${r.top - origin.top}px;width:${r.width}px;height:${r.height}px`;
          boxes.push(box);
        }
      }
      root.replaceChildren(style2, ...boxes);
    }
    const redraw = () => {
      if (!frame) frame = view2.requestAnimationFrame(draw);
    };
    const resizes = typeof view2.ResizeObserver === "function" ? new view2.ResizeObserver(redraw) : null;
    return {
      host,
      show(list) {
        ranges = list;
        if (!host.isConnected) doc2.documentElement.appendChild(host);
        draw();
        view2.addEventListener("resize", redraw);
        if (resizes && doc2.body) resizes.observe(doc2.body);
      },
      /** Draw `range` (one of ours) as the jump's current mention, or none. */
      flash(range) {
        flashed = range;
        draw();
      },
      /** How many boxes are drawn (for the extension's own checks: the root is closed). */
      get boxes() {
        return root.querySelectorAll(".box").length;
      },
      remove() {
        view2.removeEventListener("resize", redraw);
        if (resizes) resizes.disconnect();
        if (frame) view2.cancelAnimationFrame(frame);
        frame = 0;
        ranges = [];
        root.replaceChildren();
        host.remove();
      }
    };
  }
  function rangeOf(doc2, segments) {
    const range = doc2.createRange();
    const first = segments[0];
    const last = segments[segments.length - 1];
    range.setStart(first.node, first.start);
    range.setEnd(last.node, last.end);
    return range;
  }
  function piecesByNode(mentions) {
    const pieces = /* @__PURE__ */ new Map();
    for (const m of mentions) {
      m.marks = [];
      m.segments.forEach((seg, i) => {
        if (!pieces.has(seg.node)) pieces.set(seg.node, []);
        pieces.get(seg.node).push({ ...seg, mention: m, last: i === m.segments.length - 1 });
      });
    }
    for (const list of pieces.values()) list.sort((a, b) => a.start - b.start);
    return pieces;
  }
  function markedParts(doc2, node, pieces, nameOf) {
    const parts = [];
    let at = 0;
    for (const piece of pieces) {
      if (piece.start < at) continue;
      if (piece.start > at) parts.push(doc2.createTextNode(node.data.slice(at, piece.start)));
      const mark = doc2.createElement("mark");
      mark.setAttribute("data-entity-lens", nameOf(piece.mention.label));
      mark.setAttribute("data-entity-lens-group", piece.mention.group);
      if (!piece.last) mark.setAttribute("data-entity-lens-cont", "");
      mark.appendChild(doc2.createTextNode(node.data.slice(piece.start, piece.end)));
      piece.mention.marks.push(mark);
      parts.push(mark);
      at = piece.end;
    }
    if (at < node.data.length) parts.push(doc2.createTextNode(node.data.slice(at)));
    return parts;
  }
  function markMentions(doc2, mentions, nameOf) {
    const replaced = [];
    for (const [node, list] of piecesByNode(mentions)) {
      if (!node.parentNode) continue;
      const parts = markedParts(doc2, node, list, nameOf);
      const fragment = doc2.createDocumentFragment();
      fragment.append(...parts);
      node.parentNode.replaceChild(fragment, node);
      replaced.push({ original: node, parts });
    }
    return replaced;
  }
  function markRanges(doc2, marks) {
    return marks.filter((mark) => mark.isConnected).map((mark) => {
      const range = doc2.createRange();
      range.selectNodeContents(mark);
      return range;
    });
  }
  function rangesByLabel(doc2, mentions) {
    const byLabel = /* @__PURE__ */ new Map();
    const watched = [];
    for (const m of mentions) {
      m.range = rangeOf(doc2, m.segments);
      if (m.label === WATCH) {
        watched.push(m.range);
        continue;
      }
      if (!byLabel.has(m.label)) byLabel.set(m.label, []);
      byLabel.get(m.label).push(m.range);
    }
    return { byLabel, watched };
  }
  function timePainting(perf, style2, count, started) {
    if (!perf || !perf.measure) return;
    try {
      perf.measure(`entity-lens:paint:${style2 === "inline" ? "inline" : "highlight"}:${count}`, { start: started });
    } catch (e) {
    }
  }
  function restoreNodes(replaced) {
    for (const { original, parts } of [...replaced].reverse()) {
      const anchor = parts.find((p) => p.parentNode);
      if (!anchor) continue;
      anchor.parentNode.insertBefore(original, anchor);
      for (const part of parts) if (part.parentNode) part.parentNode.removeChild(part);
    }
  }
  function blink(view2, highlights, name, highlight, keep) {
    let step = 0;
    const next = () => {
      step += 1;
      if (step % 2) highlights.delete(name);
      else highlights.set(name, highlight);
      if (step < 4) keep(view2.setTimeout(next, PULSE_MS));
    };
    keep(view2.setTimeout(next, PULSE_MS));
  }
  function createPainter(doc2, env = {}) {
    const view2 = doc2.defaultView || globalThis;
    const highlights = env.highlights || globalThis.CSS && globalThis.CSS.highlights;
    const Highlight = env.Highlight || globalThis.Highlight;
    let names2 = null;
    let registered = [];
    let replaced = [];
    let flashTimer = null;
    let layer = null;
    function nameOf(label) {
      return names2.byLabel[label] || names2.byLabel.MISC;
    }
    function paintHighlights(mentions) {
      if (!highlights || !Highlight) throw new Error("CSS Custom Highlight API not available");
      const { byLabel, watched } = rangesByLabel(doc2, mentions);
      if (watched.length) {
        layer = (env.createWatchLayer || createWatchLayer)(doc2);
        layer.show(watched);
      }
      for (const [label, ranges] of byLabel) {
        const highlight = new Highlight(...ranges);
        highlights.set(nameOf(label), highlight);
        registered.push(nameOf(label));
      }
    }
    function paintInline(mentions) {
      replaced.push(...markMentions(doc2, mentions, nameOf));
      for (const m of mentions) {
        m.range = null;
      }
    }
    return {
      style: null,
      /** Paint `mentions` ({label, group, segments}) in `style`, under this run's `runNames`. */
      paint(mentions, style2, runNames) {
        const perf = view2.performance;
        const started = perf ? perf.now() : 0;
        this.clear();
        names2 = runNames;
        this.style = style2;
        if (style2 === "inline") paintInline(mentions);
        else paintHighlights(mentions);
        timePainting(perf, style2, mentions.length, started);
      },
      /** Ranges covering a painted mention, for scrolling and hit-testing. */
      rangesOf(mention) {
        if (this.style === "inline") return markRanges(doc2, mention.marks || []);
        return mention.range ? [mention.range] : [];
      },
      /** Boxes drawn for watched names (0 in the inline style, which marks them in the page). */
      get watchBoxes() {
        return layer ? layer.boxes : 0;
      },
      /**
       * Mark `mention` as the jump's current one until the next jump (or a repaint), in the
       * run's flash highlight; with `pulse`, it blinks twice first (not for readers who asked
       * for less motion).
       */
      current(mention, { pulse = false } = {}) {
        view2.clearTimeout(flashTimer);
        const watched = layer && mention.label === WATCH && mention.range;
        if (layer) layer.flash(watched ? mention.range : null);
        if (highlights && names2) highlights.delete(names2.flash);
        if (watched || !highlights || !Highlight) return;
        const mark = new Highlight(...this.rangesOf(mention));
        mark.priority = FLASH_PRIORITY;
        highlights.set(names2.flash, mark);
        if (pulse) blink(view2, highlights, names2.flash, mark, (timer) => flashTimer = timer);
      },
      /** Remove everything painted; the page is as before. */
      clear() {
        view2.clearTimeout(flashTimer);
        if (highlights) {
          for (const name of registered) highlights.delete(name);
          if (names2) highlights.delete(names2.flash);
        }
        registered = [];
        if (layer) layer.remove();
        layer = null;
        restoreNodes(replaced);
        replaced = [];
        this.style = null;
      }
    };
  }

  // extension/content/panel.js
  var MIN_WIDTH = 260;
  var MAX_WIDTH = 320;
  var MARGIN = 12;
  var STYLE = `
    [data-text]::before { content: attr(data-text); }
    .panel { position: fixed; top: ${MARGIN}px; width: ${MAX_WIDTH}px; max-height: calc(100vh - ${2 * MARGIN}px);
      overflow: auto; box-sizing: border-box; padding: 10px 12px; z-index: 2147483647;
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: left;
      background: #ffffff; color: #1b1b1b; border: 1px solid #8a8a8a; border-radius: 8px;
      box-shadow: 0 4px 24px rgba(0, 0, 0, 0.25); }
    .panel[hidden], .pill[hidden] { display: none; }
    header { display: flex; align-items: center; gap: 6px; }
    h2 { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
    h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
    h3 .hint { text-transform: none; font-weight: 400; letter-spacing: 0; color: #555; }
    button { font: inherit; color: inherit; cursor: pointer; }
    .tool { background: transparent; border: 1px solid #767676; border-radius: 4px; padding: 2px 8px; min-height: 24px; }
    .announce { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .status { margin: 6px 0; color: #4a4a4a; font-size: 12px; }
    .error { margin: 8px 0; padding: 8px; border-radius: 6px; background: #fde8e8; color: #6b0000; white-space: pre-wrap; }
    .error strong { display: block; margin-bottom: 4px; }
    .details { margin-top: 6px; }
    .details code { display: block; margin: 4px 0; padding: 4px 6px; border-radius: 4px; background: #fff; color: #1b1b1b;
      font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-all; }
    .filters { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 6px 0; border: 0; padding: 0; }
    .filters label { display: inline-flex; align-items: center; gap: 3px; font-size: 12px; }
    .swatch { display: inline-block; flex: none; width: 10px; height: 10px; border-radius: 2px; border: 1px solid rgba(0,0,0,0.45); }
    .info { margin: 4px 0 8px; padding: 6px 8px; border-radius: 6px; background: #f2f2f2; font-size: 12px; }
    .info[hidden], .group[hidden] { display: none; }
    .info dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }
    .info dt { font-weight: 600; }
    .info dd { margin: 0; }
    ul { list-style: none; margin: 0; padding: 0; }
    .entity { display: flex; width: 100%; gap: 6px; align-items: center; text-align: left; margin: 2px 0;
      padding: 3px 6px; border: 1px solid transparent; border-radius: 4px; background: transparent; }
    .entity:hover { border-color: #767676; }
    .entity .name { flex: 1; }
    .entity .count, .entity .where { font-variant-numeric: tabular-nums; color: #4a4a4a; font-size: 12px; }
    .entity[aria-current="true"] { border-color: #0b3d91; background: #e8efff; }
    .entity[aria-disabled="true"] { cursor: default; }
    .entity[aria-disabled="true"] .name { color: #595959; font-style: italic; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
    :focus-visible { outline: 3px solid #1a5fd0; outline-offset: 1px; }
    .pill { position: fixed; top: ${MARGIN}px; z-index: 2147483647; display: inline-flex; align-items: center; gap: 6px;
      padding: 6px 12px; border-radius: 999px; border: 1px solid #8a8a8a; background: #ffffff; color: #1b1b1b;
      font: 600 13px/1.2 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 2px 12px rgba(0,0,0,0.25); }
    .tip { position: fixed; z-index: 2147483647; max-width: 280px; padding: 6px 8px; border-radius: 6px;
      font: 12px/1.4 system-ui, sans-serif; background: #1b1b1b; color: #fff; box-shadow: 0 2px 10px rgba(0,0,0,0.3); }
    .tip[hidden] { display: none; }
    .tip a { color: #9cd0ff; }
    .tip .aliases { color: #d0d0d0; }
    .tip .label { display: inline-block; padding: 0 4px; border-radius: 3px; color: #1b1b1b; font-weight: 600; margin-right: 4px; }
    @media (prefers-color-scheme: dark) {
      .panel, .pill { background: #1f1f23; color: #ececec; border-color: #8a8a90; }
      .status, .entity .count, .entity .where, h3 .hint { color: #c0c0c0; }
      .entity[aria-disabled="true"] .name { color: #b0b0b0; }
      .entity[aria-current="true"] { border-color: #8fb3ff; background: #24324f; }
      .tool { border-color: #9a9aa0; }
      .info { background: #2c2c31; }
      .error { background: #4a1414; color: #ffd6d6; }
      :focus-visible { outline-color: #8fb3ff; }
    }`;
  function setText(el, text) {
    el.replaceChildren();
    el.setAttribute("data-text", String(text));
  }
  function textOf(el) {
    return [el, ...el.querySelectorAll("[data-text]")].map((e) => e.getAttribute("data-text") || "").join("");
  }
  function h(doc2, tag, attrs = {}, ...children) {
    const el = doc2.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === void 0) continue;
      if (name === "text") setText(el, value);
      else el.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) el.append(child);
    return el;
  }
  function button(doc2, attrs, text, label = text) {
    return h(doc2, "button", { type: "button", ...attrs, text, "aria-label": label });
  }
  var byReader = (event) => event.isTrusted === true;
  var mentionsWord = (n) => n === 1 ? "1 mention" : `${n} mentions`;
  function placement(textBox2, viewportWidth, prefs2 = {}) {
    const room = {
      right: textBox2 ? viewportWidth - textBox2.right : viewportWidth,
      left: textBox2 ? textBox2.left : 0
    };
    const fits = (side) => room[side] - 2 * MARGIN >= MIN_WIDTH;
    const widthOn = (side) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, room[side] - 2 * MARGIN));
    const chosen = prefs2.dock === "left" || prefs2.dock === "right" ? prefs2.dock : null;
    const dock = chosen || (fits("right") || !fits("left") && room.right >= room.left ? "right" : "left");
    const collapsed = typeof prefs2.collapsed === "boolean" ? prefs2.collapsed : !fits(dock);
    return { dock, collapsed, width: widthOn(dock) };
  }
  function buildFrame(doc2) {
    const host = doc2.createElement("entity-lens-panel");
    host.setAttribute("style", "all: initial !important; position: fixed !important; z-index: 2147483647 !important;");
    const shadow = host.attachShadow({ mode: "closed" });
    const style2 = doc2.createElement("style");
    style2.textContent = STYLE;
    const parts = {
      host,
      shadow,
      root: h(doc2, "section", { class: "panel", role: "complementary", "aria-label": "Entity Lens" }),
      status: h(doc2, "div", { class: "status", role: "status" }),
      // Where a jump went ("2 of 4"), said aloud; seen on the entity's button.
      announce: h(doc2, "div", { class: "announce", "aria-live": "polite" }),
      body: h(doc2, "div", { class: "body" }),
      dockButton: button(doc2, { class: "tool", "data-action": "dock" }, "⇆", "Move the panel to the left"),
      collapseButton: button(
        doc2,
        { class: "tool", "data-action": "collapse", "aria-expanded": "true" },
        "–",
        "Collapse the panel (Esc); the highlights stay"
      ),
      pill: button(
        doc2,
        { class: "pill", "data-action": "expand", hidden: true, "aria-expanded": "false" },
        "Entity Lens",
        "Entity Lens: open the panel"
      ),
      tip: h(doc2, "div", { class: "tip", hidden: true, role: "dialog", "aria-label": "About this name" })
    };
    const clear = button(
      doc2,
      { class: "tool", "data-action": "clear", title: "Clear the highlights and close" },
      "Clear",
      "Clear the highlights and close"
    );
    parts.root.append(
      h(doc2, "header", {}, h(doc2, "h2", { text: "Entity Lens" }), parts.dockButton, parts.collapseButton, clear),
      parts.status,
      parts.announce,
      parts.body
    );
    shadow.append(style2, parts.root, parts.pill, parts.tip);
    doc2.documentElement.appendChild(host);
    return parts;
  }
  function refuseScripts(shadow, accept) {
    const refuse = (event) => {
      if (accept(event) || event.target.matches && event.target.matches("a[download]")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    for (const type of ["click", "auxclick", "dblclick", "keydown", "keyup", "input", "change", "submit"]) {
      shadow.addEventListener(type, refuse, true);
    }
  }
  var entityButtons = (root) => [...root.querySelectorAll(".group:not([hidden]) button.entity")];
  function keepTabStop(root) {
    const shown = entityButtons(root);
    if (shown.some((b) => b.getAttribute("tabindex") === "0")) return;
    for (const b of root.querySelectorAll("button.entity")) b.setAttribute("tabindex", "-1");
    if (shown.length) shown[0].setAttribute("tabindex", "0");
  }
  function focusEntity(root, target) {
    for (const b of root.querySelectorAll("button.entity")) b.setAttribute("tabindex", b === target ? "0" : "-1");
    target.focus({ preventScroll: false });
  }
  function cardOwner({ root, tip }) {
    if (tip.hidden || !tip.hasAttribute("data-for")) return null;
    return root.querySelector(`button.entity[data-group="${tip.getAttribute("data-for")}"]`);
  }
  function arrowTarget(root, current, key) {
    const list = entityButtons(root);
    const i = list.indexOf(current);
    if (key === "ArrowDown") return list[Math.min(list.length - 1, i + 1)];
    if (key === "ArrowUp") return list[Math.max(0, i - 1)];
    if (key === "Home") return list[0];
    if (key === "End") return list[list.length - 1];
    return null;
  }
  function listenToKeys(parts, accept, { fold: fold2 }) {
    const { root, tip } = parts;
    parts.shadow.addEventListener("keydown", (event) => {
      if (!accept(event)) return;
      const inTip = event.composedPath().includes(tip);
      const owner = cardOwner(parts);
      const current = event.target.closest && event.target.closest("button.entity");
      let focus = null;
      if (event.key === "Escape") {
        if (owner || inTip && !tip.hidden) {
          tip.hidden = true;
          tip.removeAttribute("data-for");
          focus = owner || current;
        } else fold2();
        event.preventDefault();
      } else if (event.key === "Tab" && !event.shiftKey && current && owner === current) {
        focus = tip.querySelector("a");
      } else if (event.key === "Tab" && event.shiftKey && inTip) {
        focus = owner;
      } else if (current) {
        const next = arrowTarget(root, current, event.key);
        if (next) {
          event.preventDefault();
          focusEntity(root, next);
        }
      }
      if (focus) {
        event.preventDefault();
        focus.focus({ preventScroll: true });
      }
    });
  }
  function listenToClicks(parts, accept, on, act) {
    parts.shadow.addEventListener("click", (event) => {
      if (!accept(event)) return;
      const target = event.target.closest("button");
      if (!target) return;
      const action = target.getAttribute("data-action");
      if (action) act(action, target);
      else if (target.hasAttribute("data-group") && target.getAttribute("aria-disabled") !== "true") {
        on.entity(target.getAttribute("data-group"));
      }
    });
    parts.root.addEventListener("change", (event) => {
      const input = event.target;
      if (!accept(event)) return;
      if (input.matches("input[data-type]")) on.filter(input.getAttribute("data-type"), input.checked);
    });
  }
  function disclose(root, toggle) {
    const info = toggle.parentNode.querySelector(".info") || root.querySelector(".info");
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    if (info) info.hidden = !open;
  }
  function errorBox(doc2, { title, advice, code, command }) {
    const box = h(
      doc2,
      "div",
      { class: "error", role: "alert" },
      h(doc2, "strong", { text: title }),
      advice ? h(doc2, "div", { class: "advice", text: advice }) : null
    );
    if (command) {
      const toggle = button(doc2, { class: "tool", "data-action": "info", "aria-expanded": "false" }, "Details");
      const info = h(
        doc2,
        "div",
        { class: "info", hidden: true },
        h(doc2, "div", { text: "Run this in a terminal:" }),
        h(doc2, "code", { class: "command", text: command }),
        button(doc2, { class: "tool", "data-action": "copy", "data-copy": command }, "Copy", "Copy the command"),
        h(doc2, "div", { text: "then restart the helper, and click Retry." })
      );
      box.append(h(doc2, "div", { class: "details" }, toggle, info));
    }
    const retry = button(doc2, { class: "tool", "data-action": "retry" }, "Retry");
    const options = code === "not_paired" ? button(doc2, { class: "tool", "data-action": "options" }, "Open options") : null;
    box.append(h(doc2, "div", { class: "actions" }, options, retry));
    return { box, retry };
  }
  function entityButton(doc2, group) {
    const onPage = group.count > 0;
    const note = onPage ? group.hidden ? `, ${group.hidden} not shown on the page` : "" : "not shown on the page";
    const plain = onPage ? String(group.count) + (group.hidden ? ` (+${group.hidden} hidden)` : "") : "";
    const label = onPage ? `${group.name}, ${mentionsWord(group.count)}${note}. Jump to the next one` : `${group.name}, ${note}`;
    return h(doc2, "li", {}, h(
      doc2,
      "button",
      {
        type: "button",
        class: "entity",
        "data-group": group.id,
        tabindex: "-1",
        "aria-label": label,
        "aria-disabled": onPage ? null : "true",
        "data-plain": plain,
        title: onPage ? `Jump to the next mention of ${group.name}` : note
      },
      h(doc2, "span", { class: "name", text: group.name }),
      h(doc2, "span", { class: "where", text: onPage ? "" : note }),
      h(doc2, "span", { class: "count", text: plain })
    ));
  }
  function typeNodes(doc2, sections2) {
    const filters = h(doc2, "div", { class: "filters", role: "group", "aria-label": "Show types" });
    const lists = [];
    for (const section of sections2) {
      const box = h(doc2, "input", { type: "checkbox", "data-type": section.type, "aria-label": section.name });
      box.checked = section.shown;
      filters.append(h(
        doc2,
        "label",
        { title: section.hint || section.name },
        box,
        h(doc2, "span", { class: "swatch", style: `background:${section.color}` }),
        h(doc2, "span", { text: section.name })
      ));
      const heading = h(
        doc2,
        "h3",
        { id: `type-${section.type}` },
        h(doc2, "span", { text: section.name }),
        section.hint ? h(doc2, "span", { class: "hint", text: ` (${section.hint})` }) : null
      );
      const list = h(doc2, "ul", { "aria-labelledby": `type-${section.type}` });
      for (const group of section.groups) list.append(entityButton(doc2, group));
      lists.push(h(doc2, "section", { class: "group", "data-type": section.type, hidden: !section.shown }, heading, list));
    }
    if (!sections2.length) lists.push(h(doc2, "p", { text: "No names found in the article." }));
    return [filters, ...lists];
  }
  function aboutNodes(doc2, about2) {
    const dl = h(doc2, "dl");
    for (const [term, text] of about2) dl.append(h(doc2, "dt", { text: term }), h(doc2, "dd", { text }));
    const actions = h(
      doc2,
      "div",
      { class: "actions" },
      button(doc2, { class: "tool", "data-action": "export-json" }, "Export JSON"),
      button(doc2, { class: "tool", "data-action": "export-csv" }, "Export CSV"),
      button(doc2, { class: "tool", "data-action": "info", "aria-expanded": "false", "aria-controls": "about" }, "About this result")
    );
    return [actions, h(doc2, "div", { class: "info", id: "about", hidden: true }, dl)];
  }
  var boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  var entityOf = (b) => ({
    id: b.getAttribute("data-group"),
    name: textOf(b.querySelector(".name")),
    count: textOf(b.querySelector(".count")),
    where: textOf(b.querySelector(".where")),
    current: b.getAttribute("aria-current") === "true",
    disabled: b.getAttribute("aria-disabled") === "true"
  });
  function inspectPanel({ shadow, root, status, pill, tip }, where2) {
    const error = root.querySelector(".error");
    const command = root.querySelector(".command");
    const focused = shadow.activeElement;
    return {
      text: textOf(root),
      status: textOf(status),
      error: error ? {
        title: textOf(error.querySelector("strong")),
        advice: textOf(error.querySelector(".advice") || error.querySelector("strong")),
        command: command ? textOf(command) : null
      } : null,
      sections: [...root.querySelectorAll(".group")].map((list) => ({
        type: list.getAttribute("data-type"),
        hidden: list.hidden,
        title: textOf(list.querySelector("h3")),
        entities: [...list.querySelectorAll("button.entity")].map(entityOf)
      })),
      filters: [...root.querySelectorAll("input[data-type]")].map((input) => ({
        type: input.getAttribute("data-type"),
        checked: input.checked,
        rect: boxOf(input)
      })),
      buttons: [...shadow.querySelectorAll("button")].filter((b) => !b.closest("[hidden]")).map((b) => ({
        action: b.getAttribute("data-action"),
        group: b.getAttribute("data-group"),
        text: textOf(b),
        disabled: b.disabled || b.getAttribute("aria-disabled") === "true",
        rect: boxOf(b)
      })),
      dock: where2.dock,
      collapsed: where2.collapsed,
      rect: boxOf(where2.collapsed ? pill : root),
      pill: where2.collapsed ? textOf(pill) : null,
      card: tip.hidden ? null : { text: textOf(tip), rect: boxOf(tip), for: tip.getAttribute("data-for") },
      focused: focused ? textOf(focused) || focused.getAttribute("aria-label") : null,
      focusedAction: focused ? focused.getAttribute("data-action") || focused.getAttribute("data-group") && "entity" : null
    };
  }
  function showPlaced({ root, pill, dockButton }, where2) {
    root.hidden = where2.collapsed;
    pill.hidden = !where2.collapsed;
    const side = where2.dock === "left" ? "left" : "right";
    const other = side === "left" ? "right" : "left";
    for (const el of [root, pill]) {
      el.style.setProperty(side, `${MARGIN}px`);
      el.style.removeProperty(other);
    }
    root.style.width = `${where2.width}px`;
    dockButton.setAttribute("aria-label", `Move the panel to the ${other}`);
    dockButton.setAttribute("title", `Move the panel to the ${other}`);
  }
  function markCurrent({ root, announce }, groupId, n, total) {
    for (const b of root.querySelectorAll("button.entity")) {
      const here = b.getAttribute("data-group") === groupId;
      setText(b.querySelector(".count"), here ? `${n} of ${total}` : b.getAttribute("data-plain") || "");
      b.setAttribute("tabindex", here ? "0" : "-1");
      if (here) {
        b.setAttribute("aria-current", "true");
        setText(announce, `${textOf(b.querySelector(".name"))}: ${n} of ${total}`);
      } else b.removeAttribute("aria-current");
    }
  }
  function createPanel(doc2, on, { accept = byReader } = {}) {
    const parts = buildFrame(doc2);
    const { host, shadow, root, status, body, pill, tip } = parts;
    let where2 = { dock: "right", collapsed: false, width: MAX_WIDTH };
    const place2 = (next) => {
      where2 = { ...where2, ...next };
      showPlaced(parts, where2);
    };
    const fold2 = (collapsed, { focus = true } = {}) => {
      place2({ collapsed });
      if (focus) (collapsed ? pill : parts.collapseButton).focus({ preventScroll: true });
      on.collapse(collapsed);
    };
    const actions = {
      clear: () => on.clear(),
      retry: () => on.retry(),
      options: () => on.options(),
      "export-json": () => on.export("json"),
      "export-csv": () => on.export("csv"),
      collapse: () => fold2(true),
      expand: () => fold2(false),
      dock: () => {
        place2({ dock: where2.dock === "left" ? "right" : "left" });
        on.dock(where2.dock);
      },
      info: (target) => disclose(root, target),
      copy: (target) => {
        on.copy(target.getAttribute("data-copy") || "");
        setText(target, "Copied");
      }
    };
    refuseScripts(shadow, accept);
    listenToClicks(parts, accept, on, (action, target) => Object.hasOwn(actions, action) && actions[action](target));
    listenToKeys(parts, accept, { fold: () => !where2.collapsed && fold2(true) });
    place2({});
    const busy = (text) => {
      setText(status, text);
      setText(pill, `Entity Lens · ${text}`);
    };
    return {
      host,
      shadow,
      tip,
      /** Dock and fold as `placement()` said (see there). Keeps focus where it is. */
      place: place2,
      get placed() {
        return { ...where2 };
      },
      busy(text) {
        busy(text);
        body.replaceChildren();
      },
      /** A line of progress while the run goes on (the first use of a language model). */
      progress: busy,
      /** An error with what to do, Retry, the options' button when the fix is there, a command under Details. */
      error(message) {
        setText(status, "");
        const { box, retry } = errorBox(doc2, message);
        body.replaceChildren(box);
        if (where2.collapsed) fold2(false, { focus: false });
        retry.focus({ preventScroll: true });
      },
      /**
       * The results. `summary`: the status line; `about`: [[term, text]] for "About this
       * result"; `sections`: [{ type, name, hint, color, shown, groups: [{ id, name, count
       * (shown on the page), hidden (mentions the page does not show) }] }], in order.
       */
      results(summary2, about2, sections2) {
        setText(status, summary2);
        body.replaceChildren(...typeNodes(doc2, sections2), ...aboutNodes(doc2, about2));
        keepTabStop(root);
      },
      /** The pill's words, e.g. "Entity Lens · 12". */
      count(listed) {
        setText(pill, `Entity Lens · ${listed}`);
        pill.setAttribute("aria-label", `Entity Lens, ${listed} names listed: open the panel`);
      },
      showType(type, shown) {
        const list = shadow.querySelector(`.group[data-type="${type}"]`);
        if (list) list.hidden = !shown;
        keepTabStop(root);
      },
      current: (groupId, n, total) => markCurrent(parts, groupId, n, total),
      remove: () => host.remove(),
      inspect: () => inspectPanel(parts, where2)
    };
  }

  // extension/content/tooltip.js
  var THROTTLE_MS = 60;
  var HIDE_DELAY_MS = 400;
  function wikipediaSearch(name) {
    return "https://en.wikipedia.org/w/index.php?search=" + encodeURIComponent(name);
  }
  function wikipediaLink(url, name) {
    try {
      const u = new URL(url);
      if (u.protocol === "https:" && /^([a-z0-9-]+\.)*wikipedia\.org$/i.test(u.hostname)) return u.href;
    } catch (err) {
    }
    return wikipediaSearch(name);
  }
  function hitTest(mentions, rangesOf, x, y) {
    for (const mention of mentions) {
      for (const range of rangesOf(mention)) {
        for (const r of range.getClientRects()) {
          if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return mention;
        }
      }
    }
    return null;
  }
  function cardContent(doc2, info) {
    const make = (tag, className, text) => {
      const el = doc2.createElement(tag);
      if (className) el.className = className;
      setText(el, text);
      return el;
    };
    const label = make("span", "label", info.label);
    label.style.background = info.color;
    const parts = [label, make("strong", "", info.name)];
    if (info.aliases && info.aliases.length) parts.push(make("div", "aliases", "Also: " + info.aliases.join(", ")));
    const hidden = info.count - (info.onPage ?? info.count);
    parts.push(make("div", "", (info.count === 1 ? "1 mention" : `${info.count} mentions`) + (hidden ? `, ${hidden} not shown on the page` : "")));
    const link = make("a", "", "Search Wikipedia");
    link.href = wikipediaLink(info.wikipedia, info.name);
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.setAttribute("aria-label", `Search Wikipedia for ${info.name}`);
    parts.push(link);
    return parts;
  }
  function createTooltip(doc2, tip, source) {
    const view2 = doc2.defaultView;
    let last = 0;
    let pending = null;
    let hideTimer = null;
    let current = null;
    function show(mention, x, y) {
      view2.clearTimeout(hideTimer);
      if (current !== mention) {
        current = mention;
        const info = source.describe(mention);
        tip.setAttribute("aria-label", `${info.label}: ${info.name}`);
        tip.replaceChildren(...cardContent(doc2, info));
      }
      tip.hidden = false;
      const width = tip.offsetWidth || 200;
      const height = tip.offsetHeight || 60;
      tip.style.left = Math.max(4, Math.min(x + 12, view2.innerWidth - width - 4)) + "px";
      tip.style.top = (y + 16 + height < view2.innerHeight ? y + 16 : Math.max(4, y - height - 8)) + "px";
    }
    function hideSoon() {
      view2.clearTimeout(hideTimer);
      hideTimer = view2.setTimeout(() => {
        tip.hidden = true;
        tip.removeAttribute("data-for");
        current = null;
      }, HIDE_DELAY_MS);
    }
    function check(event) {
      if (event.composedPath().includes(tip)) {
        view2.clearTimeout(hideTimer);
        return;
      }
      const mention = hitTest(source.mentions(), source.rangesOf, event.clientX, event.clientY);
      if (mention) {
        tip.removeAttribute("data-for");
        show(mention, event.clientX, event.clientY);
      } else if (current && !tip.hasAttribute("data-for")) hideSoon();
    }
    function onMove(event) {
      if (!event.isTrusted) return;
      const now = Date.now();
      view2.clearTimeout(pending);
      if (now - last >= THROTTLE_MS) {
        last = now;
        check(event);
      } else {
        pending = view2.setTimeout(() => {
          last = Date.now();
          check(event);
        }, THROTTLE_MS);
      }
    }
    doc2.addEventListener("mousemove", onMove, { passive: true, capture: true });
    return {
      /**
       * Open the card beside `mention` (the jump's current one), for `groupId`'s button: it
       * stays until Escape or another hover, and Tab from that button reaches its link.
       */
      showFor(mention, groupId) {
        const range = source.rangesOf(mention)[0];
        const r = range && range.getClientRects()[0];
        if (!r) return;
        show(mention, r.left, r.bottom - 8);
        tip.setAttribute("data-for", groupId);
      },
      stop() {
        doc2.removeEventListener("mousemove", onMove, { capture: true });
        view2.clearTimeout(pending);
        view2.clearTimeout(hideTimer);
        tip.hidden = true;
      }
    };
  }

  // extension/content/main.js
  var ext = browserApi();
  var doc = globalThis.document;
  var view = doc.defaultView || globalThis;
  var TEXT_BLOCKS = "p, li, dd, dt, blockquote, figcaption, td, th, h1, h2, h3, h4, h5, h6, pre";
  var PREFS = ["panelDock", "panelCollapsed"];
  var state = "idle";
  var panel = null;
  var tooltip = null;
  var result = null;
  var alignment = null;
  var style = "highlight";
  var shownTypes = /* @__PURE__ */ new Set();
  var cursors = /* @__PURE__ */ new Map();
  var prefs = {};
  var navWatch = null;
  var outcome = null;
  var names = null;
  var painter = createPainter(doc);
  function send(type) {
    try {
      Promise.resolve(ext.runtime.sendMessage({ type })).catch(() => {
      });
    } catch (err) {
    }
  }
  function ensurePanel() {
    if (panel && panel.host.isConnected) return panel;
    panel = createPanel(doc, {
      clear() {
        clearAll();
        send(MESSAGE.cleared);
      },
      retry() {
        send(MESSAGE.retry);
      },
      options() {
        send(MESSAGE.openOptions);
      },
      entity: jumpTo,
      filter(type, shown) {
        if (shown) shownTypes.add(type);
        else shownTypes.delete(type);
        panel.showType(type, shown);
        repaint();
        countListed();
      },
      export: exportAs,
      copy(text) {
        const clipboard = globalThis.navigator && globalThis.navigator.clipboard;
        if (clipboard) clipboard.writeText(text).catch(() => {
        });
      },
      dock(side) {
        savePrefs({ panelDock: side });
      },
      collapse(collapsed) {
        savePrefs({ panelCollapsed: collapsed });
      }
    });
    panel.place(where());
    return panel;
  }
  function storage() {
    return ext && ext.storage && ext.storage.local;
  }
  function savePrefs(changes) {
    if (Object.hasOwn(changes, "panelDock")) prefs.dock = changes.panelDock;
    if (Object.hasOwn(changes, "panelCollapsed")) prefs.collapsed = changes.panelCollapsed;
    const local = storage();
    if (local) Promise.resolve(local.set(changes)).catch(() => {
    });
  }
  function loadPrefs() {
    const local = storage();
    if (!local) return;
    Promise.resolve(local.get(PREFS)).then((stored) => {
      prefs = { dock: stored.panelDock, collapsed: stored.panelCollapsed };
      if (panel && state !== "error") panel.place(where());
    }).catch(() => {
    });
  }
  function textBox() {
    if (!alignment || state !== "shown") return articleGuess();
    let left = Infinity;
    let right = -Infinity;
    const seen = /* @__PURE__ */ new Set();
    for (const m of alignment.mentions) {
      if (!m.onPage) continue;
      const parent = m.segments[0].node.parentElement;
      const block = parent && (parent.closest && parent.closest(TEXT_BLOCKS) || parent);
      if (!block || seen.has(block) || typeof block.getBoundingClientRect !== "function") continue;
      seen.add(block);
      const r = block.getBoundingClientRect();
      if (!r.width) continue;
      left = Math.min(left, r.left);
      right = Math.max(right, r.right);
    }
    return left < right ? { left, right } : null;
  }
  function articleGuess() {
    const el = doc.querySelector("article, main, [role=main]");
    if (!el || typeof el.getBoundingClientRect !== "function") return null;
    const r = el.getBoundingClientRect();
    return r.width ? { left: r.left, right: r.right } : null;
  }
  function where() {
    const width = doc.documentElement && doc.documentElement.clientWidth || view.innerWidth || 0;
    return placement(textBox(), width, prefs);
  }
  function onResize() {
    if (panel && state === "shown") panel.place(where());
  }
  function mentionsOf3(groupId) {
    return alignment ? alignment.mentions.filter((m) => m.group === groupId) : [];
  }
  function visibleMentions() {
    return alignment ? alignment.mentions.filter((m) => shownTypes.has(typeOf(m.label).id)) : [];
  }
  function shownOnPage(mention) {
    const el = mention.segments[0].node.parentElement;
    if (!el) return false;
    if (typeof el.checkVisibility === "function") return el.checkVisibility({ visibilityProperty: true });
    if (typeof el.getClientRects === "function") return el.getClientRects().length > 0;
    return true;
  }
  var reducedMotion = () => {
    const query = globalThis.matchMedia && globalThis.matchMedia("(prefers-reduced-motion: reduce)");
    return !!(query && query.matches);
  };
  function repaint() {
    try {
      painter.paint(visibleMentions(), style, names);
    } catch (err) {
      style = "inline";
      painter.paint(visibleMentions(), style, names);
    }
  }
  function unpaint() {
    view.removeEventListener("resize", onResize);
    if (tooltip) tooltip.stop();
    tooltip = null;
    painter.clear();
  }
  function clearAll() {
    unpaint();
    if (panel) panel.remove();
    panel = null;
    result = null;
    alignment = null;
    cursors = /* @__PURE__ */ new Map();
    globalThis.clearInterval(navWatch);
    navWatch = null;
    state = "idle";
  }
  function watchNavigation() {
    if (navWatch) return;
    const where2 = () => globalThis.location.href.split("#")[0];
    const start = where2();
    navWatch = globalThis.setInterval(() => {
      if (where2() !== start) {
        clearAll();
        send(MESSAGE.cleared);
      }
    }, 1e3);
  }
  function jumpTo(groupId) {
    const mentions = mentionsOf3(groupId).filter((m) => m.onPage);
    if (!mentions.length) return;
    const i = (cursors.get(groupId) || 0) % mentions.length;
    cursors.set(groupId, i + 1);
    const mention = mentions[i];
    const range = painter.rangesOf(mention)[0];
    const node = range ? range.startContainer : mention.segments[0].node;
    const element = node.nodeType === 1 ? node : node.parentElement;
    const still = reducedMotion();
    if (element) element.scrollIntoView({ block: "center", inline: "nearest", behavior: still ? "auto" : "smooth" });
    painter.current(mention, { pulse: !still });
    panel.current(groupId, i + 1, mentions.length);
    if (tooltip) globalThis.setTimeout(() => tooltip && tooltip.showFor(mention, groupId), still ? 0 : 400);
  }
  function countsOnPage() {
    const counts = /* @__PURE__ */ new Map();
    for (const m of alignment.mentions) counts.set(m.group, (counts.get(m.group) || 0) + 1);
    return counts;
  }
  function shownCounts() {
    const counts = /* @__PURE__ */ new Map();
    for (const m of alignment.mentions) if (m.onPage) counts.set(m.group, (counts.get(m.group) || 0) + 1);
    return counts;
  }
  function helperCounts() {
    const counts = /* @__PURE__ */ new Map();
    for (const e of result.entities || []) counts.set(e.group, (counts.get(e.group) || 0) + 1);
    return counts;
  }
  function summary(sectionList) {
    const listed = sectionList.filter((x) => x.shown).reduce((n, x) => n + x.groups.length, 0);
    return listed === 1 ? "1 name in this article" : `${listed} names in this article`;
  }
  function about(sectionList) {
    const model = result.model ? `${result.model.name} ${result.model.version}` : "unknown model";
    const seconds = result.cached ? "cached" : `${(outcome.elapsedMs / 1e3).toFixed(1)} s`;
    const mode = outcome.mode === "url" ? "url (the helper fetched the page)" : "page (sent the page as displayed" + (outcome.reason ? `: ${outcome.reason})` : ")");
    const rows = [
      ["Model", model],
      ["Time", seconds],
      ["Mode", mode],
      ["Paragraphs found", `${alignment.aligned} of ${alignment.paragraphs}`]
    ];
    for (const section of sectionList) {
      const codes = [...new Set(result.groups.filter((g) => typeOf(g.label).id === section.type).map((g) => g.label))];
      rows.push([section.name, `spaCy ${codes.join(", ")}`]);
    }
    return rows;
  }
  function sections() {
    const shown = shownCounts();
    const total = helperCounts();
    const byType = /* @__PURE__ */ new Map();
    for (const g of result.groups) {
      const type = typeOf(g.label).id;
      if (!byType.has(type)) byType.set(type, []);
      const onPage = shown.get(g.id) || 0;
      byType.get(type).push({ id: g.id, name: g.name, count: onPage, hidden: Math.max(0, (total.get(g.id) || 0) - onPage) });
    }
    return [WATCH_TYPE, ...TYPES].filter((type) => byType.has(type.id)).map((type) => ({
      type: type.id,
      name: type.name,
      hint: type.hint,
      color: type.color,
      shown: shownTypes.has(type.id),
      groups: byType.get(type.id)
    }));
  }
  function listedCount() {
    if (!result) return 0;
    return result.groups.filter((g) => shownTypes.has(typeOf(g.label).id)).length;
  }
  function countListed() {
    const listed = listedCount();
    if (panel) panel.count(listed);
    try {
      Promise.resolve(ext.runtime.sendMessage({ type: MESSAGE.listed, count: listed })).catch(() => {
      });
    } catch (err) {
    }
  }
  function download(name, type, text) {
    saveFile(panel.shadow, name, type, text);
  }
  function exportAs(kind) {
    if (!result) return;
    const name = fileName(result, kind, { pageUrl: globalThis.location.href });
    if (kind === "json") {
      const text = toJson(result, { mode: outcome.mode, onPage: countsOnPage() });
      download(name, "application/json", text);
    } else {
      download(name, "text/csv", toCsv(result));
    }
  }
  function withLabels(seen) {
    const labelsOf = (id) => id === WATCH_TYPE.id ? WATCH_TYPE.labels : (TYPES.find((t) => t.id === id) || { labels: [] }).labels;
    return { ...seen, filters: seen.filters.map((f) => ({ ...f, labels: [...labelsOf(f.type)] })) };
  }
  var methods = {
    location: () => globalThis.location.href,
    // What the helper reads in "page" mode; our panel host is left out.
    pageHtml: () => doc.documentElement.outerHTML.replace(/<entity-lens-(panel|marks)\b[^>]*>\s*<\/entity-lens-\1>/g, ""),
    busy() {
      unpaint();
      state = "busy";
      loadPrefs();
      ensurePanel().busy("Finding names…");
      panel.place(where());
      watchNavigation();
    },
    /** The helper is loading a language's model for the first time (`loading`: [{ code, name }]). */
    progress(arg) {
      const loading = arg && arg.loading;
      if (state !== "busy" || !panel || !Array.isArray(loading) || !loading.length) return;
      const names2 = loading.map((l) => l.name || l.code).join(" and ");
      panel.progress(`Loading the ${names2} language model — this happens once…`);
    },
    // Align the helper's text with the page; the background decides on a fallback from this.
    load(answer) {
      unpaint();
      result = answer;
      cursors = /* @__PURE__ */ new Map();
      const index = buildIndex(doc.body || doc.documentElement);
      alignment = align(index, answer.text, answer.entities, { title: answer.title });
      for (const m of alignment.mentions) m.onPage = shownOnPage(m);
      const main = measure(answer.text, doc.body || doc.documentElement);
      return {
        paragraphs: alignment.paragraphs,
        aligned: alignment.aligned,
        mentions: alignment.mentions.length,
        mainShare: main.share,
        short: main.short
      };
    },
    show({ mode, reason, elapsedMs, settings }) {
      outcome = { mode, reason, elapsedMs };
      style = settings.style;
      names = settings.names;
      shownTypes = /* @__PURE__ */ new Set([...settings.types.map((label) => typeOf(label).id), WATCH_TYPE.id]);
      state = "shown";
      const list = sections();
      ensurePanel().results(summary(list), about(list), list);
      panel.count(listedCount());
      panel.place(where());
      view.addEventListener("resize", onResize);
      repaint();
      tooltip = createTooltip(doc, panel.tip, {
        mentions: visibleMentions,
        rangesOf: (m) => painter.rangesOf(m),
        describe: (m) => {
          const group = result.groups.find((g) => g.id === m.group) || { name: m.entity.text };
          return {
            label: typeOf(m.label).one,
            color: colorOf(m.label),
            name: group.name,
            aliases: Array.isArray(group.aliases) ? group.aliases : [],
            wikipedia: group.wikipedia,
            count: helperCounts().get(m.group) || mentionsOf3(m.group).length,
            onPage: shownCounts().get(m.group) || 0
          };
        }
      });
      return { entities: listedCount() };
    },
    error(message) {
      unpaint();
      state = "error";
      ensurePanel().error(message);
      watchNavigation();
    },
    clear() {
      clearAll();
    },
    /**
     * A snapshot for the extension's own checks (its tests run it through scripting.executeScript,
     * as the background does): the panel (its shadow root is closed to the page), this run's
     * highlight names per label, and the painted mentions. Nothing here reaches the page.
     */
    inspect() {
      return {
        state,
        style: painter.style,
        names,
        watchBoxes: painter.watchBoxes,
        panel: panel && panel.host.isConnected ? withLabels(panel.inspect()) : null,
        // Only a shown run paints: after an error or while busy the last alignment is not on screen.
        painted: (state === "shown" ? visibleMentions() : []).map((m) => ({ label: m.label, group: m.group, text: m.entity ? m.entity.text : "" }))
      };
    }
  };
  var controller = {
    get state() {
      return state;
    },
    handle(method, arg) {
      if (!Object.hasOwn(methods, method)) throw new Error("Unknown method " + method);
      return methods[method](arg);
    },
    /**
     * The panel's host and closed shadow root, for the extension's own accessibility check
     * (tests/e2e/accessibility.js). A live node cannot cross executeScript's boundary, so only
     * code in this isolated world reaches it; page scripts cannot see EntityLens at all.
     */
    accessibilityRoot() {
      return panel && panel.host.isConnected ? { host: panel.host, root: panel.shadow } : null;
    }
  };

  // extension/content/entry.js
  var EL = globalThis.EntityLens = globalThis.EntityLens || {};
  if (!EL.controller) EL.controller = controller;
})();
