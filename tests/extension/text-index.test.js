import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage } from "./load.js";
import { buildIndex, segmentsOf } from "../../extension/content/text-index.js";

function indexOf(html) {
  const { document } = loadPage(html);
  return buildIndex(document.body);
}

test("collapses whitespace and separates blocks", () => {
  const index = indexOf(`<body>
    <h1>  Big   news </h1>
    <p>First
       line<br>second   line</p>
    <p>Inline <b>bold</b> <i>text</i>.</p></body>`);
  assert.equal(index.text, "Big news\nFirst line\nsecond line\nInline bold text.");
});

test("skips scripts, styles, templates, form fields and hidden subtrees", () => {
  const index = indexOf(`<body><p>Seen</p>
    <script>var x = "no";</script><style>p{}</style><noscript>no</noscript>
    <template><p>no</p></template><textarea>no</textarea><select><option>no</option></select>
    <div hidden><p>no</p></div><div aria-hidden="true">no</div>
    <entity-lens-panel>no</entity-lens-panel><p>Also seen</p></body>`);
  assert.equal(index.text, "Seen\nAlso seen");
});

test("skips display:none when there is a computed style", () => {
  const { document } = loadPage(
    `<body><p>One</p><p class="x">Two</p><p class="v">Four <span class="y">Five</span></p><span>Three</span></body>`
  );
  // linkedom has no layout: a tiny getComputedStyle stands in.
  const computedStyle = (el) => ({
    display: el.className === "x" ? "none" : el.localName === "span" ? "inline" : "block",
    visibility: el.className === "v" ? "hidden" : "visible",
  });
  assert.equal(buildIndex(document.body, { computedStyle }).text, "One\nFive\nThree");
});

test("a floated initial (drop cap) stays part of its word; other floats separate", () => {
  const { document } = loadPage(`<body>
    <p><span class="drop">A</span>dam Schiff spoke.</p>
    <p><span class="cap"><span class="inner">H</span></span>ong Kong is burning.</p>
    <p>Before<span class="box">Related story</span>after.</p></body>`);
  const computedStyle = (el) => ({
    display: el.localName === "p" || el.localName === "body" || el.className ? "block" : "inline",
    float: ["drop", "cap", "box"].includes(el.className) ? "left" : "none",
    visibility: "visible",
  });
  assert.equal(
    buildIndex(document.body, { computedStyle }).text,
    "Adam Schiff spoke.\nHong Kong is burning.\nBefore\nRelated story\nafter.",
  );
});

test("maps every character back to its text node", () => {
  const { document } = loadPage(`<body><p>Hello <b>Vla</b>dimir</p></body>`);
  const index = buildIndex(document.body);
  const at = index.text.indexOf("Vladimir");
  const segments = segmentsOf(index, at, at + 8);
  assert.deepEqual(
    segments.map((s) => s.node.data.slice(s.start, s.end)),
    ["Vla", "dimir"]
  );
  assert.equal(segments[0].node, document.querySelector("b").firstChild);
});
