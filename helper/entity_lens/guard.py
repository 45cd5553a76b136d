"""Who may ask: only Entity Lens itself, only on loopback.

A web page can make the browser send requests to 127.0.0.1, and so can any other extension, so
the helper checks every request before any route runs:
- `Host` must be a loopback name, which defeats DNS rebinding.
- A token from pairing (`Authorization: Bearer …`, see pairing.py) is required everywhere but
  `POST /v1/pair` (which trades the reader's one-time code for a token) and `GET /v1/health`
  (which says no more than that the helper runs, and its version, without one). Headers alone
  prove nothing: another extension can set or remove `Origin` and `Sec-Fetch-*`.
- Web pages are refused outright, before anything else: an `Origin` that is not an extension's,
  or fetch metadata (`Sec-Fetch-Site`) saying a page sent the request (an <img> or <script> tag
  sends no Origin). Browsers do not let pages forge these.
- `POST` needs `Content-Type: application/json`, which a page can only send after a CORS
  preflight, and preflights from pages are refused here.
"""

import re

from flask import current_app, g, request

from .config import LOOPBACK_HOSTS
from .errors import ApiError
from .pairing import bearer_token

OPEN_PATHS = ("/v1/pair", "/v1/health")
# Entity Lens for Chrome's id, pinned by the manifest's `key` (extension/manifest.json).
CHROME_EXTENSION_ID = "nagcagbnmfohcnbcgfdklnpbdimfmhhc"
# Exactly what the browsers send: Entity Lens's own Chrome origin; Firefox's per-installation
# UUID (Firefox cannot be pinned: the token says which one is ours).
EXTENSION_ORIGIN = re.compile(
    rf"^(chrome-extension://{CHROME_EXTENSION_ID}"
    r"|moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
# A Host header: a loopback name (an IPv6 address in brackets), perhaps with a port.
_HOST_NAMES = "|".join(re.escape(f"[{h}]" if ":" in h else h) for h in LOOPBACK_HOSTS)
_LOOPBACK_HOST = re.compile(rf"^({_HOST_NAMES})(:\d{{1,5}})?$", re.IGNORECASE)
# Fetch metadata of requests no web page made: the extension's own ("none" in Chromium,
# "same-origin" in Firefox) or a typed address; absent for curl and the CLI.
_NOT_FROM_A_PAGE = {None, "none", "same-origin"}

NOT_FOR_PAGES = "The helper only answers the Entity Lens extension, not web pages."


def is_extension_origin(origin):
    return bool(EXTENSION_ORIGIN.match(origin or ""))


def is_loopback_host(host):
    return bool(_LOOPBACK_HOST.match(host or ""))


def check_request(pairing, require_pairing=True):
    """Raise `ApiError('forbidden' | 'not_paired' | 'not_json')` for a request not to serve;
    sets `g.paired` to whether the request carries a valid token."""
    if not is_loopback_host(request.host):
        raise ApiError("forbidden", "The helper only answers requests addressed to 127.0.0.1 "
                                    "or localhost.")
    origin = request.headers.get("Origin")
    if origin is not None and not is_extension_origin(origin):
        raise ApiError("forbidden", NOT_FOR_PAGES)
    if request.headers.get("Sec-Fetch-Site") not in _NOT_FROM_A_PAGE:
        raise ApiError("forbidden", NOT_FOR_PAGES)
    g.paired = pairing.is_authorised(bearer_token(request.headers.get("Authorization")))
    if not g.paired and not require_pairing:
        # `serve --no-pairing`: a program's request (no browser sends neither) goes unpaired.
        g.paired = origin is None and "Sec-Fetch-Site" not in request.headers
    if not g.paired and request.path not in OPEN_PATHS:
        raise ApiError("not_paired", "This browser's Entity Lens is not paired with the helper "
                                     "yet. Run `entity-lens pair` in a terminal and type the "
                                     "code it shows into the Entity Lens options.")
    if request.method == "POST" and not request.is_json:
        raise ApiError("not_json", "Send the request as JSON (Content-Type: application/json).")


def init_app(app):
    @app.before_request
    def guard():
        check_request(current_app.extensions["entity_lens_pairing"],
                      current_app.config["REQUIRE_PAIRING"])
