/* Entity Lens: the watchlist, names and phrases the reader wants found on
   every page. Kept in storage.local as `watchlist` (an array of strings),
   edited as text, one phrase per line. A module shared by the
   background (settings) and the options page. */

/**
 * The stored form of any list of phrases: trimmed, inner whitespace
 * collapsed, empty ones dropped, duplicates dropped case-insensitively
 * (the helper matches case-insensitively anyway; the first spelling wins,
 * since it names the entity in the panel).
 */
function normalise(phrases) {
  if (!Array.isArray(phrases)) return [];
  const seen = new Set();
  const out = [];
  for (const phrase of phrases) {
    if (typeof phrase !== "string") continue;
    const clean = phrase.normalize("NFC").replace(/\s+/g, " ").trim();
    const key = clean.toLowerCase();
    if (!clean || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
  }
  return out;
}

/** Text (a textarea, an imported .txt file) to phrases: one per line. */
function parse(text) {
  // A file saved by Windows Notepad may start with a byte-order mark.
  return normalise(String(text ?? "").replace(/^\ufeff/, "").split(/\r\n|\r|\n/));
}

/** Phrases to text, one per line, ending with a newline (as .txt files do). */
function toText(phrases) {
  const list = normalise(phrases);
  return list.length ? list.join("\n") + "\n" : "";
}

/** `current` with the phrases of `more` it lacks appended (import adds, never replaces). */
function merge(current, more) {
  return normalise([...normalise(current), ...normalise(more)]);
}

export { normalise, parse, toText, merge };
