"""spaCy's official pipelines: which exist, which are installed here, and how to install one.

`entity-lens model add` installs a pipeline the way spaCy's own `spacy download` does: the
package `{lang}_core_{genre}_{size}`, at the version spaCy's compatibility table gives for the
installed spaCy (the official pipelines of spaCy 3.N are versioned 3.N.x), with the helper's
own interpreter (`sys.executable -m pip`), so it lands where the helper loads it from. Only the
package index differs: spaCy downloads its wheels from its release pages, the helper asks pip's
index (PyPI, or a folder or index given with --from), where some names are placeholders.
"""

import importlib.metadata
import importlib.util
import json
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import ApiError
from .language import language_name

# The languages spaCy publishes trained pipelines for (spaCy 3.8), with the genre in their
# names: English and Chinese are trained on web text, the others on news.
GENRES = {lang: "news" for lang in (
    "ca", "da", "de", "el", "es", "fi", "fr", "hr", "it", "ja", "ko", "lt", "mk", "nb", "nl",
    "pl", "pt", "ro", "ru", "sl", "sv", "uk")}
GENRES.update(en="web", zh="web")
SIZES = ("sm", "md", "lg")
DEFAULT_SIZE = "sm"  # spaCy's own choice for a language's short name; small, quick to load
# Languages whose medium pipeline is worth its memory (docs/entities.md, "A bigger French
# pipeline"): French md types 8% of names wrong against sm's 15%, for ~70 MB more (PSS).
DEFAULT_SIZES = {"fr": "md"}
# Official pipelines a user may have installed, best first, per language.
PREFERRED = {lang: (("en_core_web_trf",) if lang == "en" else ())
             + tuple(f"{lang}_core_{genre}_{size}" for size in reversed(SIZES))
             for lang, genre in GENRES.items()}
# Names on PyPI that hold a placeholder (version 999.9.9), not a pipeline: never install them.
PYPI_PLACEHOLDERS = {"en-core-web-trf", "en-core-sci-md", "de-core-news-md"}
PYPI_PLACEHOLDER_LANGUAGES = {"ja", "ko", "ru", "uk", "zh"}  # every {lang}-core-* name


class PipelineError(Exception):
    """A pipeline cannot be installed; `exit_code` is what `entity-lens model` exits with."""

    def __init__(self, message, exit_code):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Installed:
    name: str
    lang: str
    version: str
    has_ner: bool


def default_size(lang):
    return DEFAULT_SIZES.get(lang, DEFAULT_SIZE)


def package_name(lang, size=None):
    """The official pipeline's import name, e.g. de_core_news_sm (size: the language's default)."""
    size = size or default_size(lang)
    if lang not in GENRES:
        known = ", ".join(sorted(GENRES))
        raise PipelineError(
            f"spaCy has no trained pipeline for {describe_language(lang)}. Languages it has: "
            f"{known}.", exit_code=2)
    if size not in SIZES:
        raise PipelineError(f"No size {size!r}: the sizes are {', '.join(SIZES)}.", exit_code=2)
    return f"{lang}_core_{GENRES[lang]}_{size}"


def describe_language(lang):
    name = language_name(lang)
    return f"{name} ({lang})" if name != lang else repr(lang)


def distribution_name(package):
    return package.replace("_", "-")


def is_pypi_placeholder(package):
    dist = distribution_name(package)
    return dist in PYPI_PLACEHOLDERS or dist.split("-")[0] in PYPI_PLACEHOLDER_LANGUAGES


def compatible_versions(spacy_version=None):
    """The versions spaCy's compatibility table allows: those of spaCy's own minor release."""
    spacy_version = spacy_version or importlib.metadata.version("spacy")
    major, minor = (int(part) for part in spacy_version.split(".")[:2])
    return f">={major}.{minor}.0,<{major}.{minor + 1}.0"


def source_options(source):
    """pip's options for where to look: a folder of wheels, an index URL, or pip's own index."""
    if not source:
        return []
    if "://" in source:
        return ["--index-url", source]
    return ["--no-index", "--find-links", str(Path(source).resolve())]


def install_argv(package, source=None):
    """The pip command that installs `package` into this interpreter's environment."""
    return [sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
            *source_options(source), distribution_name(package) + compatible_versions()]


