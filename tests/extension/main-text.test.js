// The page-side measure auto mode uses to tell when the helper's text is clearly short of the
// article the reader sees (content/main-text.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage } from "./load.js";
import { measure, visibleLength } from "../../extension/content/main-text.js";

const SENTENCE = "The harbour authority in Tallinn will manage cargo terminals on both shores. ";
const paragraph = (n) => `<p>${SENTENCE.repeat(n)}</p>`;

const PAGE = `<body>
  <header><p>The Northern Ledger: news from the Baltic every morning since 1998.</p></header>
  <nav><p>World · Business · Politics · Opinion · Sport</p></nav>
  <article>${paragraph(6)}${paragraph(6)}${paragraph(6)}</article>
  <aside><p>${SENTENCE.repeat(4)}</p></aside>
  <div hidden><p>${SENTENCE.repeat(4)}</p></div>
  <footer><p>© 2026 The Northern Ledger, Tartu.</p></footer>
  <form><p>Sign up for our newsletter.</p></form>
</body>`;

test("counts paragraph text outside navigation, header, footer, asides, forms and hidden parts", () => {
  const { document } = loadPage(PAGE);
  assert.equal(visibleLength(document.body), 3 * (SENTENCE.repeat(6).trim().length));
});

test("the whole article is not short; a third of it is", () => {
  const { document } = loadPage(PAGE);
  const whole = SENTENCE.repeat(18);
  const third = SENTENCE.repeat(6);
  assert.equal(measure(whole, document.body).short, false);
  const part = measure(third, document.body);
  assert.equal(part.short, true);
  assert.ok(part.share > 0.3 && part.share < 0.4, `share ${part.share}`);
});

test("a page with little paragraph text never makes the helper's text short", () => {
  const { document } = loadPage(`<body><article>${paragraph(2)}</article></body>`);
  const result = measure("Tallinn.", document.body);
  assert.equal(result.short, false);
});
