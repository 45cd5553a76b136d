/* Entity Lens: paint mentions on the page, and take them off again.

   "highlight" style: the CSS Custom Highlight API, one Highlight per label.
   The page's DOM is not touched at all.
   "inline" style: each mention wrapped in <mark data-entity-lens="NAME">,
   the label drawn by CSS generated content.
   Highlight and mark names are the run's random names (labels.randomNames()):
   page scripts share the highlight registry and see marks, so names tell them
   nothing. The registry's ranges are readable too, so watched names (the
   reader's own list) are not put in it at all: in the highlight style they are
   drawn as boxes in a closed shadow root laid over the page (createWatchLayer),
   which a page can neither read nor hit-test. Only text nodes holding a
   mention are replaced, and clear puts the very same nodes back, so the
   page's outerHTML is restored exactly (no normalize() on the page). */
import { WATCH } from "../labels.js";

  // Highlight.priority: where ranges of two highlights meet, the higher one is drawn on top.
  // The jump flash wins over everything. Labels all share one priority: the helper never lets a
  // watched phrase overlap a model entity, and a priority of its own would point page scripts
  // at the watchlist's highlight.
  const FLASH_PRIORITY = 10;

  const LAYER_STYLE = `
    .box { position: absolute; pointer-events: none; box-sizing: border-box; border-radius: 2px;
      background: rgba(255, 212, 0, 0.6); mix-blend-mode: multiply; border-bottom: 2px solid #b00000; }
    .box.flash { background: rgba(255, 230, 0, 0.95); border-bottom: 3px solid #d40000; }`;

  /**
   * Boxes over `ranges`, in a closed shadow root of an empty host on <html>: the watched names'
   * look without a trace a page script can read (no registry entry, no text, no hit-testing).
   * Redrawn when the window or the page's body changes size.
   */
  function createWatchLayer(doc) {
    const view = doc.defaultView;
    const host = doc.createElement("entity-lens-marks");
    host.setAttribute("style", "all: initial !important; position: absolute !important; top: 0 !important;" +
      " left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important;" +
      " pointer-events: none !important;");
    // No z-index: a stacking context of its own would keep the boxes from multiplying with the
    // text under them.
    const root = host.attachShadow({ mode: "closed" });
    const style = doc.createElement("style");
    style.textContent = LAYER_STYLE;
    let ranges = [];
    let flashed = null; // the range a jump flashes, drawn stronger
    let frame = 0;

    function draw() {
      frame = 0;
      // Boxes are placed relative to the host itself, wherever the page's styles put it.
      const origin = host.getBoundingClientRect();
      const boxes = [];
      for (const range of ranges) {
        for (const r of range.getClientRects()) {
          if (!r.width || !r.height) continue;
          const box = doc.createElement("div");
          box.className = range === flashed ? "box flash" : "box";
          box.style.cssText = `left:${r.left - origin.left}px;top:${r.top - origin.top}px;width:${r.width}px;height:${r.height}px`;
          boxes.push(box);
        }
      }
      root.replaceChildren(style, ...boxes);
    }
    const redraw = () => {
      if (!frame) frame = view.requestAnimationFrame(draw);
    };
    const resizes = typeof view.ResizeObserver === "function" ? new view.ResizeObserver(redraw) : null;

    return {
      host,
      show(list) {
        ranges = list;
        if (!host.isConnected) doc.documentElement.appendChild(host);
        draw();
        view.addEventListener("resize", redraw);
        if (resizes && doc.body) resizes.observe(doc.body);
      },
      /** Draw `range` (one of ours) as the jump flash, or none. */
      flash(range) {
        flashed = range;
        draw();
      },
      /** How many boxes are drawn (for the extension's own checks: the root is closed). */
      get boxes() {
        return root.querySelectorAll(".box").length;
      },
      remove() {
        view.removeEventListener("resize", redraw);
        if (resizes) resizes.disconnect();
        if (frame) view.cancelAnimationFrame(frame);
        frame = 0;
        ranges = [];
        root.replaceChildren();
        host.remove();
      },
    };
  }

  /** A range over a mention's DOM segments, first to last. */
  function rangeOf(doc, segments) {
    const range = doc.createRange();
    const first = segments[0];
    const last = segments[segments.length - 1];
    range.setStart(first.node, first.start);
    range.setEnd(last.node, last.end);
    return range;
  }

  /** Every text node to split, with the pieces of mentions that fall in it, in order. */
  function piecesByNode(mentions) {
    const pieces = new Map();
    for (const m of mentions) {
      m.marks = [];
      m.segments.forEach((seg, i) => {
        if (!pieces.has(seg.node)) pieces.set(seg.node, []);
        pieces.get(seg.node).push({ ...seg, mention: m, last: i === m.segments.length - 1 });
      });
    }
    for (const list of pieces.values()) list.sort((a, b) => a.start - b.start);
    return pieces;
  }

  /** The nodes that replace text `node`: its text with a <mark> (named by nameOf) per piece. */
  function markedParts(doc, node, pieces, nameOf) {
    const parts = [];
    let at = 0;
    for (const piece of pieces) {
      if (piece.start < at) continue; // overlapping pieces cannot happen; be safe
      if (piece.start > at) parts.push(doc.createTextNode(node.data.slice(at, piece.start)));
      const mark = doc.createElement("mark");
      mark.setAttribute("data-entity-lens", nameOf(piece.mention.label));
      mark.setAttribute("data-entity-lens-group", piece.mention.group);
      // The label is drawn once, after the last piece of a mention.
      if (!piece.last) mark.setAttribute("data-entity-lens-cont", "");
      mark.appendChild(doc.createTextNode(node.data.slice(piece.start, piece.end)));
      piece.mention.marks.push(mark);
      parts.push(mark);
      at = piece.end;
    }
    if (at < node.data.length) parts.push(doc.createTextNode(node.data.slice(at)));
    return parts;
  }

  /**
   * Wrap every mention in <mark>s (inline style). Returns what was replaced, { original, parts }
   * per text node, for restoreNodes.
   */
  function markMentions(doc, mentions, nameOf) {
    const replaced = [];
    for (const [node, list] of piecesByNode(mentions)) {
      if (!node.parentNode) continue;
      const parts = markedParts(doc, node, list, nameOf);
      // One fragment, one replaceChild: each DOM call from a content script crosses into the
      // page (Firefox's Xrays make that costly), so fewer calls paint 500 mentions in a frame.
      const fragment = doc.createDocumentFragment();
      fragment.append(...parts);
      node.parentNode.replaceChild(fragment, node);
      replaced.push({ original: node, parts });
    }
    return replaced;
  }

  /** Ranges over the marks still in the page. */
  function markRanges(doc, marks) {
    return marks.filter((mark) => mark.isConnected).map((mark) => {
      const range = doc.createRange();
      range.selectNodeContents(mark);
      return range;
    });
  }

  /**
   * Each mention's range (set on it as mention.range), grouped: { byLabel: Map label -> ranges,
   * watched: ranges of WATCH mentions }.
   */
  function rangesByLabel(doc, mentions) {
    const byLabel = new Map();
    const watched = [];
    for (const m of mentions) {
      m.range = rangeOf(doc, m.segments);
      if (m.label === WATCH) {
        watched.push(m.range);
        continue;
      }
      if (!byLabel.has(m.label)) byLabel.set(m.label, []);
      byLabel.get(m.label).push(m.range);
    }
    return { byLabel, watched };
  }

  /**
   * A user-timing entry on the page's own timeline, so a benchmark can read from the page how
   * long painting took (the name says the style and the number of mentions).
   */
  function timePainting(perf, style, count, started) {
    if (!perf || !perf.measure) return;
    try {
      perf.measure(`entity-lens:paint:${style === "inline" ? "inline" : "highlight"}:${count}`, { start: started });
    } catch (e) {
      // Timing is a nicety; painting must not fail for it.
    }
  }

  /** Put the original text nodes back in place of their parts, newest first. */
  function restoreNodes(replaced) {
    for (const { original, parts } of [...replaced].reverse()) {
      const anchor = parts.find((p) => p.parentNode);
      if (!anchor) continue; // the page removed them itself
      anchor.parentNode.insertBefore(original, anchor);
      for (const part of parts) if (part.parentNode) part.parentNode.removeChild(part);
    }
  }

  /**
   * A painter for `doc`. `env` may supply { highlights, Highlight } (the
   * page's CSS.highlights registry and constructor); unit tests pass fakes.
   */
  function createPainter(doc, env = {}) {
    const view = doc.defaultView || globalThis;
    const highlights = env.highlights || (globalThis.CSS && globalThis.CSS.highlights);
    const Highlight = env.Highlight || globalThis.Highlight;
    let names = null; // this run's { byLabel, flash } (labels.randomNames())
    let registered = []; // highlights we registered
    let replaced = []; // inline: { original, parts }
    let flashTimer = null;
    let layer = null; // watched names in the highlight style (createWatchLayer)

    // A label with no name of its own (another model's) is drawn like MISC, the neutral grey.
    function nameOf(label) {
      return names.byLabel[label] || names.byLabel.MISC;
    }

    function paintHighlights(mentions) {
      if (!highlights || !Highlight) throw new Error("CSS Custom Highlight API not available");
      const { byLabel, watched } = rangesByLabel(doc, mentions);
      if (watched.length) {
        layer = (env.createWatchLayer || createWatchLayer)(doc);
        layer.show(watched);
      }
      for (const [label, ranges] of byLabel) {
        const highlight = new Highlight(...ranges);
        highlights.set(nameOf(label), highlight);
        registered.push(nameOf(label));
      }
    }

    function paintInline(mentions) {
      replaced.push(...markMentions(doc, mentions, nameOf));
      for (const m of mentions) {
        m.range = null;
      }
    }

    return {
      style: null,

      /** Paint `mentions` ({label, group, segments}) in `style`, under this run's `runNames`. */
      paint(mentions, style, runNames) {
        const perf = view.performance;
        const started = perf ? perf.now() : 0;
        this.clear();
        names = runNames;
        this.style = style;
        if (style === "inline") paintInline(mentions);
        else paintHighlights(mentions);
        timePainting(perf, style, mentions.length, started);
      },

      /** Ranges covering a painted mention, for scrolling and hit-testing. */
      rangesOf(mention) {
        if (this.style === "inline") return markRanges(doc, mention.marks || []);
        return mention.range ? [mention.range] : [];
      },

      /** Boxes drawn for watched names (0 in the inline style, which marks them in the page). */
      get watchBoxes() {
        return layer ? layer.boxes : 0;
      },

      /** Briefly mark a mention (the jump target) with the flash highlight. */
      flash(mention, ms = 1200) {
        if (layer && mention.label === WATCH && mention.range) {
          // A watched name is flashed in its own layer: the registry never holds its range.
          layer.flash(mention.range);
          const flashedLayer = layer;
          view.clearTimeout(flashTimer);
          flashTimer = view.setTimeout(() => flashedLayer.flash(null), ms);
          return;
        }
        if (!highlights || !Highlight) return;
        const flash = new Highlight(...this.rangesOf(mention));
        flash.priority = FLASH_PRIORITY;
        const name = names.flash;
        highlights.set(name, flash);
        view.clearTimeout(flashTimer);
        flashTimer = view.setTimeout(() => highlights.delete(name), ms);
      },

      /** Remove everything painted; the page is as before. */
      clear() {
        if (highlights) {
          for (const name of registered) highlights.delete(name);
          if (names) highlights.delete(names.flash);
        }
        registered = [];
        if (layer) layer.remove();
        layer = null;
        // Newest first, so nodes go back exactly where they were.
        restoreNodes(replaced);
        replaced = [];
        this.style = null;
      },
    };
  }

  export { createPainter, createWatchLayer, FLASH_PRIORITY };
