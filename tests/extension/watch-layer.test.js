// Watched names in the highlight style: boxes in a closed shadow root, never in the page's
// highlight registry (whose ranges page scripts can read).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, entitiesFor } from "./load.js";
import { createPainter, createWatchLayer } from "../../extension/content/paint.js";

class FakeHighlight extends Set {
  constructor(...ranges) {
    super(ranges);
  }
}

function rect(left, top, width, height) {
  return { left, top, width, height, right: left + width, bottom: top + height };
}

/** A page whose ranges and host report layout (linkedom has none). */
function page() {
  const loaded = loadPage("<p>Olaf Scholz met Ada in Bonn.</p>");
  const { window, document } = loaded;
  window.requestAnimationFrame = (fn) => setTimeout(fn, 0);
  window.cancelAnimationFrame = (id) => clearTimeout(id);
  // linkedom has no Range.setStart and no layout: a stand-in that knows its text and its rect.
  let at = 0;
  document.createRange = () => {
    const left = 10 + 50 * at++;
    return {
      setStart(node, offset) { this.node = node; this.start = offset; },
      setEnd(node, offset) { this.end = offset; },
      toString() { return this.node.data.slice(this.start, this.end); },
      getClientRects: () => [rect(left, 20, 40, 18)],
    };
  };
  document.defaultView.HTMLElement.prototype.getBoundingClientRect = () => rect(0, -100, 0, 0);
  return loaded;
}

const NAMES = {
  byLabel: { PERSON: "xperson0000000000", GPE: "xgpe000000000000", WATCH: "xwatch0000000000", MISC: "xmisc00000000000" },
  flash: "xflash0000000000",
};

test("watched names are boxes in a closed layer, not registry entries; clear removes the layer", () => {
  const { document } = page();
  const highlights = new Map();
  const painter = createPainter(document, { highlights, Highlight: FakeHighlight });
  const text = document.querySelector("p").firstChild;
  const [scholz, ada, bonn] = entitiesFor(text.data, [["Olaf Scholz", "PERSON", "g2"], ["Ada", "WATCH", "g1"], ["Bonn", "GPE", "g3"]]);
  const mention = (e) => ({ label: e.label, group: e.group, segments: [{ node: text, start: e.start, end: e.end }] });
  const mentions = [mention(scholz), mention(ada), mention(bonn)];
  painter.paint(mentions, "highlight", NAMES);

  assert.deepEqual([...highlights.keys()].sort(), [NAMES.byLabel.GPE, NAMES.byLabel.PERSON].sort());
  for (const highlight of highlights.values()) {
    for (const range of highlight) assert.notEqual(range.toString(), "Ada", "a watched name reached the registry");
  }
  const host = document.querySelector("entity-lens-marks");
  assert.ok(host, "the layer's host is on the page");
  assert.equal(host.parentNode, document.documentElement, "outside <body>, whose markup stays the same");
  assert.equal(host.shadowRoot, null, "its root is closed");
  assert.equal(painter.watchBoxes, 1);

  // The jump flash of a watched name stays in the layer too.
  painter.flash(mentions[1], 5);
  assert.ok(!highlights.has(NAMES.flash));
  painter.flash(mentions[0], 5);
  assert.ok(highlights.has(NAMES.flash), "other names flash in the registry");

  painter.clear();
  assert.equal(document.querySelector("entity-lens-marks"), null);
  assert.equal(highlights.size, 0);
  assert.equal(painter.watchBoxes, 0);
});

test("the layer places a box per client rect, relative to its own host", () => {
  const { document } = page();
  const layer = createWatchLayer(document);
  const range = { getClientRects: () => [rect(10, 20, 40, 18), rect(0, 40, 30, 18), rect(5, 5, 0, 0)] };
  layer.show([range]);
  assert.equal(layer.boxes, 2, "empty rects draw nothing");
  layer.remove();
  assert.equal(layer.boxes, 0);
  assert.equal(document.querySelector("entity-lens-marks"), null);
});
