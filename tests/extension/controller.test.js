import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPage, loadScripts, entitiesFor } from "./load.js";

const FILES = [
  "labels.js", "content/text-index.js", "content/align.js", "content/paint.js",
  "content/tooltip.js", "content/panel.js", "content/main.js",
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
  assert.deepEqual({ ...fit }, { paragraphs: 1, aligned: 1, mentions: 4 });

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
