import { test } from "node:test";
import assert from "node:assert/strict";
import { fileName, toCsv, toJson } from "../../extension/content/export.js";

const RESULT = {
  url: "https://news.example/a", title: "A", language: "en",
  model: { name: "en_core_web_sm", version: "3.8.0", lang: "en" },
  text: "Acme Corp hired Vladimir Putin. Putin said \"no, thanks\".",
  entities: [
    { start: 0, end: 9, text: "Acme Corp", label: "WATCH", group: "g1" },
    { start: 16, end: 30, text: "Vladimir Putin", label: "PERSON", group: "g2" },
    { start: 32, end: 37, text: "Putin", label: "PERSON", group: "g2" },
  ],
  groups: [
    { id: "g1", label: "WATCH", name: "acme corp", aliases: [], count: 1, first: 0, salience: 0.65,
      wikipedia: "https://en.wikipedia.org/w/index.php?search=acme%20corp" },
    { id: "g2", label: "PERSON", name: "Vladimir Putin", aliases: ["Putin", "Putin, \"V.\""], count: 2, first: 16, salience: 0.9,
      wikipedia: "https://en.wikipedia.org/w/index.php?search=Vladimir%20Putin" },
  ],
};

// A small RFC 4180 reader, enough to check what a spreadsheet would see.
function readCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(field); rows.push(row); row = []; field = ""; i++; }
    else field += ch;
  }
  assert.equal(field, "", "ends with CRLF");
  return rows;
}

test("JSON export carries groups and mentions with the promised fields", () => {
  const onPage = new Map([["g2", 1]]);
  const data = JSON.parse(toJson(RESULT, { mode: "url", onPage }));
  assert.equal(data.url, RESULT.url);
  assert.equal(data.language, "en");
  assert.equal(data.mode, "url");
  assert.deepEqual(data.model, RESULT.model);
  assert.deepEqual(data.groups.map((g) => g.id), ["g1", "g2"]);
  for (const g of data.groups) {
    for (const field of ["id", "label", "name", "aliases", "count", "salience"]) assert.ok(field in g, field);
  }
  assert.deepEqual(data.groups[1].aliases, ["Putin", "Putin, \"V.\""]);
  assert.deepEqual(data.groups.map((g) => g.on_page), [0, 1]);
  assert.deepEqual(data.mentions, [
    { start: 0, end: 9, text: "Acme Corp", label: "WATCH", group: "g1", name: "acme corp" },
    { start: 16, end: 30, text: "Vladimir Putin", label: "PERSON", group: "g2", name: "Vladimir Putin" },
    { start: 32, end: 37, text: "Putin", label: "PERSON", group: "g2", name: "Vladimir Putin" },
  ]);
});

test("CSV export: one row per mention with its group's columns, quoted where needed", () => {
  const rows = readCsv(toCsv(RESULT));
  assert.deepEqual(rows[0], ["start", "end", "text", "label", "group", "name", "aliases", "count", "salience"]);
  assert.deepEqual(rows.slice(1), [
    ["0", "9", "Acme Corp", "WATCH", "g1", "acme corp", "", "1", "0.65"],
    ["16", "30", "Vladimir Putin", "PERSON", "g2", "Vladimir Putin", "Putin; Putin, \"V.\"", "2", "0.9"],
    ["32", "37", "Putin", "PERSON", "g2", "Vladimir Putin", "Putin; Putin, \"V.\"", "2", "0.9"],
  ]);
});

test("CSV export never hands a spreadsheet a formula from the page", () => {
  const result = {
    ...RESULT,
    entities: [{ start: 0, end: 9, text: "=HYPERLINK(\"x\")", label: "ORG", group: "g1" }],
    groups: [{ id: "g1", label: "ORG", name: "+cmd", aliases: ["@a"], count: 1, salience: 1 }],
  };
  const [, row] = readCsv(toCsv(result));
  assert.equal(row[2], "'=HYPERLINK(\"x\")");
  assert.equal(row[5], "'+cmd");
  assert.equal(row[6], "'@a");
});

test("export files are named after the article's title and the day of the export", () => {
  const now = new Date(2026, 10, 30, 23, 59); // local time: the reader's own date
  const result = { ...RESULT, title: "Harbour board approves the Kestrel Point breakwater – The Estuary Courier" };
  assert.equal(fileName(result, "csv", { now }), "entity-lens-harbour-board-approves-the-kestrel-point-2026-11-30.csv");
  assert.equal(fileName(result, "json", { now }), "entity-lens-harbour-board-approves-the-kestrel-point-2026-11-30.json");
  // Accents dropped, any script kept, punctuation gone, the site's name after "|" left out.
  assert.equal(fileName({ ...RESULT, title: "Élections : Saint-Étienne vote | Le Journal" }, "csv", { now }),
    "entity-lens-elections-saint-etienne-vote-2026-11-30.csv");
  assert.equal(fileName({ ...RESULT, title: "Выборы в Москве" }, "csv", { now }), "entity-lens-выборы-в-москве-2026-11-30.csv");
});

test("a long title is cut at a word, short enough for a downloads list", () => {
  const title = "Ministers promise a review of every rail franchise in the north of England after a winter of cancellations";
  const name = fileName({ ...RESULT, title }, "csv", { now: new Date(2026, 0, 5) });
  assert.equal(name, "entity-lens-ministers-promise-a-review-of-every-rail-2026-01-05.csv");
  const slugPart = name.slice("entity-lens-".length, -"-2026-01-05.csv".length);
  assert.ok(slugPart.length <= 48 && title.toLowerCase().replaceAll(" ", "-").startsWith(slugPart), slugPart);
});

test("without a title the file is named after the address's host and path", () => {
  const now = new Date(2026, 10, 30);
  const untitled = { ...RESULT, title: "", url: "https://www.news.example/2026/11/port-strike-ends.html?ref=home#top" };
  assert.equal(fileName(untitled, "json", { now }), "entity-lens-news-example-2026-11-port-strike-ends-html-2026-11-30.json");
  // No address from the helper either: the tab's.
  assert.equal(fileName({ ...untitled, url: undefined }, "csv", { now, pageUrl: "http://127.0.0.1:8000/p/a%C3%A9.html" }),
    "entity-lens-127-0-0-1-p-ae-html-2026-11-30.csv");
  assert.equal(fileName({ ...untitled, url: "not a url" }, "csv", { now }), "entity-lens-page-2026-11-30.csv");
  // Two articles of one site get two names.
  const other = { ...untitled, url: "https://www.news.example/2026/11/ferry-expansion" };
  assert.notEqual(fileName(untitled, "csv", { now }), fileName(other, "csv", { now }));
});
