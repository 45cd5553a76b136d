"""Extraction and NER in worker processes, on a time budget: the server itself runs neither.

spaCy's inference holds the GIL for as long as it runs (and lxml's parsing of a big page for
long stretches), so either in a server thread stalls every other request (`/v1/health`
included) and even SIGTERM. Here the server's threads only hand the page, then its paragraphs,
to worker processes and wait on their sockets, which leaves the GIL free. A worker that overruns
the budget is killed and replaced, and the request answers `too_complex`.

Workers are never forked from the server once it serves: forking a process that has threads
copies whatever locks those threads held. A small "zygote" is forked at start, after the models
are loaded and warmed up, while the server has a single thread; it forks every worker, the
first ones and each replacement, so all share the model weights copy-on-write and are ready at
once. A request alone splits its paragraphs between the idle workers; under concurrent requests
each text goes whole to one worker, so the cores work on different pages.

Workers and the zygote leave with the server: on Linux the kernel kills them when their parent
dies (PR_SET_PDEATHSIG); elsewhere they leave at the end of their socket.
"""

import ctypes
import json
import logging
import os
import queue
import signal
import socket
import threading
import time
from dataclasses import astuple
from multiprocessing.connection import Connection

from .entities import Mention, split_paragraphs
from .errors import ApiError
from .extract import extract
from .language import page_language

log = logging.getLogger(__name__)

# Below this many characters a second worker costs more in hand-off than it gains.
MIN_PARALLEL_CHARS = 700
WORKER_NICENESS = 10  # where SCHED_BATCH is missing (not Linux)
# A request waits this long for a free worker; busy ones answer or are replaced within the budget.
WORKER_WAIT_S = 300


def default_processes():
    """Worker processes: one per core, at least 1, at most 4."""
    return max(1, min(os.cpu_count() or 1, 4))


def can_fork():
    return hasattr(os, "fork")


