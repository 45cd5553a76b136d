// The types' words and colours: every spaCy label (English and French pipelines) has a reader's
// type; the colours stay apart for typical vision and for simulated colour blindness; the text
// over each highlight passes WCAG AA.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as labels from "../../extension/labels.js";
import { DEFICIENCIES, distance, contrast, deltaE2000 } from "./colour-vision.js";

const VISIONS = [null, ...Object.keys(DEFICIENCIES)];
// CIEDE2000 about 10 and above: two colours a reader names differently at a glance.
const MIN_DISTANCE = 10;
const PAGE_WHITE = "#ffffff";

// The labels spaCy's English (OntoNotes) and French (WikiNER) pipelines emit.
const ENGLISH = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
  "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"];
const FRENCH = ["PER", "LOC", "ORG", "MISC"];

test("eight types in the reader's words, in a fixed order", () => {
  assert.deepEqual(labels.TYPES.map((t) => t.name),
    ["People", "Places", "Organisations", "Groups", "Events & works", "Products", "Dates", "Numbers"]);
});

test("every label of the English and French pipelines belongs to exactly one type", () => {
  for (const label of [...ENGLISH, ...FRENCH]) {
    const owners = labels.TYPES.filter((t) => t.labels.includes(label));
    assert.equal(owners.length, 1, `${label} is in ${owners.length} types`);
    assert.equal(labels.typeOf(label), owners[0]);
  }
  assert.equal(labels.typeOf("PER").name, "People");
  assert.equal(labels.typeOf("NORP").name, "Groups");
  assert.equal(labels.typeOf("GPE").name, labels.typeOf("FAC").name);
  // Another model's label still lands in a type a reader knows.
  assert.ok(labels.TYPES.includes(labels.typeOf("SOMETHING_NEW")));
});

test("the colour science matches published values", () => {
  // Sharma, Wu & Dalal (2005), pairs 1 and 17.
  assert.equal(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485]).toFixed(4), "2.0425");
  assert.equal(deltaE2000([50, 2.5, 0], [73, 25, -18]).toFixed(4), "27.1492");
  // WCAG: black on white is 21:1.
  assert.equal(contrast("#000000", "#ffffff"), 21);
  // Protanopia and deuteranopia fold red and green together; tritanopia keeps them apart.
  assert.ok(distance("#d03030", "#30a030", "deuteranopia") < distance("#d03030", "#30a030") / 2);
  assert.ok(distance("#d03030", "#30a030", "tritanopia") > 20);
});

test(`every pair of types, the page's white and the watchlist's yellow stay apart (CIEDE2000 >= ${MIN_DISTANCE}) for typical vision and simulated colour blindness`, () => {
  const colours = [...labels.TYPES.map((t) => [t.name, t.color]), ["page white", PAGE_WHITE], ["Watchlist", labels.WATCH_COLOR]];
  const close = [];
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      for (const vision of VISIONS) {
        const d = distance(colours[i][1], colours[j][1], vision);
        if (d < MIN_DISTANCE) close.push(`${colours[i][0]} / ${colours[j][0]} (${vision || "typical"}): ${d.toFixed(1)}`);
      }
    }
  }
  assert.deepEqual(close, []);
});

test("the jump's current mention looks like no type and not like the watchlist", () => {
  for (const vision of VISIONS) {
    for (const colour of [...labels.TYPES.map((t) => t.color), labels.WATCH_COLOR]) {
      assert.ok(distance(labels.CURRENT_COLOR, colour, vision) >= MIN_DISTANCE, `${colour} (${vision})`);
    }
  }
});

test("text over every highlight passes WCAG AA (4.5:1), the page stylesheet sets that text colour", () => {
  const names = labels.randomNames();
  const css = labels.pageCss(names);
  for (const type of labels.TYPES) {
    assert.ok(contrast(type.color, labels.TEXT_COLOR) >= 4.5, `${type.name}: ${contrast(type.color, labels.TEXT_COLOR).toFixed(2)}`);
    for (const label of type.labels) {
      assert.ok(css.includes(`::highlight(${names.byLabel[label]}) { background-color: ${type.color}; color: ${labels.TEXT_COLOR}; }`), label);
    }
  }
  assert.ok(contrast(labels.WATCH_COLOR, "#000000") >= 4.5);
  assert.ok(contrast(labels.CURRENT_COLOR, labels.CURRENT_TEXT) >= 4.5);
  assert.ok(css.includes(`::highlight(${names.flash}) { background-color: ${labels.CURRENT_COLOR}; color: ${labels.CURRENT_TEXT}; }`));
});
