import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, segmentText, entitiesFor } from "./load.js";
import { align } from "../../extension/content/align.js";
import { buildIndex } from "../../extension/content/text-index.js";

// Align helper `text` with `names` ([name, label, group]) against `html`.
function run(html, text, names) {
  const { document } = loadPage(html);
  const index = buildIndex(document.body);
  const result = align(index, text, entitiesFor(text, names));
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
  const { document } = loadPage(html);
  const text = "Joe Biden speaks\nJoe Biden spoke on Monday in Ohio.";
  const index = buildIndex(document.body);
  const r = align(index, text, entitiesFor(text, [["Joe Biden", "PERSON", "g1"], ["Joe Biden", "PERSON", "g1"], ["Ohio", "GPE", "g2"]]));
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

// Every mention's DOM text lies inside `selector`.
function allInside(r, selector) {
  const box = r.document.querySelector(selector);
  return r.mentions.every((m) => m.segments.every((s) => box.contains(s.node)));
}

test("one helper paragraph from outside the article does not push the article out of order", () => {
  // The helper's text starts with a teaser that the page shows after the comments.
  const html = `<body><nav>Home News</nav>
    <article><h1>Rivers rise in Bavaria</h1>
      <p>Heavy rain swelled the Danube near Regensburg on Sunday.</p>
      <p>Officials in Passau closed the old town to cars.</p>
      <p>Markus Soeder promised help for the farmers.</p></article>
    <section id="comments"><p>Soeder again? Passau floods every year.</p></section>
    <aside id="guides"><h3>Guides</h3><p>Our guide to hiking in the Alps near Garmisch, with maps.</p></aside></body>`;
  const text = [
    "Our guide to hiking in the Alps near Garmisch, with maps.",
    "Rivers rise in Bavaria",
    "Heavy rain swelled the Danube near Regensburg on Sunday.",
    "Officials in Passau closed the old town to cars.",
    "Markus Soeder promised help for the farmers.",
  ].join("\n");
  const r = run(html, text, [
    ["Alps", "LOC", "g0"], ["Garmisch", "GPE", "g1"], ["Bavaria", "GPE", "g2"], ["Danube", "LOC", "g3"],
    ["Regensburg", "GPE", "g4"], ["Passau", "GPE", "g5"], ["Markus Soeder", "PERSON", "g6"],
  ]);
  assert.equal(r.aligned, 4);
  assert.deepEqual(r.texts, ["Bavaria", "Danube", "Regensburg", "Passau", "Markus Soeder"]);
  assert.ok(allInside(r, "article"));
});

test("captions and pull quotes the helper moved to the end are found where the page has them", () => {
  const html = `<body><div id="top">Subscribe</div>
    <figure><figcaption>The Ariane 6 rocket at Kourou before launch. (credit: ESA/Jean Dupont)</figcaption></figure>
    <h1>Europe's new launcher</h1>
    <p>The European Space Agency flew Ariane 6 for the first time this summer.</p>
    <blockquote>\u201cWe are back in space,\u201d said Josef Aschbacher.</blockquote>
    <p>Arianespace hopes for ten flights a year from French Guiana.</p>
    <footer>About us</footer></body>`;
  const text = [
    "Europe's new launcher",
    "The European Space Agency flew Ariane 6 for the first time this summer.",
    "Arianespace hopes for ten flights a year from French Guiana.",
    "The Ariane 6 rocket at Kourou before launch. (credit: ESA/Jean Dupont)",
    "\u201cWe are back in space,\u201d said Josef Aschbacher.",
  ].join("\n");
  const r = run(html, text, [
    ["Europe", "LOC", "g1"], ["European Space Agency", "ORG", "g2"], ["Arianespace", "ORG", "g3"], ["French Guiana", "GPE", "g4"],
    ["Kourou", "GPE", "g5"], ["ESA", "ORG", "g2"], ["Jean Dupont", "PERSON", "g6"], ["Josef Aschbacher", "PERSON", "g7"],
  ]);
  assert.equal(r.aligned, 5);
  assert.deepEqual(r.texts, ["Europe", "European Space Agency", "Arianespace", "French Guiana", "Kourou", "ESA", "Jean Dupont", "Josef Aschbacher"]);
});

test("the headline is found where the helper's text has it after the first paragraph", () => {
  const html = `<body><nav>Markets Tech</nav>
    <h1>Why Tokyo stocks slipped again</h1><div class="byline">By A. Writer</div>
    <ul class="videos"><li>Watch: the yen this week</li><li>Watch: Osaka expo plans</li></ul>
    <div class="body"><p>Tokyo (Wire) Shares in Tokyo fell as Sony reported lower profits.</p>
    <p>The Nikkei closed down 1% on Tuesday.</p></div></body>`;
  const text = [
    "Tokyo (Wire) Shares in Tokyo fell as Sony reported lower profits.",
    "Why Tokyo stocks slipped again",
    "The Nikkei closed down 1% on Tuesday.",
  ].join("\n");
  const names = [["Tokyo", "GPE", "g1"], ["Tokyo", "GPE", "g1"], ["Sony", "ORG", "g2"], ["Tokyo", "GPE", "g1"], ["Nikkei", "ORG", "g3"]];
  const { document } = loadPage(html);
  const index = buildIndex(document.body);
  const r = align(index, text, entitiesFor(text, names), { title: "Why Tokyo stocks slipped again" });
  assert.equal(r.aligned, 3);
  assert.equal(r.mentions.length, 5);
  assert.equal(r.mentions[3].segments[0].node, document.querySelector("h1").firstChild);
  // Without the title the headline's order is not trusted.
  const untitled = align(index, text, entitiesFor(text, names));
  assert.equal(untitled.aligned, 2);
});

test("a long paragraph whose first word the helper lost half of", () => {
  // The page splits a word across two elements and the helper kept only the second part.
  const r = run(
    `<body><h1>Lakes</h1><h2><b>Seven Ways to See Lake Tah</b><b>oe Without the Summer Crowds from Reno or Sacramento</b></h2>
     <p>Start early.</p></body>`,
    "Lakes\noe Without the Summer Crowds from Reno or Sacramento\nStart early.",
    [["Reno", "GPE", "g1"], ["Sacramento", "GPE", "g2"]]
  );
  assert.equal(r.aligned, 3);
  assert.deepEqual(r.texts, ["Reno", "Sacramento"]);
});

test("a paragraph broken by an inline ad or split into two blocks is aligned sentence by sentence", () => {
  const html = `<body><nav>Angela Merkel visited Hamburg on Monday. Read more: Olaf Scholz in Munich.</nav>
    <article>
      <p>Short first paragraph about Europe.</p>
      <p>Angela Merkel visited Hamburg on Monday. <a class="promo">Read more: Olaf Scholz in Munich</a> She then flew to Brussels to meet Ursula von der Leyen.</p>
      <p>Talks went on late, and Charles Michel</p><div class="ad">Advertisement</div><p>joined them after midnight in the Berlaymont.</p>
      <p>Last paragraph about Europe.</p>
    </article></body>`;
  const text = [
    "Short first paragraph about Europe.",
    "Angela Merkel visited Hamburg on Monday. She then flew to Brussels to meet Ursula von der Leyen.",
    "Talks went on late, and Charles Michel joined them after midnight in the Berlaymont.",
    "Last paragraph about Europe.",
  ].join("\n");
  const r = run(html, text, [
    ["Europe", "LOC", "g0"], ["Angela Merkel", "PERSON", "g1"], ["Hamburg", "GPE", "g2"], ["Brussels", "GPE", "g3"],
    ["Ursula von der Leyen", "PERSON", "g4"], ["Charles Michel", "PERSON", "g5"], ["Berlaymont", "FAC", "g6"], ["Europe", "LOC", "g0"],
  ]);
  assert.equal(r.aligned, 4);
  assert.deepEqual(r.texts, ["Europe", "Angela Merkel", "Hamburg", "Brussels", "Ursula von der Leyen", "Charles Michel", "Berlaymont", "Europe"]);
  // The copy in the navigation is never used, nor the ad's own names.
  assert.ok(allInside(r, "article"));
  assert.ok(r.mentions.every((m) => !m.segments.some((s) => s.node.parentNode.className === "promo")));
});

test("the sentence fallback stays between the neighbouring paragraphs", () => {
  // The last paragraph is broken by a link, and the comments quote its first sentence whole:
  // with no paragraph after it the fallback has no bounded place to search, so nothing is marked.
  const html = `<body><article><p>Emmanuel Macron spoke in Lyon.</p>
      <p>Then Macron went to Marseille by train. <a>Subscribe</a> He stayed two days.</p></article>
    <section id="comments"><p>Then Macron went to Marseille by train. Nice.</p></section></body>`;
  const text = "Emmanuel Macron spoke in Lyon.\nThen Macron went to Marseille by train. He stayed two days.";
  const r = run(html, text, [["Emmanuel Macron", "PERSON", "g1"], ["Lyon", "GPE", "g2"], ["Macron", "PERSON", "g1"], ["Marseille", "GPE", "g3"]]);
  assert.equal(r.aligned, 1);
  assert.deepEqual(r.texts, ["Emmanuel Macron", "Lyon"]);
  assert.ok(allInside(r, "article"));
});
