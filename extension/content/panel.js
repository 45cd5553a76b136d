/* Entity Lens: the panel. One <entity-lens-panel> element appended to
   <html> (not <body>, whose outerHTML stays untouched) with a closed shadow
   root holding all the UI: page styles cannot reach it, ours cannot leak, and
   page scripts can neither read it nor reach its buttons. Only the reader's
   own input counts: events a script made (isTrusted false) are ignored.
   Its words are drawn as generated content (setText), not text nodes: a
   page's window.find() and the selection it leaves are the way into a closed
   root in Firefox, and they only ever reach text nodes. */

  const STYLE = `
    [data-text]::before { content: attr(data-text); }
    .panel { position: fixed; top: 12px; right: 12px; width: 320px; max-height: calc(100vh - 24px);
      overflow: auto; box-sizing: border-box; padding: 10px 12px; z-index: 2147483647;
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: left;
      background: #ffffff; color: #1b1b1b; border: 1px solid #c8c8c8; border-radius: 8px;
      box-shadow: 0 4px 24px rgba(0, 0, 0, 0.25); }
    header { display: flex; align-items: center; gap: 8px; }
    h2 { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
    h3 { margin: 10px 0 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
    button { font: inherit; color: inherit; cursor: pointer; }
    .tool { background: transparent; border: 1px solid #c8c8c8; border-radius: 4px; padding: 2px 8px; }
    .status { margin: 6px 0; color: #555; font-size: 12px; }
    .error { margin: 8px 0; padding: 8px; border-radius: 6px; background: #fde8e8; color: #6b0000; white-space: pre-wrap; }
    .error strong { display: block; margin-bottom: 4px; }
    .filters { display: flex; flex-wrap: wrap; gap: 4px 10px; margin: 6px 0; }
    .filters label { display: inline-flex; align-items: center; gap: 3px; font-size: 12px; }
    .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; border: 1px solid rgba(0,0,0,0.2); }
    .group[hidden] { display: none; }
    .entity { display: flex; width: 100%; gap: 6px; align-items: center; text-align: left; margin: 2px 0;
      padding: 3px 6px; border: 1px solid transparent; border-radius: 4px; background: transparent; }
    .entity:hover, .entity:focus-visible { border-color: #888; }
    .entity .name { flex: 1; }
    .entity .count { font-variant-numeric: tabular-nums; color: #555; }
    .entity:disabled { opacity: 0.55; cursor: default; }
    .actions { display: flex; gap: 6px; margin-top: 10px; }
    :focus-visible { outline: 2px solid #3b7dd8; outline-offset: 1px; }
    .tip { position: fixed; z-index: 2147483647; max-width: 280px; padding: 6px 8px; border-radius: 6px;
      font: 12px/1.4 system-ui, sans-serif; background: #1b1b1b; color: #fff; box-shadow: 0 2px 10px rgba(0,0,0,0.3); }
    .tip[hidden] { display: none; }
    .tip a { color: #9cd0ff; }
    .tip .aliases { color: #d0d0d0; }
    .tip .label { display: inline-block; padding: 0 4px; border-radius: 3px; color: #1b1b1b; font-weight: 600; margin-right: 4px; }
    @media (prefers-color-scheme: dark) {
      .panel { background: #1f1f23; color: #ececec; border-color: #4a4a4f; }
      .status, .entity .count { color: #b0b0b0; }
      .tool { border-color: #5a5a5f; }
      .error { background: #4a1414; color: #ffd6d6; }
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

  /** The reader's own input, not an event a page script dispatched. */
  const byReader = (event) => event.isTrusted === true;

  /**
   * Create the panel in `doc`. `on` holds the callbacks: clear(), retry(), options(),
   * entity(groupId), filter(label, shown), export(kind). `accept(event)` says
   * whether an event may act (unit tests, whose DOM has no trusted events, pass
   * their own).
   */
  // eslint-disable-next-line max-lines-per-function -- split in the panel's rewrite (branch panel, issue 15)
  function createPanel(doc, on, { accept = byReader } = {}) {
    const host = doc.createElement("entity-lens-panel");
    // Inline !important beats page rules aimed at unknown elements.
    host.setAttribute("style", "all: initial !important; position: fixed !important; z-index: 2147483647 !important;");
    const shadow = host.attachShadow({ mode: "closed" });
    const style = doc.createElement("style");
    style.textContent = STYLE;
    const root = h(doc, "section", { class: "panel", role: "dialog", "aria-label": "Entity Lens" });
    const status = h(doc, "div", { class: "status", role: "status" });
    const body = h(doc, "div", { class: "body" });
    const clear = h(doc, "button", { class: "tool", "data-action": "clear", title: "Clear highlights and close (Esc)", text: "Clear" });
    root.append(h(doc, "header", {}, h(doc, "h2", { text: "Entity Lens" }), clear), status, body);
    const tip = h(doc, "div", { class: "tip", hidden: true, role: "tooltip" });
    shadow.append(style, root, tip);
    doc.documentElement.appendChild(host);

    // First, before any handler: a script's click is cancelled outright, which also undoes the
    // toggle of a checkbox it clicked (no change event follows). Our own export link is let be.
    const refuseScripts = (event) => {
      if (accept(event) || (event.target.matches && event.target.matches("a[download]"))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    for (const type of ["click", "auxclick", "dblclick", "keydown", "keyup", "input", "change", "submit"]) {
      shadow.addEventListener(type, refuseScripts, true);
    }

    root.addEventListener("click", (event) => {
      if (!accept(event)) return;
      const button = event.target.closest("button");
      if (!button) return;
      const action = button.getAttribute("data-action");
      if (action === "clear") on.clear();
      else if (action === "retry") on.retry();
      else if (action === "options") on.options();
      else if (action === "export-json") on.export("json");
      else if (action === "export-csv") on.export("csv");
      else if (button.hasAttribute("data-group")) on.entity(button.getAttribute("data-group"));
    });
    root.addEventListener("change", (event) => {
      const input = event.target;
      if (!accept(event)) return;
      if (input.matches("input[data-label]")) on.filter(input.getAttribute("data-label"), input.checked);
    });
    root.addEventListener("keydown", (event) => {
      if (accept(event) && event.key === "Escape") on.clear();
    });

    return {
      host,
      shadow,
      tip,

      busy(text) {
        setText(status, text);
        body.replaceChildren();
      },

      /** An error with what to do, a retry button and, when the fix is there, the options'. */
      error({ title, advice, code }) {
        setText(status, "");
        const box = h(doc, "div", { class: "error", role: "alert" },
          h(doc, "strong", { text: title }),
          h(doc, "div", { class: "advice", text: advice }));
        const retry = h(doc, "button", { class: "tool", "data-action": "retry", text: "Retry" });
        const options = code === "not_paired"
          ? h(doc, "button", { class: "tool", "data-action": "options", text: "Open options" }) : null;
        box.append(h(doc, "div", { class: "actions" }, options, retry));
        body.replaceChildren(box);
        retry.focus({ preventScroll: true });
      },

      /**
       * The results. `sections`: [{ label, description, title, color, shown,
       * groups: [{ id, name, count }] }], in the order to list them.
       */
      results(statusText, sections) {
        setText(status, statusText);
        const filters = h(doc, "div", { class: "filters", role: "group", "aria-label": "Entity types" });
        const lists = [];
        for (const section of sections) {
          const box = h(doc, "input", { type: "checkbox", "data-label": section.label });
          box.checked = section.shown;
          filters.append(h(doc, "label", { title: section.description },
            box, h(doc, "span", { class: "swatch", style: `background:${section.color}` }), h(doc, "span", { text: section.label })));
          const list = h(doc, "div", { class: "group", "data-group-label": section.label, hidden: !section.shown },
            h(doc, "h3", { text: section.title || `${section.description} (${section.label})` }));
          for (const group of section.groups) {
            list.append(h(doc, "button", {
              class: "entity", "data-group": group.id, disabled: group.count === 0,
              title: group.count ? `Jump to the next mention of ${group.name}` : "Not found in the page",
            }, h(doc, "span", { class: "name", text: group.name }), h(doc, "span", { class: "count", text: String(group.count) })));
          }
          lists.push(list);
        }
        const actions = h(doc, "div", { class: "actions" },
          h(doc, "button", { class: "tool", "data-action": "export-json", text: "Export JSON" }),
          h(doc, "button", { class: "tool", "data-action": "export-csv", text: "Export CSV" }));
        if (!sections.length) lists.push(h(doc, "p", { text: "No entities found in the article." }));
        body.replaceChildren(filters, ...lists, actions);
      },

      showLabel(label, shown) {
        const list = shadow.querySelector(`.group[data-group-label="${label}"]`);
        if (list) list.hidden = !shown;
      },

      remove() {
        host.remove();
      },

      /**
       * What the panel shows, for the extension's own checks (the shadow root is closed):
       * status, error, sections with their entities, and every button with its place on screen.
       */
      inspect() {
        const rect = (el) => {
          const r = el.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        };
        const error = root.querySelector(".error");
        return {
          text: textOf(root),
          status: textOf(status),
          error: error ? { title: textOf(error.querySelector("strong")), advice: textOf(error.querySelector(".advice")) } : null,
          sections: [...root.querySelectorAll(".group")].map((list) => ({
            label: list.getAttribute("data-group-label"),
            hidden: list.hidden,
            title: textOf(list.querySelector("h3")),
            entities: [...list.querySelectorAll("button.entity")].map((b) => ({
              id: b.getAttribute("data-group"),
              name: textOf(b.querySelector(".name")),
              count: Number(textOf(b.querySelector(".count"))),
              disabled: b.disabled,
            })),
          })),
          filters: [...root.querySelectorAll("input[data-label]")].map((input) => ({
            label: input.getAttribute("data-label"), checked: input.checked, rect: rect(input),
          })),
          buttons: [...root.querySelectorAll("button")].map((b) => ({
            action: b.getAttribute("data-action"), group: b.getAttribute("data-group"),
            text: textOf(b), disabled: b.disabled, rect: rect(b),
          })),
          rect: rect(root),
          focused: shadow.activeElement ? textOf(shadow.activeElement) : null,
        };
      },
    };
  }

  export { createPanel, setText, textOf };
