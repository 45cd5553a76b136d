"""Run the helper as a per-user background service that starts at login.

Linux uses a systemd user unit, macOS a launchd LaunchAgent, Windows a
Task Scheduler task. The functions that build file text and command lines
are pure (platform, paths and executables are passed in) so they can be
tested on any system; `execute` is the only place that touches the disk or
runs the service manager.

It knows nothing of the command line: cli_service.py is `entity-lens service ...`, and
__main__.py the windowless entry point the Windows logon task runs.
"""

import json
import plistlib
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

UNIT_NAME = "entity-lens.service"
LAUNCHD_LABEL = "org.entitylens.helper"
TASK_NAME = "Entity Lens helper"
LOG_LINES = 100
# How long `install` waits for the freshly started helper to answer (the
# model takes a few seconds to load).
START_TIMEOUT = 20.0


# -- Where things go ---------------------------------------------------------


def current_platform(sys_platform=sys.platform):
    if sys_platform.startswith("linux"):
        return "linux"
    if sys_platform == "darwin":
        return "darwin"
    if sys_platform in ("win32", "cygwin"):
        return "windows"
    raise SystemExit(f"entity-lens service: unsupported platform {sys_platform!r}")


def unit_path(home, env):
    # systemd reads user units from $XDG_CONFIG_HOME, which defaults to ~/.config.
    config_home = env.get("XDG_CONFIG_HOME") or str(Path(home) / ".config")
    return Path(config_home) / "systemd" / "user" / UNIT_NAME


def plist_path(home):
    return Path(home) / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"


def macos_log_dir(home):
    return Path(home) / "Library" / "Logs" / "entity-lens"


def windows_log_dir(home, env):
    local = env.get("LOCALAPPDATA") or str(Path(home) / "AppData" / "Local")
    return Path(local) / "entity-lens"


def windows_log_path(home, env):
    return windows_log_dir(home, env) / "helper.log"


def find_executable(platform, sys_executable=sys.executable):
    """The absolute path of what the service runs.

    The entity-lens script installed next to this interpreter is preferred
    over PATH, so a pipx or venv install points at itself. On Windows the
    windowless interpreter runs the package instead (see __main__.py).
    """
    bindir = Path(sys_executable).parent
    if platform == "windows":
        pythonw = bindir / "pythonw.exe"
        return str(pythonw if pythonw.exists() else Path(sys_executable))
    script = bindir / "entity-lens"
    if script.exists():
        return str(script.absolute())
    found = shutil.which("entity-lens")
    if not found:
        raise SystemExit("entity-lens service: cannot find the installed `entity-lens` command")
    return str(Path(found).absolute())


def serve_args(port, model):
    args = ["serve", "--port", str(port)]
    if model:
        args += ["--model", model]
    return args


# -- Linux: systemd user unit ------------------------------------------------


