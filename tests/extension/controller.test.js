import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, loadScripts, entitiesFor } from "./load.js";

const FILES = [
  "labels.js", "content/text-index.js", "content/align.js", "content/paint.js",
  "content/tooltip.js", "content/panel.js", "content/export.js", "content/main-text.js", "content/main.js",
];
const TEXT = "Olaf Scholz met Emmanuel Macron in Paris on Monday.";
const HTML = `<body><nav>Paris</nav><article><p>Olaf Scholz met <a href="#">Emmanuel</a> Macron in Paris on Monday.</p></article></body>`;

test("busy, load, show, filter and clear through the controller, with the panel outside <body>", () => {
  const sent = [];
  const { document } = loadPage(HTML, []);
  // No CSS.highlights in linkedom, so this runs the inline style; timers are inert.
  const scope = {
    document,
    location: { href: "https://news.example/a#top", hostname: "news.example" },
    setInterval: () => 1,
    clearInterval: () => {},
    setTimeout,
    clearTimeout,
    chrome: { runtime: { sendMessage: async (m) => sent.push(m) } },
  };
  loadScripts(FILES, scope);
  const controller = scope.EntityLens.controller;
  const before = document.body.outerHTML;

  controller.handle("busy", {});
  assert.equal(controller.state, "busy");
  const host = document.documentElement.querySelector("entity-lens-panel");
  assert.equal(host.parentNode, document.documentElement);

  const entities = entitiesFor(TEXT, [["Olaf Scholz", "PERSON", "g1"], ["Emmanuel Macron", "PERSON", "g2"], ["Paris", "GPE", "g3"], ["Monday", "DATE", "g4"]]);
  const groups = [
    { id: "g1", label: "PERSON", name: "Olaf Scholz", count: 1 }, { id: "g2", label: "PERSON", name: "Emmanuel Macron", count: 1 },
    { id: "g3", label: "GPE", name: "Paris", count: 1 }, { id: "g4", label: "DATE", name: "Monday", count: 1 },
  ];
  const fit = controller.handle("load", { text: TEXT, entities, groups, model: { name: "m", version: "1" } });
  assert.deepEqual({ ...fit }, { paragraphs: 1, aligned: 1, mentions: 4, mainShare: 1, short: false });

  const settings = { style: "inline", types: ["PERSON", "GPE"] };
  const shown = controller.handle("show", { mode: "url", reason: "", elapsedMs: 120, settings });
  assert.equal(shown.entities, 4);
  assert.equal(controller.state, "shown");
  const root = host.shadowRoot;
  assert.deepEqual([...root.querySelectorAll("button[data-group]")].map((b) => b.getAttribute("data-group")), ["g1", "g2", "g3", "g4"]);
  assert.deepEqual([...root.querySelectorAll("input[data-label]")].map((i) => [i.getAttribute("data-label"), i.checked]),
    [["PERSON", true], ["GPE", true], ["DATE", false]]);
  assert.match(root.querySelector(".status").textContent, /m 1 .* mode url/);
  assert.ok(root.querySelector('[data-action="export-json"]') && root.querySelector('[data-action="export-csv"]'));
  // DATE is off by default: Monday is not painted; nav's Paris never is.
  assert.deepEqual([...document.querySelectorAll("mark")].map((m) => m.textContent), ["Olaf Scholz", "Emmanuel", " Macron", "Paris"]);

  controller.handle("error", { title: "Helper down", advice: "Run entity-lens serve" });
  assert.ok(root.querySelector(".error button[data-action=retry]"));
  assert.equal(document.body.outerHTML, before);

  controller.handle("clear");
  assert.equal(controller.state, "idle");
  assert.equal(document.querySelector("entity-lens-panel"), null);
  assert.equal(document.body.outerHTML, before);
});

const WATCH_TEXT = "Olaf Scholz met Acme Corp in Paris. Acme Corp said no.";
const WATCH_HTML = `<body><article><p>${WATCH_TEXT}</p></article></body>`;

