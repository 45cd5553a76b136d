import { test } from "node:test";
import assert from "node:assert/strict";
import { randomNames } from "../../extension/labels.js";
import { MESSAGE, METHOD } from "../../extension/messages.js";
import { textOf } from "../../extension/content/panel.js";
import { createTooltip, wikipediaLink } from "../../extension/content/tooltip.js";
import { loadPage, freshModule, entitiesFor } from "./load.js";

const TEXT = "Olaf Scholz met Emmanuel Macron in Paris on Monday.";
const HTML = `<body><nav>Paris</nav><article><p>Olaf Scholz met <a href="#">Emmanuel</a> Macron in Paris on Monday.</p></article></body>`;

/**
 * The panel's shadow root is closed (host.shadowRoot is null): the test keeps the root
 * attachShadow returns, as a debugger could, to look inside and to dispatch events there.
 */
function keepShadowRoots(document) {
  const roots = [];
  const create = document.createElement.bind(document);
  document.createElement = (tag, ...rest) => {
    const el = create(tag, ...rest);
    const attach = el.attachShadow && el.attachShadow.bind(el);
    if (attach) el.attachShadow = (init) => {
      const root = attach(init);
      roots.push({ host: el, init, root });
      return root;
    };
    return el;
  };
  return roots;
}

/**
 * An event as the reader's own input makes it. Browsers set isTrusted themselves (a page cannot
 * forge it); linkedom has no trusted events, so the test marks this one: the panel's real,
 * default check (event.isTrusted === true) then lets it through.
 */
function byReader(window, el, type, props = {}) {
  const event = new window.Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, "isTrusted", { value: true });
  Object.assign(event, props);
  el.dispatchEvent(event);
}

/** The same event as a page script would make it: isTrusted is not true. */
function byScript(window, el, type, props = {}) {
  const event = new window.Event(type, { bubbles: true, cancelable: true });
  Object.assign(event, props);
  el.dispatchEvent(event);
  return event;
}

const realSetTimeout = globalThis.setTimeout;

/**
 * A fresh content controller (content/main.js, as content/entry.js exposes it) on `document`,
 * with the page globals it reads set first. Timers: the navigation watch's interval is inert; the
 * export's 30 s revokeObjectURL timer must not hold the test run open.
 */
async function loadController(document, { href = "https://news.example/a", sendMessage = async () => {} } = {}) {
  const chrome = { runtime: { sendMessage } };
  const location = { href, hostname: new URL(href).hostname };
  Object.assign(globalThis, {
    document, location, chrome,
    setInterval: () => 1,
    clearInterval: () => {},
    setTimeout: (fn, ms) => realSetTimeout(fn, ms).unref(),
  });
  const { controller } = await freshModule("content/main.js");
  return { controller, chrome };
}

