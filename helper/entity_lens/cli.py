"""entity-lens: serve the helper, annotate a page from the terminal, manage the service."""

import argparse
import json
import logging
import os
import signal
import sys
from pathlib import Path

from . import __version__, cli_service, model_command
from .config import DEFAULT_HOST, DEFAULT_PORT, LOOPBACK_HOSTS, Config
from .csv_export import to_csv
from .errors import ApiError

# How long SIGTERM waits for requests in flight: the service manager expects a prompt exit.
STOP_WAIT_S = 0.5


def build_parser():
    parser = argparse.ArgumentParser(
        prog="entity-lens",
        description="Entity Lens helper: finds the people, places and organisations in a news "
                    "article, locally, for the Entity Lens browser extension.")
    parser.add_argument("--version", action="version", version=f"entity-lens {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_serve_command(commands)

    annotate = commands.add_parser("annotate", help="annotate one page and print the result")
    annotate.add_argument("url", nargs="?", help="address of the page to fetch (http or https)")
    annotate.add_argument("--html", metavar="FILE",
                          help="read the page from FILE ('-' for standard input) instead of fetching")
    annotate.add_argument("--url", dest="page_url", metavar="URL",
                          help="with --html: the page's address (default: the file's file: URL)")
    annotate.add_argument("--model", action="append", metavar="[LANG=]NAME",
                          help="spaCy pipeline to use (repeatable, as for serve)")
    annotate.add_argument("--watch", action="append", default=[], metavar="PHRASE",
                          help="a name or phrase to find and list first (repeatable)")
    annotate.add_argument("--format", choices=("text", "json", "jsonl", "csv"), default="text",
                          help="output: a readable summary (default), the API's JSON, one JSON "
                               "line per mention, or CSV of mentions")
    _add_allow_private_addresses(annotate)

    pair = commands.add_parser(
        "pair", help="let Entity Lens in a browser use the helper (prints a code to type in)",
        description="The helper answers only what you paired. Run this, then type the code it "
                    "shows into the Entity Lens options page (Pair), within 10 minutes.")
    pair.add_argument("--list", action="store_true", help="list what is paired")
    pair.add_argument("--forget", metavar="ID",
                      help="unpair one (its id from --list, or its name), or 'all'")
    pair.add_argument("--token", action="store_true",
                      help="print the token for your own programs on this computer "
                           "(curl: -H 'Authorization: Bearer TOKEN')")

    service_parser = commands.add_parser(
        "service", help="run the helper as a background service started at login")
    cli_service.add_arguments(service_parser)

    model = commands.add_parser(
        "model", help="the language models the helper has; add one for another language")
    model_command.add_arguments(model)
    return parser


def _add_serve_command(commands):
    serve = commands.add_parser("serve", help="run the helper for the extension")
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=f"loopback address to listen on (default {DEFAULT_HOST})")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port to listen on (default {DEFAULT_PORT})")
    serve.add_argument("--model", action="append", metavar="[LANG=]NAME",
                       help="spaCy pipeline to use, e.g. en_core_web_lg or fr=fr_core_news_md "
                            "(repeatable; default: the best installed per language)")
    # Threads mostly wait (on fetches, on the workers): many more threads than workers.
    serve.add_argument("--threads", type=int, default=16, help=argparse.SUPPRESS)
    serve.add_argument("--workers", type=int, default=None,
                       help="processes that read articles and find entities (default: one per "
                            "core, up to 4; 0: in the server itself, without a time budget)")
    serve.add_argument("--ner-budget", type=float, default=Config.NER_TIME_BUDGET,
                       metavar="SECONDS",
                       help="time reading a page, and finding its entities, may each take "
                            f"before the helper answers too_complex "
                            f"(default {Config.NER_TIME_BUDGET:g})")
    _add_allow_private_addresses(serve)
    serve.add_argument("--no-pairing", action="store_true",
                       help="UNSAFE: also serve requests without a paired token that come from no "
                            "browser (no Origin, no fetch metadata), e.g. the shared entity "
                            "scorer; any program on this computer, and extensions that rewrite "
                            "headers, can then use the helper. For measurement and development only")


def _add_allow_private_addresses(parser):
    parser.add_argument("--allow-private-addresses", action="store_true",
                        help="UNSAFE, for tests and development only: also fetch pages on this "
                             "computer and private networks (127.0.0.1, 192.168.x.x, ...), which "
                             "lets any web page have the helper read them")


def main(argv=None):
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "annotate":
        return annotate(args)
    if args.command == "pair":
        return pair(args)
    if args.command == "service":
        return cli_service.run(args)
    if args.command == "model":
        return model_command.run(args)
    return 2


