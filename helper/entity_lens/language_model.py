"""py3langid's model, unpacked once to the user's cache and memory-mapped.

py3langid ships its model compressed and unpacks all of it into memory (~75 MB) in every
process that loads it. Unpacked once to plain arrays on disk and mapped, a process holds only
the pages a text's characters actually walk through, and the operating system shares them.
The unpacking runs in a child process, so that the helper's own peak memory never holds it.

    python -m entity_lens.language_model DIR     # unpack into DIR (what the helper runs)
"""

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np

_ARRAYS = ("ptc", "pc", "nextmove", "row", "output")


def cache_dir(env=os.environ, home=None):
    """Where the unpacked model lives: the platform's per-user cache folder."""
    home = Path(home or Path.home())
    if env.get("ENTITY_LENS_CACHE"):
        return Path(env["ENTITY_LENS_CACHE"])
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = Path(env.get("XDG_CACHE_HOME") or home / ".cache")
    return base / "entity-lens"


def model_dir():
    return cache_dir() / f"py3langid-{version('py3langid')}"


def unpack(target):
    """Write py3langid's model as .npy arrays and classes.json into `target`, atomically."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    target = Path(target)
    partial = target.with_name(target.name + f".partial-{os.getpid()}")
    partial.mkdir(parents=True, exist_ok=True)
    arrays = {"ptc": np.asarray(ptc), "pc": np.asarray(pc),
              "nextmove": np.frombuffer(nextmove, dtype=f"u{nextmove.itemsize}"),
              "row": np.frombuffer(row, dtype=f"u{row.itemsize}"),
              "output": np.asarray(output, dtype=np.int32)}
    for name, array in arrays.items():
        np.save(partial / f"{name}.npy", array)
    (partial / "classes.json").write_text(json.dumps(classes))
    os.replace(partial, target)


def load_identifier():
    """py3langid's LanguageIdentifier over the mapped arrays (unpacking them first if needed);
    py3langid's own in-memory model when the cache cannot be written."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    target = model_dir()
    if not (target / "classes.json").exists():
        try:
            subprocess.run([sys.executable, "-m", "entity_lens.language_model", str(target)],
                           check=True, timeout=300, capture_output=True)
        except (OSError, subprocess.SubprocessError):
            return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mapped = {name: np.load(target / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    classes = json.loads((target / "classes.json").read_text())
    return LanguageIdentifier(mapped["ptc"], np.array(mapped["pc"]), classes, mapped["nextmove"],
                              mapped["output"], norm_probs=True, tk_row=mapped["row"].tolist())


if __name__ == "__main__":
    unpack(sys.argv[1])
