/* Entity Lens content controller: the background calls handle(method, arg)
   through scripting.executeScript; this file glues index, alignment,
   painting, panel and tooltip together. It never talks to the helper.
   content/entry.js puts it where the background finds it. */
import { browserApi } from "../browser-api.js";
import { saveFile } from "../download.js";
import { DESCRIPTIONS, WATCH, colorOf } from "../labels.js";
import { MESSAGE } from "../messages.js";
import { align } from "./align.js";
import { fileName, toCsv, toJson } from "./export.js";
import { measure } from "./main-text.js";
import { createPainter } from "./paint.js";
import { createPanel } from "./panel.js";
import { buildIndex } from "./text-index.js";
import { createTooltip } from "./tooltip.js";

  const ext = browserApi();
  const doc = globalThis.document;

  let state = "idle"; // idle | busy | shown | error
  let panel = null;
  let tooltip = null;
  let result = null; // the helper's answer
  let alignment = null; // { paragraphs, aligned, mentions, missed }
  let style = "highlight";
  let shownLabels = new Set();
  let cursors = new Map(); // group id -> next mention to jump to
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
      filter(label, shown) {
        if (shown) shownLabels.add(label);
        else shownLabels.delete(label);
        panel.showLabel(label, shown);
        repaint();
      },
      export: exportAs,
    });
    return panel;
  }

  function mentionsOf(groupId) {
    return alignment ? alignment.mentions.filter((m) => m.group === groupId) : [];
  }

  function visibleMentions() {
    return alignment ? alignment.mentions.filter((m) => shownLabels.has(m.label)) : [];
  }

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

  function jumpTo(groupId) {
    const mentions = mentionsOf(groupId);
    if (!mentions.length) return;
    const i = cursors.get(groupId) || 0;
    cursors.set(groupId, i + 1);
    const mention = mentions[i % mentions.length];
    const range = painter.rangesOf(mention)[0];
    const node = range ? range.startContainer : mention.segments[0].node;
    const element = node.nodeType === 1 ? node : node.parentElement;
    if (element) element.scrollIntoView({ block: "center", inline: "nearest", behavior: "smooth" });
    painter.flash(mention);
  }

  // Mentions found in the page, per group id (the helper's count is over its own text).
  function countsOnPage() {
    const counts = new Map();
    for (const m of alignment.mentions) counts.set(m.group, (counts.get(m.group) || 0) + 1);
    return counts;
  }

  function statusText() {
    const model = result.model ? `${result.model.name} ${result.model.version}` : "unknown model";
    // An answer from the helper's cache took no time worth showing.
    const seconds = result.cached ? "cached" : `${(outcome.elapsedMs / 1000).toFixed(1)} s`;
    const mode = outcome.mode === "url"
      ? "mode url (the helper fetched the page)"
      : "mode page (sent the page as displayed" + (outcome.reason ? `: ${outcome.reason})` : ")");
    return `${model} · ${seconds} · ${mode} · ${alignment.aligned}/${alignment.paragraphs} paragraphs found`;
  }

  function sections() {
    const counts = countsOnPage();
    const byLabel = new Map();
    // Groups come most salient first, so labels come in order of their best entity.
    for (const g of result.groups) {
      if (!byLabel.has(g.label)) byLabel.set(g.label, []);
      byLabel.get(g.label).push({ id: g.id, name: g.name, count: counts.get(g.id) || 0 });
    }
    const list = [...byLabel].map(([label, groups]) => ({
      label,
      description: DESCRIPTIONS[label] || label,
      title: label === WATCH ? "Watchlist" : `${DESCRIPTIONS[label] || label} (${label})`,
      color: colorOf(label),
      shown: shownLabels.has(label),
      groups,
    }));
    // The reader asked for the watched names: their section comes first, whatever their salience.
    return [...list.filter((s) => s.label === WATCH), ...list.filter((s) => s.label !== WATCH)];
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

  const methods = {
    location: () => globalThis.location.href,

    // What the helper reads in "page" mode; our panel host is left out.
    pageHtml: () => doc.documentElement.outerHTML.replace(/<entity-lens-(panel|marks)\b[^>]*>\s*<\/entity-lens-\1>/g, ""),

    busy() {
      unpaint();
      state = "busy";
      ensurePanel().busy("Finding entities…");
      watchNavigation();
    },

    // Align the helper's text with the page; the background decides on a fallback from this.
    load(answer) {
      unpaint();
      result = answer;
      cursors = new Map();
      // A page's script can leave the document without a <body> (document.open, framesets).
      const index = buildIndex(doc.body || doc.documentElement);
      alignment = align(index, answer.text, answer.entities, { title: answer.title });
      const main = measure(answer.text, doc.body || doc.documentElement);
      return { paragraphs: alignment.paragraphs, aligned: alignment.aligned, mentions: alignment.mentions.length,
        mainShare: main.share, short: main.short };
    },

    show({ mode, reason, elapsedMs, settings }) {
      outcome = { mode, reason, elapsedMs };
      style = settings.style;
      names = settings.names;
      // Watched names are always shown; the panel can still hide them for the moment.
      shownLabels = new Set([...settings.types, WATCH]);
      ensurePanel().results(statusText(), sections());
      repaint();
      tooltip = createTooltip(doc, panel.tip, {
        mentions: visibleMentions,
        rangesOf: (m) => painter.rangesOf(m),
        describe: (m) => {
          const group = result.groups.find((g) => g.id === m.group) || { name: m.entity.text };
          return {
            label: m.label,
            color: colorOf(m.label),
            name: group.name,
            aliases: Array.isArray(group.aliases) ? group.aliases : [],
            wikipedia: group.wikipedia,
            count: mentionsOf(m.group).length,
          };
        },
      });
      state = "shown";
      // The badge counts the entities listed in the panel.
      return { entities: result.groups.length };
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
        panel: panel && panel.host.isConnected ? panel.inspect() : null,
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
  };
