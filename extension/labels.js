/* Entity Lens: entity labels, their colours and the CSS injected into pages.
   A module shared by the background, the options page and the content
   scripts, so every part agrees on names and colours. */

  // displaCy's colours, so the highlights look like what spaCy users know.
  const COLORS = {
    PERSON: "#aa9cfc",
    ORG: "#7aecec",
    GPE: "#feca74",
    LOC: "#ff9561",
    NORP: "#c887fb",
    FAC: "#9cc9cc",
    EVENT: "#ffeb80",
    PRODUCT: "#bfeeb7",
    WORK_OF_ART: "#f0d0ff",
    LAW: "#ff8197",
    LANGUAGE: "#ff8197",
    DATE: "#bfe1d9",
    TIME: "#bfe1d9",
    MONEY: "#e4e7d2",
    QUANTITY: "#e4e7d2",
    ORDINAL: "#e4e7d2",
    CARDINAL: "#e4e7d2",
    PERCENT: "#e4e7d2",
    // French (and other WikiNER) pipelines: everything not a person, place or organisation.
    MISC: "#dddddd",
  };
  // The model's labels, the ones a reader can switch on and off in the options.
  const LABELS = Object.keys(COLORS);

  // Watchlist matches: not a model label, always shown, painted above the others.
  const WATCH = "WATCH";
  const WATCH_COLOR = "#ffd400";
  const WATCH_LINE = "#b00000";

  // Numbers and dates are everywhere in news; shown only on request.
  const OFF_BY_DEFAULT = ["DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"];

  const DESCRIPTIONS = {
    PERSON: "People",
    ORG: "Organisations",
    GPE: "Countries, cities, states",
    LOC: "Other places",
    NORP: "Nationalities, religious and political groups",
    FAC: "Buildings, airports, roads",
    EVENT: "Events",
    PRODUCT: "Products",
    WORK_OF_ART: "Titles of works",
    LAW: "Laws",
    LANGUAGE: "Languages",
    DATE: "Dates",
    TIME: "Times",
    MONEY: "Money",
    QUANTITY: "Quantities",
    ORDINAL: "Ordinals",
    CARDINAL: "Numbers",
    PERCENT: "Percentages",
    MISC: "Other names (events, works, nationalities…)",
    WATCH: "Watchlist",
  };

  // Unknown labels (another model) still get a readable colour.
  function colorOf(label) {
    if (label === WATCH) return WATCH_COLOR;
    return COLORS[label] || "#dddddd";
  }

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
  // scripting.insertCSS and removed with the identical string. The text on a highlight is always
  // dark because the backgrounds are light: legible on dark pages too.
  function pageCss(names) {
    const rules = [];
    for (const label of LABELS) {
      const name = names.byLabel[label];
      const color = COLORS[label];
      rules.push(`::highlight(${name}) { background-color: ${color}; color: #1b1b1b; }`);
      rules.push(`mark[data-entity-lens="${name}"] { background-color: ${color} !important; }`);
      rules.push(`mark[data-entity-lens="${name}"]::after { content: "${label}"; }`);
    }
    const watch = names.byLabel[WATCH];
    // Watched names must stand out even next to a yellow EVENT: strong yellow plus a red line
    // (::highlight allows text-decoration, not outline; marks get an outline).
    rules.push(
      `::highlight(${watch}) { background-color: ${WATCH_COLOR}; color: #000;` +
        ` text-decoration: underline 2px ${WATCH_LINE}; }`,
      `mark[data-entity-lens="${watch}"] { background-color: ${WATCH_COLOR} !important;` +
        ` outline: 2px solid ${WATCH_LINE} !important; font-weight: 600 !important; }`,
      `mark[data-entity-lens="${watch}"]::after { content: "${WATCH}"; }`
    );
    rules.push(
      `::highlight(${names.flash}) { background-color: #ffe600; color: #000; text-decoration: underline 3px #d40000; }`,
      "mark[data-entity-lens] { all: unset; background-color: #dddddd; color: #1b1b1b !important;" +
        " padding: 0.05em 0.25em; border-radius: 0.3em; box-decoration-break: clone;" +
        " -webkit-box-decoration-break: clone; font: inherit; }",
      // Generated content is not part of innerText: the page's text stays the same.
      "mark[data-entity-lens]::after { margin-left: 0.35em;" +
        " font: bold 0.62em/1 system-ui, sans-serif; letter-spacing: 0.02em; vertical-align: middle; color: #1b1b1b; }",
      "mark[data-entity-lens][data-entity-lens-cont] { padding-right: 0; border-top-right-radius: 0; border-bottom-right-radius: 0; }",
      "mark[data-entity-lens][data-entity-lens-cont]::after { content: none; }"
    );
    return rules.join("\n");
  }

  export { COLORS, LABELS, WATCH, OFF_BY_DEFAULT, DESCRIPTIONS, colorOf, randomNames, pageCss };
