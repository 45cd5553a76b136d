"""Fixtures of the tests that load the real model or run the real helper: one model for the
session, the Flask app and a paired client, upstream servers, a shared `entity-lens serve`."""

import pytest

from entity_lens.app import create_app
from entity_lens.fetch import FetchLimits
from entity_lens.pipeline import Annotator
from support import EXT_ORIGIN, UpstreamHandler, http_server, paired_client, serving


@pytest.fixture(scope="session")
def annotator():
    # Short limits so the slow-server tests finish quickly; the model is the real default one.
    # The upstream servers below listen on 127.0.0.1, a private address: allowed explicitly
    # here (test_private_addresses.py checks that the default refuses it).
    limits = FetchLimits(max_bytes=2 * 1024 * 1024, connect_timeout=2, read_timeout=1.5,
                         total_timeout=4, max_redirects=5, allow_private_addresses=True)
    return Annotator(limits=limits)


@pytest.fixture
def app(annotator, tmp_path):
    annotator.cache = type(annotator.cache)(annotator.cache.max_entries)
    return create_app({"TESTING": True, "PAIRING_FILE": tmp_path / "pairing.json"},
                      annotator=annotator)


@pytest.fixture
def client(app):
    return paired_client(app)


@pytest.fixture
def post(client):
    """POST /v1/annotate as the extension does."""
    def post(body, **headers):
        headers.setdefault("Origin", EXT_ORIGIN)
        return client.post("/v1/annotate", json=body, headers=headers)
    return post


@pytest.fixture(scope="session")
def upstream():
    with http_server(UpstreamHandler) as base:
        yield base


@pytest.fixture(scope="session")
def live_helper():
    """The helper most tests share, allowed to fetch the upstream servers on 127.0.0.1."""
    with serving("--allow-private-addresses") as helper:
        yield helper
