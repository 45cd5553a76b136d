"""__main__.py: `python -m entity_lens` is `entity-lens`; without a console (pythonw, as the
Windows logon task runs it) its output goes to the log file instead."""

import os
import subprocess
import sys

from entity_lens import __version__, service


def test_python_m_entity_lens_is_the_command():
    result = subprocess.run([sys.executable, "-m", "entity_lens", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"entity-lens {__version__}\n")


def test_without_a_console_the_output_goes_to_the_log_file(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LOCALAPPDATA=str(tmp_path / "local"))
    log = service.windows_log_path(tmp_path, env)

    def no_console():  # what pythonw has: no standard output or error at all
        os.close(1)
        os.close(2)

    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "entity_lens", "--version"], env=env,
                                preexec_fn=no_console, timeout=60)
        assert result.returncode == 0
    # Appended, not replaced: a restart keeps the earlier lines.
    assert log.read_text(encoding="utf-8") == f"entity-lens {__version__}\n" * 2


def test_a_big_log_is_kept_once_as_log_1(tmp_path):
    env = dict(os.environ, HOME=str(tmp_path), LOCALAPPDATA=str(tmp_path / "local"))
    log = service.windows_log_path(tmp_path, env)
    log.parent.mkdir(parents=True)
    log.write_text("x" * 1_000_001)
    subprocess.run([sys.executable, "-m", "entity_lens", "--version"], env=env,
                   preexec_fn=lambda: (os.close(1), os.close(2)), timeout=60, check=True)
    assert log.with_suffix(".log.1").stat().st_size == 1_000_001
    assert log.read_text(encoding="utf-8") == f"entity-lens {__version__}\n"


def test_a_logon_task_from_an_earlier_version_still_starts_the_same_command():
    # Earlier versions' Windows task ran `pythonw -m entity_lens.service serve ...`.
    result = subprocess.run([sys.executable, "-m", "entity_lens.service", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"entity-lens {__version__}\n")
