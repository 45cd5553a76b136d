import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, entitiesFor } from "./load.js";
import * as labels from "../../extension/labels.js";
import { align } from "../../extension/content/align.js";
import { FLASH_PRIORITY, createPainter } from "../../extension/content/paint.js";
import { buildIndex } from "../../extension/content/text-index.js";

const PAGE = `<body><nav>Home <a>Paris</a></nav>
  <article><p>Emmanuel <b>Mac</b>ron met <i>Olaf</i> Scholz in Paris, then Paris again.</p>
  <p>Tail text with Berlin\u00a0Mitte.</p></article></body>`;
const TEXT = "Emmanuel Macron met Olaf Scholz in Paris, then Paris again.\nTail text with Berlin Mitte.";
const NAMES = [
  ["Emmanuel Macron", "PERSON", "g1"], ["Olaf Scholz", "PERSON", "g2"],
  ["Paris", "GPE", "g3"], ["Paris", "GPE", "g3"], ["Berlin Mitte", "LOC", "g4"],
];

function setup() {
  const page = loadPage(PAGE);
  const index = buildIndex(page.document.body);
  const { mentions } = align(index, TEXT, entitiesFor(TEXT, NAMES));
  return { ...page, mentions };
}

// linkedom has no Range.setStart and no CSS.highlights: small stand-ins.
function fakeRanges(document) {
  document.createRange = () => ({
    setStart(node, offset) { this.start = [node, offset]; },
    setEnd(node, offset) { this.end = [node, offset]; },
    selectNodeContents(node) { this.node = node; },
  });
}
class FakeHighlight extends Set {
  constructor(...ranges) { super(ranges); }
}

/** This run's random names, as the background makes them. */
function runNames() {
  return labels.randomNames();
}

test("inline paint wraps mentions, keeps the text, and clear restores outerHTML exactly", () => {
  const { document, mentions } = setup();
  fakeRanges(document);
  const names = runNames();
  const before = document.body.outerHTML;
  const textBefore = document.body.textContent;
  const painter = createPainter(document, { highlights: new Map(), Highlight: FakeHighlight });

  painter.paint(mentions, "inline", names);
  const marks = [...document.querySelectorAll("mark[data-entity-lens]")];
  // Emmanuel Macron is split by <b>: three pieces, the label only on the last.
  assert.deepEqual(marks.map((m) => m.textContent), ["Emmanuel ", "Mac", "ron", "Olaf", " Scholz", "Paris", "Paris", "Berlin\u00a0Mitte"]);
  assert.deepEqual(marks.map((m) => m.hasAttribute("data-entity-lens-cont")), [true, true, false, true, false, false, false, false]);
  // The mark says this run's name for the label, never the label itself.
  assert.equal(marks[0].getAttribute("data-entity-lens"), names.byLabel.PERSON);
  assert.equal(marks[5].getAttribute("data-entity-lens"), names.byLabel.GPE);
  assert.equal(marks[7].getAttribute("data-entity-lens"), names.byLabel.LOC);
  assert.equal(marks[5].getAttribute("data-entity-lens-group"), "g3");
  assert.equal(document.querySelector("nav mark"), null);
  assert.equal(document.body.textContent, textBefore);
  assert.equal(painter.rangesOf(mentions[0]).length, 3);

  painter.clear();
  assert.equal(document.body.outerHTML, before);
  // The original text nodes are back, so the mentions can be painted again.
  painter.paint(mentions, "inline", names);
  assert.equal(document.querySelectorAll("mark").length, 8);
  painter.clear();
  assert.equal(document.body.outerHTML, before);
});

test("highlight paint registers one Highlight per label under this run's names and leaves the DOM alone", () => {
  const { document, mentions } = setup();
  fakeRanges(document);
  const names = runNames();
  const before = document.body.outerHTML;
  const highlights = new Map();
  const painter = createPainter(document, { highlights, Highlight: FakeHighlight });

  painter.paint(mentions, "highlight", names);
  const { GPE, LOC, PERSON } = names.byLabel;
  assert.deepEqual([...highlights.keys()].sort(), [GPE, LOC, PERSON].sort());
  assert.equal(highlights.get(GPE).size, 2);
  assert.equal(document.body.outerHTML, before);
  painter.flash(mentions[0], 10);
  assert.ok(highlights.has(names.flash));
  assert.equal(highlights.get(names.flash).priority, FLASH_PRIORITY);

  painter.clear();
  assert.equal(highlights.size, 0);
  assert.equal(document.body.outerHTML, before);

  // The next run paints under its own names; nothing of the last run is left.
  const next = runNames();
  painter.paint(mentions, "highlight", next);
  assert.deepEqual([...highlights.keys()].sort(), [next.byLabel.GPE, next.byLabel.LOC, next.byLabel.PERSON].sort());
  painter.clear();
  assert.equal(highlights.size, 0);
});

