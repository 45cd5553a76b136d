"""csv_export.py: the CLI's CSV has the extension's columns and never carries a live formula."""

import csv
import io
import re

import pytest

from entity_lens.csv_export import CSV_COLUMNS, FORMULA_START, inert, to_csv
from support import ROOT


def extension_export_source():
    """The text of the extension's file that defines CSV_COLUMNS."""
    # The source first (export.js, wherever it moves), before a bundle built from it.
    paths = sorted((ROOT / "extension").rglob("*.*js"), key=lambda p: (p.stem != "export", p))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bCSV_COLUMNS\s*=\s*\[", text):
            return text
    raise AssertionError("no extension file defines CSV_COLUMNS")


def array_literal(source, name):
    """The string items of `name = [...]` in JavaScript source, with `...OTHER` spread."""
    match = re.search(rf"\b{name}\s*=\s*\[([^\]]*)\]", source)
    assert match, f"no array literal {name} in the extension's export"
    items = []
    for item in (part.strip() for part in match.group(1).split(",")):
        if item.startswith("..."):
            items += array_literal(source, item[3:])
        elif item:
            items.append(item.strip("\"'`"))
    return items


def test_the_cli_csv_columns_are_the_extensions():
    assert CSV_COLUMNS == array_literal(extension_export_source(), "CSV_COLUMNS")


def test_the_formula_guard_is_the_extensions():
    # The extension's test is a regular expression literal: /^[=+\-@\t\r]/.test(...)
    literal = re.search(r"/(\^\[[^\]]*\])/\.test\(", extension_export_source())
    assert literal, "no formula guard in the extension's export"
    assert FORMULA_START.pattern == literal.group(1)


@pytest.mark.parametrize("cell, shown", [
    ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"),
    ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("Kaja Kallas", "Kaja Kallas"), ("A=B", "A=B"), ("", ""), (None, ""),
])
def test_cells_that_would_run_as_formulas_get_a_leading_quote(cell, shown):
    assert inert(cell) == shown


def test_one_row_per_mention_with_its_groups_columns():
    result = {
        "groups": [{"id": "g1", "name": "Kaja Kallas", "aliases": ["=cmd", "Kallas"],
                    "count": 2, "salience": 0.75}],
        "entities": [
            {"start": 0, "end": 11, "text": "Kaja Kallas", "label": "PERSON", "group": "g1"},
            {"start": 20, "end": 26, "text": "Kallas", "label": "PERSON", "group": "g1"},
            {"start": 30, "end": 34, "text": "=1+1", "label": "ORG", "group": "g9"},
        ],
    }
    text = to_csv(result)
    assert text.endswith("\r\n") and "\r\n" in text.rstrip("\r\n")  # RFC 4180 line ends
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == CSV_COLUMNS
    assert rows[2] == ["20", "26", "Kallas", "PERSON", "g1", "Kaja Kallas", "'=cmd; Kallas", "2",
                       "0.75"]
    # A mention whose group is missing is still listed, named by its own (inert) text.
    assert rows[3] == ["30", "34", "'=1+1", "ORG", "g9", "'=1+1", "", "", ""]
