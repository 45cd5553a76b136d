/* Entity Lens: entity labels, their colours and the CSS injected into pages.
   A module shared by the background, the options page and the content
   scripts, so every part agrees on names and colours. */

  // What readers see: eight types in a fixed order, each gathering the model's labels (English
  // OntoNotes labels and the French/WikiNER PER, LOC, ORG, MISC), in the reader's words. spaCy's
  // codes appear only in exports and behind the panel's "About this result".
  // Colours: every pair stays apart (CIEDE2000 >= 10) for typical vision and simulated
  // protanopia, deuteranopia and tritanopia, and from the page's white and the watchlist's
  // yellow; dark text on each passes WCAG AA (tests/extension/colours.test.js).
  const TYPES = [
    { id: "people", name: "People", one: "Person", labels: ["PERSON", "PER"], color: "#b5acff" },
    { id: "places", name: "Places", one: "Place", labels: ["GPE", "LOC", "FAC"], color: "#e79f18" },
    { id: "organisations", name: "Organisations", one: "Organisation", labels: ["ORG"], color: "#5ad8db" },
    { id: "groups", name: "Groups", one: "Group", hint: "nationalities, religions, parties",
      labels: ["NORP", "LANGUAGE"], color: "#d572a5" },
    { id: "events", name: "Events & works", one: "Event or work", labels: ["EVENT", "WORK_OF_ART", "LAW", "MISC"], color: "#9fcf77" },
    { id: "products", name: "Products", one: "Product", labels: ["PRODUCT"], color: "#428dff" },
    { id: "dates", name: "Dates", one: "Date", labels: ["DATE", "TIME"], color: "#ded4b6" },
    { id: "numbers", name: "Numbers", one: "Number", labels: ["CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"], color: "#b6b5b1" },
  ];
  // Text drawn over every highlight: the page's own text colour could be light (dark pages).
  const TEXT_COLOR = "#1b1b1b";
  // Another model's label the table does not know goes with the other names.
  const FALLBACK_TYPE = "events";

  const TYPE_OF = new Map(TYPES.flatMap((type) => type.labels.map((label) => [label, type])));
  const typeById = (id) => TYPES.find((type) => type.id === id) || null;

  // Watchlist matches: not a model label, always shown, painted above the others.
  const WATCH = "WATCH";
  const WATCH_COLOR = "#ffd400";
  const WATCH_LINE = "#b00000";
  const WATCH_TYPE = { id: "watch", name: "Watchlist", one: "Watched name", labels: [WATCH], color: WATCH_COLOR };

  /** The reader's type of a model label (or of WATCH). */
  function typeOf(label) {
    if (label === WATCH) return WATCH_TYPE;
    return TYPE_OF.get(label) || typeById(FALLBACK_TYPE);
  }

  // The model's labels, the ones a reader can switch on and off (by type).
  const LABELS = TYPES.flatMap((type) => type.labels);
  const COLORS = Object.fromEntries(LABELS.map((label) => [label, typeOf(label).color]));

  // Numbers and dates are everywhere in news; shown only on request.
  const OFF_BY_DEFAULT = [...typeById("dates").labels, ...typeById("numbers").labels];

  // Each label in the reader's words (its type's name), kept for callers that list labels.
  const DESCRIPTIONS = Object.fromEntries([...LABELS, WATCH].map((label) => [label, typeOf(label).name]));

  function colorOf(label) {
    return typeOf(label).color;
  }

  // The jump's current mention: dark blue with white text, unlike any type and unlike the
  // watchlist's yellow and red, so it reads as "you are here".
  const CURRENT_COLOR = "#0b3d91";
  const CURRENT_TEXT = "#ffffff";

  /**
   * Fresh, unguessable names for one run's highlights and marks: { byLabel: {LABEL: name},
   * flash: name }. Page scripts share the CSS.highlights registry and see inline marks, so the
   * names must say nothing of the label (or of a watched term) and differ on every run.
   */
  function randomNames() {
    const token = () => {
      const words = new Uint32Array(2);
      globalThis.crypto.getRandomValues(words);
      // Digits only after one letter (a valid CSS identifier): hex letters would now and then
      // spell a label ("fac" is FAC) or a watched word.
      return "x" + Array.from(words, (w) => String(w).padStart(10, "0")).join("");
    };
    const byLabel = {};
    for (const label of [...LABELS, WATCH]) byLabel[label] = token();
    return { byLabel, flash: token() };
  }

  // The page stylesheet for one run's `names`, injected by the background with
  // scripting.insertCSS and removed with the identical string. Every highlight sets its text
  // colour too, so dark pages stay readable.
  function pageCss(names) {
    const rules = [];
    for (const label of LABELS) {
      const name = names.byLabel[label];
      const { color, one } = typeOf(label);
      rules.push(`::highlight(${name}) { background-color: ${color}; color: ${TEXT_COLOR}; }`);
      rules.push(`mark[data-entity-lens="${name}"] { background-color: ${color} !important; }`);
      rules.push(`mark[data-entity-lens="${name}"]::after { content: "${one}"; }`);
    }
    const watch = names.byLabel[WATCH];
    // Watched names must stand out next to any type: strong yellow plus a red line
    // (::highlight allows text-decoration, not outline; marks get an outline).
    rules.push(
      `::highlight(${watch}) { background-color: ${WATCH_COLOR}; color: #000;` +
        ` text-decoration: underline 2px ${WATCH_LINE}; }`,
      `mark[data-entity-lens="${watch}"] { background-color: ${WATCH_COLOR} !important;` +
        ` outline: 2px solid ${WATCH_LINE} !important; font-weight: 600 !important; }`,
      `mark[data-entity-lens="${watch}"]::after { content: "${WATCH_TYPE.one}"; }`
    );
    rules.push(
      `::highlight(${names.flash}) { background-color: ${CURRENT_COLOR}; color: ${CURRENT_TEXT}; }`,
      `mark[data-entity-lens] { all: unset; background-color: #dddddd; color: ${TEXT_COLOR} !important;` +
        " padding: 0.05em 0.25em; border-radius: 0.3em; box-decoration-break: clone;" +
        " -webkit-box-decoration-break: clone; font: inherit; }",
      // Generated content is not part of innerText: the page's text stays the same.
      "mark[data-entity-lens]::after { margin-left: 0.35em;" +
        ` font: bold 0.62em/1 system-ui, sans-serif; letter-spacing: 0.02em; vertical-align: middle; color: ${TEXT_COLOR}; }`,
      "mark[data-entity-lens][data-entity-lens-cont] { padding-right: 0; border-top-right-radius: 0; border-bottom-right-radius: 0; }",
      "mark[data-entity-lens][data-entity-lens-cont]::after { content: none; }"
    );
    return rules.join("\n");
  }

  export {
    TYPES, TEXT_COLOR, COLORS, LABELS, WATCH, WATCH_COLOR, WATCH_TYPE, CURRENT_COLOR, CURRENT_TEXT, OFF_BY_DEFAULT,
    DESCRIPTIONS, typeOf, typeById, colorOf, randomNames, pageCss,
  };
