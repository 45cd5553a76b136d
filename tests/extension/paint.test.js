import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, entitiesFor } from "./load.js";

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
  const index = page.EL.textIndex.buildIndex(page.document.body);
  const { mentions } = page.EL.align.align(index, TEXT, entitiesFor(TEXT, NAMES));
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

test("inline paint wraps mentions, keeps the text, and clear restores outerHTML exactly", () => {
  const { document, EL, mentions } = setup();
  fakeRanges(document);
  const before = document.body.outerHTML;
  const textBefore = document.body.textContent;
  const painter = EL.paint.createPainter(document, { highlights: new Map(), Highlight: FakeHighlight });

  painter.paint(mentions, "inline");
  const marks = [...document.querySelectorAll("mark[data-entity-lens]")];
  // Emmanuel Macron is split by <b>: three pieces, the label only on the last.
  assert.deepEqual(marks.map((m) => m.textContent), ["Emmanuel ", "Mac", "ron", "Olaf", " Scholz", "Paris", "Paris", "Berlin\u00a0Mitte"]);
  assert.deepEqual(marks.map((m) => m.hasAttribute("data-entity-lens-cont")), [true, true, false, true, false, false, false, false]);
  assert.equal(marks[0].getAttribute("data-entity-lens"), "PERSON");
  assert.equal(marks[5].getAttribute("data-entity-lens-group"), "g3");
  assert.equal(document.querySelector("nav mark"), null);
  assert.equal(document.body.textContent, textBefore);
  assert.equal(painter.rangesOf(mentions[0]).length, 3);

  painter.clear();
  assert.equal(document.body.outerHTML, before);
  // The original text nodes are back, so the mentions can be painted again.
  painter.paint(mentions, "inline");
  assert.equal(document.querySelectorAll("mark").length, 8);
  painter.clear();
  assert.equal(document.body.outerHTML, before);
});

test("highlight paint registers one Highlight per label and leaves the DOM alone", () => {
  const { document, EL, mentions } = setup();
  fakeRanges(document);
  const before = document.body.outerHTML;
  const highlights = new Map();
  const painter = EL.paint.createPainter(document, { highlights, Highlight: FakeHighlight });

  painter.paint(mentions, "highlight");
  assert.deepEqual([...highlights.keys()].sort(), ["entity-lens-GPE", "entity-lens-LOC", "entity-lens-PERSON"]);
  assert.equal(highlights.get("entity-lens-GPE").size, 2);
  assert.equal(document.body.outerHTML, before);
  painter.flash(mentions[0], 10);
  assert.ok(highlights.has("entity-lens-flash"));

  painter.clear();
  assert.equal(highlights.size, 0);
  assert.equal(document.body.outerHTML, before);
});

test("WATCH mentions get their own highlight, drawn above the model's labels and below the flash", () => {
  const page = loadPage(PAGE);
  fakeRanges(page.document);
  const index = page.EL.textIndex.buildIndex(page.document.body);
  const names = [["Emmanuel Macron", "PERSON", "g2"], ["Olaf Scholz", "WATCH", "g1"], ["Paris", "GPE", "g3"]];
  const { mentions } = page.EL.align.align(index, TEXT, entitiesFor(TEXT, names));
  const highlights = new Map();
  const painter = page.EL.paint.createPainter(page.document, { highlights, Highlight: FakeHighlight });

  painter.paint(mentions, "highlight");
  const watch = highlights.get("entity-lens-WATCH");
  assert.ok(watch, "highlight named entity-lens-WATCH");
  assert.equal(watch.size, 1);
  for (const [name, h] of highlights) {
    if (name !== "entity-lens-WATCH") assert.ok(watch.priority > (h.priority || 0), name);
  }
  painter.flash(mentions[0], 10);
  assert.ok(highlights.get("entity-lens-flash").priority > watch.priority);
  painter.clear();

  painter.paint(mentions, "inline");
  const marks = [...page.document.querySelectorAll('mark[data-entity-lens="WATCH"]')];
  assert.deepEqual(marks.map((m) => m.textContent), ["Olaf", " Scholz"]);
  painter.clear();
});

test("the page stylesheet gives WATCH a distinct look in both styles, and MISC a colour", () => {
  const { scope } = loadPage("<p>x</p>", ["labels.js"]);
  const labels = scope.EntityLensLabels;
  const css = labels.pageCss();
  const watchRule = /::highlight\(entity-lens-WATCH\) \{([^}]*)\}/.exec(css);
  assert.ok(watchRule, "::highlight(entity-lens-WATCH) rule");
  assert.match(watchRule[1], /text-decoration: underline/);
  assert.match(watchRule[1], new RegExp(`background-color: ${labels.colorOf("WATCH")}`));
  const markRule = /mark\[data-entity-lens="WATCH"\] \{([^}]*)\}/.exec(css);
  assert.ok(markRule, 'mark[data-entity-lens="WATCH"] rule');
  assert.match(markRule[1], /outline: [^;]+!important/);
  // Strong yellow, unlike any model label's colour.
  assert.ok(!Object.values(labels.COLORS).includes(labels.colorOf("WATCH")));
  assert.ok(labels.LABELS.includes("MISC") && /::highlight\(entity-lens-MISC\)/.test(css));
  assert.ok(!labels.LABELS.includes("WATCH"), "WATCH is not a type to switch off in the options");
});
