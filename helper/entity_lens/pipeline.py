"""annotate(): the one place that orders the steps fetch → extract → entities → groups.

It knows nothing of HTTP or the command line: the Flask app and the CLI both call it.
"""

import time
from dataclasses import dataclass, field

from .cache import LRUCache, content_key
from .entities import Recognizers
from .extract import extract
from .fetch import FetchLimits, check_url, fetch
from .first_loads import FirstLoads
from .groups import group_mentions
from .language import page_language
from .refine import refine_mentions
from .workers import NerPool, can_fork


@dataclass
class Options:
    watchlist: list = field(default_factory=list)


class Annotator:
    """Holds what lives for the whole process: the loaded model, fetch limits, the cache."""

    def __init__(self, model=None, limits=None, cache_entries=64, workers=0, ner_budget_s=10.0):
        self.recognizers = Recognizers(model)
        self.limits = limits or FetchLimits()
        self.cache = LRUCache(cache_entries)
        # NER in worker processes on a time budget; 0 (or no fork) runs it in this process.
        self.pool = (NerPool(self.recognizers, workers, ner_budget_s)
                     if workers > 0 and can_fork() else None)
        self.first_loads = FirstLoads(self.recognizers.by_lang)

    def close(self):
        if self.pool is not None:
            self.pool.close()

    def describe_model(self):
        return self.recognizers.describe()

    def labels(self):
        """Every label the pipelines loaded so far can give, here or in the workers."""
        served = self.pool.served.values() if self.pool is not None else ()
        return sorted(set(self.recognizers.labels) | {l for d in served for l in d["labels"]})

    def pipeline_for(self, language):
        """(language, model description) of the pipeline for a page in `language` (None: the
        default), loaded on the language's first page while health's `loading` says so. With
        workers only their zygote loads it: the server never runs NER itself, and loading it
        here as well would double the reader's wait and the memory it takes."""
        lang = language or self.recognizers.default_lang
        with self.first_loads.first_use(language, self.recognizers.languages):
            if self.pool is None:
                return lang, self.recognizers.for_language(lang).describe()
            self.recognizers.check(lang)  # unsupported_language before anything loads
            described = self.pool.load_language(lang)
        return lang, {key: described[key] for key in ("name", "version", "lang")}

    def _mentions(self, lang, text, watchlist):
        if self.pool is not None:
            return self.pool.mentions(lang, text, watchlist)
        return self.recognizers.for_language(lang).mentions(text, watchlist)

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

        key = content_key(html, url, self.recognizers.languages, options.watchlist)
        cached = self.cache.get(key)
        if cached is not None:
            # A shallow copy: nothing below the top level is ever changed after caching.
            result = dict(cached)
            result.update(source=source, cached=True)
            result["timings_ms"] = dict(timings, extract=0.0, ner=0.0, total=_ms_since(started))
            return result

        step = time.perf_counter()
        if self.pool is not None:
            extracted, language = self.pool.extract(html, url)
        else:
            extracted = extract(html, url)
            language = page_language(html, extracted.text)
        timings["extract"] = _ms_since(step)

        lang, model = self.pipeline_for(language)
        step = time.perf_counter()
        mentions = self._mentions(lang, extracted.text, options.watchlist)
        mentions = refine_mentions(extracted.text, mentions, lang)
        entities, groups = group_mentions(mentions, len(extracted.text), lang,
                                          extracted.title or "")
        timings["ner"] = _ms_since(step)

        result = {
            "url": url,
            "title": extracted.title,
            "language": lang,
            "source": source,
            "text": extracted.text,
            "entities": entities,
            "groups": groups,
            "model": model,
            "cached": False,
        }
        self.cache.put(key, dict(result))
        result["timings_ms"] = dict(timings, total=_ms_since(started))
        return result


def _ms_since(start):
    return round((time.perf_counter() - start) * 1000, 1)
