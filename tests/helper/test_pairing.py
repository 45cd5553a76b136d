"""pairing.py: who may use the helper, and the reader's confirmation of a code."""

import json
import stat

import pytest

from entity_lens.pairing import (CODE_TTL_SECONDS, MAX_PENDING, PINNED_ORIGINS, PairingError,
                                 PairingStore, config_dir, normalise_code, paired_summary)

FIREFOX = "moz-extension://3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


class Clock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    return PairingStore(tmp_path / "conf" / "pairing.json", clock=clock)


def test_chrome_is_pinned_and_nothing_else_is_trusted_by_default(store):
    assert store.is_trusted(PINNED_ORIGINS[0])
    assert not store.is_trusted(FIREFOX)
    assert not store.is_trusted("chrome-extension://abcdefghijklmnopabcdefghijklmnop")


def test_a_confirmed_code_pairs_the_origin_that_asked_for_it(store):
    code = store.request_code(FIREFOX)
    assert not store.is_trusted(FIREFOX)  # asking grants nothing
    assert store.confirm(code) == FIREFOX
    assert store.is_trusted(FIREFOX)
    with pytest.raises(PairingError):
        store.confirm(code)  # used once


def test_codes_expire_and_a_new_request_replaces_the_old_code(store, clock):
    first = store.request_code(FIREFOX)
    second = store.request_code(FIREFOX)
    with pytest.raises(PairingError):
        store.confirm(first)
    clock.now += CODE_TTL_SECONDS + 1
    with pytest.raises(PairingError, match="options again"):
        store.confirm(second)
    assert not store.is_trusted(FIREFOX)


def test_pending_codes_are_bounded(store):
    for i in range(MAX_PENDING + 5):
        store.request_code(f"moz-extension://{i:08d}-0000-4000-8000-000000000000")
    data = json.loads(store.path.read_text())
    assert len(data["pending"]) == MAX_PENDING


def test_another_process_sees_the_confirmation(store, tmp_path, clock):
    # The server and `entity-lens pair` are two processes sharing the file.
    code = store.request_code(FIREFOX)
    PairingStore(store.path, clock=clock).confirm(code)
    assert store.is_trusted(FIREFOX)
    assert store.forget(FIREFOX) == [FIREFOX]
    assert not PairingStore(store.path, clock=clock).is_trusted(FIREFOX)


def test_the_file_is_the_owners_only(store):
    store.request_code(FIREFOX)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


def test_a_damaged_file_pairs_nobody_and_is_replaced(store):
    store.path.parent.mkdir(parents=True)
    store.path.write_text("{not json")
    assert not store.is_trusted(FIREFOX)
    store.confirm(store.request_code(FIREFOX))
    assert store.is_trusted(FIREFOX)


def test_codes_are_typed_as_the_reader_likes():
    assert normalise_code("abcd efgh") == "ABCD-EFGH"
    assert normalise_code(" ABCD-EFGH ") == "ABCD-EFGH"
    assert normalise_code("abc") == "ABC"


def test_config_dir_per_platform(tmp_path):
    home = tmp_path
    assert config_dir({"ENTITY_LENS_CONFIG_DIR": "/x/y"}, "linux", home).as_posix() == "/x/y"
    assert config_dir({}, "linux", home) == home / ".config" / "entity-lens"
    assert config_dir({"XDG_CONFIG_HOME": "/xdg"}, "linux", home).as_posix() == "/xdg/entity-lens"
    assert config_dir({}, "darwin", home) == home / "Library" / "Application Support" / "entity-lens"
    assert config_dir({"APPDATA": "C:/Users/r/AppData/Roaming"}, "win32", home).as_posix() \
        == "C:/Users/r/AppData/Roaming/entity-lens"


def test_summary_lists_pinned_and_paired(store):
    assert "Paired browsers: none" in paired_summary(store)
    store.confirm(store.request_code(FIREFOX))
    assert f"Paired: {FIREFOX}" in paired_summary(store)
    assert PINNED_ORIGINS[0] in paired_summary(store)
