import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, segmentText, entitiesFor } from "./load.js";

// Align helper `text` with `names` ([name, label, group]) against `html`.
function run(html, text, names) {
  const { document, EL } = loadPage(html);
  const index = EL.textIndex.buildIndex(document.body);
  const result = EL.align.align(index, text, entitiesFor(text, names));
  return { ...result, document, texts: result.mentions.map(segmentText) };
}

test("exact paragraphs with whitespace variants", () => {
  const r = run(
    `<body><article><p>  Vladimir   Putin met
       Emmanuel Macron in   Paris.</p>\n\n<p>\tThey spoke.</p></article></body>`,
    "Vladimir Putin met Emmanuel Macron in Paris.\nThey spoke.",
    [["Vladimir Putin", "PERSON", "g1"], ["Emmanuel Macron", "PERSON", "g2"], ["Paris", "GPE", "g3"]]
  );
  assert.equal(r.paragraphs, 2);
  assert.equal(r.aligned, 2);
  assert.deepEqual(r.texts, ["Vladimir   Putin", "Emmanuel Macron", "Paris"]);
  assert.equal(r.mentions[0].label, "PERSON");
  assert.equal(r.mentions[2].group, "g3");
});

test("a mention split across inline elements", () => {
  const r = run(
    `<body><p>Then <b>Vla</b>dimir <a href="/p">Pu<em>tin</em></a> left.</p></body>`,
    "Then Vladimir Putin left.",
    [["Vladimir Putin", "PERSON", "g1"]]
  );
  assert.deepEqual(r.texts, ["Vladimir Putin"]);
  assert.deepEqual(
    r.mentions[0].segments.map((s) => s.node.data.slice(s.start, s.end)),
    ["Vla", "dimir ", "Pu", "tin"]
  );
});

test("NBSP, soft hyphens and zero-width characters in the page", () => {
  const r = run(
    `<body><p>Angela\u00a0Merkel visited Ham\u00adburg\u200b today.</p></body>`,
    "Angela Merkel visited Hamburg today.",
    [["Angela Merkel", "PERSON", "g1"], ["Hamburg", "GPE", "g2"]]
  );
  assert.equal(r.aligned, 1);
  assert.deepEqual(r.texts, ["Angela\u00a0Merkel", "Ham\u00adburg"]);
});

test("curly quotes and dashes differ between page and helper", () => {
  const r = run(
    `<body><p>\u201cWe won\u2019t go,\u201d said Olaf Scholz \u2014 in Berlin.</p></body>`,
    `"We won't go," said Olaf Scholz - in Berlin.`,
    [["Olaf Scholz", "PERSON", "g1"], ["Berlin", "GPE", "g2"]]
  );
  assert.equal(r.aligned, 1);
  assert.deepEqual(r.texts, ["Olaf Scholz", "Berlin"]);
});

test("list items and table cells, with or without markers", () => {
  const r = run(
    `<body><ul><li>Apple in Cupertino</li><li>Google in Mountain View</li></ul>
     <table><tr><td>Tesla</td><td>Austin</td></tr></table></body>`,
    "- Apple in Cupertino\nGoogle in Mountain View\nTesla | Austin",
    [["Apple", "ORG", "g1"], ["Cupertino", "GPE", "g2"], ["Mountain View", "GPE", "g3"], ["Tesla", "ORG", "g4"], ["Austin", "GPE", "g5"]]
  );
  assert.equal(r.aligned, 3);
  assert.deepEqual(r.texts, ["Apple", "Cupertino", "Mountain View", "Tesla", "Austin"]);
});

test("a name in the navigation and the comments is not highlighted there", () => {
  const html = `<body><nav><a>Joe Biden</a> <a>World</a></nav>
    <article><h1>Joe Biden speaks</h1><p>Joe Biden spoke on Monday in Ohio.</p></article>
    <section class="comments"><p>Joe Biden spoke on Monday in Ohio.</p><p>Joe Biden is great</p></section></body>`;
  const { document, EL } = loadPage(html);
  const text = "Joe Biden speaks\nJoe Biden spoke on Monday in Ohio.";
  const index = EL.textIndex.buildIndex(document.body);
  const r = EL.align.align(index, text, entitiesFor(text, [["Joe Biden", "PERSON", "g1"], ["Joe Biden", "PERSON", "g1"], ["Ohio", "GPE", "g2"]]));
  assert.equal(r.aligned, 2);
  const article = document.querySelector("article");
  for (const m of r.mentions) {
    for (const s of m.segments) assert.ok(article.contains(s.node), `${segmentText(m)} outside the article`);
  }
  assert.equal(r.mentions.length, 3);
});

test("repeated short paragraphs are placed in document order", () => {
  const r = run(
    `<body><p>Reuters</p><p>Long unique paragraph about NATO.</p><p>Reuters</p><p>Another one on the EU.</p></body>`,
    "Long unique paragraph about NATO.\nReuters\nAnother one on the EU.",
    [["NATO", "ORG", "g1"], ["Reuters", "ORG", "g2"], ["EU", "ORG", "g3"]]
  );
  const reuters = r.mentions[1].segments[0].node;
  assert.equal(reuters, r.document.querySelectorAll("p")[2].firstChild);
});

test("paragraphs missing from the page are reported and skipped", () => {
  const r = run(
    `<body><p>Visible paragraph about Kyiv.</p></body>`,
    "Visible paragraph about Kyiv.\nBehind the paywall: Zelensky said more.",
    [["Kyiv", "GPE", "g1"], ["Zelensky", "PERSON", "g2"]]
  );
  assert.equal(r.paragraphs, 2);
  assert.equal(r.aligned, 1);
  assert.equal(r.missed, 1);
  assert.deepEqual(r.texts, ["Kyiv"]);
});

test("code-point offsets with astral characters before a name", () => {
  const text = "\u{1F600}\u{1F1FA}\u{1F1E6} Volodymyr Zelensky in \u{1D4D2}yiv and Kyiv.";
  const r = run(`<body><p>${text}</p></body>`, text, [["Volodymyr Zelensky", "PERSON", "g1"], ["Kyiv", "GPE", "g2"]]);
  assert.deepEqual(r.texts, ["Volodymyr Zelensky", "Kyiv"]);
  // The helper counted code points: the emoji are one each.
  const entities = entitiesFor(text, [["Volodymyr Zelensky", "PERSON", "g1"]]);
  assert.equal(entities[0].start, 4);
});

test("no partial-word matches", () => {
  const r = run(`<body><p>Joanna</p><p>Ann</p></body>`, "Ann", [["Ann", "PERSON", "g1"]]);
  assert.equal(r.mentions[0].segments[0].node.data, "Ann");
});
