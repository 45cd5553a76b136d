"""fetch.py without a network: which addresses may be fetched at all, and the limits, which
come from config.py and nowhere else."""

import dataclasses

import pytest

from entity_lens.config import Config
from entity_lens.errors import ApiError
from entity_lens.fetch import FetchLimits, check_url


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "http://example.org:8080/",
                                 "http://[2001:db8::1]/", "https://xn--zrich-kva.example/"])
def test_http_and_https_urls_with_a_host_are_fetchable(url):
    check_url(url)


@pytest.mark.parametrize("url, words", [
    ("example.org/news", "no scheme"),
    ("https://user:secret@example.org/", "user name or password"),
    ("ftp://example.org/file", "only fetch http and https"),
    ("file:///etc/passwd", "only fetch http and https"),
    ("https:///path-only", "no host"),
    ("http://example.org:99999999/", "not a valid URL"),
])
def test_other_urls_are_bad_url_saying_why(url, words):
    with pytest.raises(ApiError) as refused:
        check_url(url)
    assert refused.value.code == "bad_url" and words in refused.value.message


def test_a_page_sent_by_the_extension_may_have_any_scheme_but_no_credentials():
    check_url("file:///home/ana/page.html", fetchable=False)
    with pytest.raises(ApiError):
        check_url("https://user:pw@example.org/", fetchable=False)


def test_the_default_limits_are_configs():
    limits = FetchLimits()
    assert limits == FetchLimits.from_config(
        {key: getattr(Config, key) for key in dir(Config) if key.isupper()})
    assert (limits.max_bytes, limits.total_timeout, limits.max_redirects) == (
        Config.FETCH_MAX_BYTES, Config.FETCH_TOTAL_TIMEOUT, Config.FETCH_MAX_REDIRECTS)
    assert limits.allow_private_addresses is False


def test_every_limit_is_read_from_a_config_key():
    config = {"FETCH_MAX_BYTES": 1, "FETCH_CONNECT_TIMEOUT": 2.0, "FETCH_READ_TIMEOUT": 3.0,
              "FETCH_TOTAL_TIMEOUT": 4.0, "FETCH_MAX_REDIRECTS": 5,
              "ALLOW_PRIVATE_ADDRESSES": True}
    assert dataclasses.astuple(FetchLimits.from_config(config)) == (1, 2.0, 3.0, 4.0, 5, True)