def serve(args):
    from waitress.server import create_server

    from .app import create_app
    from .entities import ModelNotFound
    from .workers import default_processes

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.host not in LOOPBACK_HOSTS:
        return _fail(f"Refusing to listen on {args.host}: the helper serves this machine only "
                     f"(use {', '.join(LOOPBACK_HOSTS[:-1])} or {LOOPBACK_HOSTS[-1]}).")
    try:
        workers = default_processes() if args.workers is None else args.workers
        app = create_app({"MODEL": args.model, "NER_WORKERS": workers,
                          "ALLOW_PRIVATE_ADDRESSES": args.allow_private_addresses,
                          "NER_TIME_BUDGET": args.ner_budget,
                          "REQUIRE_PAIRING": not args.no_pairing})
    except ModelNotFound as exc:
        return _fail(str(exc))
    try:
        server = create_server(app, host=args.host, port=args.port, ident="entity-lens",
                               _dispatcher=_dispatcher(args.threads))
    except OSError as exc:
        # Stop the worker processes now rather than leave them to notice the exit.
        app.extensions["entity_lens"].close()
        return _fail(f"Cannot listen on {args.host}:{args.port} ({exc.strerror or exc}). "
                     f"Another program (perhaps another helper) uses that port: stop it, or "
                     f"start with --port and set the same address in the extension's options.")

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    model = app.extensions["entity_lens"].describe_model()
    if args.allow_private_addresses:
        print(_PRIVATE_ADDRESSES_WARNING, file=sys.stderr, flush=True)
    if args.no_pairing:
        print("entity-lens: WARNING: --no-pairing is on: programs on this computer can use the "
              "helper without pairing. Use it for measurement and development only.",
              file=sys.stderr, flush=True)
    print(f"Entity Lens helper {__version__} ready on http://{args.host}:{args.port} "
          f"(model {model['name']} {model['version']})", file=sys.stderr, flush=True)
    try:
        server.run()
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        server.close()
        app.extensions["entity_lens"].close()
    print("Entity Lens helper stopped.", file=sys.stderr, flush=True)
    # Python's own teardown of the loaded models takes a second or more; the system frees
    # them at once, and a service manager expects a prompt exit.
    logging.shutdown()
    sys.stdout.flush()
    os._exit(0)


def _dispatcher(threads):
    """Waitress's request threads, which on SIGTERM wait STOP_WAIT_S (not waitress's 5 s) for
    requests still running: a request waiting on a worker is abandoned, and the worker killed."""
    from waitress.task import ThreadedTaskDispatcher

    class QuickToStop(ThreadedTaskDispatcher):
        def shutdown(self, cancel_pending=True, timeout=STOP_WAIT_S):
            return super().shutdown(cancel_pending, timeout)

    dispatcher = QuickToStop()
    dispatcher.set_thread_count(threads)
    return dispatcher


def pair(args):
    from .pairing import CODE_TTL_SECONDS, PairingError, default_store, paired_summary

    store = default_store()
    try:
        if args.forget:
            gone = store.forget(args.forget)
            if not gone:
                return _fail(f"Nothing paired matches {args.forget!r} (see entity-lens pair --list).")
            print(f"Unpaired {len(gone)}: {', '.join(gone)}.")
            return 0
        if args.list:
            print(paired_summary(store))
            return 0
        if args.token:
            print(store.local_token())
            return 0
        code = store.new_code()
    except PairingError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"Cannot use {store.path.parent}: {exc.strerror or exc}.")
    print(f"Pairing code: {code}\n\n"
          f"Type it into Entity Lens: its options page, Pair (the panel's Open options button "
          f"takes you there).\nIt works once, within {CODE_TTL_SECONDS // 60} minutes. Type it "
          f"only into Entity Lens itself, never into a web page or another extension.")
    return 0


_PRIVATE_ADDRESSES_WARNING = (
    "entity-lens: WARNING: --allow-private-addresses is on: any web page can have this helper "
    "read pages on this computer and your network. Use it for tests and development only.")


def annotate(args):
    from .entities import ModelNotFound
    from .fetch import FetchLimits
    from .pipeline import Annotator, Options

    if args.html:
        try:
            html = sys.stdin.read() if args.html == "-" else Path(args.html).read_text(
                encoding="utf-8", errors="replace")
        except OSError as exc:
            return _fail(f"Cannot read {args.html}: {exc.strerror}.")
        url = args.page_url or args.url or (
            "file:///dev/stdin" if args.html == "-" else Path(args.html).resolve().as_uri())
    elif args.url:
        html, url = None, args.url
    else:
        return _fail("Give a page's address, or --html FILE.")
    try:
        limits = FetchLimits(allow_private_addresses=args.allow_private_addresses)
        result = Annotator(model=args.model, limits=limits).annotate(
            url, html, Options(watchlist=args.watch))
    except ModelNotFound as exc:
        return _fail(str(exc))
    except ApiError as exc:
        hint = (" For a test page served from this computer, add --allow-private-addresses."
                if exc.code == "private_address" else "")
        return _fail(f"{exc.message} ({exc.code}){hint}")
    sys.stdout.write(format_result(result, args.format))
    return 0


def format_result(result, fmt):
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    groups = {g["id"]: g for g in result["groups"]}
    if fmt == "jsonl":
        return "".join(json.dumps(dict(e, name=groups[e["group"]]["name"]), ensure_ascii=False)
                       + "\n" for e in result["entities"])
    if fmt == "csv":
        return to_csv(result)
    lines = [f"{result['title'] or result['url']}",
             f"{len(result['text'].split())} words, {len(result['entities'])} mentions of "
             f"{len(result['groups'])} entities ({result['model']['name']}, "
             f"{result['timings_ms']['total']:.0f} ms)", ""]
    for g in result["groups"]:
        aliases = f"  (also: {', '.join(g['aliases'])})" if g.get("aliases") else ""
        lines.append(f"  {g['label']:<12} {g['name']}  ×{g['count']}{aliases}")
    return "\n".join(lines) + "\n"


def _fail(message):
    print(f"entity-lens: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
