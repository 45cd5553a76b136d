"""Error codes → HTTP status and JSON body, in one table.

Every failure the helper reports is an `ApiError`; anything else is a bug, logged with its
traceback and answered as `internal` without detail.
"""

import logging

from flask import jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

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


class ApiError(Exception):
    """A failure with a stable `code` and a message a person can act on."""

    def __init__(self, code, message, **details):
        if code not in STATUS:
            raise ValueError(f"unknown error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details  # more fields for the body, e.g. unsupported_language's command

    @property
    def status(self):
        return STATUS[self.code]

    def to_dict(self):
        return {"error": {"code": self.code, "message": self.message, **self.details}}


def error_response(error):
    response = jsonify(error.to_dict())
    response.status_code = error.status
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
        response = error_response(ApiError(code, message))
        response.status_code = error.code if code != "internal" else 500
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error):
        log.exception("unexpected error while handling a request")
        return error_response(ApiError(
            "internal", "The helper hit an unexpected error; details are in its log."))
