"""Which browser extensions may use the helper: the pinned Chrome id, and what the reader paired.

Chrome extensions have a fixed id (the manifest's `key`), so Entity Lens for Chrome is known in
advance. Firefox gives every installation a random `moz-extension://<uuid>` origin, so Firefox
(and any other build) pairs once: the extension asks the helper for a code, shows it, and the
reader confirms it at a terminal with `entity-lens pair CODE`. Confirming needs write access to
the reader's own configuration folder, which no web page and no other extension has; a code
alone grants nothing. Nothing is trusted on first use.

The state is one JSON file, written atomically and readable by its owner only, shared by the
server (which asks for codes and reads who is paired) and the `pair` command (which confirms).
"""

import json
import os
import secrets
import sys
import threading
import time
from pathlib import Path

# The id Chrome derives from the manifest's `key` (see extension/manifest.json).
CHROME_EXTENSION_ID = "nagcagbnmfohcnbcgfdklnpbdimfmhhc"
PINNED_ORIGINS = (f"chrome-extension://{CHROME_EXTENSION_ID}",)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud, typed by hand
CODE_TTL_SECONDS = 600
MAX_PENDING = 8  # codes waiting at once; the oldest goes first


class PairingError(Exception):
    """A code that is unknown or expired, or a state file that cannot be used."""


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
    """The code as typed ("abcd efgh", "ABCD-EFGH") → "ABCD-EFGH"."""
    letters = "".join(ch for ch in str(code).upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == 8 else letters


def new_code():
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return normalise_code(letters)


class PairingStore:
    """The paired origins and the codes waiting for the reader, in `path` (a JSON file)."""

    def __init__(self, path, pinned=PINNED_ORIGINS, clock=time.time):
        self.path = Path(path)
        self.pinned = tuple(pinned)
        self._clock = clock
        self._lock = threading.Lock()
        self._cache = (None, {"paired": {}, "pending": {}})  # (file stamp, state)

    # Reading -------------------------------------------------------------------------------

    def _stamp(self):
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def _read(self):
        """The state, re-read only when the file changed (a stat per request, no parsing)."""
        stamp = self._stamp()
        if stamp is not None and stamp == self._cache[0]:
            return self._cache[1]
        state = {"paired": {}, "pending": {}}
        if stamp is not None:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                state["paired"] = dict(data.get("paired") or {})
                state["pending"] = dict(data.get("pending") or {})
            except (OSError, ValueError, AttributeError):
                pass  # a damaged file pairs nothing; the next write replaces it
        self._cache = (stamp, state)
        return state

    def _write(self, state):
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        # Owner-only from the start: the file says which extensions may use the helper.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle, indent=2, sort_keys=True)
        os.replace(temporary, self.path)
        self._cache = (self._stamp(), state)

    def is_trusted(self, origin):
        return origin in self.pinned or origin in self._read()["paired"]

    def paired(self):
        """{origin: paired-at (epoch seconds)} of the origins the reader paired."""
        return dict(self._read()["paired"])

    # Changing ------------------------------------------------------------------------------

    def request_code(self, origin):
        """A fresh code for `origin` to show the reader (replacing its earlier one)."""
        with self._lock:
            state = self._read()
            now = self._clock()
            pending = {code: item for code, item in state["pending"].items()
                       if item.get("expires", 0) > now and item.get("origin") != origin}
            while len(pending) >= MAX_PENDING:
                pending.pop(min(pending, key=lambda c: pending[c]["expires"]))
            code = new_code()
            pending[code] = {"origin": origin, "expires": now + CODE_TTL_SECONDS}
            self._write({"paired": state["paired"], "pending": pending})
            return code

    def confirm(self, code):
        """Pair the origin that asked for `code`; returns that origin."""
        code = normalise_code(code)
        with self._lock:
            state = self._read()
            item = state["pending"].get(code)
            if item is None or item.get("expires", 0) <= self._clock():
                raise PairingError(
                    f"No pairing code {code} is waiting (codes last {CODE_TTL_SECONDS // 60} "
                    f"minutes). Click Pair in the Entity Lens options again and use the new code.")
            pending = dict(state["pending"])
            del pending[code]
            paired = dict(state["paired"], **{item["origin"]: round(self._clock())})
            self._write({"paired": paired, "pending": pending})
            return item["origin"]

    def forget(self, origin=None):
        """Unpair `origin`, or every paired origin when None; returns the origins removed."""
        with self._lock:
            state = self._read()
            removed = [o for o in state["paired"] if origin is None or o == origin]
            paired = {o: t for o, t in state["paired"].items() if o not in removed}
            self._write({"paired": paired, "pending": state["pending"]})
            return removed


def paired_summary(store):
    """The pinned and paired extension origins, one per line (`pair --list`, `service status`)."""
    lines = [f"Entity Lens for Chrome: {', '.join(store.pinned)} (built in)"]
    paired = store.paired()
    if not paired:
        lines.append("Paired browsers: none (Firefox: click Pair in the Entity Lens options)")
    for origin, since in sorted(paired.items(), key=lambda item: item[1]):
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(since))
        lines.append(f"Paired: {origin} (since {when})")
    return "\n".join(lines)


def default_store(env=None, platform=None, home=None):
    return PairingStore(config_dir(env, platform, home) / "pairing.json")
