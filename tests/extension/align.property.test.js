// Property-based tests of alignment: random article markup (whitespace variants, NBSP, names
// split across inline elements, the same names in the navigation and comments) must still put
// every entity on exactly its own words, inside the article, and nowhere else.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { loadPage, segmentText, entitiesFor } from "./load.js";
import { randomNames } from "../../extension/labels.js";
import { align } from "../../extension/content/align.js";
import { createPainter } from "../../extension/content/paint.js";
import { buildIndex } from "../../extension/content/text-index.js";

const NAMES = [["Maria Lindqvist", "PERSON"], ["Tallinn", "GPE"], ["Baltic Ports Council", "ORG"],
  ["Jonas Petrauskas", "PERSON"], ["Rotterdam", "GPE"], ["Élodie Marchetti", "PERSON"]];
const WORDS = ["the", "ferry", "council", "said", "on", "Monday", "that", "prices", "would", "rise",
  "again", "after", "talks", "with", "unions", "in", "spring", "“quoted”", "don’t", "🚢", "—"];
const SPACE = fc.constantFrom(" ", "  ", "\n", "\t ", "\u00a0");
const INLINE = fc.constantFrom("b", "em", "a", "span", "strong");

// A name as markup: plain, or cut at a random point into two inline elements.
const nameMarkup = fc.record({
  name: fc.constantFrom(...NAMES),
  cut: fc.option(fc.integer({ min: 1, max: 8 })),
  tags: fc.tuple(INLINE, INLINE),
}).map(({ name, cut, tags }) => {
  const [text] = name;
  if (cut === null || cut >= text.length) return { name, html: text };
  const [t1, t2] = tags;
  return { name, html: `<${t1}>${text.slice(0, cut)}</${t1}><${t2}>${text.slice(cut)}</${t2}>` };
});

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WORDS).map((w) => ({ html: w, text: w })) },
  { weight: 1, arbitrary: nameMarkup.map((n) => ({ html: n.html, text: n.name[0], name: n.name })) },
);
const paragraph = fc.array(fc.tuple(token, SPACE), { minLength: 4, maxLength: 14 });
const article = fc.array(paragraph, { minLength: 1, maxLength: 5 });

function build(paragraphs) {
  const htmlParas = [];
  const textParas = [];
  const names = [];
  for (const tokens of paragraphs) {
    let html = "";
    const words = [];
    tokens.forEach(([tok, space], i) => {
      html += tok.html + (i < tokens.length - 1 ? space : "");
      words.push(tok.text);
      if (tok.name) names.push([tok.name[0], tok.name[1], `g${names.length + 1}`]);
    });
    htmlParas.push(`<p>${html}</p>`);
    textParas.push(words.join(" "));
  }
  const nav = `<nav>${NAMES.map(([n]) => `<a href="/t">${n}</a>`).join(" ")}</nav>`;
  const comments = `<section class="comments"><p>${NAMES.map(([n]) => n).join(" and ")} again.</p></section>`;
  const html = `<body>${nav}<article>${htmlParas.join("\n")}</article>${comments}</body>`;
  return { html, text: textParas.join("\n"), names };
}

const norm = (s) => s.replace(/[\s\u00a0]+/g, " ");

test("every entity lands on its own words inside the article, whatever the markup", () => {
  fc.assert(
    fc.property(article, (paragraphs) => {
      const { html, text, names } = build(paragraphs);
      const { document } = loadPage(html);
      const index = buildIndex(document.body);
      const result = align(index, text, entitiesFor(text, names));
      assert.equal(result.aligned, paragraphs.length, "every paragraph is found");
      assert.equal(result.mentions.length, names.length, "every entity is placed");
      const articleEl = document.querySelector("article");
      result.mentions.forEach((m, i) => {
        assert.equal(norm(segmentText(m)), names[i][0]);
        assert.equal(m.label, names[i][1]);
        for (const seg of m.segments) assert.ok(articleEl.contains(seg.node), "painted outside the article");
      });
    }),
    { numRuns: 150, seed: 20261126 },
  );
});

test("inline painting then clearing gives back the very same markup", () => {
  fc.assert(
    fc.property(article, (paragraphs) => {
      const { html, text, names } = build(paragraphs);
      const { document } = loadPage(html);
      const before = document.body.outerHTML;
      const result = align(buildIndex(document.body), text, entitiesFor(text, names));
      const painter = createPainter(document, { highlights: new Map(), Highlight: class {} });
      painter.paint(result.mentions, "inline", randomNames());
      assert.equal(document.querySelectorAll("mark[data-entity-lens]").length >= names.length, true);
      painter.clear();
      assert.equal(document.body.outerHTML, before);
    }),
    { numRuns: 100, seed: 20261127 },
  );
});
