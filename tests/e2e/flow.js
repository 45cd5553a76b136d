// The real flow, observed from outside the extension: snapshot the page, fire the toolbar action,
// watch the page's CSS.highlights registry / inline marks and the panel, read what is painted,
// clear, compare. Shared by the e2e tests and scripts/audit.
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

/** Installs a poller in the page that timestamps the first highlight and the panel's readiness. */
export async function installWatcher(page) {
  await page.evaluate(() => {
    if (window.__elWatch && window.__elWatch.timer) clearInterval(window.__elWatch.timer);
    const w = {
      t0: performance.now(),
      first: null,
      ready: null,
      lastChange: performance.now(),
      count: 0,
      status: "",
      statusAt: null,
      error: "",
      groups: 0,
      panel: false,
    };
    window.__elWatch = w;
    const count = () => {
      let n = 0;
      if (window.CSS && CSS.highlights) {
        for (const [k, h] of CSS.highlights) if (k.startsWith("entity-lens-") && k !== "entity-lens-flash") n += h.size;
      }
      return n + document.querySelectorAll("mark[data-entity-lens]").length;
    };
    const shown = (el) => {
      if (!el || el.hidden) return false;
      const cs = getComputedStyle(el);
      return cs.display !== "none" && cs.visibility !== "hidden";
    };
    w.timer = setInterval(() => {
      const now = performance.now();
      const n = count();
      if (n > 0 && w.first === null) w.first = now;
      if (n !== w.count) {
        w.count = n;
        w.lastChange = now;
      }
      const p = document.querySelector("entity-lens-panel");
      const sr = p && p.shadowRoot;
      w.panel = !!sr;
      if (sr) {
        const err = sr.querySelector(".error");
        w.error = shown(err) ? err.textContent.replace(/\s+/g, " ").trim() : "";
        const st = sr.querySelector(".status");
        const stText = st ? st.textContent.replace(/\s+/g, " ").trim() : "";
        if (stText !== w.status) {
          w.status = stText;
          w.statusAt = now;
        }
        w.groups = sr.querySelectorAll("button[data-group]").length;
        if ((w.groups > 0 || w.error) && w.ready === null) w.ready = now;
      }
    }, 5);
  });
}

async function watchState(page) {
  return page.evaluate(() => {
    const w = window.__elWatch;
    return w ? { ...w, timer: undefined, now: performance.now() } : null;
  });
}

const BUSY = /…|\.\.\.|working|annotat|loading|busy|waiting|fetching|reading|sending|analy/i;

/**
 * Fires the toolbar action and waits until the extension is done: the panel lists entities (or
 * shows an error) and the painted mentions have been stable for `quietMs`.
 * Returns { ms_first, ms_done, error, status, count, timedOut }.
 */
export async function annotateViaAction(session, page, { timeoutMs = 45000, quietMs = 400 } = {}) {
  await installWatcher(page);
  await session.triggerAction(page, {
    onFire: () => page.evaluate(() => (window.__elWatch.t0 = performance.now())),
  });
  return waitDone(page, { timeoutMs, quietMs });
}

export async function waitDone(page, { timeoutMs = 45000, quietMs = 400 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let s;
  for (;;) {
    s = await watchState(page);
    if (s) {
      const quiet = s.now - s.lastChange >= quietMs;
      if (s.ready !== null && quiet) break;
      // A page with no entities: a final (non-busy) status that stays put.
      if (s.ready === null && s.status && !BUSY.test(s.status) && s.now - s.statusAt > 1500 && quiet) break;
    }
    if (Date.now() > deadline) {
      return { timedOut: true, ms_first: null, ms_done: null, error: s ? s.error : "", status: s ? s.status : "", count: s ? s.count : 0, panel: s ? s.panel : false };
    }
    await sleep(50);
  }
  const doneAt = s.ready !== null ? Math.max(s.ready, s.first !== null ? s.lastChange : s.ready) : s.statusAt;
  return {
    timedOut: false,
    ms_first: s.first !== null ? round(s.first - s.t0) : null,
    ms_done: round(doneAt - s.t0),
    error: s.error,
    status: s.status,
    count: s.count,
    panel: s.panel,
  };
}

const round = (x) => Math.round(x * 10) / 10;

/** Waits until the page's painted mentions count (highlights + marks) is stable. */
export async function waitQuiet(page, quietMs = 300, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const n = await page.evaluate(() => {
      let n = 0;
      if (window.CSS && CSS.highlights) {
        for (const [k, h] of CSS.highlights) if (k.startsWith("entity-lens-") && k !== "entity-lens-flash") n += h.size;
      }
      return n + document.querySelectorAll("mark[data-entity-lens]").length;
    });
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return n;
    await sleep(50);
  }
  return last;
}

