"""create_app(config): the Flask application factory, the /v1 routes, and what each error code
means over HTTP.

Every failure the helper reports is an `ApiError` (errors.py); anything else is a bug, logged
with its traceback and answered as `internal` without detail.
"""

import json
import logging
import re
import time

from flask import Blueprint, Flask, current_app, g, jsonify, request
from flask_cors import CORS
from werkzeug.exceptions import HTTPException

from . import __version__, guard, pairing
from .config import Config
from .errors import ApiError
from .fetch import FetchLimits
from .language import language_name
from .pipeline import Annotator, Options

log = logging.getLogger("entity_lens.requests")
errors_log = logging.getLogger("entity_lens.errors")
bp = Blueprint("v1", __name__, url_prefix="/v1")

# Error code → HTTP status: the one table. The JSON body is {"error": {"code", "message"}}.
STATUS = {
    "bad_request": 400,
    "bad_url": 400,
    "forbidden": 403,
    "not_paired": 403,
    "bad_pairing_code": 403,
    "private_address": 403,
    "not_found": 404,
    "method_not_allowed": 405,
    "too_large": 413,
    "not_html": 415,
    "not_json": 415,
    "no_text": 422,
    "unsupported_language": 422,
    "too_complex": 422,
    "internal": 500,
    "fetch_failed": 502,
    "fetch_timeout": 504,
}
# Werkzeug's own HTTP errors (raised before our code runs) mapped onto our codes.
_HTTP_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "not_json"}


def create_app(config=None, annotator=None):
    """Build the app. `annotator` lets tests share one loaded model between apps."""
    app = Flask(__name__)
    app.config.from_object(Config)
    app.config.update(config or {})
    if annotator is None:
        annotator = Annotator(
            model=app.config["MODEL"],
            limits=FetchLimits.from_config(app.config),
            cache_entries=app.config["CACHE_ENTRIES"],
            workers=app.config["NER_WORKERS"],
            ner_budget_s=app.config["NER_TIME_BUDGET"],
        )
    app.extensions["entity_lens"] = annotator
    app.extensions["entity_lens_pairing"] = (
        pairing.PairingStore(app.config["PAIRING_FILE"]) if app.config["PAIRING_FILE"]
        else pairing.default_store())
    # Key order is ours already; sorting thousands of entity objects costs a repeated page time.
    app.json.sort_keys = False

    guard.init_app(app)
    # CORS only for extension origins; the guard has already refused web pages, and the token,
    # not the origin, says who is paired.
    CORS(app, resources={r"/v1/*": {
        "origins": [guard.EXTENSION_ORIGIN],
        "methods": ["GET", "POST", "OPTIONS"],
        "allow_headers": ["Content-Type", "Authorization"],
        "max_age": 600,
    }})
    register_error_handlers(app)
    app.register_blueprint(bp)

    @app.before_request
    def start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def log_request(response):
        # One line per request; never page content or URLs' query strings.
        elapsed = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        timings = g.get("timings")
        detail = " ".join(f"{k}={v}" for k, v in timings.items()) if timings else ""
        log.info("%s %s %s %.1fms %s", request.method, request.path, response.status_code,
                 elapsed, detail)
        return response

    return app


def error_response(error, status=None):
    """The JSON answer for an `ApiError`; `status` overrides the table's (Werkzeug's own)."""
    response = jsonify({"error": {"code": error.code, "message": error.message, **error.details}})
    response.status_code = status or STATUS[error.code]
    return response


def register_error_handlers(app):
    @app.errorhandler(ApiError)
    def handle_api_error(error):
        return error_response(error)

    @app.errorhandler(HTTPException)
    def handle_http_exception(error):
        code = _HTTP_CODES.get(error.code, "bad_request" if error.code < 500 else "internal")
        message = {
            "too_large": f"The request body is larger than the helper accepts "
                         f"({app.config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} MB).",
            "not_found": "No such endpoint. The helper serves /v1/health and /v1/annotate.",
            "method_not_allowed": f"{error.description}",
        }.get(code, error.description)
        return error_response(ApiError(code, message),
                              status=error.code if code != "internal" else 500)

    @app.errorhandler(Exception)
    def handle_unexpected(error):
        errors_log.exception("unexpected error while handling a request")
        return error_response(ApiError(
            "internal", "The helper hit an unexpected error; details are in its log."))


def _annotator():
    return current_app.extensions["entity_lens"]


@bp.get("/health")
def health():
    # Without a token: only that the helper runs (its version), so the extension can tell
    # "not paired" from "not running"; nothing about models or languages.
    if not g.paired:
        return jsonify({"status": "ok", "version": __version__, "paired": False})
    annotator = _annotator()
    return jsonify({
        "status": "ok",
        "version": __version__,
        "paired": True,
        "model": annotator.describe_model(),
        "labels": annotator.labels(),
        "languages": annotator.recognizers.languages,
        # A language's first page loads its model (seconds, once): the extension says so.
        "loading": [{"code": lang, "name": language_name(lang)}
                    for lang in annotator.first_loads.loading()],
    })


@bp.post("/pair")
def pair():
    """Trade the code the reader typed (from `entity-lens pair`) for a token."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("code"), str):
        raise ApiError("bad_request", "Send {\"code\": \"…\"}: the code `entity-lens pair` shows.")
    name = body.get("name") if isinstance(body.get("name"), str) else "Entity Lens"
    store = current_app.extensions["entity_lens_pairing"]
    try:
        token = store.redeem(body["code"][:64], name)
    except pairing.PairingError as exc:
        raise ApiError("bad_pairing_code", str(exc)) from None
    return jsonify({"paired": True, "token": token})


@bp.post("/annotate")
def annotate():
    try:
        body = json.loads(request.get_data())
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise ApiError("bad_request", "The request body is not valid JSON.") from None
    url, html, options = parse_annotate_request(body)
    result = _annotator().annotate(url, html, options)
    g.timings = result["timings_ms"]
    return jsonify(result)


def parse_annotate_request(body):
    """Validate the JSON body of /v1/annotate; raise `bad_request` saying what is wrong."""
    if not isinstance(body, dict):
        raise ApiError("bad_request", "The request body must be a JSON object.")
    unknown = set(body) - {"url", "html", "watchlist"}
    if unknown:
        raise ApiError("bad_request", f"Unknown field(s): {', '.join(sorted(unknown))}.")
    url = body.get("url")
    if not isinstance(url, str) or not url.strip():
        raise ApiError("bad_request", "The field `url` is required and must be a string.")
    max_url = current_app.config["MAX_URL_LENGTH"]
    if len(url) > max_url:
        raise ApiError("bad_url", f"The address is longer than {max_url} characters.")
    html = body.get("html")
    if html is not None and not isinstance(html, str):
        raise ApiError("bad_request", "The field `html` must be a string when given.")
    watchlist = body.get("watchlist", [])
    if not isinstance(watchlist, list) or not all(isinstance(w, str) for w in watchlist):
        raise ApiError("bad_request", "The field `watchlist` must be a list of strings.")
    url, html = well_formed(url), well_formed(html)
    watchlist = [well_formed(w) for w in watchlist]
    return url.strip(), html, Options(watchlist=[w.strip() for w in watchlist if w.strip()])


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed(text):
    """`text` with lone UTF-16 surrogates ("\\ud800" in JSON, which a page's DOM can hold)
    replaced by U+FFFD: spaCy and UTF-8 cannot encode them. One code point for one, so
    offsets are unchanged."""
    if text is None or text.isascii():
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)
