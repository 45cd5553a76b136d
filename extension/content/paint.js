/* Entity Lens: paint mentions on the page, and take them off again.

   "highlight" style: the CSS Custom Highlight API, one Highlight per label.
   The page's DOM is not touched at all.
   "inline" style: each mention wrapped in <mark data-entity-lens="NAME">,
   the label drawn by CSS generated content.
   Highlight and mark names are the run's random names (labels.randomNames()):
   page scripts share the highlight registry and see marks, so names tell them
   nothing. Only text nodes holding a
   mention are replaced, and clear puts the very same nodes back, so the
   page's outerHTML is restored exactly (no normalize() on the page). */
(function () {
  "use strict";
  const EL = (globalThis.EntityLens = globalThis.EntityLens || {});

  // Highlight.priority: where ranges of two highlights meet, the higher one is drawn on top.
  // The jump flash wins over everything. Labels all share one priority: the helper never lets a
  // watched phrase overlap a model entity, and a priority of its own would point page scripts
  // at the watchlist's highlight.
  const FLASH_PRIORITY = 10;

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

    function rangeOf(segments) {
      const range = doc.createRange();
      const first = segments[0];
      const last = segments[segments.length - 1];
      range.setStart(first.node, first.start);
      range.setEnd(last.node, last.end);
      return range;
    }

    // A label with no name of its own (another model's) is drawn like MISC, the neutral grey.
    function nameOf(label) {
      return names.byLabel[label] || names.byLabel.MISC;
    }

    function paintHighlights(mentions) {
      if (!highlights || !Highlight) throw new Error("CSS Custom Highlight API not available");
      const byLabel = new Map();
      for (const m of mentions) {
        m.range = rangeOf(m.segments);
        if (!byLabel.has(m.label)) byLabel.set(m.label, []);
        byLabel.get(m.label).push(m.range);
      }
      for (const [label, ranges] of byLabel) {
        const highlight = new Highlight(...ranges);
        highlights.set(nameOf(label), highlight);
        registered.push(nameOf(label));
      }
    }

    function paintInline(mentions) {
      // Every text node to split, with the pieces of mentions that fall in it.
      const pieces = new Map();
      for (const m of mentions) {
        m.marks = [];
        m.segments.forEach((seg, i) => {
          if (!pieces.has(seg.node)) pieces.set(seg.node, []);
          pieces.get(seg.node).push({ ...seg, mention: m, last: i === m.segments.length - 1 });
        });
      }
      for (const [node, list] of pieces) {
        if (!node.parentNode) continue;
        list.sort((a, b) => a.start - b.start);
        const parts = [];
        let at = 0;
        for (const piece of list) {
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
        // One fragment, one replaceChild: each DOM call from a content script crosses into the
        // page (Firefox's Xrays make that costly), so fewer calls paint 500 mentions in a frame.
        const fragment = doc.createDocumentFragment();
        fragment.append(...parts);
        node.parentNode.replaceChild(fragment, node);
        replaced.push({ original: node, parts });
      }
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
        // A user-timing entry on the page's own timeline, so a benchmark can read from the page
        // how long painting took (name says the style and the number of mentions).
        if (perf && perf.measure) {
          try {
            perf.measure(`entity-lens:paint:${style === "inline" ? "inline" : "highlight"}:${mentions.length}`, { start: started });
          } catch (e) {
            // Timing is a nicety; painting must not fail for it.
          }
        }
      },

      /** Ranges covering a painted mention, for scrolling and hit-testing. */
      rangesOf(mention) {
        if (this.style === "inline") {
          return (mention.marks || []).filter((mark) => mark.isConnected).map((mark) => {
            const range = doc.createRange();
            range.selectNodeContents(mark);
            return range;
          });
        }
        return mention.range ? [mention.range] : [];
      },

      /** Briefly mark a mention (the jump target) with the flash highlight. */
      flash(mention, ms = 1200) {
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
        // Newest first, so nodes go back exactly where they were.
        for (const { original, parts } of replaced.reverse()) {
          const anchor = parts.find((p) => p.parentNode);
          if (!anchor) continue; // the page removed them itself
          anchor.parentNode.insertBefore(original, anchor);
          for (const part of parts) if (part.parentNode) part.parentNode.removeChild(part);
        }
        replaced = [];
        this.style = null;
      },
    };
  }

  EL.paint = { createPainter, FLASH_PRIORITY };
})();
