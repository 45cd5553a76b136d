"""Who may ask: only the browser extension, only on loopback.

A web page can make the browser send requests to 127.0.0.1, so the helper checks every request
before any route runs:
- `Origin`, when present, must be an extension origin (optionally one of the allowed IDs);
  requests without `Origin` come from the CLI or curl and are served, unless the browser's
  `Sec-Fetch-Site` says a web page sent them (an <img> or <script> tag sends no Origin).
- `Host` must be a loopback name, which defeats DNS rebinding.
- `POST` needs `Content-Type: application/json`, which a page can only send after a CORS
  preflight, and preflights from pages are refused here.
"""

import re

from flask import request

from .errors import ApiError

_EXTENSION_ORIGIN = re.compile(r"^(chrome-extension|moz-extension)://([A-Za-z0-9._-]+)/?$")
_LOOPBACK_HOST = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$", re.IGNORECASE)


def extension_origin_pattern(allowed_ids=()):
    """The regex flask-cors grants CORS to: extension origins, narrowed to `allowed_ids`."""
    ids = "|".join(re.escape(i) for i in allowed_ids) if allowed_ids else r"[A-Za-z0-9._-]+"
    return re.compile(rf"^(chrome-extension|moz-extension)://({ids})$")


def is_allowed_origin(origin, allowed_ids=()):
    match = _EXTENSION_ORIGIN.match(origin or "")
    if not match:
        return False
    return not allowed_ids or match.group(2) in allowed_ids


def is_loopback_host(host):
    return bool(_LOOPBACK_HOST.match(host or ""))


def check_request(allowed_ids=()):
    """Raise `ApiError('forbidden' | 'not_json')` for a request the helper must not serve."""
    if not is_loopback_host(request.host):
        raise ApiError("forbidden", "The helper only answers requests addressed to 127.0.0.1 "
                                    "or localhost.")
    origin = request.headers.get("Origin")
    if origin is not None and not is_allowed_origin(origin, allowed_ids):
        raise ApiError("forbidden", "The helper only answers the Entity Lens extension, "
                                    "not web pages.")
    # An <img> or <script> on a web page sends no Origin, but browsers say where it came from.
    if origin is None and request.headers.get("Sec-Fetch-Site") in ("same-site", "cross-site"):
        raise ApiError("forbidden", "The helper only answers the Entity Lens extension, "
                                    "not web pages.")
    if request.method == "POST" and not request.is_json:
        raise ApiError("not_json", "Send the request as JSON (Content-Type: application/json).")


def init_app(app):
    @app.before_request
    def guard():
        check_request(tuple(app.config["ALLOWED_EXTENSION_IDS"]))
