"""errors.py and app.py's table: every code a step raises has an HTTP status, and the JSON body
is {"error": {"code", "message"}} plus any details the error carries."""

import ast
import re

from flask import Flask

from entity_lens.app import STATUS, error_response
from entity_lens.errors import ApiError
from support import ROOT


def raised_codes():
    """The literal codes of every ApiError(...) in the helper's source."""
    codes = set()
    for path in (ROOT / "helper").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ApiError"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                codes.add(node.args[0].value)
    return codes


def test_every_raised_code_has_a_status():
    codes = raised_codes()
    assert {"bad_url", "fetch_failed", "no_text", "forbidden"} <= codes  # the scan finds them
    assert codes <= set(STATUS), sorted(codes - set(STATUS))


def test_codes_are_stable_snake_case_and_statuses_are_errors():
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in STATUS)
    assert all(400 <= status < 600 for status in STATUS.values())


def test_the_error_carries_its_code_message_and_details():
    error = ApiError("unsupported_language", "No Portuguese model.", language="pt")
    assert (error.code, error.message, str(error)) == (
        "unsupported_language", "No Portuguese model.", "No Portuguese model.")
    assert error.details == {"language": "pt"}


def test_the_json_body_and_status_come_from_the_table():
    with Flask(__name__).app_context():
        plain = error_response(ApiError("fetch_timeout", "example.org did not answer in time."))
        detailed = error_response(ApiError("unsupported_language", "No Portuguese model.",
                                            language="pt", language_name="Portuguese"))
        overridden = error_response(ApiError("bad_request", "Unauthorized."), status=401)
    assert plain.status_code == 504
    assert plain.get_json() == {"error": {"code": "fetch_timeout",
                                          "message": "example.org did not answer in time."}}
    assert detailed.status_code == 422
    assert detailed.get_json() == {"error": {"code": "unsupported_language",
                                             "message": "No Portuguese model.", "language": "pt",
                                             "language_name": "Portuguese"}}
    assert overridden.status_code == 401
