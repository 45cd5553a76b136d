/* Entity Lens content controller: the background calls handle(method, arg)
   through scripting.executeScript; this file glues index, alignment,
   painting, panel and tooltip together. It never talks to the helper.
   content/entry.js puts it where the background finds it. */
import { browserApi } from "../browser-api.js";
import { saveFile } from "../download.js";
import { TYPES, WATCH_TYPE, typeOf, colorOf } from "../labels.js";
import { MESSAGE } from "../messages.js";
import { align } from "./align.js";
import { fileName, toCsv, toJson } from "./export.js";
import { measure } from "./main-text.js";
import { createPainter } from "./paint.js";
import { createPanel, placement } from "./panel.js";
import { buildIndex } from "./text-index.js";
import { createTooltip } from "./tooltip.js";
  const ext = browserApi();
  const doc = globalThis.document;
  const view = doc.defaultView || globalThis; // the window (linkedom: its own)
  // The blocks whose boxes make the article's text box (where the panel must not go).
  const TEXT_BLOCKS = "p, li, dd, dt, blockquote, figcaption, td, th, h1, h2, h3, h4, h5, h6, pre";
  // The reader's own choices of where the panel goes (storage.local; unset: placed by room).
  const PREFS = ["panelDock", "panelCollapsed"];

  let state = "idle"; // idle | busy | shown | error
  let panel = null;
  let tooltip = null;
  let result = null; // the helper's answer
  let alignment = null; // { paragraphs, aligned, mentions, missed }
  let style = "highlight";
  let shownTypes = new Set(); // the reader's types (labels.TYPES ids, "watch") shown
  let cursors = new Map(); // group id -> next mention to jump to
  let prefs = {}; // { dock, collapsed } the reader chose, once read from storage
  let navWatch = null;
  let outcome = null; // { mode, reason, elapsedMs }
  let names = null; // this run's highlight and mark names (labels.randomNames())
  const painter = createPainter(doc);

  function send(type) {
    try {
      Promise.resolve(ext.runtime.sendMessage({ type })).catch(() => {});
    } catch (err) {
      // The extension was reloaded: nothing to tell.
    }
  }

  function ensurePanel() {
    if (panel && panel.host.isConnected) return panel;
    panel = createPanel(doc, {
      clear() {
        clearAll();
        send(MESSAGE.cleared);
      },
      retry() {
        send(MESSAGE.retry);
      },
      options() {
        send(MESSAGE.openOptions);
      },
      entity: jumpTo,
      filter(type, shown) {
        if (shown) shownTypes.add(type);
        else shownTypes.delete(type);
        panel.showType(type, shown);
        repaint();
        countListed();
      },
      export: exportAs,
      copy(text) {
        const clipboard = globalThis.navigator && globalThis.navigator.clipboard;
        if (clipboard) clipboard.writeText(text).catch(() => {});
      },
      dock(side) {
        savePrefs({ panelDock: side });
      },
      collapse(collapsed) {
        savePrefs({ panelCollapsed: collapsed });
      },
    });
    panel.place(where());
    return panel;
  }

  function storage() {
    return ext && ext.storage && ext.storage.local;
  }

  function savePrefs(changes) {
    if (Object.hasOwn(changes, "panelDock")) prefs.dock = changes.panelDock;
    if (Object.hasOwn(changes, "panelCollapsed")) prefs.collapsed = changes.panelCollapsed;
    const local = storage();
    if (local) Promise.resolve(local.set(changes)).catch(() => {});
  }

  /** Reads the reader's placement choices; the panel moves there once they are known. */
  function loadPrefs() {
    const local = storage();
    if (!local) return;
    Promise.resolve(local.get(PREFS)).then((stored) => {
      prefs = { dock: stored.panelDock, collapsed: stored.panelCollapsed };
      if (panel && state !== "error") panel.place(where());
    }).catch(() => {});
  }

  /**
   * The article's text box: the horizontal span of the blocks holding mentions the page shows
   * (viewport coordinates), or null before there are any.
   */
  function textBox() {
    if (!alignment || state !== "shown") return articleGuess();
    let left = Infinity;
    let right = -Infinity;
    const seen = new Set();
    for (const m of alignment.mentions) {
      if (!m.onPage) continue;
      const parent = m.segments[0].node.parentElement;
      const block = parent && ((parent.closest && parent.closest(TEXT_BLOCKS)) || parent);
      if (!block || seen.has(block) || typeof block.getBoundingClientRect !== "function") continue;
      seen.add(block);
      const r = block.getBoundingClientRect();
      if (!r.width) continue;
      left = Math.min(left, r.left);
      right = Math.max(right, r.right);
    }
    return left < right ? { left, right } : null;
  }

  /** Before the answer (busy, or an error): the box of the page's article or main element, if any. */
  function articleGuess() {
    const el = doc.querySelector("article, main, [role=main]");
    if (!el || typeof el.getBoundingClientRect !== "function") return null;
    const r = el.getBoundingClientRect();
    return r.width ? { left: r.left, right: r.right } : null;
  }

  // Where the panel goes now: the reader's choice, else beside the article (panel.placement).
  function where() {
    const width = (doc.documentElement && doc.documentElement.clientWidth) || view.innerWidth || 0;
    return placement(textBox(), width, prefs);
  }

  function onResize() {
    if (panel && state === "shown") panel.place(where());
  }

  function mentionsOf(groupId) {
    return alignment ? alignment.mentions.filter((m) => m.group === groupId) : [];
  }

  function visibleMentions() {
    return alignment ? alignment.mentions.filter((m) => shownTypes.has(typeOf(m.label).id)) : [];
  }

  /** Whether the page shows the text of `mention` (not in a hidden paragraph). */
  function shownOnPage(mention) {
    const el = mention.segments[0].node.parentElement;
    if (!el) return false;
    if (typeof el.checkVisibility === "function") return el.checkVisibility({ visibilityProperty: true });
    if (typeof el.getClientRects === "function") return el.getClientRects().length > 0;
    return true;
  }

  const reducedMotion = () => {
    const query = globalThis.matchMedia && globalThis.matchMedia("(prefers-reduced-motion: reduce)");
    return !!(query && query.matches);
  };

  function repaint() {
    try {
      painter.paint(visibleMentions(), style, names);
    } catch (err) {
      // No Highlight API in this browser: inline marks still work.
      style = "inline";
      painter.paint(visibleMentions(), style, names);
    }
  }

  function unpaint() {
    view.removeEventListener("resize", onResize);
    if (tooltip) tooltip.stop();
    tooltip = null;
    painter.clear();
  }

  function clearAll() {
    unpaint();
    if (panel) panel.remove();
    panel = null;
    result = null;
    alignment = null;
    cursors = new Map();
    globalThis.clearInterval(navWatch);
    navWatch = null;
    state = "idle";
  }

  // Single-page sites change the address without a new document: that is a navigation too.
  function watchNavigation() {
    if (navWatch) return;
    const where = () => globalThis.location.href.split("#")[0];
    const start = where();
    navWatch = globalThis.setInterval(() => {
      if (where() !== start) {
        clearAll();
        send(MESSAGE.cleared);
      }
    }, 1000);
  }

  /**
   * The reader's jump to the next mention of `groupId` the page shows: scrolled to (smoothly
   * unless the reader asked for less motion), marked as current until the next jump, its card
   * opened beside it, and "n of N" on the entity's button.
   */
  function jumpTo(groupId) {
    const mentions = mentionsOf(groupId).filter((m) => m.onPage);
    if (!mentions.length) return;
    const i = (cursors.get(groupId) || 0) % mentions.length;
    cursors.set(groupId, i + 1);
    const mention = mentions[i];
    const range = painter.rangesOf(mention)[0];
    const node = range ? range.startContainer : mention.segments[0].node;
    const element = node.nodeType === 1 ? node : node.parentElement;
    const still = reducedMotion();
    if (element) element.scrollIntoView({ block: "center", inline: "nearest", behavior: still ? "auto" : "smooth" });
    painter.current(mention, { pulse: !still });
    panel.current(groupId, i + 1, mentions.length);
    // The card follows once the scroll has put the mention in place.
    if (tooltip) globalThis.setTimeout(() => tooltip && tooltip.showFor(mention, groupId), still ? 0 : 400);
  }

  // Mentions found in the page, per group id (the helper's count is over its own text).
  function countsOnPage() {
    const counts = new Map();
    for (const m of alignment.mentions) counts.set(m.group, (counts.get(m.group) || 0) + 1);
    return counts;
  }

  /** Per group id: the mentions the page shows (aligned, in a rendered element). */
  function shownCounts() {
    const counts = new Map();
    for (const m of alignment.mentions) if (m.onPage) counts.set(m.group, (counts.get(m.group) || 0) + 1);
    return counts;
  }

  /** Per group id: the mentions in the helper's text. */
  function helperCounts() {
    const counts = new Map();
    for (const e of result.entities || []) counts.set(e.group, (counts.get(e.group) || 0) + 1);
    return counts;
  }

  /** The status line: what the panel lists, in the reader's words. */
  function summary(sectionList) {
    const listed = sectionList.filter((x) => x.shown).reduce((n, x) => n + x.groups.length, 0);
    return listed === 1 ? "1 name in this article" : `${listed} names in this article`;
  }

  /** "About this result": the model, timing and mode, and the model's codes for each type. */
  function about(sectionList) {
    const model = result.model ? `${result.model.name} ${result.model.version}` : "unknown model";
    // An answer from the helper's cache took no time worth showing.
    const seconds = result.cached ? "cached" : `${(outcome.elapsedMs / 1000).toFixed(1)} s`;
    const mode = outcome.mode === "url"
      ? "url (the helper fetched the page)"
      : "page (sent the page as displayed" + (outcome.reason ? `: ${outcome.reason})` : ")");
    const rows = [["Model", model], ["Time", seconds], ["Mode", mode],
      ["Paragraphs found", `${alignment.aligned} of ${alignment.paragraphs}`]];
    for (const section of sectionList) {
      const codes = [...new Set(result.groups.filter((g) => typeOf(g.label).id === section.type).map((g) => g.label))];
      rows.push([section.name, `spaCy ${codes.join(", ")}`]);
    }
    return rows;
  }

  /** The panel's sections: the watchlist first, then the types in their fixed order. */
  function sections() {
    const shown = shownCounts();
    const total = helperCounts();
    const byType = new Map();
    // Groups come most salient first within each type.
    for (const g of result.groups) {
      const type = typeOf(g.label).id;
      if (!byType.has(type)) byType.set(type, []);
      const onPage = shown.get(g.id) || 0;
      // Mentions in the helper's text the page does not show (a folded or hidden paragraph).
      byType.get(type).push({ id: g.id, name: g.name, count: onPage, hidden: Math.max(0, (total.get(g.id) || 0) - onPage) });
    }
    return [WATCH_TYPE, ...TYPES].filter((type) => byType.has(type.id)).map((type) => ({
      type: type.id,
      name: type.name,
      hint: type.hint,
      color: type.color,
      shown: shownTypes.has(type.id),
      groups: byType.get(type.id),
    }));
  }

  /** How many entries the panel lists (types shown): the badge says the same. */
  function listedCount() {
    if (!result) return 0;
    return result.groups.filter((g) => shownTypes.has(typeOf(g.label).id)).length;
  }

  function countListed() {
    const listed = listedCount();
    if (panel) panel.count(listed);
    try {
      Promise.resolve(ext.runtime.sendMessage({ type: MESSAGE.listed, count: listed })).catch(() => {});
    } catch (err) {
      // The extension was reloaded: nothing to tell.
    }
  }

  function download(name, type, text) {
    saveFile(panel.shadow, name, type, text);
  }

  function exportAs(kind) {
    if (!result) return;
    const name = fileName(result, kind, { pageUrl: globalThis.location.href });
    if (kind === "json") {
      const text = toJson(result, { mode: outcome.mode, onPage: countsOnPage() });
      download(name, "application/json", text);
    } else {
      download(name, "text/csv", toCsv(result));
    }
  }

  /** The panel's snapshot with each type filter's model labels (for checks made by label). */
  function withLabels(seen) {
    const labelsOf = (id) => (id === WATCH_TYPE.id ? WATCH_TYPE.labels : (TYPES.find((t) => t.id === id) || { labels: [] }).labels);
    return { ...seen, filters: seen.filters.map((f) => ({ ...f, labels: [...labelsOf(f.type)] })) };
  }

  const methods = {
    location: () => globalThis.location.href,

    // What the helper reads in "page" mode; our panel host is left out.
    pageHtml: () => doc.documentElement.outerHTML.replace(/<entity-lens-(panel|marks)\b[^>]*>\s*<\/entity-lens-\1>/g, ""),

    busy() {
      unpaint();
      state = "busy";
      loadPrefs();
      ensurePanel().busy("Finding names…");
      panel.place(where());
      watchNavigation();
    },

    /** The helper is loading a language's model for the first time (`loading`: [{ code, name }]). */
    progress(arg) {
      const loading = arg && arg.loading;
      if (state !== "busy" || !panel || !Array.isArray(loading) || !loading.length) return;
      const names = loading.map((l) => l.name || l.code).join(" and ");
      panel.progress(`Loading the ${names} language model — this happens once…`);
    },

    // Align the helper's text with the page; the background decides on a fallback from this.
    load(answer) {
      unpaint();
      result = answer;
      cursors = new Map();
      // A page's script can leave the document without a <body> (document.open, framesets).
      const index = buildIndex(doc.body || doc.documentElement);
      alignment = align(index, answer.text, answer.entities, { title: answer.title });
      for (const m of alignment.mentions) m.onPage = shownOnPage(m);
      const main = measure(answer.text, doc.body || doc.documentElement);
      return { paragraphs: alignment.paragraphs, aligned: alignment.aligned, mentions: alignment.mentions.length,
        mainShare: main.share, short: main.short };
    },

    show({ mode, reason, elapsedMs, settings }) {
      outcome = { mode, reason, elapsedMs };
      style = settings.style;
      names = settings.names;
      // A type is shown when any of its labels is on in the settings; watched names always are
      // (the panel can still hide them for the moment).
      shownTypes = new Set([...settings.types.map((label) => typeOf(label).id), WATCH_TYPE.id]);
      state = "shown";
      const list = sections();
      ensurePanel().results(summary(list), about(list), list);
      panel.count(listedCount());
      panel.place(where());
      view.addEventListener("resize", onResize);
      repaint();
      tooltip = createTooltip(doc, panel.tip, {
        mentions: visibleMentions,
        rangesOf: (m) => painter.rangesOf(m),
        describe: (m) => {
          const group = result.groups.find((g) => g.id === m.group) || { name: m.entity.text };
          return {
            label: typeOf(m.label).one,
            color: colorOf(m.label),
            name: group.name,
            aliases: Array.isArray(group.aliases) ? group.aliases : [],
            wikipedia: group.wikipedia,
            count: helperCounts().get(m.group) || mentionsOf(m.group).length,
            onPage: shownCounts().get(m.group) || 0,
          };
        },
      });
      // The badge counts the entries the panel lists.
      return { entities: listedCount() };
    },

    error(message) {
      unpaint();
      state = "error";
      ensurePanel().error(message);
      watchNavigation();
    },

    clear() {
      clearAll();
    },

    /**
     * A snapshot for the extension's own checks (its tests run it through scripting.executeScript,
     * as the background does): the panel (its shadow root is closed to the page), this run's
     * highlight names per label, and the painted mentions. Nothing here reaches the page.
     */
    inspect() {
      return {
        state,
        style: painter.style,
        names,
        watchBoxes: painter.watchBoxes,
        panel: panel && panel.host.isConnected ? withLabels(panel.inspect()) : null,
        // Only a shown run paints: after an error or while busy the last alignment is not on screen.
        painted: (state === "shown" ? visibleMentions() : []).map((m) => ({ label: m.label, group: m.group, text: m.entity ? m.entity.text : "" })),
      };
    },
  };

  export const controller = {
    get state() {
      return state;
    },
    handle(method, arg) {
      if (!Object.hasOwn(methods, method)) throw new Error("Unknown method " + method);
      return methods[method](arg);
    },
    /**
     * The panel's host and closed shadow root, for the extension's own accessibility check
     * (tests/e2e/accessibility.js). A live node cannot cross executeScript's boundary, so only
     * code in this isolated world reaches it; page scripts cannot see EntityLens at all.
     */
    accessibilityRoot() {
      return panel && panel.host.isConnected ? { host: panel.host, root: panel.shadow } : null;
    },
  };
