"""Who may use the helper: holders of a token the reader handed out by pairing.

An `Origin` header proves nothing against another extension: with host permissions it can set
or remove request headers (declarativeNetRequest, webRequest). So the helper trusts a secret
instead. The reader runs `entity-lens pair` at a terminal, which prints a one-time code; they
type it into the Entity Lens options page, which trades it (`POST /v1/pair`) for a token that the
extension then sends on every request (`Authorization: Bearer …`). The code travels from the
reader's terminal to the extension's own page through the reader's hands: no web page and no
other extension sees it, and wrong guesses void every waiting code after a few tries.

The state is one JSON file in the reader's configuration folder, owner-only, holding only hashes
of codes and tokens. The server (redeems codes, reads tokens) and the CLI (makes codes, lists
and forgets tokens) share it; every change is made under a file lock and written atomically.
"""

import hashlib
import json
import os
import secrets
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read, then typed by hand
CODE_TTL_SECONDS = 600
MAX_PENDING = 8  # codes waiting at once; the oldest goes first
MAX_FAILURES = 5  # wrong codes tried before every waiting code is void
MAX_NAME = 80


class PairingError(Exception):
    """A wrong or expired code, or a configuration folder that is not safe to use."""


def config_dir(env=None, platform=None, home=None):
    """The reader's configuration folder for Entity Lens ($ENTITY_LENS_CONFIG_DIR wins)."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    home = Path(home or Path.home())
    if env.get("ENTITY_LENS_CONFIG_DIR"):
        return Path(env["ENTITY_LENS_CONFIG_DIR"])
    if platform.startswith("win"):
        return Path(env.get("APPDATA") or home / "AppData" / "Roaming") / "entity-lens"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "entity-lens"
    return Path(env.get("XDG_CONFIG_HOME") or home / ".config") / "entity-lens"


def normalise_code(code):
    """The code as typed ("abcd efgh", " ABCD-EFGH ") → "ABCD-EFGH"."""
    letters = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters


def _digest(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def bearer_token(authorization):
    """The token of an `Authorization: Bearer …` header, or None."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and 20 <= len(token) <= 200 else None