/**
 * Every painted mention, in document order: highlights (`entity-lens-<LABEL>` in CSS.highlights,
 * except entity-lens-flash) and inline marks (`mark[data-entity-lens]`). Read in the page.
 * Each: { text, label, group, kind, prefix, suffix, region, top, bottom, inBody }.
 * `region` is the nearest of article/nav/aside/header/footer/.comments/.related, for fixtures.
 */
export async function readMentions(page, { context = 32 } = {}) {
  return page.evaluate((context) => {
    const items = [];
    if (window.CSS && CSS.highlights) {
      for (const [name, hl] of CSS.highlights) {
        if (!name.startsWith("entity-lens-") || name === "entity-lens-flash") continue;
        const label = name.slice("entity-lens-".length);
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
        open = { range, label: m.dataset.entityLens, group: m.dataset.entityLensGroup || null, kind: "mark" };
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
  }, context);
}

/** The panel as the page sees it (open shadow root of <entity-lens-panel>). */
export async function readPanel(page) {
  return page.evaluate(() => {
    const host = document.querySelector("entity-lens-panel");
    if (!host) return { exists: false };
    const sr = host.shadowRoot;
    if (!sr) return { exists: true, open: false };
    const shown = (el) => {
      if (!el || el.hidden) return false;
      const cs = getComputedStyle(el);
      return cs.display !== "none" && cs.visibility !== "hidden";
    };
    const t = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");
    const err = sr.querySelector(".error");
    return {
      exists: true,
      open: true,
      inBody: !!document.body && document.body.contains(host),
      parentIsRoot: host.parentNode === document.documentElement,
      shown: shown(host),
      status: t(sr.querySelector(".status")),
      error: shown(err) ? t(err) : "",
      retry: !!sr.querySelector('button[data-action="retry"]'),
      clear: !!sr.querySelector('[data-action="clear"]'),
      groups: [...sr.querySelectorAll("button[data-group]")].map((b) => ({ id: b.dataset.group, text: t(b) })),
      filters: [...sr.querySelectorAll("input[data-label]")].map((i) => ({ label: i.dataset.label, checked: i.checked })),
    };
  });
}

/** Clicks something in the panel's shadow root (a DOM click, as a user's click dispatches). */
export async function clickInPanel(page, selector) {
  const ok = await page.evaluate((sel) => {
    const host = document.querySelector("entity-lens-panel");
    const el = host && host.shadowRoot && host.shadowRoot.querySelector(sel);
    if (!el) return false;
    el.scrollIntoView?.({ block: "nearest" });
    el.click();
    return true;
  }, selector);
  if (!ok) throw new Error(`nothing in the panel matches ${selector}`);
}

/** Turns on every type filter that is off. Returns the labels that were off. */
export async function enableAllFilters(page) {
  const panel = await readPanel(page);
  const off = (panel.filters || []).filter((f) => !f.checked).map((f) => f.label);
  for (const label of off) await clickInPanel(page, `input[data-label="${label}"]`);
  if (off.length) await waitQuiet(page, 300);
  return off;
}

/** Fires the action again and waits until nothing is painted and the panel is gone or hidden. */
export async function clearViaAction(session, page, { timeoutMs = 10000 } = {}) {
  await session.triggerAction(page);
  return waitCleared(page, timeoutMs);
}

export async function waitCleared(page, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await page.evaluate(() => {
      let n = 0;
      if (window.CSS && CSS.highlights) {
        for (const [k, h] of CSS.highlights) if (k.startsWith("entity-lens-") && h.size) n += h.size;
      }
      n += document.querySelectorAll("mark[data-entity-lens]").length;
      const host = document.querySelector("entity-lens-panel");
      let panel = false;
      if (host) {
        const cs = getComputedStyle(host);
        panel = !host.hidden && cs.display !== "none" && cs.visibility !== "hidden";
      }
      return { n, panel };
    });
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
