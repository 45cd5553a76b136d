"""The helper's tests live in unit/ (no model, no server) or integration/ (the real model or the
real helper), never beside them, and no test imports from a conftest."""

import re

from support import ROOT

TESTS = ROOT / "tests" / "helper"


def test_every_test_file_is_in_unit_or_integration():
    assert not sorted(p.name for p in TESTS.glob("test_*.py"))
    assert len(list((TESTS / "unit").glob("test_*.py"))) > 10
    assert len(list((TESTS / "integration").glob("test_*.py"))) > 10


def test_no_test_imports_from_a_conftest():
    importing = [str(p.relative_to(TESTS)) for p in TESTS.rglob("*.py")
                 if re.search(r"^\s*(from|import) conftest\b", p.read_text(encoding="utf-8"), re.M)]
    assert not importing


def test_the_model_fixtures_exist_only_for_integration_tests():
    # A unit test that asks for `annotator`, `client`, `post` or `live_helper` fails to start.
    top = (TESTS / "conftest.py").read_text(encoding="utf-8")
    assert not re.search(r"def (annotator|app|client|post|live_helper|upstream)\(", top)
