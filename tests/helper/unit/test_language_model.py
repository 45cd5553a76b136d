"""py3langid's model unpacked to the cache and memory-mapped (entity_lens.language_model)."""

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from entity_lens import language_model

TEXTS = [
    "The minister said the plan was ready and would be voted on by the end of the week.",
    "Le ministre a dit que le plan était prêt et serait voté avant la fin de la semaine.",
    "Minister powiedział, że plan jest gotowy i zostanie przegłosowany do końca tygodnia.",
    "Министр сказал, что план готов и будет принят до конца недели.",
]


def test_the_mapped_model_answers_as_py3langid_does(tmp_path, monkeypatch):
    monkeypatch.setenv("ENTITY_LENS_CACHE", str(tmp_path))
    mapped = language_model.load_identifier()  # unpacks in a child process, then maps
    assert (language_model.model_dir() / "classes.json").exists()
    assert isinstance(mapped.tk_nextmove, np.memmap)
    original = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in TEXTS:
        (code, p), (expected, q) = mapped.classify(text), original.classify(text)
        assert code == expected and abs(p - q) < 1e-4
    assert [mapped.classify(t)[0] for t in TEXTS] == ["en", "fr", "pl", "ru"]


def test_cache_folder_follows_the_platform_convention():
    Path = language_model.Path
    assert language_model.cache_dir({"ENTITY_LENS_CACHE": "/x"}) == Path("/x")
    expected = {"win32": Path("/h/AppData/Local/entity-lens"),
                "darwin": Path("/h/Library/Caches/entity-lens")}.get(language_model.sys.platform,
                                                                     Path("/c/entity-lens"))
    assert language_model.cache_dir({"XDG_CACHE_HOME": "/c"}, home="/h") == expected


def test_an_unwritable_cache_falls_back_to_the_packed_model(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("ENTITY_LENS_CACHE", str(blocked))
    identifier = language_model.load_identifier()
    assert not isinstance(identifier.tk_nextmove, np.memmap)
    assert identifier.classify(TEXTS[1])[0] == "fr"


def test_a_child_process_classifies_so_that_the_helper_never_holds_the_model(monkeypatch):
    code, probability = language_model.classify_apart(TEXTS[2])
    assert code == "pl" and probability > 0.9
    monkeypatch.setattr(language_model.sys, "executable", "/nonexistent/python")
    assert language_model.classify_apart(TEXTS[2]) == ("", 0.0)
