"""`entity-lens service ACTION`: the command line of the login service (service.py).

service.py builds plans and carries them out; this module reads the arguments, prints what
happened and picks the exit code.
"""

import argparse
import os
import sys
from pathlib import Path

from . import service
from .config import DEFAULT_PORT
from .pairing import PairingError, default_store, paired_summary


def port_number(text):
    port = int(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port number (1-65535)")
    return port


def add_arguments(parser):
    actions = parser.add_subparsers(dest="service_action", required=True, metavar="ACTION")
    port = argparse.ArgumentParser(add_help=False)
    port.add_argument("--port", type=port_number, default=None,
                      help=f"port the helper listens on (default {DEFAULT_PORT})")
    dry_run = argparse.ArgumentParser(add_help=False)
    dry_run.add_argument("--dry-run", action="store_true",
                         help="print what would be written and run, change nothing")

    install = actions.add_parser("install", parents=[port, dry_run],
                                 help="start the helper at login, and now")
    install.add_argument("--model", default=None,
                         help="spaCy pipeline the helper loads (default: the helper's choice)")
    actions.add_parser("uninstall", parents=[dry_run], help="stop the service and remove it")
    actions.add_parser("status", parents=[port], help="is the helper running, and which one")
    actions.add_parser("logs", help=f"the service's last {service.LOG_LINES} log lines")


def run(args, platform=None):
    platform = platform or service.current_platform()
    home = Path.home()
    env = os.environ
    action = args.service_action
    if action == "install":
        return _install(args, platform, home, env)
    if action == "uninstall":
        return _uninstall(args, platform, home, env)
    if action == "status":
        return _status(args, platform, home, env)
    return _logs(platform, home, env)


def _uid(platform):
    return os.getuid() if platform == "darwin" else None


def _install(args, platform, home, env):
    port = args.port or DEFAULT_PORT
    plan = service.install_plan(platform, service.find_executable(platform), port, args.model,
                                home, env, uid=_uid(platform))
    if args.dry_run:
        print(service.describe(plan, platform))
        return 0
    code = service.execute(plan)
    if code:
        # e.g. no user systemd manager (a container, an ssh session without login).
        print("The service manager refused, so the helper is not running as a service. "
              "Start it by hand with `entity-lens serve`; `entity-lens service uninstall` "
              "removes what was written.", file=sys.stderr)
        return code
    print(f"Installed the Entity Lens service: it starts at login on 127.0.0.1:{port}.")
    print(service.health_summary(port, service.wait_for_health(port, service.START_TIMEOUT)))
    return 0


def _uninstall(args, platform, home, env):
    plan = service.uninstall_plan(platform, home, env, uid=_uid(platform))
    if args.dry_run:
        print(service.describe(plan, platform))
        return 0
    code = service.execute(plan)
    if not code:
        print("Removed the Entity Lens service.")
    return code


def _status(args, platform, home, env):
    argv = service.installed_argv(platform, home, env)
    port = args.port or service.port_in(argv) or DEFAULT_PORT
    if platform == "linux":
        print(f"service file: {service.unit_path(home, env) if argv else 'not installed'}")
    elif platform == "darwin":
        print(f"service file: {service.plist_path(home) if argv else 'not installed'}")
    else:
        installed = service.call(service.schtasks("Query"), quiet=True) == 0
        print(f"scheduled task: {service.TASK_NAME if installed else 'not installed'}")
    store = default_store(env, platform, home)
    health = service.fetch_health(port)
    if health:
        # The model is told to paired callers only: ask as the reader's own programs do.
        try:
            health = service.fetch_health(port, token=store.local_token()) or health
        except (OSError, PairingError):
            pass
    print(service.health_summary(port, health))
    print(paired_summary(store))
    # 3 is what `systemctl status` and LSB scripts use for "not running".
    return 0 if health else 3


def _logs(platform, home, env):
    if platform == "linux":
        return service.call(["journalctl", "--user", "-u", "entity-lens",
                             "-n", str(service.LOG_LINES), "--no-pager"])
    if platform == "darwin":
        logs = service.macos_log_dir(home)
        paths = [logs / "helper.err.log", logs / "helper.out.log"]
    else:
        paths = [service.windows_log_path(home, env)]
    found = False
    for path in paths:
        lines = service.tail(path)
        if lines is not None:
            found = True
            print(f"==> {path} <==")
            print("\n".join(lines))
    if not found:
        print("no log yet: " + ", ".join(map(str, paths)), file=sys.stderr)
        return 1
    return 0
