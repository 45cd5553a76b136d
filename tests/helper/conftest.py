"""Fixtures every helper test may use: its own cache folder, a home folder of its own."""

import os

import pytest


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """The language identifier's unpacked model goes to a test folder, not the user's cache."""
    previous = os.environ.get("ENTITY_LENS_CACHE")
    os.environ["ENTITY_LENS_CACHE"] = str(tmp_path_factory.mktemp("entity-lens-cache"))
    yield
    if previous is None:
        del os.environ["ENTITY_LENS_CACHE"]
    else:
        os.environ["ENTITY_LENS_CACHE"] = previous


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty home folder, as `Path.home()` and the service's files see it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return home
