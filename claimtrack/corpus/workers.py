"""Batches of records through worker processes, outcomes back in input order.

``jobs == 1`` runs in this process. Otherwise a pool of ``jobs`` processes
takes one batch per task. They are started with *fork* while this process
has not loaded torch (the CLI's and ``pipe``'s usual case): a forked worker
does not re-import the calling script, so ``pipe(n_process=2)`` works from a
script without an ``if __name__ == "__main__":`` guard and from standard
input. Once torch is loaded here they are started with *spawn* (torch does
not survive a fork once it has threads), which needs that guard; a pool that
breaks before any batch is done says so in one line (:data:`BROKEN`). Each process keeps its Parser, so it loads the
models once. At most two batches per worker are in flight, so a corpus of
millions of documents is read as it is processed, never all at once.

Worker lifetime (docs/security.md):

- a worker ends when the process that started it ends, however it ends
  (``kill -9`` included): on Linux the kernel sends it SIGKILL
  (``prctl(PR_SET_PDEATHSIG)``), elsewhere a thread in the worker watches its
  parent; Ctrl-C is the parent's to handle, so workers ignore SIGINT and the
  parent ends them at once;
- a worker that dies (the OOM killer, a crash in native code) does not end
  the run: the documents of every batch it took down are extracted again, one
  by one, each in a fresh worker, and a document that takes a fresh worker
  down too is reported as failed; the run goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from claimtrack.corpus.records import Record
from claimtrack.corpus.work import Outcome, Settings, extract_batch
from claimtrack.errors import ClaimtrackError

__all__ = ["BROKEN", "batches", "default_jobs", "run_batches", "start_method"]

BROKEN = (
    "a worker process ended before its batch was done (out of memory, killed, or it could not start); "
    'torch was loaded before the workers started, so they were spawned: put the code that calls '
    'pipe(n_process>1) under  if __name__ == "__main__":  in a script file, or use n_process=1'
)

BATCH_CHARS = 100_000
WORKER_DIED = "the worker process extracting it died (killed, or out of memory); it was tried again in a fresh worker and died again"


def default_jobs(jobs: int) -> int:
    """``jobs`` itself, or every core for 0."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def start_method() -> str:
    """*fork* where it exists and torch is not loaded in this process, else *spawn*."""
    if "torch" not in sys.modules and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def batches(records: Iterable[Record], size: int, max_chars: int = BATCH_CHARS) -> Iterator[list[Record]]:
    """Records in groups of at most ``size``, cut earlier when the texts reach
    ``max_chars``, so that one long document does not hold up a whole batch."""
    group: list[Record] = []
    chars = 0
    for record in records:
        group.append(record)
        chars += len(record.text or "")
        if len(group) >= size or chars >= max_chars:
            yield group
            group, chars = [], 0
    if group:
        yield group


def run_batches(
    groups: Iterable[list[Record]],
    settings: Settings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    *,
    task: Callable[..., list[Outcome]] = extract_batch,
) -> Iterator[list[Outcome]]:
    """The outcomes of each batch, in the order the batches came; in this
    process, ``progress(characters)`` follows the parsing of long texts.
    ``task(batch, settings)`` extracts a batch (a module-level function, so
    that worker processes can import it)."""
    if jobs <= 1:
        for group in groups:
            yield task(group, settings, progress)
        return
    pool = _Pool(jobs, task)
    pending: deque[tuple[list[Record], Future]] = deque()
    try:
        for group in groups:
            pending.append((group, pool.submit(group, settings)))
            if len(pending) >= 2 * jobs:
                yield pool.result(*pending.popleft(), settings)
        while pending:
            yield pool.result(*pending.popleft(), settings)
    except BaseException:
        pool.kill()
        raise
    finally:
        pool.close()


class _Pool:
    """A ProcessPoolExecutor that is replaced when one of its workers dies."""

    def __init__(self, jobs: int, task: Callable[..., list[Outcome]] = extract_batch):
        self.jobs = jobs
        self.task = task
        self.method = start_method()
        self.completed = 0
        self.executor = self._new(jobs)

    def _new(self, jobs: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context(self.method), initializer=_watch_parent, initargs=(os.getpid(),)
        )

    def submit(self, group: list[Record], settings: Settings) -> Future:
        try:
            return self.executor.submit(self.task, group, settings)
        except BrokenProcessPool:
            self._renew()
            return self.executor.submit(self.task, group, settings)

    def result(self, group: list[Record], future: Future, settings: Settings) -> list[Outcome]:
        """The batch's outcomes; if its worker died, each of its documents
        once more alone in a fresh worker."""
        try:
            outcomes = future.result()
            self.completed += 1
            return outcomes
        except BrokenProcessPool:
            if self.method == "spawn" and not self.completed:
                raise ClaimtrackError(BROKEN) from None  # no worker could even start
        outcomes = []
        for record in group:
            self._renew()
            try:
                outcomes.extend(self.executor.submit(self.task, [record], settings).result())
            except BrokenProcessPool:
                error = f"{record.name}: {WORKER_DIED}"
                outcomes.append(Outcome(record=record.without_text(), error=error))
        self._renew()
        return outcomes

    def _renew(self) -> None:
        """A fresh pool if this one is broken (the batches in flight in it are
        lost, and are retried by :meth:`result` when their turn comes)."""
        if getattr(self.executor, "_broken", False):
            self.kill()
            self.executor = self._new(self.jobs)

    def kill(self) -> None:
        """End the workers now (an interruption, or a broken pool)."""
        processes = dict(getattr(self.executor, "_processes", None) or {})
        for process in processes.values():
            try:
                process.kill()
            except (OSError, ValueError):
                pass
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            process.join(5)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """In each worker, first: end with the parent, leave Ctrl-C to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux") and _die_with_parent():
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), name="claimtrack-parent-watch", daemon=True).start()


def _die_with_parent() -> bool:
    """``prctl(PR_SET_PDEATHSIG, SIGKILL)``: the kernel kills this process
    when its parent ends. False where libc or prctl is not there."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
