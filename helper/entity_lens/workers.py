"""Parallel NER: a long article's paragraphs split between this process and workers.

spaCy's CPU inference holds the GIL, so threads cannot use a second core. The workers are
forked once at start, after the models are loaded and warmed up: they share the model weights
with the server copy-on-write and are ready at once. A request alone splits its paragraphs
between this process and the workers; under concurrent requests each text goes whole to a free
worker or stays here, so both cores work on different pages. Short texts are not worth the hand-off, and a
language loaded after the fork runs in this process only.
"""

import multiprocessing
import os
import threading
import time
from dataclasses import astuple

from .entities import Mention, split_paragraphs

# Below this many characters the hand-off costs more than the second core gains.
MIN_PARALLEL_CHARS = 700

_recognizers = None  # set in the server before the fork; each worker inherits it


def _exit_with_parent():
    """Runs in each worker: leave when the server is gone, even if it was killed outright."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _mentions_in(lang, paragraphs, watchlist):
    return [astuple(m) for m in _recognizers.by_lang[lang].mentions_in(paragraphs, watchlist)]


def default_processes():
    """Worker processes besides the server's own: one per further core, at most 3."""
    return max(0, min((os.cpu_count() or 1) - 1, 3))


class NerPool:
    def __init__(self, recognizers, processes):
        global _recognizers
        _recognizers = recognizers
        self.processes = processes
        # What the workers inherit: languages loaded later stay in this process.
        self.languages = {lang: r for lang, r in recognizers.by_lang.items()}
        # fork: workers start with the loaded models and need no start-up of their own.
        self._pool = multiprocessing.get_context("fork").Pool(processes,
                                                              initializer=_exit_with_parent)
        self._lock = threading.Lock()
        self._active = 0  # requests in mentions() right now
        self._in_workers = 0  # of those, handed whole to a worker

    def mentions(self, recognizer, text, watchlist=()):
        paragraphs = split_paragraphs(text)
        size = sum(len(p) for _, p in paragraphs)
        lang = next((l for l, r in self.languages.items() if r is recognizer), None)
        if lang is None or size < MIN_PARALLEL_CHARS:
            return recognizer.mentions_in(paragraphs, watchlist)
        with self._lock:
            alone = self._active == 0
            to_worker = not alone and self._in_workers < self.processes
            self._active += 1
            self._in_workers += to_worker
        try:
            if to_worker:
                # Other requests keep this process busy: a worker takes this text whole, which
                # uses both cores with less hand-off than splitting every request.
                job = self._pool.apply_async(_mentions_in, (lang, paragraphs, list(watchlist)))
                return [Mention(*fields) for fields in job.get()]
            if not alone or len(paragraphs) < 2:
                return recognizer.mentions_in(paragraphs, watchlist)
            own, *others = balanced_chunks(paragraphs, self.processes + 1)
            pending = [self._pool.apply_async(_mentions_in, (lang, chunk, list(watchlist)))
                       for chunk in others]
            found = recognizer.mentions_in(own, watchlist)
            found += [Mention(*fields) for job in pending for fields in job.get()]
            found.sort(key=lambda m: m.start)
            return found
        finally:
            with self._lock:
                self._active -= 1
                self._in_workers -= to_worker

    def close(self):
        self._pool.terminate()
        self._pool.join()


def balanced_chunks(paragraphs, parts):
    """Split paragraphs, in order, into at most `parts` runs of about equal length."""
    total = sum(len(p) for _, p in paragraphs)
    target = total / parts
    chunks, current, size = [], [], 0
    for item in paragraphs:
        current.append(item)
        size += len(item[1])
        if size >= target * (len(chunks) + 1) and len(chunks) < parts - 1:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks
