/* Entity Lens: the hover card. The highlight style adds no elements to the
   page, so hovering is found by hit-testing the mentions' client rects on
   mousemove (throttled); the inline style uses the same path. */
import { setText } from "./panel.js";

  const THROTTLE_MS = 60;
  const HIDE_DELAY_MS = 400;

  function wikipediaSearch(name) {
    return "https://en.wikipedia.org/w/index.php?search=" + encodeURIComponent(name);
  }

  /**
   * The link to follow: the helper's search URL (in the page's language) when it
   * is an https Wikipedia address, else an English search. The page's text
   * reaches the helper, so its answer is not trusted with a javascript: link.
   */
  function wikipediaLink(url, name) {
    try {
      const u = new URL(url);
      if (u.protocol === "https:" && /^([a-z0-9-]+\.)*wikipedia\.org$/i.test(u.hostname)) return u.href;
    } catch (err) {
      // missing or not a URL
    }
    return wikipediaSearch(name);
  }

  /** The first mention whose rects contain (x, y). */
  function hitTest(mentions, rangesOf, x, y) {
    for (const mention of mentions) {
      for (const range of rangesOf(mention)) {
        for (const r of range.getClientRects()) {
          if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return mention;
        }
      }
    }
    return null;
  }

  /**
   * Show `tip` (an element in our shadow root) over mentions.
   * `source` gives mentions() (the visible ones), rangesOf(mention) and
   * describe(mention) -> { label, color, name, aliases, wikipedia, count }.
   */
  function createTooltip(doc, tip, source) {
    const view = doc.defaultView;
    let last = 0;
    let pending = null;
    let hideTimer = null;
    let current = null;

    function show(mention, x, y) {
      view.clearTimeout(hideTimer);
      if (current !== mention) {
        current = mention;
        const info = source.describe(mention);
        // Generated text, as in the panel (panel.js setText): nothing a page's find() can reach.
        const label = doc.createElement("span");
        label.className = "label";
        label.style.background = info.color;
        setText(label, info.label);
        const name = doc.createElement("strong");
        setText(name, info.name);
        const parts = [label, name];
        if (info.aliases && info.aliases.length) {
          const aliases = doc.createElement("div");
          aliases.className = "aliases";
          setText(aliases, "Also: " + info.aliases.join(", "));
          parts.push(aliases);
        }
        const count = doc.createElement("div");
        setText(count, info.count === 1 ? "1 mention" : `${info.count} mentions`);
        const link = doc.createElement("a");
        link.href = wikipediaLink(info.wikipedia, info.name);
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        setText(link, "Search Wikipedia");
        tip.replaceChildren(...parts, count, link);
      }
      tip.hidden = false;
      // Below-right of the pointer, kept inside the viewport.
      const width = tip.offsetWidth || 200;
      const height = tip.offsetHeight || 60;
      tip.style.left = Math.max(4, Math.min(x + 12, view.innerWidth - width - 4)) + "px";
      tip.style.top = (y + 16 + height < view.innerHeight ? y + 16 : Math.max(4, y - height - 8)) + "px";
    }

    function hideSoon() {
      view.clearTimeout(hideTimer);
      hideTimer = view.setTimeout(() => {
        tip.hidden = true;
        current = null;
      }, HIDE_DELAY_MS);
    }

    function check(event) {
      // Over the card itself (the event is retargeted to our host): keep it, so the link can be clicked.
      if (event.composedPath().includes(tip)) {
        view.clearTimeout(hideTimer);
        return;
      }
      const mention = hitTest(source.mentions(), source.rangesOf, event.clientX, event.clientY);
      if (mention) show(mention, event.clientX, event.clientY);
      else if (current) hideSoon();
    }

    function onMove(event) {
      if (!event.isTrusted) return; // a page script's synthetic moves show nothing
      const now = Date.now();
      view.clearTimeout(pending);
      if (now - last >= THROTTLE_MS) {
        last = now;
        check(event);
      } else {
        pending = view.setTimeout(() => {
          last = Date.now();
          check(event);
        }, THROTTLE_MS);
      }
    }

    doc.addEventListener("mousemove", onMove, { passive: true, capture: true });
    return {
      stop() {
        doc.removeEventListener("mousemove", onMove, { capture: true });
        view.clearTimeout(pending);
        view.clearTimeout(hideTimer);
        tip.hidden = true;
      },
    };
  }

  export { createTooltip, hitTest, wikipediaSearch, wikipediaLink };
