// align()'s phases one by one (content/align.js): each takes the paragraphs as the phase before
// left them, so each is tested on a page and the state the earlier phases give.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  findCandidates, foldLevels, mentionsOf, nearest, placeAnchors, placeBetween, placeOutOfOrder, placePieces,
  splitParagraphs, takenPlaces,
} from "../../extension/content/align.js";
import { buildIndex } from "../../extension/content/text-index.js";
import { loadPage, segmentText, entitiesFor } from "./load.js";

/** The page's index and the helper's paragraphs with their candidates (phase 1 done). */
function candidatesOn(html, text) {
  const { document } = loadPage(html);
  const index = buildIndex(document.body);
  const levels = foldLevels(index);
  const paras = splitParagraphs(text);
  const total = findCandidates(paras, levels);
  return { index, levels, paras, total };
}

const placed = (paras) => paras.map((p) => (p.place ? [p.place.start, p.place.end] : null));

test("splitParagraphs: one per line, with each line's UTF-16 offset, nothing placed", () => {
  const paras = splitParagraphs("Ab\n\n🚢 c");
  assert.deepEqual(paras.map((p) => [p.text, p.offset, p.place, p.inOrder]), [["Ab", 0, null, false], ["", 3, null, false], ["🚢 c", 4, null, false]]);
});

test("foldLevels: the exact level at once, the tolerant one built once when asked for", () => {
  const { document } = loadPage("<p>Don\u2019t\u00a0stop</p>");
  const levels = foldLevels(buildIndex(document.body));
  assert.equal(levels.exact.text, "Don\u2019t stop"); // whitespace collapsed, NBSP too
  assert.equal(levels.tolerant().text, "Don't stop");
  assert.equal(levels.tolerant(), levels.tolerant());
});

test("findCandidates: exact places first, tolerant ones only when there is none, empty lines skipped", () => {
  const { paras, total } = candidatesOn("<p>Rain in Oslo.</p><p>Rain in Oslo.</p><p>Don\u2019t go.</p>",
    "Rain in Oslo.\n\nDon't go.\nNowhere here.");
  assert.equal(total, 3);
  assert.deepEqual(paras.map((p) => p.options.length), [2, 0, 1, 0]);
  assert.equal(paras[2].options[0].folded.text, "Don't go.");
});

test("placeAnchors: of the paragraphs found once, the longest set in document order", () => {
  // The helper has the page's second paragraph first: the two longer ones in order win.
  const { paras } = candidatesOn("<p>A first long paragraph here.</p><p>Short.</p><p>A third long paragraph here.</p>",
    "Short.\nA first long paragraph here.\nA third long paragraph here.");
  placeAnchors(paras);
  assert.deepEqual(paras.map((p) => p.inOrder), [false, true, true]);
  assert.equal(paras[0].place, null);
});

test("nearest: the closest paragraph either way that passes the test", () => {
  const paras = [{ n: 0, ok: true }, { n: 1 }, { n: 2 }, { n: 3, ok: true }];
  const ok = (p) => p.ok;
  assert.equal(nearest(paras, 2, 1, ok).n, 3);
  assert.equal(nearest(paras, 2, -1, ok).n, 0);
  assert.equal(nearest(paras, 0, -1, ok), null);
  assert.equal(nearest(paras, 3, 1, ok), null);
});

test("placeBetween: a repeated paragraph takes its place between the placed neighbours", () => {
  const { paras } = candidatesOn("<p>Yes.</p><p>First one.</p><p>Yes.</p><p>Second one.</p>",
    "First one.\nYes.\nSecond one.");
  placeAnchors(paras);
  assert.equal(paras[1].place, null, "found twice: not an anchor");
  placeBetween(paras);
  assert.ok(paras[1].inOrder);
  assert.ok(paras[0].place.end <= paras[1].place.start && paras[1].place.end <= paras[2].place.start);
});

test("takenPlaces: free means overlapping no placed paragraph; take places one and takes its room", () => {
  const paras = [{ place: { start: 10, end: 20 } }, { place: null }];
  const taken = takenPlaces(paras);
  assert.equal(taken.free({ start: 0, end: 10 }), true);
  assert.equal(taken.free({ start: 15, end: 25 }), false);
  taken.take(paras[1], { start: 30, end: 40 });
  assert.deepEqual(paras[1].place, { start: 30, end: 40 });
  assert.equal(taken.free({ start: 35, end: 36 }), false);
});

test("placeOutOfOrder: the headline before the article, a moved caption inside it, nothing outside", () => {
  const html = "<nav><p>Caption far away.</p></nav><h1>Big news</h1><p>Body one is here.</p>" +
    "<figure>A caption.</figure><p>Body two is here.</p><footer>Comment here.</footer>";
  const { index, paras } = candidatesOn(html, "Body one is here.\nBig news\nBody two is here.\nA caption.\nComment here.");
  placeAnchors(paras);
  // The headline and the caption are anchors out of order only as far as the anchors go.
  for (const p of paras) if (!p.inOrder) p.place = null;
  const before = placed(paras);
  placeOutOfOrder(index, paras, takenPlaces(paras), "Big news");
  const after = placed(paras);
  assert.deepEqual(after[0], before[0]);
  assert.ok(after[1] && after[1][1] <= after[0][0], "the headline is not before the article");
  assert.ok(after[3] && after[3][0] >= after[0][1] && after[3][1] <= after[2][0], "the caption is not inside the article");
});

test("placePieces: a paragraph broken by an ad is placed piece by piece between its neighbours", () => {
  const html = "<p>Before it all began.</p><p>The council met on Monday <span>ADVERT</span> and voted for the port.</p>" +
    "<p>After it all ended.</p>";
  const { index, levels, paras } = candidatesOn(html,
    "Before it all began.\nThe council met on Monday and voted for the port.\nAfter it all ended.");
  placeAnchors(paras);
  assert.equal(paras[1].place, null);
  placePieces(index, paras, takenPlaces(paras), levels.tolerant);
  assert.deepEqual(paras[1].place.pieces.map((q) => q.folded.text), ["The council met on Monday", "and voted for the port."]);
  assert.equal(paras[1].inOrder, true);
});

test("mentionsOf: entities of placed paragraphs become mentions on the page; the rest are missed", () => {
  const text = "Ada met Bo in Oslo.\nNot on the page: Oslo.";
  const { index, paras } = candidatesOn("<p>Ada met <b>B</b>o in Oslo.</p>", text);
  placeAnchors(paras);
  const entities = entitiesFor(text, [["Ada", "PERSON", "g1"], ["Bo", "PERSON", "g2"], ["Oslo", "GPE", "g3"], ["Oslo", "GPE", "g3"]]);
  const { mentions, missed } = mentionsOf(index, paras, text, entities);
  assert.deepEqual(mentions.map((m) => [segmentText(m), m.label, m.group]), [["Ada", "PERSON", "g1"], ["Bo", "PERSON", "g2"], ["Oslo", "GPE", "g3"]]);
  assert.equal(missed, 1);
});
