"""`entity-lens model list|add`: the language models the helper has, and adding one.

Exit codes of `add`: 0 installed (or --dry-run), 2 no such language or size, 3 refused (a
placeholder name on PyPI), 4 pip failed or what it installed is no pipeline.
"""

import os
import sys
from pathlib import Path

from . import pipelines, service
from .language import language_name


def add_arguments(parser):
    actions = parser.add_subparsers(dest="model_action", required=True, metavar="ACTION")
    listing = actions.add_parser(
        "list", help="the language models installed, and the one the helper uses per language")
    listing.add_argument("--model", action="append", metavar="[LANG=]NAME",
                         help="as for serve (default: the installed service's --model, if any)")
    add = actions.add_parser(
        "add", help="install spaCy's pipeline for a language into the helper's environment")
    add.add_argument("lang", metavar="LANG", help="language code, e.g. de, pt, nl")
    add.add_argument("--size", default=None,
                     help=f"{'|'.join(pipelines.SIZES)}: larger finds names better, loads slower "
                          f"(default {pipelines.DEFAULT_SIZE}; French: "
                          f"{pipelines.default_size('fr')})")
    add.add_argument("--from", dest="source", metavar="FOLDER|URL",
                     default=os.environ.get("ENTITY_LENS_PIPELINE_SOURCE") or None,
                     help="a folder of wheels or a package index URL instead of pip's index "
                          "(default: $ENTITY_LENS_PIPELINE_SOURCE, else pip's own)")
    add.add_argument("--dry-run", action="store_true",
                     help="print the command it would run, change nothing")


def run(args):
    if args.model_action == "list":
        print(describe_models(args.model or service_models()))
        return 0
    return add(args)


def add(args):
    lang = args.lang.strip().lower()
    try:
        package = pipelines.package_name(lang, args.size)
        pipelines.check_installable(package, args.source)
        command = pipelines.shell_join(pipelines.install_argv(package, args.source))
        if args.dry_run:
            print(f"Would install spaCy's {language_name(lang)} pipeline {package} for the "
                  f"helper in {sys.prefix}:\n  {command}")
            return 0
        print(f"Installing spaCy's {language_name(lang)} pipeline {package}:\n  {command}",
              flush=True)
        version = pipelines.install(package, args.source)
    except pipelines.PipelineError as exc:
        print(f"entity-lens: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"\nInstalled {package} {version} ({language_name(lang)}).")
    print(restart_advice())
    return 0


def restart_advice():
    """How to make the running helper pick up a new pipeline: it looks for them at start."""
    platform = service.current_platform()
    home, env = Path.home(), os.environ
    if platform == "windows":
        task = f'"{service.TASK_NAME}"'
        return ("Restart the helper so that it uses it:\n"
                f"  schtasks /End /TN {task} && schtasks /Run /TN {task}\n"
                "(or, if you run `entity-lens serve` in a terminal, stop it with Ctrl+C and start "
                "it again).")
    if service.installed_argv(platform, home, env) is None:
        return ("Restart the helper so that it uses it: stop `entity-lens serve` (Ctrl+C in its "
                "terminal) and start it again:\n"
                f"  {pipelines.shell_join([*pipelines.entity_lens_argv(), 'serve'])}")
    if platform == "darwin":
        command = f"launchctl kickstart -k gui/{os.getuid()}/{service.LAUNCHD_LABEL}"
    else:
        command = pipelines.shell_join(service.systemctl("restart", service.UNIT_NAME))
    return f"Restart the helper's service so that it uses it:\n  {command}"


def service_models():
    """The --model values the installed service runs with (none: the helper's own choice)."""
    try:
        argv = service.installed_argv(service.current_platform(), Path.home(), os.environ) or []
    except SystemExit:
        argv = []
    return [value for option, value in zip(argv, argv[1:]) if option == "--model"]


def in_use(spec):
    """{lang: name} the helper would load, as Recognizers picks them, without loading any."""
    # Here, not at the top: every `entity-lens` command imports this module, and entities
    # loads spaCy (a second or more).
    from .entities import choose_model, parse_model_spec

    chosen = {}
    for lang, name in parse_model_spec(spec):
        chosen.setdefault(lang or pipelines.lang_of(name) or "?", name)
    for lang in pipelines.PREFERRED:
        if lang not in chosen and choose_model(None, lang):
            chosen[lang] = choose_model(None, lang)
    return chosen


def describe_models(spec=None):
    from .entities import EMBEDDED_MODEL

    installed = pipelines.installed_pipelines()
    chosen = in_use(spec)
    by_name = {p.name: p for p in installed}
    lines = [f"Language models for the helper in {sys.prefix}:"]
    for lang in sorted(set(chosen) | {p.lang for p in installed}):
        lines.append(f"  {language_name(lang)} ({lang})")
        name = chosen.get(lang)
        if name is None:
            lines.append(f"    in use: none (the helper picks official names only; choose one "
                         f"with --model {lang}=NAME)")
        elif name in by_name:
            note = " (embedded default)" if name == EMBEDDED_MODEL else ""
            lines.append(f"    in use: {name} {by_name[name].version}{note}")
        else:
            lines.append(f"    in use: {name}, which is NOT installed: the helper will not start")
        for pipeline in installed:
            if pipeline.lang == lang and pipeline.name != name:
                what = "" if pipeline.has_ner else ", no entity recognizer"
                lines.append(f"    also installed, not used: {pipeline.name} "
                             f"{pipeline.version}{what}")
    others = sorted(set(pipelines.GENRES) - set(chosen))
    lines.append(f"Add another language with: "
                 f"{pipelines.shell_join([*pipelines.entity_lens_argv(), 'model', 'add', 'LANG'])}"
                 f"\n  (LANG: {', '.join(others)}; --size sm|md|lg)")
    return "\n".join(lines)