def _below_the_server():
    """Let the server's threads run the moment they wake, however busy the cores are with NER.

    SCHED_BATCH (Linux) keeps the worker's fair share of the CPU but never preempts a waking
    thread; elsewhere a lower priority does the same, at the cost of that share."""
    try:
        os.sched_setscheduler(0, os.SCHED_BATCH, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(WORKER_NICENESS)


def _die_with_parent():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel's word, even on SIGKILL
    except (OSError, AttributeError):
        pass  # not Linux: the end of the socket tells instead


class NerPool:
    def __init__(self, recognizers, processes, budget_s=10.0):
        self.recognizers = recognizers
        self.processes = processes
        self.budget_s = budget_s
        self._zygote = _Zygote(recognizers)
        self._idle = queue.Queue()
        self._generation = 0  # bumped when the zygote loads a language: older workers lack it
        # Languages the workers serve: what the zygote loaded, as the server describes them.
        self.served = {lang: r.describe() | {"labels": r.labels}
                       for lang, r in recognizers.by_lang.items()}
        self._languages_lock = threading.Lock()
        self._workers = set()
        self._closed = False
        for _ in range(processes):
            self._idle.put(self._spawn())

    def _spawn(self):
        worker = self._zygote.spawn(self._generation)
        self._workers.add(worker)
        return worker

    def _retire(self, worker):
        self._workers.discard(worker)
        worker.kill()

    def _acquire(self, extra=0):
        """One worker (waiting for it), then up to `extra` more if they are idle now."""
        try:
            taken = [self._idle.get(timeout=WORKER_WAIT_S)]
        except queue.Empty:  # only if workers could not be replaced: say so, never hang
            raise RuntimeError(f"no worker process became free in {WORKER_WAIT_S} s") from None
        while len(taken) <= extra:
            try:
                taken.append(self._idle.get_nowait())
            except queue.Empty:
                break
        fresh = []
        for worker in taken:
            if worker.generation != self._generation:
                self._retire(worker)
                worker = self._spawn()
            fresh.append(worker)
        return fresh

    def _replace(self):
        if self._closed:
            return
        try:
            self._idle.put(self._spawn())
        except OSError:  # the zygote is gone (killed by hand, out of memory): one worker fewer
            log.exception("could not start a worker process to replace one")

    def _release(self, worker):
        if self._closed:
            worker.kill()
        else:
            self._idle.put(worker)

    def load_language(self, lang):
        """The description of `lang`'s pipeline ({name, version, lang, labels}), loading it in
        the zygote first if no worker has it yet: workers forked from then on have it. Only the
        zygote loads it: the server never runs NER, so it spares the seconds and the memory."""
        if lang not in self.served:
            with self._languages_lock:
                if lang not in self.served:
                    described = self._zygote.load(lang)
                    self._generation += 1  # before the language is seen as served
                    self.served[lang] = described
        return self.served[lang]

    def extract(self, html, url):
        """(Extracted, language) of a page, or `too_complex` when the budget runs out first."""
        (worker,) = self._acquire()
        (result,) = self._run([(worker, ("extract", html, url))], "Reading the article")
        return result

    def mentions(self, lang, text, watchlist=()):
        """All mentions of `lang`'s pipeline in `text`, or `too_complex` when the budget runs
        out first."""
        self.load_language(lang)
        paragraphs = split_paragraphs(text)
        if not paragraphs:
            return []
        size = sum(len(p) for _, p in paragraphs)
        wanted = self.processes if size >= MIN_PARALLEL_CHARS and len(paragraphs) > 1 else 1
        workers = self._acquire(extra=wanted - 1)
        chunks = balanced_chunks(paragraphs, len(workers))
        for worker in workers[len(chunks):]:
            self._release(worker)
        jobs = [(worker, ("mentions", lang, chunk, list(watchlist)))
                for worker, chunk in zip(workers, chunks)]
        found = [Mention(*fields) for part in self._run(jobs, "Finding the names in this page")
                 for fields in part]
        found.sort(key=lambda m: m.start)
        return found

    def _run(self, jobs, what):
        """Each (worker, job)'s result, in order, all within one budget."""
        deadline = time.monotonic() + self.budget_s
        pending, results = list(jobs), []
        try:
            for worker, job in pending:
                worker.send(job)
            while pending:
                worker, _ = pending[0]
                try:
                    results.append(worker.result(deadline))
                finally:
                    if worker.answered:  # also with the page's own error, such as no_text
                        pending.pop(0)
                        self._release(worker)
        except TimeoutError:
            raise ApiError(
                "too_complex",
                f"{what} took longer than the helper allows ({self.budget_s:g} s), so it "
                f"stopped. The page is very long, or holds long runs of symbols or "
                f"punctuation; the helper is still running.") from None
        finally:
            for worker, _ in pending:  # overran, or the request failed: the job is abandoned
                self._retire(worker)
                self._replace()
        return results

    def close(self):
        self._closed = True
        for worker in list(self._workers):
            worker.kill()
        self._zygote.close()


class _Worker:
    """The server's side of one worker process."""

    def __init__(self, pid, connection, generation):
        self.pid = pid
        self.connection = connection
        self.generation = generation
        self.answered = False  # whether the job last sent has been answered

    def send(self, job):
        self.answered = False
        self.connection.send(job)

    def result(self, deadline):
        if not self.connection.poll(max(0.0, deadline - time.monotonic())):
            raise TimeoutError
        status, value = self.connection.recv()
        self.answered = True
        if status == "api_error":
            raise ApiError(*value)  # the page's fault, e.g. no_text: the worker is fine
        if status != "ok":
            raise RuntimeError(f"Worker {self.pid} failed:\n{value}")
        return value

    def kill(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.connection.close()


class _Zygote:
    """A single-threaded process forked at start, which forks the workers."""

    def __init__(self, recognizers):
        self._control, child_end = socket.socketpair()
        self._lock = threading.Lock()
        self.pid = os.fork()
        if self.pid == 0:  # the zygote
            self._control.close()
            _die_with_parent()
            _exit_after(_zygote_loop, child_end, recognizers)
        child_end.close()

    def spawn(self, generation):
        ours, theirs = socket.socketpair()
        with self._lock:
            socket.send_fds(self._control, [b"spawn"], [theirs.fileno()])
            pid = int(self._control.recv(64))
        theirs.close()
        return _Worker(pid, Connection(ours.detach()), generation)

    def load(self, lang):
        with self._lock:
            self._control.sendall(f"load {lang}".encode())
            answer = b""
            while not answer.endswith(b"\n"):
                part = self._control.recv(65536)
                if not part:
                    raise RuntimeError("the worker zygote is gone")
                answer += part
        described = json.loads(answer)
        if "error" in described:
            raise RuntimeError(f"loading the {lang} pipeline failed: {described['error']}")
        return described

    def close(self):
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self._control.close()


def _exit_after(loop, *args):
    """Run a forked child's loop; never return into the server's code."""
    code = 0
    try:
        loop(*args)
    except BaseException:  # noqa: BLE001 - a forked child must not unwind into the parent's code
        code = 1
    finally:
        os._exit(code)


def _zygote_loop(control, recognizers):
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps finished workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle
    while True:
        message, fds, _, _ = socket.recv_fds(control, 64, 1)
        if not message:
            return  # the server is gone
        if message.startswith(b"load "):
            control.sendall(json.dumps(_load_in_zygote(recognizers, message[5:].decode()))
                            .encode() + b"\n")
            continue
        pid = os.fork()
        if pid == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            _die_with_parent()
            _below_the_server()
            _exit_after(_worker_loop, Connection(fds[0]), recognizers)
        os.close(fds[0])
        control.sendall(str(pid).encode())


def _load_in_zygote(recognizers, lang):
    try:
        recognizer = recognizers.for_language(lang)
    except Exception as error:  # noqa: BLE001 - reported to the server, which raises it
        return {"error": str(error)}
    return recognizer.describe() | {"labels": recognizer.labels}


def _worker_loop(connection, recognizers):
    import traceback

    while True:
        try:
            kind, *args = connection.recv()
        except EOFError:
            return  # the server is gone
        try:
            connection.send(("ok", _JOBS[kind](recognizers, *args)))
        except ApiError as error:
            connection.send(("api_error", (error.code, error.message)))
        except Exception:  # noqa: BLE001 - reported to the server, which logs it
            connection.send(("error", traceback.format_exc()))


def _extract_job(recognizers, html, url):
    extracted = extract(html, url)
    return extracted, page_language(html, extracted.text)


def _mentions_job(recognizers, lang, paragraphs, watchlist):
    return [astuple(m) for m in recognizers.by_lang[lang].mentions_in(paragraphs, watchlist)]


_JOBS = {"extract": _extract_job, "mentions": _mentions_job}


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
