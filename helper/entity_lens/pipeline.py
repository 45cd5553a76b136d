"""annotate(): the one place that orders the steps fetch → extract → entities → groups.

It knows nothing of HTTP or the command line: the Flask app and the CLI both call it.
"""

import copy
import time
from dataclasses import dataclass, field

from .cache import LRUCache, content_key
from .entities import Recognizer
from .extract import extract
from .fetch import FetchLimits, check_url, fetch
from .groups import group_mentions
from .language import declared_language


@dataclass
class Options:
    watchlist: list = field(default_factory=list)


class Annotator:
    """Holds what lives for the whole process: the loaded model, fetch limits, the cache."""

    def __init__(self, model=None, limits=None, cache_entries=64):
        self.recognizer = Recognizer(model)
        self.limits = limits or FetchLimits()
        self.cache = LRUCache(cache_entries)

    def describe_model(self):
        return self.recognizer.describe()

    def annotate(self, url, html=None, options=None):
        options = options or Options()
        started = time.perf_counter()
        timings = {"fetch": 0.0, "extract": 0.0, "ner": 0.0}
        if html is None:
            page = fetch(url, self.limits)
            url, html, source = page.url, page.html, "fetched"
            timings["fetch"] = _ms_since(started)
        else:
            check_url(url, fetchable=False)
            source = "provided"

        key = content_key(html, url, self.recognizer.name, options.watchlist)
        cached = self.cache.get(key)
        if cached is not None:
            result = copy.deepcopy(cached)
            result.update(source=source, cached=True)
            result["timings_ms"] = dict(timings, extract=0.0, ner=0.0, total=_ms_since(started))
            return result

        step = time.perf_counter()
        extracted = extract(html, url)
        timings["extract"] = _ms_since(step)

        step = time.perf_counter()
        mentions = self.recognizer.mentions(extracted.text)
        language = declared_language(html, extracted.language) or self.recognizer.lang
        entities, groups = group_mentions(mentions, len(extracted.text), language)
        timings["ner"] = _ms_since(step)

        result = {
            "url": url,
            "title": extracted.title,
            "language": language,
            "source": source,
            "text": extracted.text,
            "entities": entities,
            "groups": groups,
            "model": self.describe_model(),
            "cached": False,
        }
        self.cache.put(key, copy.deepcopy(result))
        result["timings_ms"] = dict(timings, total=_ms_since(started))
        return result


def _ms_since(start):
    return round((time.perf_counter() - start) * 1000, 1)
