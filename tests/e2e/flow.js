// The real flow: snapshot the page, fire the toolbar action, watch the page's CSS.highlights
// registry / inline marks, read the panel and this run's highlight names through the extension
// itself (inspect(): the panel's shadow root is closed), click the panel with real mouse input,
// clear, compare. Shared by the e2e tests, scripts/audit and scripts/bench-browser.
import { setTimeout as sleep } from "node:timers/promises";

/** `promise`, or an error naming `what` after `ms` (a hung browser or helper says which step hung). */
export function withTimeout(promise, ms, what) {
  let t;
  const timeout = new Promise((_, reject) => {
    t = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
}

/** Text as compared between the helper and the page: whitespace, soft hyphens, quotes folded. */
export function normText(s) {
  return String(s)
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

export async function snapshot(page) {
  return page.evaluate(() => ({
    bodyHTML: document.body ? document.body.outerHTML : "",
    bodyText: document.body ? document.body.innerText : "",
    docHTML: document.documentElement.outerHTML,
  }));
}

/**
 * The content controller's snapshot of the tab (EntityLens.controller.handle("inspect")): state,
 * this run's highlight names, the panel, the painted mentions. Read by the extension itself in
 * the content scripts' world: the panel's shadow root is closed to the page, and so to the test.
 */
export async function inspect(session, page) {
  return session.inspectTab(page.url());
}

/** Polls inspect() until `predicate(snapshot)` holds; returns that snapshot (throws on time-out). */
export async function waitInspect(session, page, predicate, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let seen = null;
  for (;;) {
    seen = await inspect(session, page).catch(() => null);
    if (predicate(seen)) return seen;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s; last: ${JSON.stringify(seen && { state: seen.state, panel: seen.panel && seen.panel.status })}`);
    await sleep(50);
  }
}

/** This run's names: { labelOf: {name: label}, flash }, empty before a run has shown anything. */
async function runNames(session, page) {
  const seen = await inspect(session, page);
  const names = seen && seen.names;
  if (!names) return { labelOf: {}, flash: null };
  const labelOf = {};
  for (const [label, name] of Object.entries(names.byLabel)) labelOf[name] = label;
  return { labelOf, flash: names.flash };
}

/**
 * Runs in the page: defines window.__elPainted(), how much is painted, whoever painted it: every
 * CSS.highlights entry except those the page had before our first run (window.__elBaseline, taken
 * by installWatcher), plus our inline marks. The names are random per run, so none is looked for.
 */
function installCounter() {
  window.__elPainted = () => {
    const own = window.__elBaseline || new Set();
    let n = 0;
    if (window.CSS && CSS.highlights) for (const [k, h] of CSS.highlights) if (!own.has(k)) n += h.size;
    return n + document.querySelectorAll("mark[data-entity-lens]").length;
  };
}

/** How much the page shows painted (see installCounter). */
export async function paintedCount(page) {
  await page.evaluate(installCounter);
  return page.evaluate(() => window.__elPainted());
}

/** Installs a poller in the page that timestamps the first painted mention and the last change. */
export async function installWatcher(page) {
  await page.evaluate(installCounter);
  await page.evaluate(() => {
    // The page's own highlights, before we paint anything on this document.
    if (!window.__elBaseline) window.__elBaseline = new Set(window.CSS && CSS.highlights ? CSS.highlights.keys() : []);
    if (window.__elWatch && window.__elWatch.timer) clearInterval(window.__elWatch.timer);
    const w = { t0: performance.now(), first: null, lastChange: performance.now(), count: 0 };
    window.__elWatch = w;
    w.tick = () => {
      const now = performance.now();
      const n = window.__elPainted();
      if (n > 0 && w.first === null) w.first = now;
      if (n !== w.count) {
        w.count = n;
        w.lastChange = now;
      }
    };
    w.timer = setInterval(w.tick, 5);
  });
}

async function watchState(page) {
  return page.evaluate(() => {
    const w = window.__elWatch;
    if (!w) return null;
    // Look now too: on a loaded machine the page's 5 ms timer can lag by more than the quiet
    // period, and a run would then seem done with nothing painted.
    w.tick();
    return { ...w, timer: undefined, tick: undefined, now: performance.now() };
  });
}

/** The panel's error as one line ("" when none). */
const errorText = (panel) => (panel && panel.error ? `${panel.error.title} ${panel.error.advice}`.replace(/\s+/g, " ").trim() : "");
const oneLine = (s) => String(s || "").replace(/\s+/g, " ").trim();

/**
 * Fires the toolbar action and waits until the extension is done: the controller shows results
 * (or an error) and the painted mentions have been stable for `quietMs`.
 * Returns { ms_first, ms_done, error, status, count, panel, timedOut }.
 */
export async function annotateViaAction(session, page, { timeoutMs = 45000, quietMs = 400 } = {}) {
  await installWatcher(page);
  await session.triggerAction(page, {
    onFire: () => page.evaluate(() => (window.__elWatch.t0 = performance.now())),
  });
  return waitDone(session, page, { timeoutMs, quietMs });
}

/**
 * Waits for the run to end (installWatcher first). Times are the page's clock: the first painted
 * mention, and done = the last change of what is painted (results are painted right after the
 * panel is filled); a run that paints nothing is done when the controller was first seen done.
 */
export async function waitDone(session, page, { timeoutMs = 45000, quietMs = 400 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let s = null;
  let seen = null;
  let doneSeenAt = null;
  let lastError = null; // why the extension could not read the tab, if it could not
  for (;;) {
    s = await watchState(page);
    seen = await inspect(session, page).catch((err) => ((lastError = err.message), null));
    const done = seen && (seen.state === "shown" || seen.state === "error");
    if (done && s && doneSeenAt === null) doneSeenAt = s.now;
    if (!done) doneSeenAt = null;
    if (done && s && s.now - s.lastChange >= quietMs) break;
    if (Date.now() > deadline) {
      return {
        timedOut: true, ms_first: null, ms_done: null, error: errorText(seen && seen.panel),
        status: oneLine(seen && seen.panel && seen.panel.status), count: s ? s.count : 0, panel: !!(seen && seen.panel),
        state: seen ? seen.state : null, inspectError: seen ? null : lastError,
      };
    }
    await sleep(50);
  }
  const doneAt = s.count > 0 && s.first !== null ? s.lastChange : doneSeenAt;
  return {
    timedOut: false,
    ms_first: s.first !== null ? round(s.first - s.t0) : null,
    ms_done: round(doneAt - s.t0),
    error: errorText(seen.panel),
    status: oneLine(seen.panel && seen.panel.status),
    count: s.count,
    panel: !!seen.panel,
    state: seen.state,
  };
}

const round = (x) => Math.round(x * 10) / 10;

/** Waits until what the page has painted (highlights + marks) is stable; returns how much. */
export async function waitQuiet(page, quietMs = 300, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const n = await paintedCount(page);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return n;
    await sleep(50);
  }
  return last;
}

/**
 * Every painted mention, in document order, read in the page: its CSS.highlights entries (except
 * the page's own and the jump flash) and inline marks (`mark[data-entity-lens]`). Their names are
 * random per run: the extension's inspect() says which name is which label; a name it does not
 * know (a leftover of another run) is read with label null, so it counts as painted wrongly.
 * Watched names in the highlight style are boxes in a closed layer, not in the registry: they are
 * not read here (inspect().watchBoxes counts them); inline, they are marks like the others.
 * Each: { text, label, group, kind, prefix, suffix, region, top, bottom, inBody, visible }.
 * `region` is the nearest of article/nav/aside/header/footer/.comments/.related, for fixtures.
 */
export async function readMentions(session, page, { context = 32 } = {}) {
  const names = await runNames(session, page);
  return page.evaluate((context, labelOf, flash) => {
    const items = [];
    const own = window.__elBaseline || new Set();
    if (window.CSS && CSS.highlights) {
      for (const [name, hl] of CSS.highlights) {
        if (own.has(name) || name === flash) continue;
        const label = labelOf[name] ?? null;
        for (const r of hl) {
          const range = document.createRange();
          try {
            range.setStart(r.startContainer, r.startOffset);
            range.setEnd(r.endContainer, r.endOffset);
          } catch {
            continue;
          }
          items.push({ range, label, group: null, kind: "highlight" });
        }
      }
    }
    // Inline marks; a mention split across elements is several marks, each but the last
    // carrying data-entity-lens-cont: they make one mention.
    let open = null;
    for (const m of document.querySelectorAll("mark[data-entity-lens]")) {
      if (open) {
        open.range.setEnd(m, m.childNodes.length);
      } else {
        const range = document.createRange();
        range.selectNodeContents(m);
        open = { range, label: labelOf[m.dataset.entityLens] ?? null, group: m.dataset.entityLensGroup || null, kind: "mark" };
        items.push(open);
      }
      if (!m.hasAttribute("data-entity-lens-cont")) open = null;
    }
    items.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range) || a.range.compareBoundaryPoints(Range.END_TO_END, b.range));

    // Flat page text for prefix/suffix: visible-ish text nodes of the body in order.
    const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "ENTITY-LENS-PANEL"]);
    const nodes = [];
    const index = new Map();
    let total = 0;
    const root = document.body || document.documentElement;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode(n) {
        if (n.nodeType === 1) return SKIP.has(n.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    for (let n; (n = walker.nextNode()); ) {
      index.set(n, nodes.length);
      nodes.push({ node: n, start: total });
      total += n.data.length;
    }
    const flat = nodes.map((x) => x.node.data).join("");
    // Offset in `flat` of a boundary point (container, offset).
    const offsetOf = (container, offset) => {
      if (container.nodeType === 3 && index.has(container)) return nodes[index.get(container)].start + offset;
      // Element boundary: the first text node at or after it.
      const probe = document.createRange();
      probe.setStart(container, offset);
      let lo = 0,
        hi = nodes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const cmp = probe.comparePoint(nodes[mid].node, 0);
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
      }
      return lo < nodes.length ? nodes[lo].start : total;
    };
    const clean = (s) => s.replace(/\s+/g, " ");
    const regionOf = (node) => {
      const el = node.nodeType === 1 ? node : node.parentElement;
      const r = el && el.closest("article, nav, aside, header, footer, .comments, .related, [data-region]");
      if (!r) return null;
      return r.dataset.region || (r.classList.contains("comments") ? "comments" : r.classList.contains("related") ? "related" : r.localName);
    };
    const vh = window.innerHeight;
    return items.map((it) => {
      const { range } = it;
      const s = offsetOf(range.startContainer, range.startOffset);
      const e = offsetOf(range.endContainer, range.endOffset);
      const before = clean(flat.slice(Math.max(0, s - context * 8), s));
      const after = clean(flat.slice(e, e + context * 8));
      const rect = range.getBoundingClientRect();
      return {
        text: range.toString(),
        label: it.label,
        group: it.group,
        kind: it.kind,
        prefix: before.slice(-context),
        suffix: after.slice(0, context),
        region: regionOf(range.startContainer),
        inBody: !!document.body && document.body.contains(range.startContainer),
        top: rect.top,
        bottom: rect.bottom,
        visible: rect.bottom > 0 && rect.top < vh && rect.height > 0,
      };
    });
  }, context, names.labelOf, names.flash);
}

/**
 * The panel: what the page sees of it (the host element, where it is, its closed shadow root)
 * and, through the extension's inspect(), what it shows the reader.
 */
export async function readPanel(session, page) {
  const host = await page.evaluate(() => {
    const el = document.querySelector("entity-lens-panel");
    if (!el) return { exists: false };
    const cs = getComputedStyle(el);
    return {
      exists: true,
      closed: el.shadowRoot === null,
      inBody: !!document.body && document.body.contains(el),
      parentIsRoot: el.parentNode === document.documentElement,
      shown: !el.hidden && cs.display !== "none" && cs.visibility !== "hidden",
    };
  });
  if (!host.exists) return host;
  const seen = await inspect(session, page);
  const panel = seen && seen.panel;
  if (!panel) return { ...host, state: seen ? seen.state : null, status: "", error: "", retry: false, clear: false, groups: [], filters: [], collapsed: false };
  return {
    ...host,
    state: seen.state,
    status: oneLine(panel.status),
    error: errorText(panel),
    retry: panel.buttons.some((b) => b.action === "retry"),
    clear: panel.buttons.some((b) => b.action === "clear"),
    // The entries listed: every entity of the types shown (also while folded into the pill).
    groups: panel.sections.filter((x) => !x.hidden).flatMap((x) => x.entities).map((e) => ({ id: e.id, text: oneLine(`${e.name}${e.count}`) })),
    filters: panel.filters.map((f) => ({ type: f.type, labels: f.labels, checked: f.checked })),
    collapsed: panel.collapsed,
    dock: panel.dock,
    rect: panel.rect,
  };
}

/**
 * Clicks something in the panel as the reader does: real mouse input at the place inspect()
 * gives (puppeteer's page.mouse, trusted events), after scrolling the panel with the wheel when
 * it is out of the panel's view. `target`: { action } | { group } (buttons) or { type } (a type
 * filter's checkbox).
 */
export async function clickInPanel(session, page, target) {
  await page.bringToFront();
  const what = JSON.stringify(target);
  for (let attempt = 0; attempt < 20; attempt++) {
    const seen = await inspect(session, page);
    const panel = seen && seen.panel;
    if (!panel) throw new Error(`no panel to click ${what} in`);
    const el = target.type
      ? panel.filters.find((f) => f.type === target.type)
      : panel.buttons.find((b) => (target.action ? b.action === target.action : b.group === target.group));
    if (panel.collapsed && target.action !== "expand") {
      // Folded into its pill (no room beside the article): the reader opens it first.
      await clickInPanel(session, page, { action: "expand" });
      continue;
    }
    if (!el) throw new Error(`nothing in the panel matches ${what}`);
    const { rect } = el;
    const box = panel.rect;
    const viewport = await page.evaluate(() => window.innerHeight);
    const x = rect.x + rect.width / 2;
    const y = rect.y + rect.height / 2;
    const top = Math.max(box.y, 0) + 2;
    const bottom = Math.min(box.y + box.height, viewport) - 2;
    if (rect.height > 0 && y >= top && y <= bottom) {
      await page.mouse.click(x, y);
      return;
    }
    // Out of the panel's view: scroll the panel under the pointer towards it.
    await page.mouse.move(box.x + box.width / 2, (top + bottom) / 2);
    await page.mouse.wheel({ deltaY: y < top ? y - top - 20 : y - bottom + 20 });
    await sleep(150);
  }
  throw new Error(`could not bring ${what} into the panel's view`);
}

/** Turns on every type filter that is off (reader's clicks). Returns the types that were off. */
export async function enableAllFilters(session, page) {
  const panel = await readPanel(session, page);
  const off = (panel.filters || []).filter((f) => !f.checked).map((f) => f.type);
  for (const type of off) await clickInPanel(session, page, { type });
  if (off.length) {
    const deadline = Date.now() + 5000;
    while ((await readPanel(session, page)).filters.some((f) => !f.checked) && Date.now() < deadline) await sleep(50);
    await waitQuiet(page, 300);
  }
  return off;
}

/** Fires the action again and waits until nothing is painted and the panel is gone or hidden. */
export async function clearViaAction(session, page, { timeoutMs = 10000 } = {}) {
  await session.triggerAction(page);
  return waitCleared(page, timeoutMs);
}

/** Waits until nothing at all is painted (whatever its name) and no panel shows. */
export async function waitCleared(page, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await paintedCount(page);
    const s = await page.evaluate((n) => {
      const host = document.querySelector("entity-lens-panel");
      let panel = false;
      if (host) {
        const cs = getComputedStyle(host);
        panel = !host.hidden && cs.display !== "none" && cs.visibility !== "hidden";
      }
      return { n, panel };
    }, n);
    if (s.n === 0 && !s.panel) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/**
 * Aligns the helper's mentions (in text order) with the painted ones (in document order) by
 * longest common subsequence on (normalised text, label); with `anyOrder`, what is left is
 * then paired by content. Returns { matched, missing, extra }.
 */
export function alignMentions(expected, painted, { anyOrder = false } = {}) {
  const key = (m) => `${m.label}\u0000${normText(m.text)}`;
  const a = expected.map(key);
  const b = painted.map(key);
  const n = a.length,
    m = b.length;
  // LCS table, rows of Uint16 (pages have at most a few thousand mentions).
  const L = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i][j] = a[i] === b[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    }
  }
  const matched = [];
  const missing = [];
  const extra = [];
  let i = 0,
    j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      matched.push([i, j]);
      i++;
      j++;
    } else if (L[i + 1][j] >= L[i][j + 1]) missing.push(expected[i++]);
    else extra.push(painted[j++]);
  }
  while (i < n) missing.push(expected[i++]);
  while (j < m) extra.push(painted[j++]);
  if (!anyOrder) return { matched, missing, extra };
  // A paragraph the helper lists out of the page's order (a caption or pull quote moved to the
  // end) is painted where the page has it: pair what is left by content, regardless of order.
  const spare = new Map();
  extra.forEach((p, k) => {
    if (!spare.has(key(p))) spare.set(key(p), []);
    spare.get(key(p)).push(k);
  });
  const used = new Set();
  const stillMissing = [];
  for (const e of missing) {
    const list = spare.get(key(e));
    if (list && list.length) {
      const k = list.shift();
      used.add(k);
      matched.push([expected.indexOf(e), painted.indexOf(extra[k])]);
    } else stillMissing.push(e);
  }
  return { matched, missing: stillMissing, extra: extra.filter((_, k) => !used.has(k)) };
}

/** First differing position of two strings, with a little context (for error messages). */
export function firstDiff(a, b, context = 60) {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { at: i, before: a.slice(Math.max(0, i - context), i + context), after: b.slice(Math.max(0, i - context), i + context) };
}

/**
 * The article's text box as the page lays it out now: the union of the viewport rects of the
 * blocks (paragraphs, headings, list items…) holding a painted mention. Read in the page, from
 * its highlight registry and inline marks (not from the extension). null when nothing is painted.
 */
export async function articleTextBox(session, page) {
  const names = await runNames(session, page);
  return page.evaluate((flash) => {
    const own = window.__elBaseline || new Set();
    const BLOCKS = "p, li, dd, dt, blockquote, figcaption, td, th, h1, h2, h3, h4, h5, h6, pre";
    const starts = [];
    if (window.CSS && CSS.highlights) {
      for (const [name, hl] of CSS.highlights) if (!own.has(name) && name !== flash) for (const r of hl) starts.push(r.startContainer);
    }
    for (const m of document.querySelectorAll("mark[data-entity-lens]")) starts.push(m);
    const blocks = new Set();
    for (const node of starts) {
      const el = node.nodeType === 1 ? node : node.parentElement;
      if (el) blocks.add(el.closest(BLOCKS) || el);
    }
    let box = null;
    for (const el of blocks) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      box = box
        ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top), right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) }
        : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }
    return box;
  }, names.flash);
}

/** Whether two boxes ({ left, top, right, bottom } or { x, y, width, height }) overlap. */
export function overlaps(a, b) {
  const box = (r) => ("left" in r ? r : { left: r.x, top: r.y, right: r.x + r.width, bottom: r.y + r.height });
  const [p, q] = [box(a), box(b)];
  return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
}
