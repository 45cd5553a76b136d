/* Entity Lens: the panel. One <entity-lens-panel> element appended to
   <html> (not <body>, whose outerHTML stays untouched) with a closed shadow
   root holding all the UI: page styles cannot reach it, ours cannot leak, and
   page scripts can neither read it nor reach its buttons. Only the reader's
   own input counts: events a script made (isTrusted false) are ignored.
   Its words are drawn as generated content (setText), not text nodes: a
   page's window.find() and the selection it leaves are the way into a closed
   root in Firefox, and they only ever reach text nodes.
   It docks left or right of the article, or folds into a small pill that
   keeps the highlights (place()); the controller decides where. */

  // The docked panel's width: as wide as the room beside the article allows, within these.
  const MIN_WIDTH = 260;
  const MAX_WIDTH = 320;
  const MARGIN = 12;

  const STYLE = `
    [data-text]::before { content: attr(data-text); }
    .panel { position: fixed; top: ${MARGIN}px; width: ${MAX_WIDTH}px; max-height: calc(100vh - ${2 * MARGIN}px);
      overflow: auto; box-sizing: border-box; padding: 10px 12px; z-index: 2147483647;
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: left;
      background: #ffffff; color: #1b1b1b; border: 1px solid #8a8a8a; border-radius: 8px;
      box-shadow: 0 4px 24px rgba(0, 0, 0, 0.25); }
    .panel[hidden], .pill[hidden] { display: none; }
    header { display: flex; align-items: center; gap: 6px; }
    h2 { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
    h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
    h3 .hint { text-transform: none; font-weight: 400; letter-spacing: 0; color: #555; }
    button { font: inherit; color: inherit; cursor: pointer; }
    .tool { background: transparent; border: 1px solid #767676; border-radius: 4px; padding: 2px 8px; min-height: 24px; }
    .announce { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .status { margin: 6px 0; color: #4a4a4a; font-size: 12px; }
    .error { margin: 8px 0; padding: 8px; border-radius: 6px; background: #fde8e8; color: #6b0000; white-space: pre-wrap; }
    .error strong { display: block; margin-bottom: 4px; }
    .details { margin-top: 6px; }
    .details code { display: block; margin: 4px 0; padding: 4px 6px; border-radius: 4px; background: #fff; color: #1b1b1b;
      font: 12px/1.4 ui-monospace, monospace; white-space: pre-wrap; word-break: break-all; }
    .filters { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 6px 0; border: 0; padding: 0; }
    .filters label { display: inline-flex; align-items: center; gap: 3px; font-size: 12px; }
    .swatch { display: inline-block; flex: none; width: 10px; height: 10px; border-radius: 2px; border: 1px solid rgba(0,0,0,0.45); }
    .info { margin: 4px 0 8px; padding: 6px 8px; border-radius: 6px; background: #f2f2f2; font-size: 12px; }
    .info[hidden], .group[hidden] { display: none; }
    .info dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }
    .info dt { font-weight: 600; }
    .info dd { margin: 0; }
    ul { list-style: none; margin: 0; padding: 0; }
    .entity { display: flex; width: 100%; gap: 6px; align-items: center; text-align: left; margin: 2px 0;
      padding: 3px 6px; border: 1px solid transparent; border-radius: 4px; background: transparent; }
    .entity:hover { border-color: #767676; }
    .entity .name { flex: 1; }
    .entity .count, .entity .where { font-variant-numeric: tabular-nums; color: #4a4a4a; font-size: 12px; }
    .entity[aria-current="true"] { border-color: #0b3d91; background: #e8efff; }
    .entity[aria-disabled="true"] { cursor: default; }
    .entity[aria-disabled="true"] .name { color: #595959; font-style: italic; }
    .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 10px; }
    :focus-visible { outline: 3px solid #1a5fd0; outline-offset: 1px; }
    .pill { position: fixed; top: ${MARGIN}px; z-index: 2147483647; display: inline-flex; align-items: center; gap: 6px;
      padding: 6px 12px; border-radius: 999px; border: 1px solid #8a8a8a; background: #ffffff; color: #1b1b1b;
      font: 600 13px/1.2 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 2px 12px rgba(0,0,0,0.25); }
    .tip { position: fixed; z-index: 2147483647; max-width: 280px; padding: 6px 8px; border-radius: 6px;
      font: 12px/1.4 system-ui, sans-serif; background: #1b1b1b; color: #fff; box-shadow: 0 2px 10px rgba(0,0,0,0.3); }
    .tip[hidden] { display: none; }
    .tip a { color: #9cd0ff; }
    .tip .aliases { color: #d0d0d0; }
    .tip .label { display: inline-block; padding: 0 4px; border-radius: 3px; color: #1b1b1b; font-weight: 600; margin-right: 4px; }
    @media (prefers-color-scheme: dark) {
      .panel, .pill { background: #1f1f23; color: #ececec; border-color: #8a8a90; }
      .status, .entity .count, .entity .where, h3 .hint { color: #c0c0c0; }
      .entity[aria-disabled="true"] .name { color: #b0b0b0; }
      .entity[aria-current="true"] { border-color: #8fb3ff; background: #24324f; }
      .tool { border-color: #9a9aa0; }
      .info { background: #2c2c31; }
      .error { background: #4a1414; color: #ffd6d6; }
      :focus-visible { outline-color: #8fb3ff; }
    }`;

  /** Show `text` in `el` as generated content (never HTML, never a findable text node). */
  function setText(el, text) {
    el.replaceChildren();
    el.setAttribute("data-text", String(text));
  }

  /** The words `el` shows: its own and its descendants' generated text, in order. */
  function textOf(el) {
    return [el, ...el.querySelectorAll("[data-text]")].map((e) => e.getAttribute("data-text") || "").join("");
  }

  // Tiny element builder: text goes in as generated content, never as HTML.
  function h(doc, tag, attrs = {}, ...children) {
    const el = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (name === "text") setText(el, value);
      else el.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) el.append(child);
    return el;
  }

  /** A button whose words are drawn, and named for assistive technology by the same words. */
  function button(doc, attrs, text, label = text) {
    return h(doc, "button", { type: "button", ...attrs, text, "aria-label": label });
  }

  /** The reader's own input, not an event a page script dispatched. */
  const byReader = (event) => event.isTrusted === true;

  const mentionsWord = (n) => (n === 1 ? "1 mention" : `${n} mentions`);

  /**
   * Where the panel goes, given the article's text box ({ left, right } in the viewport, or
   * null) and the viewport's width. The reader's stored choice (`prefs`: { dock, collapsed })
   * wins; otherwise the side with room for the panel, else collapsed beside the article.
   * Returns { dock: "left" | "right", collapsed, width }.
   */
  function placement(textBox, viewportWidth, prefs = {}) {
    const room = {
      right: textBox ? viewportWidth - textBox.right : viewportWidth,
      left: textBox ? textBox.left : 0,
    };
    const fits = (side) => room[side] - 2 * MARGIN >= MIN_WIDTH;
    const widthOn = (side) => Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, room[side] - 2 * MARGIN));
    const chosen = prefs.dock === "left" || prefs.dock === "right" ? prefs.dock : null;
    const dock = chosen || (fits("right") || !fits("left") && room.right >= room.left ? "right" : "left");
    const collapsed = typeof prefs.collapsed === "boolean" ? prefs.collapsed : !fits(dock);
    return { dock, collapsed, width: widthOn(dock) };
  }

  /** The panel's elements, in a closed shadow root of a host appended to <html>. */
  function buildFrame(doc) {
    const host = doc.createElement("entity-lens-panel");
    // Inline !important beats page rules aimed at unknown elements.
    host.setAttribute("style", "all: initial !important; position: fixed !important; z-index: 2147483647 !important;");
    const shadow = host.attachShadow({ mode: "closed" });
    const style = doc.createElement("style");
    style.textContent = STYLE;
    const parts = {
      host,
      shadow,
      root: h(doc, "section", { class: "panel", role: "complementary", "aria-label": "Entity Lens" }),
      status: h(doc, "div", { class: "status", role: "status" }),
      // Where a jump went ("2 of 4"), said aloud; seen on the entity's button.
      announce: h(doc, "div", { class: "announce", "aria-live": "polite" }),
      body: h(doc, "div", { class: "body" }),
      dockButton: button(doc, { class: "tool", "data-action": "dock" }, "⇆", "Move the panel to the left"),
      collapseButton: button(doc, { class: "tool", "data-action": "collapse", "aria-expanded": "true" }, "–",
        "Collapse the panel (Esc); the highlights stay"),
      pill: button(doc, { class: "pill", "data-action": "expand", hidden: true, "aria-expanded": "false" }, "Entity Lens",
        "Entity Lens: open the panel"),
      tip: h(doc, "div", { class: "tip", hidden: true, role: "dialog", "aria-label": "About this name" }),
    };
    const clear = button(doc, { class: "tool", "data-action": "clear", title: "Clear the highlights and close" }, "Clear",
      "Clear the highlights and close");
    parts.root.append(h(doc, "header", {}, h(doc, "h2", { text: "Entity Lens" }), parts.dockButton, parts.collapseButton, clear),
      parts.status, parts.announce, parts.body);
    shadow.append(style, parts.root, parts.pill, parts.tip);
    doc.documentElement.appendChild(host);
    return parts;
  }

  /**
   * First, before any handler: a script's event is cancelled outright, which also undoes the
   * toggle of a checkbox it clicked (no change event follows). Our own export link is let be.
   */
  function refuseScripts(shadow, accept) {
    const refuse = (event) => {
      if (accept(event) || (event.target.matches && event.target.matches("a[download]"))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    for (const type of ["click", "auxclick", "dblclick", "keydown", "keyup", "input", "change", "submit"]) {
      shadow.addEventListener(type, refuse, true);
    }
  }

  /** The entity buttons a reader can move between with the arrow keys (in shown sections). */
  const entityButtons = (root) => [...root.querySelectorAll(".group:not([hidden]) button.entity")];

  // One entity button of the shown types is in the Tab order (the arrows move between them).
  function keepTabStop(root) {
    const shown = entityButtons(root);
    if (shown.some((b) => b.getAttribute("tabindex") === "0")) return;
    for (const b of root.querySelectorAll("button.entity")) b.setAttribute("tabindex", "-1");
    if (shown.length) shown[0].setAttribute("tabindex", "0");
  }

  function focusEntity(root, target) {
    for (const b of root.querySelectorAll("button.entity")) b.setAttribute("tabindex", b === target ? "0" : "-1");
    target.focus({ preventScroll: false });
  }

  /** The entity button the card a jump opened belongs to (null: none open that way). */
  function cardOwner({ root, tip }) {
    if (tip.hidden || !tip.hasAttribute("data-for")) return null;
    return root.querySelector(`button.entity[data-group="${tip.getAttribute("data-for")}"]`);
  }

  /** The arrow keys' target from `current` among the shown entity buttons, or null. */
  function arrowTarget(root, current, key) {
    const list = entityButtons(root);
    const i = list.indexOf(current);
    if (key === "ArrowDown") return list[Math.min(list.length - 1, i + 1)];
    if (key === "ArrowUp") return list[Math.max(0, i - 1)];
    if (key === "Home") return list[0];
    if (key === "End") return list[list.length - 1];
    return null;
  }

  /**
   * The keyboard: arrows, Home and End between entity buttons; Tab from the current entity into
   * the card its jump opened, Shift+Tab back; Escape closes that card, else folds the panel.
   */
  function listenToKeys(parts, accept, { fold }) {
    const { root, tip } = parts;
    parts.shadow.addEventListener("keydown", (event) => {
      if (!accept(event)) return;
      const inTip = event.composedPath().includes(tip);
      const owner = cardOwner(parts);
      const current = event.target.closest && event.target.closest("button.entity");
      let focus = null;
      if (event.key === "Escape") {
        if (owner || (inTip && !tip.hidden)) {
          tip.hidden = true;
          tip.removeAttribute("data-for");
          focus = owner || current;
        } else fold();
        event.preventDefault();
      } else if (event.key === "Tab" && !event.shiftKey && current && owner === current) {
        focus = tip.querySelector("a");
      } else if (event.key === "Tab" && event.shiftKey && inTip) {
        focus = owner;
      } else if (current) {
        const next = arrowTarget(root, current, event.key);
        if (next) {
          event.preventDefault();
          focusEntity(root, next);
        }
      }
      if (focus) {
        event.preventDefault();
        focus.focus({ preventScroll: true });
      }
    });
  }

  /** A click on a button: `act(action, button)` for our actions, `on.entity` for an entity. */
  function listenToClicks(parts, accept, on, act) {
    parts.shadow.addEventListener("click", (event) => {
      if (!accept(event)) return;
      const target = event.target.closest("button");
      if (!target) return;
      const action = target.getAttribute("data-action");
      if (action) act(action, target);
      else if (target.hasAttribute("data-group") && target.getAttribute("aria-disabled") !== "true") {
        on.entity(target.getAttribute("data-group"));
      }
    });
    parts.root.addEventListener("change", (event) => {
      const input = event.target;
      if (!accept(event)) return;
      if (input.matches("input[data-type]")) on.filter(input.getAttribute("data-type"), input.checked);
    });
  }

  /** Opens or closes the disclosure `toggle` controls (Details, About this result). */
  function disclose(root, toggle) {
    const info = toggle.parentNode.querySelector(".info") || root.querySelector(".info");
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    if (info) info.hidden = !open;
  }

  /** The error box: what went wrong, what to do, a command under Details, Retry. */
  function errorBox(doc, { title, advice, code, command }) {
    const box = h(doc, "div", { class: "error", role: "alert" },
      h(doc, "strong", { text: title }),
      advice ? h(doc, "div", { class: "advice", text: advice }) : null);
    if (command) {
      const toggle = button(doc, { class: "tool", "data-action": "info", "aria-expanded": "false" }, "Details");
      const info = h(doc, "div", { class: "info", hidden: true },
        h(doc, "div", { text: "Run this in a terminal:" }),
        h(doc, "code", { class: "command", text: command }),
        button(doc, { class: "tool", "data-action": "copy", "data-copy": command }, "Copy", "Copy the command"),
        h(doc, "div", { text: "then restart the helper, and click Retry." }));
      box.append(h(doc, "div", { class: "details" }, toggle, info));
    }
    const retry = button(doc, { class: "tool", "data-action": "retry" }, "Retry");
    const options = code === "not_paired" ? button(doc, { class: "tool", "data-action": "options" }, "Open options") : null;
    box.append(h(doc, "div", { class: "actions" }, options, retry));
    return { box, retry };
  }

  /** One entry of a section: its name, and its count or why it offers no jump. */
  function entityButton(doc, group) {
    const onPage = group.count > 0;
    const note = onPage ? (group.hidden ? `, ${group.hidden} not shown on the page` : "") : "not shown on the page";
    const plain = onPage ? String(group.count) + (group.hidden ? ` (+${group.hidden} hidden)` : "") : "";
    const label = onPage ? `${group.name}, ${mentionsWord(group.count)}${note}. Jump to the next one` : `${group.name}, ${note}`;
    return h(doc, "li", {}, h(doc, "button", {
      type: "button", class: "entity", "data-group": group.id, tabindex: "-1", "aria-label": label,
      "aria-disabled": onPage ? null : "true", "data-plain": plain,
      title: onPage ? `Jump to the next mention of ${group.name}` : note,
    }, h(doc, "span", { class: "name", text: group.name }),
    h(doc, "span", { class: "where", text: onPage ? "" : note }),
    h(doc, "span", { class: "count", text: plain })));
  }

  /** The type filters and one section per type (see createPanel's results()). */
  function typeNodes(doc, sections) {
    const filters = h(doc, "div", { class: "filters", role: "group", "aria-label": "Show types" });
    const lists = [];
    for (const section of sections) {
      const box = h(doc, "input", { type: "checkbox", "data-type": section.type, "aria-label": section.name });
      box.checked = section.shown;
      filters.append(h(doc, "label", { title: section.hint || section.name },
        box, h(doc, "span", { class: "swatch", style: `background:${section.color}` }), h(doc, "span", { text: section.name })));
      const heading = h(doc, "h3", { id: `type-${section.type}` }, h(doc, "span", { text: section.name }),
        section.hint ? h(doc, "span", { class: "hint", text: ` (${section.hint})` }) : null);
      const list = h(doc, "ul", { "aria-labelledby": `type-${section.type}` });
      for (const group of section.groups) list.append(entityButton(doc, group));
      lists.push(h(doc, "section", { class: "group", "data-type": section.type, hidden: !section.shown }, heading, list));
    }
    if (!sections.length) lists.push(h(doc, "p", { text: "No names found in the article." }));
    return [filters, ...lists];
  }

  /** The exports and "About this result" (the model, timing, mode and spaCy's codes). */
  function aboutNodes(doc, about) {
    const dl = h(doc, "dl");
    for (const [term, text] of about) dl.append(h(doc, "dt", { text: term }), h(doc, "dd", { text }));
    const actions = h(doc, "div", { class: "actions" },
      button(doc, { class: "tool", "data-action": "export-json" }, "Export JSON"),
      button(doc, { class: "tool", "data-action": "export-csv" }, "Export CSV"),
      button(doc, { class: "tool", "data-action": "info", "aria-expanded": "false", "aria-controls": "about" }, "About this result"));
    return [actions, h(doc, "div", { class: "info", id: "about", hidden: true }, dl)];
  }

  const boxOf = (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };

  /** What an entity button shows, for inspect(). */
  const entityOf = (b) => ({
    id: b.getAttribute("data-group"),
    name: textOf(b.querySelector(".name")),
    count: textOf(b.querySelector(".count")),
    where: textOf(b.querySelector(".where")),
    current: b.getAttribute("aria-current") === "true",
    disabled: b.getAttribute("aria-disabled") === "true",
  });

  /**
   * What the panel shows, for the extension's own checks (the shadow root is closed): status,
   * error, sections with their entities, and every button shown with its place on screen.
   */
  function inspectPanel({ shadow, root, status, pill, tip }, where) {
    const error = root.querySelector(".error");
    const command = root.querySelector(".command");
    const focused = shadow.activeElement;
    return {
      text: textOf(root),
      status: textOf(status),
      error: error ? { title: textOf(error.querySelector("strong")), advice: textOf(error.querySelector(".advice") || error.querySelector("strong")),
        command: command ? textOf(command) : null } : null,
      sections: [...root.querySelectorAll(".group")].map((list) => ({
        type: list.getAttribute("data-type"),
        hidden: list.hidden,
        title: textOf(list.querySelector("h3")),
        entities: [...list.querySelectorAll("button.entity")].map(entityOf),
      })),
      filters: [...root.querySelectorAll("input[data-type]")].map((input) => ({
        type: input.getAttribute("data-type"), checked: input.checked, rect: boxOf(input),
      })),
      buttons: [...shadow.querySelectorAll("button")].filter((b) => !b.closest("[hidden]")).map((b) => ({
        action: b.getAttribute("data-action"), group: b.getAttribute("data-group"),
        text: textOf(b), disabled: b.disabled || b.getAttribute("aria-disabled") === "true", rect: boxOf(b),
      })),
      dock: where.dock,
      collapsed: where.collapsed,
      rect: boxOf(where.collapsed ? pill : root),
      pill: where.collapsed ? textOf(pill) : null,
      card: tip.hidden ? null : { text: textOf(tip), rect: boxOf(tip), for: tip.getAttribute("data-for") },
      focused: focused ? textOf(focused) || focused.getAttribute("aria-label") : null,
      focusedAction: focused ? focused.getAttribute("data-action") || (focused.getAttribute("data-group") && "entity") : null,
    };
  }

  /** Dock the panel and its pill on `where.dock`, show one of them, at `where.width`. */
  function showPlaced({ root, pill, dockButton }, where) {
    root.hidden = where.collapsed;
    pill.hidden = !where.collapsed;
    const side = where.dock === "left" ? "left" : "right";
    const other = side === "left" ? "right" : "left";
    for (const el of [root, pill]) {
      el.style.setProperty(side, `${MARGIN}px`);
      el.style.removeProperty(other);
    }
    root.style.width = `${where.width}px`;
    dockButton.setAttribute("aria-label", `Move the panel to the ${other}`);
    dockButton.setAttribute("title", `Move the panel to the ${other}`);
  }

  /** Mark `groupId`'s button as the current jump, saying "n of N" on it (and aloud). */
  function markCurrent({ root, announce }, groupId, n, total) {
    for (const b of root.querySelectorAll("button.entity")) {
      const here = b.getAttribute("data-group") === groupId;
      setText(b.querySelector(".count"), here ? `${n} of ${total}` : b.getAttribute("data-plain") || "");
      b.setAttribute("tabindex", here ? "0" : "-1");
      if (here) {
        b.setAttribute("aria-current", "true");
        setText(announce, `${textOf(b.querySelector(".name"))}: ${n} of ${total}`);
      } else b.removeAttribute("aria-current");
    }
  }

  /**
   * Create the panel in `doc`. `on` holds the callbacks: clear(), retry(), options(),
   * entity(groupId), filter(typeId, shown), export(kind), copy(text), dock(side),
   * collapse(collapsed). `accept(event)` says whether an event may act (unit tests, whose DOM
   * has no trusted events, pass their own).
   */
  function createPanel(doc, on, { accept = byReader } = {}) {
    const parts = buildFrame(doc);
    const { host, shadow, root, status, body, pill, tip } = parts;
    let where = { dock: "right", collapsed: false, width: MAX_WIDTH };
    const place = (next) => {
      where = { ...where, ...next };
      showPlaced(parts, where);
    };
    const fold = (collapsed, { focus = true } = {}) => {
      place({ collapsed });
      if (focus) (collapsed ? pill : parts.collapseButton).focus({ preventScroll: true });
      on.collapse(collapsed);
    };
    const actions = {
      clear: () => on.clear(),
      retry: () => on.retry(),
      options: () => on.options(),
      "export-json": () => on.export("json"),
      "export-csv": () => on.export("csv"),
      collapse: () => fold(true),
      expand: () => fold(false),
      dock: () => {
        place({ dock: where.dock === "left" ? "right" : "left" });
        on.dock(where.dock);
      },
      info: (target) => disclose(root, target),
      copy: (target) => {
        on.copy(target.getAttribute("data-copy") || "");
        setText(target, "Copied");
      },
    };
    refuseScripts(shadow, accept);
    listenToClicks(parts, accept, on, (action, target) => Object.hasOwn(actions, action) && actions[action](target));
    listenToKeys(parts, accept, { fold: () => !where.collapsed && fold(true) });
    place({});
    const busy = (text) => {
      setText(status, text);
      setText(pill, `Entity Lens · ${text}`);
    };

    return {
      host,
      shadow,
      tip,
      /** Dock and fold as `placement()` said (see there). Keeps focus where it is. */
      place,
      get placed() {
        return { ...where };
      },
      busy(text) {
        busy(text);
        body.replaceChildren();
      },
      /** A line of progress while the run goes on (the first use of a language model). */
      progress: busy,
      /** An error with what to do, Retry, the options' button when the fix is there, a command under Details. */
      error(message) {
        setText(status, "");
        const { box, retry } = errorBox(doc, message);
        body.replaceChildren(box);
        if (where.collapsed) fold(false, { focus: false });
        retry.focus({ preventScroll: true });
      },
      /**
       * The results. `summary`: the status line; `about`: [[term, text]] for "About this
       * result"; `sections`: [{ type, name, hint, color, shown, groups: [{ id, name, count
       * (shown on the page), hidden (mentions the page does not show) }] }], in order.
       */
      results(summary, about, sections) {
        setText(status, summary);
        body.replaceChildren(...typeNodes(doc, sections), ...aboutNodes(doc, about));
        keepTabStop(root);
      },
      /** The pill's words, e.g. "Entity Lens · 12". */
      count(listed) {
        setText(pill, `Entity Lens · ${listed}`);
        pill.setAttribute("aria-label", `Entity Lens, ${listed} names listed: open the panel`);
      },
      showType(type, shown) {
        const list = shadow.querySelector(`.group[data-type="${type}"]`);
        if (list) list.hidden = !shown;
        keepTabStop(root);
      },
      current: (groupId, n, total) => markCurrent(parts, groupId, n, total),
      remove: () => host.remove(),
      inspect: () => inspectPanel(parts, where),
    };
  }

  export { createPanel, placement, setText, textOf, MIN_WIDTH, MAX_WIDTH, MARGIN };
