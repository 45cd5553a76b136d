/* Entity Lens: the panel's export, as JSON and CSV. Both carry the groups
   (the entities as the panel lists them) and every mention with its group's
   name. Offsets are the helper's: code points into its `text`. */

const MENTION_FIELDS = ["start", "end", "text", "label", "group", "name"];
// The CSV is one row per mention (the same first columns as `entity-lens annotate
// --format csv`), followed by its group's columns, so one flat table holds both.
const CSV_COLUMNS = [...MENTION_FIELDS, "aliases", "count", "salience"];

/** Groups with the fields an export promises; `onPage` maps id -> mentions found in the page. */
function groupsOf(result, onPage = new Map()) {
  return result.groups.map((g) => ({
    id: g.id,
    label: g.label,
    name: g.name,
    aliases: Array.isArray(g.aliases) ? g.aliases : [],
    count: g.count,
    salience: g.salience,
    first: g.first,
    wikipedia: g.wikipedia,
    on_page: onPage.get(g.id) || 0,
  }));
}

/** Every mention the helper found, named after its group. */
function mentionsOf(result) {
  const names = new Map(result.groups.map((g) => [g.id, g.name]));
  return result.entities.map((e) => ({
    start: e.start,
    end: e.end,
    text: e.text,
    label: e.label,
    group: e.group,
    name: names.get(e.group) ?? e.text,
  }));
}

function toJson(result, { mode = "", onPage } = {}) {
  const data = {
    url: result.url,
    title: result.title,
    language: result.language,
    model: result.model,
    mode,
    groups: groupsOf(result, onPage),
    mentions: mentionsOf(result),
  };
  return JSON.stringify(data, null, 2) + "\n";
}

function csvField(value) {
  const s = String(value ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// Page text opened in a spreadsheet: a cell starting with = + - @ would run as a formula.
function inert(text) {
  const s = String(text ?? "");
  return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

function toCsv(result) {
  const groups = new Map(groupsOf(result).map((g) => [g.id, g]));
  const rows = [CSV_COLUMNS];
  for (const m of mentionsOf(result)) {
    const g = groups.get(m.group) || { aliases: [] };
    rows.push([m.start, m.end, inert(m.text), m.label, m.group, inert(m.name),
      inert(g.aliases.join("; ")), g.count, g.salience]);
  }
  // CRLF line ends: what RFC 4180 and spreadsheet programs expect.
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

// A file name short enough to read in a downloads list, cut at a word.
const MAX_SLUG = 48;
// " | The Courier", " – Site", " - Site": the site's name the page title carries.
const TITLE_PARTS = /\s+[|\u2013\u2014\u00b7\u00bb]\s+|\s+-\s+/;

/** Lower-case words of any script joined by "-", accents dropped, at most MAX_SLUG long. */
function slug(text) {
  const words = String(text ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let out = "";
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > MAX_SLUG) return out || word.slice(0, MAX_SLUG);
    out = next;
  }
  return out;
}

/** The article's own title: the longest part of a title that also names the site. */
function articleTitle(title) {
  const parts = String(title ?? "").split(TITLE_PARTS);
  return parts.reduce((a, b) => (b.trim().length > a.trim().length ? b : a), "");
}

/** The address's host and path, for pages without a title ("www." is no help). */
function addressWords(url) {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, "")} ${decodeURIComponent(u.pathname)}`;
  } catch (err) {
    return "";
  }
}

/** YYYY-MM-DD of `date` in the reader's own time zone. */
function localDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * entity-lens-<article>-<date>.<kind>: the article's title, else its address's host and path,
 * slugged; the date of the export. `pageUrl` is the tab's address (the helper's `url` first).
 */
function fileName(result, kind, { now = new Date(), pageUrl = "" } = {}) {
  const about = slug(articleTitle(result && result.title)) || slug(addressWords((result && result.url) || pageUrl)) || "page";
  return `entity-lens-${about}-${localDate(now)}.${kind}`;
}

export { groupsOf, mentionsOf, toJson, toCsv, fileName, CSV_COLUMNS };
