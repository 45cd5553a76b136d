"""Fetching a page the way a careful browser would, within hard limits.

http and https only, connect/read time-outs plus an overall deadline, a bounded number of
redirects (each one checked again), a size cap enforced while streaming, HTML only, and the
charset taken from the header, then the page's own <meta>, then a tolerant fallback.
"""

import re
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
import urllib3.connection

from . import __version__
from .errors import ApiError

USER_AGENT = (f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              f"Chrome/130.0 Safari/537.36 EntityLens/{__version__} (Entity Lens local helper)")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_POOL = urllib3.PoolManager(num_pools=8, headers={
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "Accept-Language": "en;q=0.9,*;q=0.5",
})
_local = threading.local()


class _Watchdog:
    """Shuts the fetch's socket down when the overall deadline passes.

    Connect and read time-outs bound each socket operation, not the exchange: a server sending
    a header line or a byte every second would otherwise hold a helper thread as long as it
    liked. The timer thread is cancelled and joined when the fetch ends: none is left behind.
    """

    def __init__(self, seconds):
        self.expired = False
        self._sock = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        _local.watchdog = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        _local.watchdog = None
        self._timer.cancel()
        self._timer.join()

    def watch(self, connection):
        with self._lock:
            # The socket itself: http.client drops `connection.sock` once the response headers
            # say the body runs until the connection closes, while the body is still read.
            self._sock = connection.sock
            if self.expired:
                self._shutdown()

    def _expire(self):
        with self._lock:
            self.expired = True
            self._shutdown()

    def _shutdown(self):
        if self._sock is not None:
            try:
                # The plain socket's shutdown, not SSLSocket's, which would also reset TLS state
                # under the reading thread's feet; the blocked read then sees end of stream.
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)
            except OSError:
                pass


class _Watched:
    """Mixed into urllib3's connections: hand the connection to this thread's watchdog."""

    def getresponse(self, *args, **kwargs):
        watchdog = getattr(_local, "watchdog", None)
        if watchdog is not None:
            watchdog.watch(self)
        return super().getresponse(*args, **kwargs)


class _HTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOL.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


@dataclass
class FetchLimits:
    max_bytes: int = 10 * 1024 * 1024
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 20.0
    max_redirects: int = 5


@dataclass
class FetchedPage:
    url: str  # the final address, after redirects
    html: str


def check_url(url, *, fetchable=True):
    """Validate `url`; raise `bad_url` when it can't (or, with `fetchable`, mustn't) be fetched."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise ApiError("bad_url", f"The address is not a valid URL: {url[:200]!r}.") from None
    if not parts.scheme:
        raise ApiError("bad_url", f"The address has no scheme (http or https): {url[:200]!r}.")
    if parts.username or parts.password:
        raise ApiError("bad_url", "The address contains a user name or password; "
                                  "the helper does not send credentials.")
    if fetchable:
        if parts.scheme not in ("http", "https"):
            raise ApiError("bad_url", f"The helper can only fetch http and https pages, "
                                      f"not {parts.scheme}: addresses. Send the page's HTML instead.")
        if not parts.hostname:
            raise ApiError("bad_url", f"The address has no host: {url[:200]!r}.")


def fetch(url, limits=FetchLimits()):
    """Fetch `url` and return the decoded page, or raise an `ApiError` saying what went wrong."""
    check_url(url)
    with _Watchdog(limits.total_timeout) as watchdog:
        try:
            page = _fetch(url, limits, time.monotonic() + limits.total_timeout)
        except ApiError as error:
            # A socket shut by the watchdog looks like a dropped connection: say what it was.
            if not watchdog.expired or error.code not in ("fetch_failed", "not_html"):
                raise
            page = None
        if watchdog.expired:  # also when the cut-off page happened to end cleanly
            raise ApiError("fetch_timeout", f"{_host(url)} did not send the page within "
                                            f"{limits.total_timeout:g} seconds.")
        return page


def _fetch(url, limits, deadline):
    for _ in range(limits.max_redirects + 1):
        response = _request(url, limits, deadline)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise ApiError("fetch_failed", f"{_host(url)} sent a redirect without a target.")
                url = urljoin(url, location)
                check_url(url)
                continue
            if response.status >= 400:
                raise ApiError("fetch_failed", f"{_host(url)} answered HTTP {response.status} "
                                               f"{response.reason or ''}".rstrip() + ".")
            content_type = response.headers.get("Content-Type", "")
            mime = content_type.split(";")[0].strip().lower()
            if mime and mime not in HTML_TYPES:
                raise ApiError("not_html", f"{_host(url)} sent {mime}, not a web page.")
            body = _read_capped(response, limits, deadline, url)
            if not mime and not _looks_like_html(body):
                raise ApiError("not_html", f"{_host(url)} sent something that is not a web page.")
            return FetchedPage(url=url, html=decode(body, content_type))
        finally:
            response.release_conn()
    raise ApiError("fetch_failed", f"Too many redirects (more than {limits.max_redirects}) "
                                   f"from {_host(url)}.")


def _request(url, limits, deadline):
    remaining = max(0.1, deadline - time.monotonic())
    timeout = urllib3.Timeout(connect=min(limits.connect_timeout, remaining),
                              read=min(limits.read_timeout, remaining))
    try:
        return _POOL.request("GET", url, redirect=False, retries=False, timeout=timeout,
                             preload_content=False, decode_content=True)
    except urllib3.exceptions.NewConnectionError as exc:
        # Checked first: urllib3 makes it a subclass of ConnectTimeoutError.
        raise ApiError("fetch_failed", f"Could not reach {_host(url)}: {_reason(exc)}.") from None
    except (urllib3.exceptions.ConnectTimeoutError, urllib3.exceptions.ReadTimeoutError):
        raise ApiError("fetch_timeout", f"{_host(url)} did not answer in time.") from None
    except urllib3.exceptions.HTTPError as exc:
        raise ApiError("fetch_failed", f"Could not reach {_host(url)}: {_reason(exc)}.") from None


def _read_capped(response, limits, deadline, url):
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > limits.max_bytes:
                raise ApiError("too_large", f"The page at {_host(url)} is larger than "
                                            f"{limits.max_bytes // (1024 * 1024)} MB.")
            if time.monotonic() > deadline:
                raise ApiError("fetch_timeout", f"{_host(url)} sent the page too slowly.")
            chunks.append(chunk)
    except urllib3.exceptions.ReadTimeoutError:
        raise ApiError("fetch_timeout", f"{_host(url)} stopped sending the page.") from None
    except urllib3.exceptions.HTTPError as exc:
        raise ApiError("fetch_failed", f"Reading the page from {_host(url)} failed: "
                                       f"{_reason(exc)}.") from None
    return b"".join(chunks)


def decode(body, content_type=""):
    """Decode with the header's charset, else the page's <meta>, else UTF-8, else Windows-1252."""
    candidates = []
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.I)
    if match:
        candidates.append(match.group(1))
    match = _META_CHARSET.search(body[:8192])
    if match:
        candidates.append(match.group(1).decode("ascii", "ignore"))
    for charset in candidates:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def _looks_like_html(body):
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml", b"<"))


def _host(url):
    return urlsplit(url).hostname or url


def _reason(exc):
    # urllib3 wraps the socket error; its innermost reason is what a person can act on.
    reason = getattr(exc, "reason", None) or exc
    text = str(reason)
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return "the host name could not be resolved"
    if "Connection refused" in text:
        return "the connection was refused"
    return text.split(": ", 1)[-1][:200]
