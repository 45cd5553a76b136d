"""Who may ask: only Entity Lens itself, only on loopback.

A web page can make the browser send requests to 127.0.0.1, and so can any other extension, so
the helper checks every request before any route runs:
- `Host` must be a loopback name, which defeats DNS rebinding.
- `Origin`, when present, must be a trusted extension origin: Entity Lens for Chrome (its id is
  pinned by the manifest's key) or an origin the reader paired (pairing.py). Any other extension
  may only ask for a pairing code, which grants nothing until the reader confirms it at a
  terminal. Web pages get nothing at all.
- Requests without `Origin` come from the CLI or curl and are served, unless the browser's
  `Sec-Fetch-Site` says a web page sent them (an <img> or <script> tag sends no Origin).
- `POST` needs `Content-Type: application/json`, which a page can only send after a CORS
  preflight, and preflights from pages are refused here.
"""

import re

from flask import current_app, request

from .errors import ApiError

PAIR_PATH = "/v1/pair"
_EXTENSION_ORIGIN = re.compile(r"^(chrome-extension|moz-extension)://([A-Za-z0-9._-]+)$")
_LOOPBACK_HOST = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$", re.IGNORECASE)
# flask-cors answers these origins; the guard has already refused the ones it must not serve.
EXTENSION_ORIGINS = _EXTENSION_ORIGIN

NOT_FOR_PAGES = "The helper only answers the Entity Lens extension, not web pages."


def is_extension_origin(origin):
    return bool(_EXTENSION_ORIGIN.match(origin or ""))


def is_loopback_host(host):
    return bool(_LOOPBACK_HOST.match(host or ""))


def check_request(pairing):
    """Raise `ApiError('forbidden' | 'not_paired' | 'not_json')` for a request not to serve."""
    if not is_loopback_host(request.host):
        raise ApiError("forbidden", "The helper only answers requests addressed to 127.0.0.1 "
                                    "or localhost.")
    origin = request.headers.get("Origin")
    if origin is not None:
        if not is_extension_origin(origin):
            raise ApiError("forbidden", NOT_FOR_PAGES)
        if not pairing.is_trusted(origin) and request.path != PAIR_PATH:
            raise ApiError("not_paired", "This browser's Entity Lens is not paired with the "
                                         "helper yet. Open the Entity Lens options, click Pair "
                                         "and run the command it shows in a terminal.")
    # An <img> or <script> on a web page sends no Origin, but browsers say where it came from.
    elif request.headers.get("Sec-Fetch-Site") in ("same-site", "cross-site"):
        raise ApiError("forbidden", NOT_FOR_PAGES)
    if request.method == "POST" and not request.is_json:
        raise ApiError("not_json", "Send the request as JSON (Content-Type: application/json).")


def init_app(app):
    @app.before_request
    def guard():
        check_request(current_app.extensions["entity_lens_pairing"])