test("busy, load, show, filter and clear through the controller, with the panel outside <body>", async () => {
  const sent = [];
  const { document } = loadPage(HTML);
  const roots = keepShadowRoots(document);
  // No CSS.highlights in linkedom, so this runs the inline style.
  const { controller } = await loadController(document, { href: "https://news.example/a#top", sendMessage: async (m) => sent.push(m) });
  const before = document.body.outerHTML;

  controller.handle("busy", {});
  assert.equal(controller.state, "busy");
  const host = document.documentElement.querySelector("entity-lens-panel");
  assert.equal(host.parentNode, document.documentElement);
  // Closed: the page cannot reach the panel's content through its host.
  assert.equal(host.shadowRoot, null);
  assert.deepEqual(roots.map((r) => [r.host, r.init.mode]), [[host, "closed"]]);

  const entities = entitiesFor(TEXT, [["Olaf Scholz", "PERSON", "g1"], ["Emmanuel Macron", "PERSON", "g2"], ["Paris", "GPE", "g3"], ["Monday", "DATE", "g4"]]);
  const groups = [
    { id: "g1", label: "PERSON", name: "Olaf Scholz", count: 1 }, { id: "g2", label: "PERSON", name: "Emmanuel Macron", count: 1 },
    { id: "g3", label: "GPE", name: "Paris", count: 1 }, { id: "g4", label: "DATE", name: "Monday", count: 1 },
  ];
  const fit = controller.handle("load", { text: TEXT, entities, groups, model: { name: "m", version: "1" } });
  assert.deepEqual({ ...fit }, { paragraphs: 1, aligned: 1, mentions: 4, mainShare: 1, short: false });

  const names = randomNames();
  const settings = { style: "inline", types: ["PERSON", "GPE"], names };
  const shown = controller.handle("show", { mode: "url", reason: "", elapsedMs: 120, settings });
  assert.equal(shown.entities, 4);
  assert.equal(controller.state, "shown");
  const { root } = roots[0];
  assert.deepEqual([...root.querySelectorAll("button[data-group]")].map((b) => b.getAttribute("data-group")), ["g1", "g2", "g3", "g4"]);
  assert.deepEqual([...root.querySelectorAll("input[data-label]")].map((i) => [i.getAttribute("data-label"), i.checked]),
    [["PERSON", true], ["GPE", true], ["DATE", false]]);
  assert.match(textOf(root.querySelector(".status")), /m 1 .* mode url/);
  // The panel's words are generated content, not text nodes a page's find() could reach.
  assert.equal(root.querySelector(".panel").textContent, "");
  assert.ok(root.querySelector('[data-action="export-json"]') && root.querySelector('[data-action="export-csv"]'));
  // DATE is off by default: Monday is not painted; nav's Paris never is.
  assert.deepEqual([...document.querySelectorAll("mark")].map((m) => m.textContent), ["Olaf Scholz", "Emmanuel", " Macron", "Paris"]);
  assert.deepEqual([...document.querySelectorAll("mark")].map((m) => m.getAttribute("data-entity-lens")),
    [names.byLabel.PERSON, names.byLabel.PERSON, names.byLabel.PERSON, names.byLabel.GPE]);

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
async function watchSetup() {
  const { document, window } = loadPage(WATCH_HTML);
  const roots = keepShadowRoots(document);
  window.innerWidth = 1000;
  window.innerHeight = 800;
  const { controller, chrome } = await loadController(document);
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
  controller.handle("busy", {});
  controller.handle("load", { url: "https://news.example/a", title: "A", language: "en", text: WATCH_TEXT, entities, groups,
    model: { name: "m", version: "1" } });
  return { document, window, chrome, controller, root: roots[0].root, names: randomNames() };
}

test("WATCH is listed first in its own Watchlist section and shown whatever the stored types", async () => {
  const { document, window, controller, root, names } = await watchSetup();
  // The stored types predate the watchlist (no WATCH): watched names are shown anyway.
  controller.handle("show", { mode: "url", reason: "", elapsedMs: 10, settings: { style: "inline", types: ["PERSON"], names } });
  const sections = [...root.querySelectorAll(".group")];
  assert.deepEqual(sections.map((s) => s.getAttribute("data-group-label")), ["WATCH", "PERSON", "GPE"]);
  assert.equal(textOf(sections[0].querySelector("h3")), "Watchlist");
  assert.equal(sections[0].hidden, false);
  assert.deepEqual([...sections[0].querySelectorAll("button[data-group]")].map((b) => textOf(b)), ["acme corp2"]);
  assert.deepEqual([...root.querySelectorAll("input[data-label]")].map((i) => [i.getAttribute("data-label"), i.checked]),
    [["WATCH", true], ["PERSON", true], ["GPE", false]]);
  assert.deepEqual([...document.querySelectorAll("mark")].map((m) => [m.textContent, m.getAttribute("data-entity-lens")]),
    [["Olaf Scholz", names.byLabel.PERSON], ["Acme Corp", names.byLabel.WATCH], ["Acme Corp", names.byLabel.WATCH]]);
  // The reader may still hide them for the moment.
  const box = root.querySelector('input[data-label="WATCH"]');
  box.checked = false;
  byReader(window, box, "change");
  assert.equal(document.querySelectorAll(`mark[data-entity-lens="${names.byLabel.WATCH}"]`).length, 0);
  controller.handle("clear");
});

test("the panel's export buttons download JSON and CSV with groups and mentions", async () => {
  const { window, controller, root, names } = await watchSetup();
  controller.handle("show", { mode: "page", reason: "", elapsedMs: 10, settings: { style: "inline", types: ["PERSON", "GPE"], names } });
  const saved = [];
  const real = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    saved.push(blob);
    return "blob:test";
  };
  try {
    byReader(window, root.querySelector('[data-action="export-json"]'), "click");
    byReader(window, root.querySelector('[data-action="export-csv"]'), "click");
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
  // The card writes its words as the panel does (panel.js setText).
  const { document } = loadPage("<body><p>Olaf Scholz</p></body>");
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
  createTooltip(document, tip, {
    mentions: () => [mention],
    rangesOf: () => [{ getClientRects: () => [rect] }],
    describe: () => info,
  });
  // A page script's synthetic move over the mention shows nothing; the reader's pointer does.
  tip.hidden = true;
  listeners[0]({ isTrusted: false, clientX: 10, clientY: 10, composedPath: () => [] });
  assert.equal(tip.hidden, true, "a synthetic mousemove opened the hover card");
  assert.equal(tip.querySelector("a"), null);
  listeners[0]({ isTrusted: true, clientX: 10, clientY: 10, composedPath: () => [] });
  assert.equal(tip.hidden, false);
  // (linkedom shows the href decoded, so compare the host and the search.)
  const href = new URL(tip.querySelector("a").href);
  assert.equal(href.hostname, "fr.wikipedia.org");
  assert.equal(href.searchParams.get("search"), "Olaf Scholz");
  assert.equal(textOf(tip.querySelector(".aliases")), "Also: Scholz, O. Scholz");
  assert.equal(tip.textContent, "", "the card's words are text nodes a page can find");

  // Missing or foreign links fall back to an English search; a javascript: URL is never used.
  assert.equal(wikipediaLink(undefined, "Acme Corp"), "https://en.wikipedia.org/w/index.php?search=Acme%20Corp");
  assert.equal(wikipediaLink("javascript:alert(1)", "x"), "https://en.wikipedia.org/w/index.php?search=x");
  assert.equal(wikipediaLink("https://evil.example/wikipedia.org", "x"), "https://en.wikipedia.org/w/index.php?search=x");
  assert.equal(wikipediaLink("http://fr.wikipedia.org/w/index.php?search=x", "x"), "https://en.wikipedia.org/w/index.php?search=x");
});

test("the status says how long the helper took, or that it answered from its cache", async () => {
  const settings = { style: "inline", types: ["PERSON"] };
  const status = async (extra) => {
    const { controller, root, names } = await watchSetup();
    controller.handle("load", { url: "https://news.example/a", title: "A", text: WATCH_TEXT, entities: [], groups: [],
      model: { name: "m", version: "1" }, ...extra });
    controller.handle("show", { mode: "url", reason: "", elapsedMs: 1234, settings: { ...settings, names } });
    const text = textOf(root.querySelector(".status"));
    controller.handle("clear");
    return text;
  };
  assert.match(await status({}), / · 1\.2 s · mode url/);
  const cached = await status({ cached: true });
  assert.match(cached, /m 1 · cached · mode url/);
  assert.doesNotMatch(cached, /\d s /);
});

/** A controller showing WATCH_HTML's results (inline style), with the calls it sent and the jumps. */
async function shownSetup() {
  const setup = await watchSetup();
  const { window, chrome, controller, names } = setup;
  const sent = [];
  chrome.runtime.sendMessage = async (m) => sent.push(m.type);
  const jumps = [];
  window.HTMLElement.prototype.scrollIntoView = function () {
    jumps.push(this.textContent);
  };
  // linkedom's ranges have no boundary points: enough of one for the jump.
  setup.document.createRange = () => ({ selectNodeContents(node) { this.startContainer = node; } });
  controller.handle("show", { mode: "url", reason: "", elapsedMs: 10, settings: { style: "inline", types: ["PERSON", "GPE"], names } });
  return { ...setup, sent, jumps };
}

const marks = (document) => [...document.querySelectorAll("mark")].map((m) => m.textContent);

test("events a page script makes do nothing: clicks, .click(), Escape, filter changes, an injected retry button", async () => {
  const { document, window, controller, root, sent, jumps } = await shownSetup();
  const painted = marks(document);
  assert.deepEqual(painted, ["Olaf Scholz", "Acme Corp", "Paris", "Acme Corp"]);
  const entity = root.querySelector('button[data-group="g1"]');
  const box = root.querySelector('input[data-label="PERSON"]');

  entity.click();
  // Cancelled before any handler (which also undoes what a click does by default).
  assert.equal(byScript(window, entity, "click").defaultPrevented, true, "a script's click was not cancelled");
  root.querySelector('[data-action="export-json"]').click();
  byScript(window, root.querySelector(".panel"), "keydown", { key: "Escape" });
  box.checked = false;
  assert.equal(byScript(window, box, "change").defaultPrevented, true, "a script's change was not cancelled");
  // A page cannot reach the closed root: it makes its own retry button and its own events.
  const fake = document.createElement("button");
  fake.setAttribute("data-action", "retry");
  document.body.append(fake);
  fake.click();
  byScript(window, document.querySelector("entity-lens-panel"), "keydown", { key: "Escape" });

  assert.deepEqual(jumps, [], "a synthetic click on an entity scrolled the page");
  assert.deepEqual(sent, [], "a synthetic event reached the background");
  assert.equal(controller.state, "shown");
  assert.deepEqual(marks(document), painted, "a script's change of a filter repainted");
  fake.remove();

  // Now an error panel: a script's click on its retry button asks for nothing.
  controller.handle("error", { title: "Helper down", advice: "Run entity-lens serve" });
  const retry = root.querySelector('button[data-action="retry"]');
  retry.click();
  byScript(window, retry, "click");
  assert.deepEqual(sent, []);
  assert.equal(controller.state, "error");
  controller.handle("clear");
});

test("the reader's own clicks, keys and changes work: jump, filter, retry, Escape", async () => {
  const { document, window, controller, root, sent, jumps } = await shownSetup();
  byReader(window, root.querySelector('button[data-group="g1"]'), "click");
  assert.deepEqual(jumps, ["Olaf Scholz"]);
  const box = root.querySelector('input[data-label="PERSON"]');
  box.checked = false;
  byReader(window, box, "change");
  assert.deepEqual(marks(document), ["Acme Corp", "Paris", "Acme Corp"]);
  assert.equal(root.querySelector('.group[data-group-label="PERSON"]').hidden, true);

  controller.handle("error", { title: "Helper down", advice: "Run entity-lens serve" });
  byReader(window, root.querySelector('button[data-action="retry"]'), "click");
  assert.deepEqual(sent, [MESSAGE.retry]);

  byReader(window, root.querySelector(".panel"), "keydown", { key: "Escape" });
  assert.deepEqual(sent, [MESSAGE.retry, MESSAGE.cleared]);
  assert.equal(controller.state, "idle");
  assert.equal(document.querySelector("entity-lens-panel"), null);
});

test("inspect: the run's state, names, the panel as shown (closed to the page) and the painted mentions", async () => {
  const { controller, names } = await shownSetup();
  const seen = controller.handle("inspect");
  assert.deepEqual(Object.keys(seen).sort(), ["names", "painted", "panel", "state", "style", "watchBoxes"]);
  assert.equal(seen.watchBoxes, 0, "the inline style marks watched names in the page, no boxes");
  assert.equal(seen.state, "shown");
  assert.equal(seen.style, "inline");
  assert.deepEqual(seen.names, names);
  assert.deepEqual(seen.painted, [
    { label: "PERSON", group: "g1", text: "Olaf Scholz" }, { label: "WATCH", group: "g3", text: "Acme Corp" },
    { label: "GPE", group: "g2", text: "Paris" }, { label: "WATCH", group: "g3", text: "Acme Corp" },
  ]);

  const { panel } = seen;
  assert.deepEqual(Object.keys(panel).sort(), ["buttons", "error", "filters", "focused", "rect", "sections", "status", "text"]);
  assert.match(panel.status, /m 1 .* mode url/);
  assert.equal(panel.error, null);
  assert.ok(panel.text.includes("Olaf Scholz") && panel.text.includes(panel.status));
  assert.deepEqual(panel.sections.map((x) => ({ ...x, title: undefined })), [
    { label: "WATCH", hidden: false, title: undefined, entities: [{ id: "g3", name: "acme corp", count: 2, disabled: false }] },
    { label: "PERSON", hidden: false, title: undefined, entities: [{ id: "g1", name: "Olaf Scholz", count: 1, disabled: false }] },
    { label: "GPE", hidden: false, title: undefined, entities: [{ id: "g2", name: "Paris", count: 1, disabled: false }] },
  ]);
  assert.deepEqual(panel.sections.map((x) => x.title.endsWith(`(${x.label})`) || x.title), ["Watchlist", true, true]);
  const rectKeys = ["height", "width", "x", "y"];
  assert.deepEqual(panel.filters.map((f) => [f.label, f.checked, Object.keys(f.rect).sort()]),
    [["WATCH", true, rectKeys], ["PERSON", true, rectKeys], ["GPE", true, rectKeys]]);
  // Buttons in the panel's order: the close button, the entities as listed, the exports.
  assert.deepEqual(panel.buttons.map((b) => [b.action, b.group, b.disabled]), [
    ["clear", null, false], [null, "g3", false], [null, "g1", false], [null, "g2", false],
    ["export-json", null, false], ["export-csv", null, false],
  ]);
  for (const b of panel.buttons) assert.deepEqual(Object.keys(b.rect).sort(), rectKeys);
  assert.deepEqual(Object.keys(panel.rect).sort(), rectKeys);

  controller.handle("error", { title: "Helper down", advice: "Run entity-lens serve" });
  const failed = controller.handle("inspect");
  assert.equal(failed.state, "error");
  assert.deepEqual(failed.panel.error, { title: "Helper down", advice: "Run entity-lens serve" });
  assert.deepEqual(failed.panel.buttons.map((b) => b.action).filter((a) => a !== "clear"), ["retry"]);
  assert.deepEqual(failed.painted, [], "an error paints nothing");

  controller.handle("clear");
  const cleared = controller.handle("inspect");
  assert.equal(cleared.state, "idle");
  assert.equal(cleared.panel, null);
  assert.deepEqual(cleared.painted, []);
});

test("the controller answers every method messages.js names, and only those", async () => {
  const { controller } = await shownSetup();
  const args = { busy: { settings: {} }, load: { text: WATCH_TEXT, entities: [], groups: [] },
    show: { mode: "url", reason: "", elapsedMs: 1, settings: { style: "inline", types: [], names: randomNames() } },
    error: { title: "t", advice: "a" } };
  for (const method of Object.values(METHOD)) {
    assert.doesNotThrow(() => controller.handle(method, args[method]), method);
  }
  assert.throws(() => controller.handle("toString"), /Unknown method toString/);
  controller.handle(METHOD.clear);
});
