"""cli.py without a model: the commands' arguments, the output formats of `annotate`, and the
refusals that come before anything is loaded."""

import json

import pytest

from entity_lens.cli import build_parser, format_result, main
from entity_lens.config import DEFAULT_HOST, DEFAULT_PORT, LOOPBACK_HOSTS

RESULT = {
    "url": "https://example.org/talks", "title": "Talks in Tallinn",
    "text": "Kaja Kallas met Olaf Scholz. Kallas spoke first.",
    "model": {"name": "en_core_web_sm", "version": "3.8.0"}, "timings_ms": {"total": 41.6},
    "groups": [
        {"id": "g1", "label": "PERSON", "name": "Kaja Kallas", "aliases": ["Kallas"],
         "count": 2, "salience": 0.9},
        {"id": "g2", "label": "PERSON", "name": "Olaf Scholz", "aliases": [], "count": 1,
         "salience": 0.5},
    ],
    "entities": [
        {"start": 0, "end": 11, "text": "Kaja Kallas", "label": "PERSON", "group": "g1"},
        {"start": 16, "end": 27, "text": "Olaf Scholz", "label": "PERSON", "group": "g2"},
        {"start": 29, "end": 35, "text": "Kallas", "label": "PERSON", "group": "g1"},
    ],
}


def test_serve_defaults_to_loopback_and_the_default_port():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.workers, args.no_pairing) == (
        DEFAULT_HOST, DEFAULT_PORT, None, False)
    assert DEFAULT_HOST in LOOPBACK_HOSTS


def test_models_and_watched_phrases_repeat():
    args = build_parser().parse_args([
        "annotate", "https://example.org/", "--model", "en_core_web_lg", "--model",
        "fr=fr_core_news_md", "--watch", "Kallas", "--watch", "Scholz", "--format", "csv"])
    assert args.model == ["en_core_web_lg", "fr=fr_core_news_md"]
    assert (args.watch, args.format) == (["Kallas", "Scholz"], "csv")


@pytest.mark.parametrize("argv", [[], ["serve", "--port", "many"], ["annotate", "--format", "xml"],
                                  ["service"], ["service", "install", "--port", "0"]])
def test_bad_arguments_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2 and "usage: entity-lens" in capsys.readouterr().err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.2", "::", "example.org"])
def test_serve_refuses_other_addresses_before_loading_anything(host, capsys):
    assert main(["serve", "--host", host]) == 1
    err = capsys.readouterr().err
    assert f"Refusing to listen on {host}" in err and "127.0.0.1, localhost or ::1" in err


def test_annotate_without_a_page_says_what_to_give(capsys):
    assert main(["annotate"]) == 1
    assert "Give a page's address, or --html FILE." in capsys.readouterr().err


def test_the_text_summary_lists_entities_with_counts_and_aliases():
    lines = format_result(RESULT, "text").splitlines()
    assert lines[0] == "Talks in Tallinn"
    assert lines[1] == "8 words, 3 mentions of 2 entities (en_core_web_sm, 42 ms)"
    assert lines[3] == "  PERSON       Kaja Kallas  ×2  (also: Kallas)"
    assert lines[4] == "  PERSON       Olaf Scholz  ×1"


def test_json_is_the_result_and_jsonl_one_named_mention_a_line():
    assert json.loads(format_result(RESULT, "json")) == RESULT
    mentions = [json.loads(line) for line in format_result(RESULT, "jsonl").splitlines()]
    assert [(m["text"], m["name"]) for m in mentions] == [
        ("Kaja Kallas", "Kaja Kallas"), ("Olaf Scholz", "Olaf Scholz"), ("Kallas", "Kaja Kallas")]


def test_csv_is_the_exports():
    rows = format_result(RESULT, "csv").splitlines()
    assert rows[0] == "start,end,text,label,group,name,aliases,count,salience"
    assert rows[3] == "29,35,Kallas,PERSON,g1,Kaja Kallas,Kallas,2,0.9"
