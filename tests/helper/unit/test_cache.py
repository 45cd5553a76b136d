"""cache.py: the content key and the bounded LRU cache of results."""

import threading

from entity_lens.cache import LRUCache, content_key


def test_the_key_changes_with_any_part_and_with_where_parts_split():
    key = content_key("<p>page</p>", "en_core_web_sm", {"watchlist": ["Ada"]})
    assert key == content_key("<p>page</p>", "en_core_web_sm", {"watchlist": ["Ada"]})
    assert key != content_key("<p>page!</p>", "en_core_web_sm", {"watchlist": ["Ada"]})
    assert key != content_key("<p>page</p>", "en_core_web_sm", {"watchlist": []})
    # Lengths are part of the digest: moving a boundary between parts is another key.
    assert content_key("ab", "c") != content_key("a", "bc")
    # The same text as str and as UTF-8 bytes is the same content.
    assert content_key("Zürich") == content_key("Zürich".encode())


def test_options_key_ignores_dict_order_and_a_lone_surrogate_does_not_fail():
    assert content_key({"a": 1, "b": 2}) == content_key({"b": 2, "a": 1})
    assert content_key("\ud800 text") != content_key("\ufffd text")


def test_the_least_recently_used_entry_goes_first():
    cache = LRUCache(max_entries=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recently used
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)
    assert len(cache) == 2


def test_putting_a_key_again_replaces_its_value_and_refreshes_it():
    cache = LRUCache(max_entries=2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    cache.put("c", 3)
    assert (cache.get("a"), cache.get("b"), len(cache)) == (10, None, 2)


def test_a_cache_of_size_zero_keeps_nothing():
    cache = LRUCache(max_entries=0)
    cache.put("a", 1)
    assert cache.get("a") is None and len(cache) == 0


def test_concurrent_puts_never_exceed_the_bound():
    cache = LRUCache(max_entries=8)

    def fill(offset):
        for i in range(500):
            cache.put((offset, i), i)
            cache.get((offset, i - 1))

    threads = [threading.Thread(target=fill, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 8
