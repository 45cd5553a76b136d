/* Entity Lens: the settings kept in storage.local, with their defaults.
   A module shared by the background and the options page. */
import { browserApi } from "./browser-api.js";
import { LABELS, OFF_BY_DEFAULT } from "./labels.js";
import * as Watchlist from "./watchlist.js";

// The helper's default port (helper/entity_lens/config.py DEFAULT_PORT; a unit test keeps them equal).
export const HELPER_PORT = 7318;

const DEFAULTS = Object.freeze({
  helperUrl: `http://127.0.0.1:${HELPER_PORT}`, // the helper's default address (entity-lens serve)
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

// Only loopback addresses are in the extension's host permissions (manifest.json).
const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** Whether the helper may be at `address`: http on a loopback host. */
function isLoopbackAddress(address) {
  try {
    const url = new URL(address);
    return url.protocol === "http:" && LOOPBACK_HOSTS.includes(url.hostname);
  } catch (err) {
    return false;
  }
}

async function load() {
  const stored = await browserApi().storage.local.get(Object.keys(DEFAULTS));
  return clean(stored);
}

function save(changes) {
  return browserApi().storage.local.set(changes);
}

export { DEFAULTS, MODES, STYLES, clean, isLoopbackAddress, load, save };
