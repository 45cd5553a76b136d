"""py3langid's model, unpacked once to the user's cache and memory-mapped.

py3langid ships its model compressed and unpacks all of it into memory (~75 MB) in every
process that loads it. Unpacked once to plain arrays on disk and mapped, a process holds only
the pages a text's characters walk through (~36 MB for a first text, as the kernel maps pages
around each access), and the operating system shares them.

The helper needs the identifier only for the rare page neither its declaration nor its frequent
words place (entity_lens.language), so it asks a short-lived child process (~0.3 s): its own
memory never holds the model, not even at its peak.

    python -m entity_lens.language_model DIR              # unpack into DIR
    python -m entity_lens.language_model --classify DIR   # stdin's text → "code probability"
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


def classify_apart(text, timeout=30):
    """(code, probability) from py3langid in a child process; ("", 0.0) if it fails."""
    try:
        answer = subprocess.run(
            [sys.executable, "-m", "entity_lens.language_model", "--classify", str(model_dir())],
            input=text, capture_output=True, text=True, encoding="utf-8", timeout=timeout,
            check=True)
        code, probability = answer.stdout.split()
        return code, float(probability)
    except (OSError, subprocess.SubprocessError, ValueError):
        return "", 0.0


def _main(args):
    if args[0] == "--classify":
        sys.stdin.reconfigure(encoding="utf-8")
        code, probability = load_identifier().classify(sys.stdin.read())
        print(code, probability)
    else:
        unpack(args[0])


if __name__ == "__main__":
    _main(sys.argv[1:])