/** A controller on WATCH_HTML with the helper's answer loaded; WATCH groups come last on purpose. */
function watchSetup() {
  const { document, window } = loadPage(WATCH_HTML, []);
  window.innerWidth = 1000;
  window.innerHeight = 800;
  const scope = {
    document,
    location: { href: "https://news.example/a", hostname: "news.example" },
    setInterval: () => 1,
    clearInterval: () => {},
    // Unreferenced: the export's 30 s revokeObjectURL timer must not hold the test run open.
    setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
    clearTimeout,
    chrome: { runtime: { sendMessage: async () => {} } },
  };
  loadScripts(FILES, scope);
  const entities = entitiesFor(WATCH_TEXT, [
    ["Olaf Scholz", "PERSON", "g1"], ["Acme Corp", "WATCH", "g3"], ["Paris", "GPE", "g2"], ["Acme Corp", "WATCH", "g3"],
  ]);
  const groups = [
    { id: "g1", label: "PERSON", name: "Olaf Scholz", aliases: ["Scholz"], count: 1, salience: 0.9,
      wikipedia: "https://de.wikipedia.org/w/index.php?search=Olaf%20Scholz" },
    { id: "g2", label: "GPE", name: "Paris", aliases: [], count: 1, salience: 0.5 },
    { id: "g3", label: "WATCH", name: "acme corp", aliases: ["Acme Corp"], count: 2, salience: 0.4,
      wikipedia: "javascript:alert(1)" },
  ];
  const controller = scope.EntityLens.controller;
  controller.handle("busy", {});
  controller.handle("load", { url: "https://news.example/a", title: "A", language: "en", text: WATCH_TEXT, entities, groups,
    model: { name: "m", version: "1" } });
  return { document, scope, controller, root: document.querySelector("entity-lens-panel").shadowRoot };
}

test("WATCH is listed first in its own Watchlist section and shown whatever the stored types", () => {
  const { document, controller, root } = watchSetup();
  // The stored types predate the watchlist (no WATCH): watched names are shown anyway.
  controller.handle("show", { mode: "url", reason: "", elapsedMs: 10, settings: { style: "inline", types: ["PERSON"] } });
  const sections = [...root.querySelectorAll(".group")];
  assert.deepEqual(sections.map((s) => s.getAttribute("data-group-label")), ["WATCH", "PERSON", "GPE"]);
  assert.equal(sections[0].querySelector("h3").textContent, "Watchlist");
  assert.equal(sections[0].hidden, false);
  assert.deepEqual([...sections[0].querySelectorAll("button[data-group]")].map((b) => b.textContent), ["acme corp2"]);
  assert.deepEqual([...root.querySelectorAll("input[data-label]")].map((i) => [i.getAttribute("data-label"), i.checked]),
    [["WATCH", true], ["PERSON", true], ["GPE", false]]);
  assert.deepEqual([...document.querySelectorAll("mark")].map((m) => [m.textContent, m.getAttribute("data-entity-lens")]),
    [["Olaf Scholz", "PERSON"], ["Acme Corp", "WATCH"], ["Acme Corp", "WATCH"]]);
  // The reader may still hide them for the moment.
  const box = root.querySelector('input[data-label="WATCH"]');
  box.checked = false;
  box.dispatchEvent(new document.defaultView.Event("change", { bubbles: true }));
  assert.equal(document.querySelectorAll('mark[data-entity-lens="WATCH"]').length, 0);
  controller.handle("clear");
});

