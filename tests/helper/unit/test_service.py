"""The helper as a login service: generated files, command lines, dry run, install round trip.

The system service manager is the one thing faked (a `systemctl` on PATH that
records its calls): a user systemd manager cannot run in a root CI container.
Everything else is real: `systemd-analyze verify` checks the unit (the unit's ExecStart line
is run as is in ../integration/test_service_running.py).
"""

import os
import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from entity_lens import cli_service, service
from entity_lens.config import DEFAULT_PORT
from entity_lens.pairing import default_store
from helper_process import free_port
from support import exec_start, parse_service_args as parse


def files_under(path):
    return sorted(p for p in Path(path).rglob("*") if not p.is_dir())


@pytest.fixture
def systemctl_calls(tmp_path, monkeypatch):
    """A fake `systemctl` first on PATH; returns a function listing its calls."""
    bindir = tmp_path / "fakebin"
    bindir.mkdir()
    log = tmp_path / "systemctl.calls"
    fake = bindir / "systemctl"
    fake.write_text(f'#!/bin/sh\necho "$*" >> {shlex.quote(str(log))}\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    # Nothing starts behind the fake, so don't wait for the helper to answer.
    monkeypatch.setattr(service, "START_TIMEOUT", 0)
    return lambda: log.read_text().splitlines() if log.exists() else []


# -- Linux unit ---------------------------------------------------------------


def systemd_verify(unit, tmp_path):
    analyze = shutil.which("systemd-analyze")
    assert analyze, ("systemd-analyze is missing: install systemd "
                     "(apt-get install systemd) to check the generated unit")
    # --user needs a runtime directory even to verify; give it a private one.
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
    return subprocess.run([analyze, "--user", "verify", str(unit)], env=env,
                          capture_output=True, text=True)


def test_unit_passes_systemd_analyze_verify(tmp_path):
    unit = tmp_path / service.UNIT_NAME
    unit.write_text(service.systemd_unit(sys.executable, 7400, "en_core_web_sm"))
    result = systemd_verify(unit, tmp_path)
    # verify exits 0 on some warnings (e.g. an unknown Restart= value): demand silence.
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")


def test_unit_quotes_awkward_paths(tmp_path):
    # A space, a systemd specifier and a $ in the install path must reach the program as is.
    bindir = tmp_path / "my tools 100% $HOME"
    bindir.mkdir()
    exe = bindir / "entity-lens"
    exe.symlink_to(sys.executable)
    unit = tmp_path / service.UNIT_NAME
    unit.write_text(service.systemd_unit(str(exe), 7400, None))
    result = systemd_verify(unit, tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert f'ExecStart="{bindir}/entity-lens"'.replace("%", "%%") in unit.read_text()
    assert service.systemd_quote("a $b%c") == '"a $$b%%c"'
    assert service.systemd_quote('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'



def test_unit_runs_the_installed_helper_and_restarts_on_failure():
    text = service.systemd_unit("/opt/el/bin/entity-lens", 7400, "xx_model")
    assert exec_start(text) == ["/opt/el/bin/entity-lens", "serve", "--port", "7400",
                                "--model", "xx_model"]
    assert "Restart=on-failure\n" in text
    assert "WantedBy=default.target\n" in text
    assert exec_start(service.systemd_unit("/e", 7318, None)) == ["/e", "serve", "--port", "7318"]


def test_unit_path_follows_xdg_config_home(tmp_path):
    assert service.unit_path(tmp_path, {}) == (
        tmp_path / ".config" / "systemd" / "user" / "entity-lens.service")
    assert service.unit_path(tmp_path, {"XDG_CONFIG_HOME": "/cfg"}) == Path(
        "/cfg/systemd/user/entity-lens.service")


def test_linux_commands():
    plan = service.install_plan("linux", "/e", 7400, None, Path("/h"), {})
    assert [s.argv for s in plan if isinstance(s, service.Run)] == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "entity-lens.service"],
        ["systemctl", "--user", "restart", "entity-lens.service"],
    ]
    plan = service.uninstall_plan("linux", Path("/h"), {})
    assert [s.argv for s in plan if isinstance(s, service.Run)] == [
        ["systemctl", "--user", "disable", "--now", "entity-lens.service"],
        ["systemctl", "--user", "daemon-reload"],
    ]


# -- macOS plist --------------------------------------------------------------


def test_plist_parses_and_has_its_keys(tmp_path):
    text = service.launchd_plist("/opt/el/bin/entity-lens", 7400, "xx_model", tmp_path)
    job = plistlib.loads(text.encode("utf-8"))
    logs = tmp_path / "Library" / "Logs" / "entity-lens"
    assert job["Label"] == "org.entitylens.helper"
    assert job["ProgramArguments"] == ["/opt/el/bin/entity-lens", "serve", "--port", "7400",
                                       "--model", "xx_model"]
    assert job["RunAtLoad"] is True
    assert job["KeepAlive"] == {"SuccessfulExit": False}
    assert job["StandardOutPath"] == str(logs / "helper.out.log")
    assert job["StandardErrorPath"] == str(logs / "helper.err.log")
    assert service.plist_path(tmp_path) == (
        tmp_path / "Library" / "LaunchAgents" / "org.entitylens.helper.plist")


def test_macos_commands(tmp_path):
    plist = str(service.plist_path(tmp_path))
    plan = service.install_plan("darwin", "/e", 7400, None, tmp_path, {}, uid=501)
    assert [(s.argv, s.may_fail) for s in plan if isinstance(s, service.Run)] == [
        (["launchctl", "bootout", "gui/501", plist], True),
        (["launchctl", "bootstrap", "gui/501", plist], False),
    ]
    plan = service.uninstall_plan("darwin", tmp_path, {}, uid=501)
    assert [s.argv for s in plan if isinstance(s, service.Run)] == [
        ["launchctl", "bootout", "gui/501", plist]]
    assert service.Remove(tmp_path / "Library" / "Logs" / "entity-lens") in plan


# -- Windows command lines (built, not run) -------------------------------------

PYTHONW = r"C:\Program Files\Python311\pythonw.exe"


def test_windows_task_command_line():
    assert service.schtasks_create(PYTHONW, 7400, "xx_model") == [
        "schtasks", "/Create", "/F", "/TN", "Entity Lens helper", "/SC", "ONLOGON",
        "/IT", "/RL", "LIMITED",
        "/TR", r'"C:\Program Files\Python311\pythonw.exe" -m entity_lens'
               r" serve --port 7400 --model xx_model",
    ]
    # What CreateProcess receives: schtasks wants the inner quotes escaped as \".
    assert subprocess.list2cmdline(service.schtasks_create(PYTHONW, 7318, None)) == (
        r'schtasks /Create /F /TN "Entity Lens helper" /SC ONLOGON /IT /RL LIMITED'
        r' /TR "\"C:\Program Files\Python311\pythonw.exe\" -m entity_lens'
        r' serve --port 7318"'
    )


def test_windows_plans():
    env = {"LOCALAPPDATA": r"C:\Users\ana\AppData\Local"}
    home = Path("/home/ana")
    install = service.install_plan("windows", PYTHONW, 7400, None, home, env)
    assert [(s.argv, s.may_fail) for s in install if isinstance(s, service.Run)] == [
        (["schtasks", "/End", "/TN", "Entity Lens helper"], True),
        (service.schtasks_create(PYTHONW, 7400, None), False),
        (["schtasks", "/Run", "/TN", "Entity Lens helper"], False),
    ]
    uninstall = service.uninstall_plan("windows", home, env)
    assert [s.argv for s in uninstall if isinstance(s, service.Run)] == [
        ["schtasks", "/End", "/TN", "Entity Lens helper"],
        ["schtasks", "/Delete", "/TN", "Entity Lens helper", "/F"],
    ]
    assert service.Remove(service.windows_log_dir(home, env)) in uninstall
    assert service.windows_log_path(home, env) == Path(
        r"C:\Users\ana\AppData\Local") / "entity-lens" / "helper.log"


def test_windows_runs_the_windowless_interpreter(tmp_path):
    (tmp_path / "python.exe").touch()
    (tmp_path / "pythonw.exe").touch()
    found = service.find_executable("windows", sys_executable=str(tmp_path / "python.exe"))
    assert found == str(tmp_path / "pythonw.exe")


def test_linux_runs_the_script_next_to_this_interpreter():
    found = service.find_executable("linux")
    assert found == str(Path(sys.executable).parent / "entity-lens")
    assert os.access(found, os.X_OK)


# -- Dry run ------------------------------------------------------------------


@pytest.mark.parametrize("platform", ["linux", "darwin", "windows"])
@pytest.mark.parametrize("action", ["install", "uninstall"])
def test_dry_run_changes_nothing(platform, action, home, systemctl_calls, capsys):
    assert cli_service.run(parse(action, "--dry-run"), platform=platform) == 0
    assert list(home.iterdir()) == []
    assert systemctl_calls() == []
    assert capsys.readouterr().out.strip()


def test_dry_run_prints_the_unit_first_then_the_commands(home, systemctl_calls, capsys):
    port = 7400
    assert cli_service.run(parse("install", "--dry-run", "--port", str(port)), platform="linux") == 0
    out = capsys.readouterr().out
    unit = service.unit_path(home, {})
    text = service.systemd_unit(service.find_executable("linux"), port, None)
    assert out == (
        f"write {unit}:\n{text}\n"
        "run systemctl --user daemon-reload\n"
        "run systemctl --user enable entity-lens.service\n"
        "run systemctl --user restart entity-lens.service\n"
    )


def test_dry_run_shows_windows_commands_as_windows_runs_them(home, capsys):
    cli_service.run(parse("install", "--dry-run"), platform="windows")
    out = capsys.readouterr().out
    assert '/TN "Entity Lens helper" /SC ONLOGON' in out
    assert f"serve --port {DEFAULT_PORT}" in out


# -- Install twice, status, uninstall (Linux, files real, systemctl faked) ------


def test_install_twice_then_uninstall_removes_everything(home, systemctl_calls, capsys):
    port = free_port()
    unit = home / ".config" / "systemd" / "user" / "entity-lens.service"
    started = ["daemon-reload", "enable entity-lens.service", "restart entity-lens.service"]

    assert cli_service.run(parse("install", "--port", str(port)), platform="linux") == 0
    first = unit.read_text()
    assert exec_start(first)[1:] == ["serve", "--port", str(port)]
    assert [c.removeprefix("--user ") for c in systemctl_calls()] == started

    assert cli_service.run(parse("install", "--port", str(port)), platform="linux") == 0
    assert unit.read_text() == first
    assert files_under(home) == [unit]
    assert [c.removeprefix("--user ") for c in systemctl_calls()] == started * 2

    # status finds the port in the installed unit; nothing answers behind the fake.
    capsys.readouterr()
    assert cli_service.run(parse("status"), platform="linux") == 3
    out = capsys.readouterr().out
    assert f"not running (nothing answers on 127.0.0.1:{port})" in out
    # It also says what is paired with the helper.
    assert "Paired: nothing yet" in out
    store = default_store()
    store.redeem(store.new_code(), "Firefox")
    assert cli_service.run(parse("status"), platform="linux") == 3
    assert "Paired: Firefox (id " in capsys.readouterr().out
    shutil.rmtree(home / ".config" / "entity-lens")

    assert cli_service.run(parse("uninstall"), platform="linux") == 0
    assert files_under(home) == []
    assert [c.removeprefix("--user ") for c in systemctl_calls()[-2:]] == [
        "disable --now entity-lens.service", "daemon-reload"]

    # Uninstalling what is not there is harmless too.
    assert cli_service.run(parse("uninstall"), platform="linux") == 0


def test_failing_service_manager_is_reported(home, systemctl_calls, tmp_path, capsys):
    (tmp_path / "fakebin" / "systemctl").write_text("#!/bin/sh\nexit 1\n")
    assert cli_service.run(parse("install"), platform="linux") == 1
    err = capsys.readouterr().err
    assert "systemctl --user daemon-reload` failed (exit 1)" in err
    assert "Start it by hand with `entity-lens serve`" in err


def test_macos_logs_are_read_from_the_plist_log_files(home, capsys):
    logs = home / "Library" / "Logs" / "entity-lens"
    logs.mkdir(parents=True)
    (logs / "helper.err.log").write_text("".join(f"line {i}\n" for i in range(150)))
    assert cli_service.run(parse("logs"), platform="darwin") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"==> {logs / 'helper.err.log'} <=="
    assert out[1:] == [f"line {i}" for i in range(50, 150)]


def test_logs_without_a_log_say_so(home, capsys):
    assert cli_service.run(parse("logs"), platform="windows") == 1
    assert "no log yet" in capsys.readouterr().err


def test_port_is_checked():
    with pytest.raises(SystemExit):
        parse("install", "--port", "70000")