def systemd_quote(arg, is_program=False):
    # systemd expands % specifiers everywhere in ExecStart and $VARS in the
    # arguments (not in the program path), and splits on whitespace: escape
    # those and quote when needed.
    arg = arg.replace("%", "%%")
    if not is_program:
        arg = arg.replace("$", "$$")
    if arg and not any(c in arg for c in " \t\"'\\"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_unit(exe, port, model):
    exec_start = " ".join([systemd_quote(exe, is_program=True),
                           *(systemd_quote(a) for a in serve_args(port, model))])
    return (
        "[Unit]\n"
        "Description=Entity Lens helper (local named-entity annotation for the browser extension)\n"
        "\n"
        "[Service]\n"
        "Type=simple\n"
        f"ExecStart={exec_start}\n"
        "Restart=on-failure\n"
        "RestartSec=2\n"
        "# Log lines reach the journal as they are written.\n"
        "Environment=PYTHONUNBUFFERED=1\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def systemctl(*args):
    return ["systemctl", "--user", *args]


# -- macOS: launchd agent ----------------------------------------------------


def launchd_plist(exe, port, model, home):
    logs = macos_log_dir(home)
    job = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": [exe, *serve_args(port, model)],
        "RunAtLoad": True,
        # Come back after a crash, but not after a clean stop (exit 0).
        "KeepAlive": {"SuccessfulExit": False},
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
        "StandardOutPath": str(logs / "helper.out.log"),
        "StandardErrorPath": str(logs / "helper.err.log"),
        "ProcessType": "Background",
    }
    return plistlib.dumps(job).decode("utf-8")


def launchctl(action, uid, target):
    return ["launchctl", action, f"gui/{uid}", str(target)]


# -- Windows: Task Scheduler -------------------------------------------------


def windows_task_command(pythonw, port, model):
    # pythonw has no console window and no stderr, so the package's __main__.py
    # sends the log to a file and runs `entity-lens serve`.
    argv = [pythonw, "-m", "entity_lens", *serve_args(port, model)]
    return subprocess.list2cmdline(argv)


def schtasks_create(pythonw, port, model):
    return [
        "schtasks", "/Create", "/F",  # /F replaces an existing task: install twice is harmless
        "/TN", TASK_NAME,
        "/SC", "ONLOGON",
        # Runs as the user who installs it, only in their session (/IT: no stored
        # password), with their normal rights.
        "/IT", "/RL", "LIMITED",
        "/TR", windows_task_command(pythonw, port, model),
    ]


def schtasks(action, *extra):
    return ["schtasks", f"/{action}", "/TN", TASK_NAME, *extra]


# -- Plans: what install and uninstall do, as data ---------------------------


@dataclass(frozen=True)
class Write:
    path: Path
    text: str


@dataclass(frozen=True)
class MakeDir:
    path: Path


@dataclass(frozen=True)
class Remove:
    path: Path  # a file or a whole directory


@dataclass(frozen=True)
class Run:
    argv: list
    may_fail: bool = False  # e.g. stopping something that is not running


def install_plan(platform, exe, port, model, home, env, uid=None):
    if platform == "linux":
        return [
            Write(unit_path(home, env), systemd_unit(exe, port, model)),
            Run(systemctl("daemon-reload")),
            Run(systemctl("enable", UNIT_NAME)),
            # restart, not start: a second install with a new port takes effect.
            Run(systemctl("restart", UNIT_NAME)),
        ]
    if platform == "darwin":
        path = plist_path(home)
        return [
            Write(path, launchd_plist(exe, port, model, home)),
            MakeDir(macos_log_dir(home)),
            # bootstrap refuses an already loaded job, so unload it first.
            Run(launchctl("bootout", uid, path), may_fail=True),
            Run(launchctl("bootstrap", uid, path)),
        ]
    return [
        MakeDir(windows_log_dir(home, env)),
        Run(schtasks("End"), may_fail=True),
        Run(schtasks_create(exe, port, model)),
        Run(schtasks("Run")),
    ]


def uninstall_plan(platform, home, env, uid=None):
    if platform == "linux":
        return [
            Run(systemctl("disable", "--now", UNIT_NAME), may_fail=True),
            Remove(unit_path(home, env)),
            Run(systemctl("daemon-reload")),
        ]
    if platform == "darwin":
        path = plist_path(home)
        return [
            Run(launchctl("bootout", uid, path), may_fail=True),
            Remove(path),
            Remove(macos_log_dir(home)),
        ]
    return [
        Run(schtasks("End"), may_fail=True),
        Run(schtasks("Delete", "/F"), may_fail=True),
        Remove(windows_log_dir(home, env)),
    ]


def describe(plan, platform):
    """The dry-run text: file contents in full, commands as that system's shell takes them."""
    join = subprocess.list2cmdline if platform == "windows" else shlex.join
    lines = []
    for step in plan:
        if isinstance(step, Write):
            lines += [f"write {step.path}:", step.text.rstrip("\n"), ""]
        elif isinstance(step, MakeDir):
            lines.append(f"create directory {step.path}")
        elif isinstance(step, Remove):
            lines.append(f"remove {step.path}")
        else:
            lines.append("run " + join(step.argv) + ("  (may fail)" if step.may_fail else ""))
    return "\n".join(lines)


def execute(plan):
    """Carry out a plan; returns the exit code of the first command that failed, or 0."""
    for step in plan:
        if isinstance(step, Write):
            step.path.parent.mkdir(parents=True, exist_ok=True)
            step.path.write_text(step.text, encoding="utf-8")
        elif isinstance(step, MakeDir):
            step.path.mkdir(parents=True, exist_ok=True)
        elif isinstance(step, Remove):
            if step.path.is_dir():
                shutil.rmtree(step.path)
            else:
                step.path.unlink(missing_ok=True)
        else:
            code = call(step.argv, quiet=step.may_fail)
            if code and not step.may_fail:
                print(f"entity-lens service: `{shlex.join(step.argv)}` failed (exit {code})",
                      file=sys.stderr)
                return code
    return 0


def call(argv, quiet=False):
    try:
        out = subprocess.DEVNULL if quiet else None
        return subprocess.run(argv, stdout=out, stderr=out).returncode
    except FileNotFoundError:
        print(f"entity-lens service: `{argv[0]}` not found", file=sys.stderr)
        return 127


# -- Status ------------------------------------------------------------------


def fetch_health(port, timeout=2.0, token=None):
    """The helper's /v1/health answer, or None when nothing answers. Without a paired `token`
    it says only that the helper runs and its version."""
    # No proxy: a user's HTTP_PROXY must not swallow a loopback request.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/health")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with opener.open(request, timeout=timeout) as resp:
            return json.load(resp)
    except (OSError, ValueError):  # URLError is an OSError; ValueError: not JSON
        return None


def wait_for_health(port, timeout):
    deadline = time.monotonic() + timeout
    while True:
        health = fetch_health(port)
        if health or time.monotonic() >= deadline:
            return health
        time.sleep(0.5)


def installed_argv(platform, home, env):
    """The command line the installed service runs, if it was installed here."""
    try:
        if platform == "linux":
            for line in unit_path(home, env).read_text(encoding="utf-8").splitlines():
                if line.startswith("ExecStart="):
                    # Close enough to systemd's own splitting for lines we wrote.
                    return shlex.split(line[len("ExecStart="):].replace("%%", "%"))
        elif platform == "darwin":
            return plistlib.loads(plist_path(home).read_bytes())["ProgramArguments"]
    except (OSError, ValueError, KeyError, plistlib.InvalidFileException):
        pass
    return None


def port_in(argv):
    if argv and "--port" in argv[:-1]:
        value = argv[argv.index("--port") + 1]
        if value.isdigit():
            return int(value)
    return None


def health_summary(port, health):
    if not health:
        return f"not running (nothing answers on 127.0.0.1:{port})"
    model = health.get("model") or {}
    return (f"running on 127.0.0.1:{port}, version {health.get('version', '?')}, "
            f"model {model.get('name', '?')} {model.get('version', '')}".rstrip())


def tail(path, lines=LOG_LINES):
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    # Logon tasks installed by earlier versions run `pythonw -m entity_lens.service serve ...`:
    # they keep working, through the package's own entry point.
    import runpy

    runpy.run_module("entity_lens", run_name="__main__", alter_sys=True)