def check_installable(package, source=None):
    """Refuse what would install a placeholder: PyPI's squatted names (not a custom source)."""
    if not source and is_pypi_placeholder(package):
        raise PipelineError(
            f"On PyPI, {distribution_name(package)!r} is a placeholder, not spaCy's pipeline, so "
            f"the helper will not install it from there. spaCy's own download gets the official "
            f"one: {_download_argv(package)}",
            exit_code=3)


def install(package, source=None):
    """Run pip; raise PipelineError when it fails or what it installed is no pipeline."""
    check_installable(package, source)
    argv = install_argv(package, source)
    finished = subprocess.run(argv)
    if finished.returncode:
        raise PipelineError(
            f"pip could not install {distribution_name(package)} (exit code "
            f"{finished.returncode}; its message is above). Nothing was changed for the helper."
            f"{'' if source else _NOT_ON_INDEX.format(argv=_download_argv(package))}",
            exit_code=4)
    # A fresh interpreter: this one's import caches predate the install.
    check = subprocess.run([sys.executable, "-c", _CHECK_LOADS, package],
                           capture_output=True, text=True)
    if check.returncode:
        # Not what the helper can use: leave the environment as it was.
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "-y", "-q",
                        distribution_name(package)])
        raise PipelineError(
            f"{distribution_name(package)} does not load as a spaCy pipeline with an entity "
            f"recognizer, so it was removed again:\n{check.stderr.strip()[-2000:]}",
            exit_code=4)
    return check.stdout.strip()


_NOT_ON_INDEX = (" If pip's index has no compatible version, spaCy's own download gets the "
                 "official one: {argv}")


def _download_argv(package):
    return shell_join([sys.executable, "-m", "spacy", "download", package])


_CHECK_LOADS = """
import sys, spacy
nlp = spacy.load(sys.argv[1], exclude=["tagger", "parser", "lemmatizer", "attribute_ruler"])
assert "ner" in nlp.pipe_names, "no 'ner' component"
print(nlp.meta.get("version", ""))
"""


def installed_pipelines():
    """Every spaCy pipeline package installed next to the helper, by name."""
    found = {}
    for entry in importlib.metadata.entry_points(group="spacy_models"):
        meta = _meta(entry.name)
        if meta is not None:
            found[entry.name] = Installed(entry.name, meta.get("lang", "?"),
                                          meta.get("version", ""),
                                          "ner" in meta.get("pipeline", ()))
    return [found[name] for name in sorted(found)]


def _meta(package):
    try:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.origin:
            return None
        return json.loads((Path(spec.origin).parent / "meta.json").read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        return None


def lang_of(package):
    """The language an installed pipeline is for, without loading it (None: not installed)."""
    meta = _meta(package)
    return meta.get("lang") if meta else None


# -- What to tell the reader -------------------------------------------------


def shell_join(argv):
    if sys.platform == "win32":
        return subprocess.list2cmdline([str(a) for a in argv])
    return shlex.join(str(a) for a in argv)


def entity_lens_argv():
    """How to run this very helper: the `entity-lens` next to its interpreter, if any."""
    bindir = Path(sys.executable).parent
    script = bindir / ("entity-lens.exe" if sys.platform == "win32" else "entity-lens")
    if script.exists():
        return [str(script.absolute())]
    return [sys.executable, "-m", "entity_lens.cli"]


def add_command(lang):
    """The one command that installs a pipeline for `lang` for this helper, or None."""
    if lang not in GENRES:
        return None
    package = package_name(lang)
    if is_pypi_placeholder(package):
        return _download_argv(package)
    return shell_join([*entity_lens_argv(), "model", "add", lang])


def unsupported_language_error(lang):
    """The 422 a page in `lang` gets when no pipeline for it is installed (docs/api.md)."""
    name = language_name(lang)
    command = add_command(lang)
    if command:
        message = f"This page is in {name}, and the helper has no {name} language model installed."
    else:
        message = (f"This page is in {name}, and spaCy has no {name} language model the helper "
                   f"could install.")
    return ApiError("unsupported_language", message, language=lang, language_name=name,
                    command=command)
