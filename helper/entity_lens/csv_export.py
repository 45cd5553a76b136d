"""An annotate result as CSV: one row per mention, followed by its group's columns.

The columns are the extension's export's (extension/content/export.js, CSV_COLUMNS; a test
keeps them equal), and so is the guard against spreadsheet formulas.
"""

import csv
import io
import re

MENTION_COLUMNS = ["start", "end", "text", "label", "group", "name"]
CSV_COLUMNS = [*MENTION_COLUMNS, "aliases", "count", "salience"]
# Page text opened in a spreadsheet: a cell starting with = + - @ (or a tab or CR before one)
# would run as a formula.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")


def inert(text):
    """`text` as a spreadsheet shows it and never runs: a leading quote before a formula."""
    text = "" if text is None else str(text)
    return "'" + text if FORMULA_START.match(text) else text


def to_csv(result):
    groups = {g["id"]: g for g in result["groups"]}
    out = io.StringIO()
    # csv's default line end is CRLF: what RFC 4180 and spreadsheet programs expect.
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in result["entities"]:
        group = groups.get(e["group"], {})
        writer.writerow([e["start"], e["end"], inert(e["text"]), e["label"], e["group"],
                         inert(group.get("name", e["text"])),
                         inert("; ".join(group.get("aliases") or [])),
                         group.get("count", ""), group.get("salience", "")])
    return out.getvalue()
