"""pairing.py: codes the reader makes at a terminal, traded once for tokens, in a safe file."""

import json
import os
import stat
import threading

import pytest

from entity_lens.pairing import (CODE_TTL_SECONDS, MAX_FAILURES, MAX_PENDING, PairingError,
                                 PairingStore, bearer_token, config_dir, normalise_code,
                                 paired_summary)


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


def test_nothing_is_authorised_before_pairing(store):
    assert not store.is_authorised(None)
    assert not store.is_authorised("x" * 43)


def test_a_code_is_traded_once_for_a_token(store):
    code = store.new_code()
    token = store.redeem(code, "Firefox")
    assert store.is_authorised(token) and len(token) >= 40
    with pytest.raises(PairingError):
        store.redeem(code, "again")
    assert [name for _, name, _ in store.tokens()] == ["Firefox"]
    # Only hashes are kept on disk.
    assert token not in store.path.read_text() and code not in store.path.read_text()


def test_codes_expire(store, clock):
    code = store.new_code()
    clock.now += CODE_TTL_SECONDS + 1
    with pytest.raises(PairingError, match="wrong or has expired"):
        store.redeem(code, "late")


def test_wrong_guesses_void_the_waiting_codes(store):
    code = store.new_code()
    for _ in range(MAX_FAILURES):
        with pytest.raises(PairingError):
            store.redeem("AAAA-AAAA", "guess")
    with pytest.raises(PairingError):
        store.redeem(code, "too late")


def test_waiting_codes_are_bounded(store, clock):
    codes = []
    for _ in range(MAX_PENDING + 3):
        codes.append(store.new_code())
        clock.now += 1
    assert len(json.loads(store.path.read_text())["pending"]) == MAX_PENDING
    with pytest.raises(PairingError):
        store.redeem(codes[0], "evicted")
    assert store.is_authorised(store.redeem(codes[-1], "newest"))


def test_forget_one_or_all(store):
    first = store.redeem(store.new_code(), "Firefox")
    second = store.create_token("script")
    short = next(short for short, name, _ in store.tokens() if name == "Firefox")
    assert store.forget(short) == [short]
    assert not store.is_authorised(first) and store.is_authorised(second)
    assert len(store.forget("all")) == 1 and not store.is_authorised(second)


def test_concurrent_writers_lose_nothing(store, tmp_path, clock):
    # The server redeems and the CLI makes codes and forgets, in two processes: simulated with
    # two stores on one file and many threads; every change must survive.
    other = PairingStore(store.path, clock=clock)
    tokens, errors = [], []

    def pair():
        try:
            tokens.append(other.redeem(store.new_code(), "t"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=pair) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(tokens) == 20
    assert all(store.is_authorised(t) for t in tokens)
    assert len(store.tokens()) == 20


def test_the_file_and_folder_are_the_owners_only(store):
    store.path.parent.mkdir(mode=0o755)
    os.chmod(store.path.parent, 0o755)
    store.new_code()
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


def test_a_planted_symlink_is_not_followed(store, tmp_path):
    store.path.parent.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    store.path.symlink_to(victim)
    with pytest.raises(PairingError):
        store.tokens()  # reading refuses the link
    with pytest.raises(PairingError):
        store.new_code()  # and so does changing: nothing is written through it
    assert victim.read_text() == "keep me"
    assert not store.is_authorised("x" * 43)


def test_a_damaged_file_pairs_nobody_and_is_replaced(store):
    store.path.parent.mkdir()
    store.path.write_text("{not json")
    assert not store.is_authorised("x" * 43)
    assert store.is_authorised(store.redeem(store.new_code(), "after"))


def test_the_local_token_is_kept_and_reused(store):
    token = store.local_token()
    assert store.is_authorised(token) and store.local_token() == token
    assert stat.S_IMODE((store.path.parent / "cli-token").stat().st_mode) == 0o600
    store.forget("all")
    assert store.local_token() != token  # revoked: a new one is made


def test_codes_are_typed_as_the_reader_likes():
    assert normalise_code("abcd efgh") == "ABCD-EFGH"
    assert normalise_code(" ABCD-EFGH ") == "ABCD-EFGH"
    assert normalise_code("abc") == "ABC"


def test_bearer_token():
    assert bearer_token("Bearer " + "t" * 43) == "t" * 43
    assert bearer_token("bearer  " + "t" * 43) == "t" * 43
    assert bearer_token("Basic " + "t" * 43) is None
    assert bearer_token("Bearer short") is None
    assert bearer_token(None) is None


def test_config_dir_per_platform(tmp_path):
    home = tmp_path
    assert config_dir({"ENTITY_LENS_CONFIG_DIR": "/x/y"}, "linux", home).as_posix() == "/x/y"
    assert config_dir({}, "linux", home) == home / ".config" / "entity-lens"
    assert config_dir({"XDG_CONFIG_HOME": "/xdg"}, "linux", home).as_posix() == "/xdg/entity-lens"
    assert config_dir({}, "darwin", home) == home / "Library" / "Application Support" / "entity-lens"
    assert config_dir({"APPDATA": "C:/Users/r/AppData/Roaming"}, "win32", home).as_posix() \
        == "C:/Users/r/AppData/Roaming/entity-lens"


def test_summary_lists_what_is_paired(store):
    assert "nothing yet" in paired_summary(store)
    store.redeem(store.new_code(), "Firefox")
    assert "Paired: Firefox (id " in paired_summary(store)