class PairingStore:
    """Tokens and waiting codes in `path` (a JSON file)."""

    def __init__(self, path, clock=time.time):
        self.path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()
        self._cache = (None, {})  # (file stamp, tokens) for the per-request check

    # The file -------------------------------------------------------------------------------

    def _folder(self):
        """The folder, made owner-only; refused if another user owns it or may write to it."""
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if hasattr(os, "getuid"):
            info = folder.stat()
            if info.st_uid != os.getuid():
                raise PairingError(f"{folder} belongs to another user; pairing will not use it.")
            if info.st_mode & 0o077:
                os.chmod(folder, 0o700)
        return folder

    def _load(self):
        try:
            # No symlinks: the file must be the one in this folder.
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return {"tokens": {}, "pending": {}}
        except OSError as exc:
            raise PairingError(f"Cannot read {self.path}: {exc.strerror or exc}.") from None
        try:
            with os.fdopen(fd, encoding="utf-8") as handle:
                data = json.load(handle)
            return {"tokens": dict(data.get("tokens") or {}),
                    "pending": dict(data.get("pending") or {})}
        except (OSError, ValueError, AttributeError, TypeError):
            return {"tokens": {}, "pending": {}}  # damaged: pairs nothing, the next write replaces it

    def _save(self, state):
        # A fresh, exclusive, owner-only file each time, then an atomic rename over the old one.
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".pairing-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(state, handle, indent=2, sort_keys=True)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @contextmanager
    def _changing(self):
        """The state, to change in place; saved on exit. One writer at a time, across processes."""
        with self._lock:
            folder = self._folder()
            lock_path = folder / "pairing.lock"
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                _lock_file(fd)
                state = self._load()
                yield state
                self._save(state)
            finally:
                os.close(fd)  # closing releases the lock

    # Checks (every request) -----------------------------------------------------------------

    def is_authorised(self, token):
        if not token:
            return False
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except FileNotFoundError:
            return False
        if stamp != self._cache[0]:
            try:
                self._cache = (stamp, self._load()["tokens"])
            except PairingError:
                return False  # an unusable file (a planted link) pairs nobody
        return _digest(token) in self._cache[1]

    def tokens(self):
        """[(short id, name, since)] of the tokens handed out, oldest first."""
        items = self._load()["tokens"].items()
        return sorted(((digest[:8], info.get("name", ""), info.get("since", 0))
                       for digest, info in items), key=lambda item: item[2])

    # Changes --------------------------------------------------------------------------------

    def new_code(self):
        """A one-time code for the reader to type into the Entity Lens options (CLI side)."""
        now = self._clock()
        code = normalise_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(8)))
        with self._changing() as state:
            pending = {d: p for d, p in state["pending"].items() if p.get("expires", 0) > now}
            while len(pending) >= MAX_PENDING:
                pending.pop(min(pending, key=lambda d: pending[d]["expires"]))
            pending[_digest(code)] = {"expires": now + CODE_TTL_SECONDS, "failures": 0}
            state["pending"] = pending
        return code

    def redeem(self, code, name):
        """Trade a waiting code for a new token (server side); the code is used up."""
        now = self._clock()
        token = None
        with self._changing() as state:
            pending = {d: p for d, p in state["pending"].items() if p.get("expires", 0) > now}
            if pending.pop(_digest(normalise_code(code)), None) is None:
                # A wrong guess counts against every waiting code: guessing cannot go on.
                for item in pending.values():
                    item["failures"] = item.get("failures", 0) + 1
                pending = {d: p for d, p in pending.items() if p["failures"] < MAX_FAILURES}
            else:
                token = secrets.token_urlsafe(32)
                state["tokens"][_digest(token)] = {"name": str(name)[:MAX_NAME],
                                                   "since": round(now)}
            state["pending"] = pending
        if token is None:
            raise PairingError("That code is wrong or has expired. Run `entity-lens pair` again "
                               "and type the new code.")
        return token

    def create_token(self, name):
        """A token for a program of the reader's (scripts, curl), without the browser's steps."""
        token = secrets.token_urlsafe(32)
        with self._changing() as state:
            state["tokens"][_digest(token)] = {"name": str(name)[:MAX_NAME],
                                               "since": round(self._clock())}
        return token

    def local_token(self):
        """The token of the reader's own programs on this computer (`service status`, scripts,
        curl), kept in an owner-only file beside the state; made on first use."""
        path = self._folder() / "cli-token"
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, encoding="utf-8") as handle:
                token = handle.read().strip()
            if self.is_authorised(token):
                return token
        except OSError:
            pass
        token = self.create_token("command line (this computer)")
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cli-token-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token + "\n")
        os.replace(temporary, path)
        return token

    def forget(self, which="all"):
        """Revoke the token whose short id (or name) is `which`, or all; returns what went."""
        with self._changing() as state:
            gone = [d for d, info in state["tokens"].items()
                    if which == "all" or d.startswith(which) or info.get("name") == which]
            for digest in gone:
                del state["tokens"][digest]
        return [d[:8] for d in gone]


def _lock_file(fd):
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX)


def paired_summary(store):
    """What may use the helper, one line each (`pair --list`, `service status`)."""
    tokens = store.tokens()
    if not tokens:
        return "Paired: nothing yet (run `entity-lens pair` and type the code into Entity Lens)"
    return "\n".join(f"Paired: {name or 'unnamed'} (id {short}, since "
                     f"{time.strftime('%Y-%m-%d %H:%M', time.localtime(since))})"
                     for short, name, since in tokens)


def default_store(env=None, platform=None, home=None):
    return PairingStore(config_dir(env, platform, home) / "pairing.json")
