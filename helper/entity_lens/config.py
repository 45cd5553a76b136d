"""Configuration objects: defaults the server, the CLI and the tests share."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7318
# The only addresses the helper listens on, and the only names a request's Host may give.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class Config:
    """Default settings; `create_app` takes a mapping that overrides any of them."""

    # spaCy pipeline name, `None` for the best installed English pipeline.
    MODEL = None
    # The pairing state (pairing.py: tokens and codes); None: pairing.json in the reader's
    # configuration folder ($ENTITY_LENS_CONFIG_DIR, else the platform's usual place).
    PAIRING_FILE = None
    # Without it (`serve --no-pairing`, unsafe), requests that come from no browser (no Origin,
    # no fetch metadata) are served without a token: the shared entity scorer sends none.
    REQUIRE_PAIRING = True
    # A page snapshot sent by the extension can be big (script-heavy sites reach several MB).
    MAX_CONTENT_LENGTH = 15 * 1024 * 1024
    # The longest page address /v1/annotate takes.
    MAX_URL_LENGTH = 8192
    # Limits for pages the helper fetches itself.
    FETCH_MAX_BYTES = 10 * 1024 * 1024
    FETCH_CONNECT_TIMEOUT = 5.0
    FETCH_READ_TIMEOUT = 10.0
    FETCH_TOTAL_TIMEOUT = 20.0
    FETCH_MAX_REDIRECTS = 5
    # Fetch pages on this computer and private networks too. Unsafe (a web page could have the
    # helper read them): only for tests and development that serve pages from 127.0.0.1.
    ALLOW_PRIVATE_ADDRESSES = False
    # NER worker processes (0: NER in the calling thread, no time budget; the server uses one per
    # core).
    NER_WORKERS = 0
    # Seconds of NER a request may use in the workers before it answers `too_complex`.
    NER_TIME_BUDGET = 10.0
    # Results kept for repeated pages (keyed on content, so a changed page is annotated afresh).
    CACHE_ENTRIES = 64
