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

export { groupsOf, mentionsOf, toJson, toCsv, CSV_COLUMNS };