test("the panel's export buttons download JSON and CSV with groups and mentions", async () => {
  const { document, controller, root } = watchSetup();
  controller.handle("show", { mode: "page", reason: "", elapsedMs: 10, settings: { style: "inline", types: ["PERSON", "GPE"] } });
  const saved = [];
  const real = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    saved.push(blob);
    return "blob:test";
  };
  try {
    root.querySelector('[data-action="export-json"]').click();
    root.querySelector('[data-action="export-csv"]').click();
  } finally {
    URL.createObjectURL = real;
  }
  assert.equal(saved.length, 2);
  const data = JSON.parse(await saved[0].text());
  assert.equal(data.mode, "page");
  assert.deepEqual(data.groups.map((g) => [g.id, g.label, g.name, g.count, g.on_page]),
    [["g1", "PERSON", "Olaf Scholz", 1, 1], ["g2", "GPE", "Paris", 1, 1], ["g3", "WATCH", "acme corp", 2, 2]]);
  assert.deepEqual(data.mentions.map((m) => [m.text, m.label, m.group, m.name]),
    [["Olaf Scholz", "PERSON", "g1", "Olaf Scholz"], ["Acme Corp", "WATCH", "g3", "acme corp"],
      ["Paris", "GPE", "g2", "Paris"], ["Acme Corp", "WATCH", "g3", "acme corp"]]);
  const csv = (await saved[1].text()).split("\r\n");
  assert.equal(csv[0], "start,end,text,label,group,name,aliases,count,salience");
  assert.equal(csv[2], "16,25,Acme Corp,WATCH,g3,acme corp,Acme Corp,2,0.4");
  assert.equal(csv.length, 6); // header, four mentions, the empty string after the last CRLF
  controller.handle("clear");
});

test("the hover card links to the group's Wikipedia search and lists its aliases", () => {
  const { document, scope } = loadPage("<body><p>Olaf Scholz</p></body>", ["content/tooltip.js"]);
  document.defaultView.innerWidth = 1000;
  document.defaultView.innerHeight = 800;
  const tip = document.createElement("div");
  const listeners = [];
  document.addEventListener = (type, fn) => listeners.push(fn);
  const rect = { left: 0, right: 100, top: 0, bottom: 20 };
  const info = {
    label: "PERSON", color: "#aa9cfc", name: "Olaf Scholz", aliases: ["Scholz", "O. Scholz"], count: 2,
    wikipedia: "https://fr.wikipedia.org/w/index.php?search=Olaf%20Scholz",
  };
  const mention = {};
  scope.EntityLens.tooltip.createTooltip(document, tip, {
    mentions: () => [mention],
    rangesOf: () => [{ getClientRects: () => [rect] }],
    describe: () => info,
  });
  listeners[0]({ clientX: 10, clientY: 10, composedPath: () => [] });
  assert.equal(tip.hidden, false);
  // (linkedom shows the href decoded, so compare the host and the search.)
  const href = new URL(tip.querySelector("a").href);
  assert.equal(href.hostname, "fr.wikipedia.org");
  assert.equal(href.searchParams.get("search"), "Olaf Scholz");
  assert.equal(tip.querySelector(".aliases").textContent, "Also: Scholz, O. Scholz");

  // Missing or foreign links fall back to an English search; a javascript: URL is never used.
  const { wikipediaLink } = scope.EntityLens.tooltip;
  assert.equal(wikipediaLink(undefined, "Acme Corp"), "https://en.wikipedia.org/w/index.php?search=Acme%20Corp");
  assert.equal(wikipediaLink("javascript:alert(1)", "x"), "https://en.wikipedia.org/w/index.php?search=x");
  assert.equal(wikipediaLink("https://evil.example/wikipedia.org", "x"), "https://en.wikipedia.org/w/index.php?search=x");
  assert.equal(wikipediaLink("http://fr.wikipedia.org/w/index.php?search=x", "x"), "https://en.wikipedia.org/w/index.php?search=x");
});

test("the status says how long the helper took, or that it answered from its cache", () => {
  const settings = { style: "inline", types: ["PERSON"] };
  const status = (extra) => {
    const { controller, root } = watchSetup();
    controller.handle("load", { url: "https://news.example/a", title: "A", text: WATCH_TEXT, entities: [], groups: [],
      model: { name: "m", version: "1" }, ...extra });
    controller.handle("show", { mode: "url", reason: "", elapsedMs: 1234, settings });
    const text = root.querySelector(".status").textContent;
    controller.handle("clear");
    return text;
  };
  assert.match(status({}), / · 1\.2 s · mode url/);
  const cached = status({ cached: true });
  assert.match(cached, /m 1 · cached · mode url/);
  assert.doesNotMatch(cached, /\d s /);
});
