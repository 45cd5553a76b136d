"""Which languages' models are being loaded for the first time, as the HTTP server sees it.

A language's first page loads its pipeline in the zygote the workers are forked from
(entity_lens.workers), or in the server when it has no workers: seconds, once. That happens
inside one `first_use` here, on the request's thread in the server, so `/v1/health` (another thread of the same process) can
tell the extension that the wait is a model loading, not a stall.
"""

import threading
from collections import Counter
from contextlib import contextmanager


class FirstLoads:
    def __init__(self, ready=()):
        self._ready = set(ready)  # loaded everywhere: a page in these loads nothing
        self._loading = Counter()  # requests waiting on each language's first load
        self._lock = threading.Lock()

    @contextmanager
    def first_use(self, lang, loadable):
        """Mark `lang` as loading while the block runs, if it is installed and not loaded yet."""
        if not lang or lang in self._ready or lang not in loadable:
            yield
            return
        with self._lock:
            self._loading[lang] += 1
        loaded = False
        try:
            yield
            loaded = True
        finally:
            with self._lock:
                self._loading[lang] -= 1
                if not self._loading[lang]:
                    del self._loading[lang]
                if loaded:
                    self._ready.add(lang)

    def loading(self):
        """The languages being loaded right now, sorted."""
        with self._lock:
            return sorted(self._loading)
