/* Entity Lens: the settings kept in storage.local, with their defaults.
   A plain script shared by the background, the options page and the content scripts. */
(function () {
  "use strict";

  const { LABELS, OFF_BY_DEFAULT } = globalThis.EntityLensLabels;
  const Watchlist = globalThis.EntityLensWatchlist;

  const DEFAULTS = Object.freeze({
    helperUrl: "http://127.0.0.1:7318", // the helper's default address (entity-lens serve)
    mode: "auto", // "auto" | "url" | "page"
    style: "highlight", // "highlight" | "inline"
    types: LABELS.filter((label) => !OFF_BY_DEFAULT.includes(label)),
    watchlist: [], // phrases sent with every request (watchlist.js)
  });
  const MODES = ["auto", "url", "page"];
  const STYLES = ["highlight", "inline"];

  // Stored values are checked so that a bad value never breaks a run.
  function clean(stored) {
    const s = { ...DEFAULTS, ...stored };
    if (!MODES.includes(s.mode)) s.mode = DEFAULTS.mode;
    if (!STYLES.includes(s.style)) s.style = DEFAULTS.style;
    if (!Array.isArray(s.types)) s.types = DEFAULTS.types;
    s.watchlist = Watchlist.normalise(s.watchlist);
    if (typeof s.helperUrl !== "string" || !s.helperUrl.trim()) s.helperUrl = DEFAULTS.helperUrl;
    s.helperUrl = s.helperUrl.trim().replace(/\/+$/, "");
    return s;
  }

  function api() {
    return globalThis.browser ?? globalThis.chrome;
  }

  async function load() {
    const stored = await api().storage.local.get(Object.keys(DEFAULTS));
    return clean(stored);
  }

  function save(changes) {
    return api().storage.local.set(changes);
  }

  globalThis.EntityLensSettings = { DEFAULTS, MODES, STYLES, clean, load, save };
})();
