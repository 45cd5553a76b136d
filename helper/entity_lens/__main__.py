"""`python -m entity_lens ARGS`: `entity-lens ARGS`, also where no console exists.

The Windows logon task (service.py) runs `pythonw -m entity_lens serve ...`: the windowless
interpreter has no stdout or stderr, so the log goes to a file in the user's local app data.
"""

import os
import sys
from pathlib import Path

from entity_lens.cli import main
from entity_lens.service import windows_log_path

# Keep one older log past this size, so the file does not grow forever.
LOG_ROTATE_BYTES = 1_000_000


def log_to_file(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > LOG_ROTATE_BYTES:
        path.replace(path.with_suffix(".log.1"))
    sys.stdout = sys.stderr = open(path, "a", encoding="utf-8", buffering=1)


if __name__ == "__main__":
    if sys.stderr is None:  # pythonw: no console
        log_to_file(windows_log_path(Path.home(), os.environ))
    sys.argv[0] = "entity-lens"
    sys.exit(main())
