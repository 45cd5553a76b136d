"""Fetching a page the way a careful browser would, within hard limits.

http and https only, public addresses only (every address a name resolves to is vetted and the
socket connects to a vetted one, on every redirect hop), connect/read time-outs plus an
overall deadline, a bounded number of redirects (each one checked again), a size cap enforced
while streaming, HTML only, decoded as a browser would (charsets.py). A response whose body is
not read to its end is closed, never put back in the pool.
"""

import socket
import sys
import threading
import time
from dataclasses import dataclass, fields
from urllib.parse import urljoin, urlsplit

import urllib3
import urllib3.connection
from urllib3.exceptions import (ConnectTimeoutError, LocationParseError, NameResolutionError,
                                NewConnectionError)
from urllib3.util.connection import allowed_gai_family, create_connection

from . import __version__, addresses
from .charsets import decode
from .config import Config
from .errors import ApiError

USER_AGENT = (f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              f"Chrome/130.0 Safari/537.36 EntityLens/{__version__} (Entity Lens local helper)")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "Accept-Language": "en;q=0.9,*;q=0.5",
}
# This thread's fetch: its watchdog and whether private addresses are allowed.
_local = threading.local()


class PrivateAddressRefused(Exception):
    """A connection was about to be made to an address that is not public."""

    def __init__(self, host):
        super().__init__(host)
        self.host = host


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


class _Vetted:
    """Mixed into urllib3's connections: resolve the name here, vet every address it has, then
    connect to a vetted address itself.

    Checking a name and letting the socket resolve it again would leave a gap a DNS server
    can use (answer a public address, then 127.0.0.1). urllib3 still uses the name for the Host
    header, TLS's server name (SNI) and the certificate check. Refused before any connection
    is tried, so the refusal says nothing about what listens there.
    """

    def _new_conn(self):
        resolved = _resolve(self._dns_host, self.port, self)
        if not getattr(_local, "allow_private_addresses", False):
            if not all(addresses.is_public(address) for address in resolved):
                raise PrivateAddressRefused(self.host)
        error = None
        for address in resolved:
            try:
                sock = create_connection((address, self.port), self.timeout,
                                         source_address=self.source_address,
                                         socket_options=self.socket_options)
            except TimeoutError as exc:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from exc
            except OSError as exc:
                error = exc
                continue
            sys.audit("http.client.connect", self, self.host, self.port)
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")


def _resolve(host, port, connection):
    """Every address `host` resolves to (an IP literal in any spelling resolves to itself)."""
    host = host.strip("[]")
    try:
        host.encode("idna")
    except UnicodeError:
        raise LocationParseError(f"'{host}', label empty or too long") from None
    try:
        infos = socket.getaddrinfo(host, port, allowed_gai_family(), socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise NameResolutionError(host, connection, exc) from exc
    return list(dict.fromkeys(info[4][0] for info in infos))


class _HTTPConnection(_Watched, _Vetted, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, _Vetted, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def _pool_manager():
    pool = urllib3.PoolManager(num_pools=8, headers=_HEADERS)
    pool.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}
    return pool


# One pool per address policy: a connection made while private addresses were allowed must
# never be reused by a fetch that refuses them. Pools never block: a busy host gets another
# connection, so a slow fetch holds no other fetch up.
_POOLS = {False: _pool_manager(), True: _pool_manager()}


@dataclass(frozen=True)
class FetchLimits:
    """What a fetch may do. The defaults are config.py's, the one place they are set."""

    max_bytes: int = Config.FETCH_MAX_BYTES
    connect_timeout: float = Config.FETCH_CONNECT_TIMEOUT
    read_timeout: float = Config.FETCH_READ_TIMEOUT
    total_timeout: float = Config.FETCH_TOTAL_TIMEOUT
    max_redirects: int = Config.FETCH_MAX_REDIRECTS
    # Unsafe outside tests: lets the helper read this computer and the local network.
    allow_private_addresses: bool = Config.ALLOW_PRIVATE_ADDRESSES

    @classmethod
    def from_config(cls, config):
        """The limits from a config mapping (keys FETCH_MAX_BYTES, ..., ALLOW_PRIVATE_ADDRESSES)."""
        return cls(**{field.name: config[_config_key(field.name)] for field in fields(cls)})


def _config_key(field_name):
    # max_bytes → FETCH_MAX_BYTES; allow_private_addresses → ALLOW_PRIVATE_ADDRESSES.
    return (field_name if field_name.startswith("allow_") else "fetch_" + field_name).upper()


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
    _local.allow_private_addresses = limits.allow_private_addresses
    try:
        return _fetch_watched(url, limits)
    finally:
        _local.allow_private_addresses = False


def _fetch_watched(url, limits):
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
    first_host = _host(url)
    for _ in range(limits.max_redirects + 1):
        response = _request(url, limits, deadline, first_host)
        read_to_end = False
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
            read_to_end = True
            if not mime and not _looks_like_html(body):
                raise ApiError("not_html", f"{_host(url)} sent something that is not a web page.")
            return FetchedPage(url=url, html=decode(body, content_type))
        finally:
            if not read_to_end:
                # Unread bytes (a redirect's body, an error page, a refused type, a cut-off
                # page) would be read as the next response on this connection: close it.
                response.close()
            response.release_conn()
    raise ApiError("fetch_failed", f"Too many redirects (more than {limits.max_redirects}) "
                                   f"from {_host(url)}.")


def _request(url, limits, deadline, first_host):
    remaining = max(0.1, deadline - time.monotonic())
    timeout = urllib3.Timeout(connect=min(limits.connect_timeout, remaining),
                              read=min(limits.read_timeout, remaining))
    pool = _POOLS[limits.allow_private_addresses]
    try:
        return pool.request("GET", url, redirect=False, retries=False, timeout=timeout,
                            preload_content=False, decode_content=True)
    except PrivateAddressRefused as refused:
        message = _private_address_message(first_host, refused.host)
        raise ApiError("private_address", message) from None
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


def _private_address_message(first_host, host):
    where = host if host == first_host else f"{first_host} redirected to {host}, which"
    return (f"Entity Lens did not fetch this page: {where} leads to a private address (this computer "
            f"or your local network). The helper never connects to private addresses, so that "
            f"web pages cannot use it to look into your network. The extension reads the page "
            f"as your browser displays it instead.")


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