test("WATCH mentions: kept out of the registry in the highlight style, marked under the run's WATCH name inline", () => {
  const page = loadPage(PAGE);
  fakeRanges(page.document);
  const index = buildIndex(page.document.body);
  const watched = [["Emmanuel Macron", "PERSON", "g2"], ["Olaf Scholz", "WATCH", "g1"], ["Paris", "GPE", "g3"]];
  const { mentions } = align(index, TEXT, entitiesFor(TEXT, watched));
  const names = runNames();
  const highlights = new Map();
  // The watched names' own layer (watch-layer.test.js tests it): here only what it is given.
  const layered = [];
  const createWatchLayer = () => ({ show: (ranges) => layered.push(...ranges), flash() {}, remove() {}, get boxes() { return layered.length; } });
  const painter = createPainter(page.document, { highlights, Highlight: FakeHighlight, createWatchLayer });

  painter.paint(mentions, "highlight", names);
  assert.deepEqual([...highlights.keys()].sort(), [names.byLabel.PERSON, names.byLabel.GPE].sort());
  assert.equal(layered.length, 1, "the watched name did not go to its layer");
  // No highlight stands out by priority either.
  assert.deepEqual([...new Set([...highlights.values()].map((h) => h.priority || 0))], [0]);
  painter.clear();

  painter.paint(mentions, "inline", names);
  const marks = [...page.document.querySelectorAll(`mark[data-entity-lens="${names.byLabel.WATCH}"]`)];
  assert.deepEqual(marks.map((m) => m.textContent), ["Olaf", " Scholz"]);
  painter.clear();
});

test("a label with no name of its own (another model's) is painted under MISC's name", () => {
  const page = loadPage(PAGE);
  fakeRanges(page.document);
  const index = buildIndex(page.document.body);
  const { mentions } = align(index, TEXT, entitiesFor(TEXT, [["Olaf Scholz", "SPECIES", "g1"]]));
  const names = runNames();
  const highlights = new Map();
  const painter = createPainter(page.document, { highlights, Highlight: FakeHighlight });
  painter.paint(mentions, "highlight", names);
  assert.deepEqual([...highlights.keys()], [names.byLabel.MISC]);
  painter.clear();
});

test("random names: fresh per run, valid CSS identifiers, saying nothing of the label", () => {
  const a = labels.randomNames();
  const b = labels.randomNames();
  const every = (n) => [...Object.values(n.byLabel), n.flash];
  assert.deepEqual(Object.keys(a.byLabel).sort(), [...labels.LABELS, labels.WATCH].sort());
  // All distinct within a run, and nothing shared between two runs.
  assert.equal(new Set(every(a)).size, every(a).length);
  assert.deepEqual(every(a).filter((n) => every(b).includes(n)), []);
  // Many runs: a name spelling a label by chance (hex "fac" is FAC) would show up here.
  const many = Array.from({ length: 300 }, () => every(labels.randomNames())).flat();
  for (const name of [...every(a), ...every(b), ...many]) {
    assert.match(name, /^[a-z][a-z0-9]{8,}$/, `${name} is not a plain CSS identifier`);
    for (const label of [...labels.LABELS, labels.WATCH, "flash", "entity", "lens"]) {
      assert.ok(!name.toLowerCase().includes(label.toLowerCase()), `${name} contains ${label}`);
    }
  }
  // Every label's name has the same shape: its length tells nothing either.
  assert.equal(new Set(every(a).map((n) => n.length)).size, 1);
});

test("the page stylesheet has rules for each of the run's names, WATCH a distinct look in both styles, MISC a colour", () => {
  const names = labels.randomNames();
  const css = labels.pageCss(names);
  const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const rule = (selector) => {
    const m = new RegExp(`(?:^|\\n)${esc(selector)} \\{([^}]*)\\}`).exec(css);
    assert.ok(m, `no rule for ${selector}`);
    return m[1];
  };
  for (const label of labels.LABELS) {
    const name = names.byLabel[label];
    assert.match(rule(`::highlight(${name})`), new RegExp(`background-color: ${esc(labels.colorOf(label))}`), label);
    assert.match(rule(`mark[data-entity-lens="${name}"]`), new RegExp(`background-color: ${esc(labels.colorOf(label))}`), label);
    // Inline marks still show the reader the label, as generated content (not in the DOM).
    assert.match(rule(`mark[data-entity-lens="${name}"]::after`), new RegExp(`content: "${label}"`));
  }
  const watch = names.byLabel.WATCH;
  const watchRule = rule(`::highlight(${watch})`);
  assert.match(watchRule, /text-decoration: underline/);
  assert.match(watchRule, new RegExp(`background-color: ${esc(labels.colorOf("WATCH"))}`));
  assert.match(rule(`mark[data-entity-lens="${watch}"]`), /outline: [^;]+!important/);
  assert.match(rule(`mark[data-entity-lens="${watch}"]::after`), /content: "WATCH"/);
  assert.match(rule(`::highlight(${names.flash})`), /background-color/);
  // Strong yellow, unlike any model label's colour.
  assert.ok(!Object.values(labels.COLORS).includes(labels.colorOf("WATCH")));
  assert.ok(labels.LABELS.includes("MISC") && css.includes(`::highlight(${names.byLabel.MISC})`));
  assert.ok(!labels.LABELS.includes("WATCH"), "WATCH is not a type to switch off in the options");
  // Only this run's names: no fixed entity-lens-<LABEL> name a page could look for, and the
  // same names give the very same string (the background removes the CSS with it).
  assert.doesNotMatch(css, /entity-lens-[A-Z]/);
  assert.doesNotMatch(css, /::highlight\([A-Z]/);
  assert.equal(labels.pageCss(structuredClone(names)), css);
  assert.notEqual(labels.pageCss(labels.randomNames()), css);
});
