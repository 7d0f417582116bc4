"""Batches of records through worker processes, outcomes back in input order.

``jobs == 1`` runs in this process. Otherwise a pool of ``jobs`` processes
takes one batch per task. They are started with *fork* while this process
has not loaded torch (the CLI's and ``pipe``'s usual case): a forked worker
does not re-import the calling script, so ``pipe(n_process=2)`` works from a
script without an ``if __name__ == "__main__":`` guard and from standard
input. Once torch is loaded here they are started with *spawn* (torch does
not survive a fork once it has threads), which needs that guard; a pool that
breaks says so in one line (:data:`BROKEN`). each process keeps its Parser, so it loads the
models once. At most two batches per worker are in flight, so a corpus of
millions of documents is read as it is processed, never all at once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
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
    groups: Iterable[list[Record]], settings: Settings, jobs: int = 1, progress: Callable[[int], None] | None = None
) -> Iterator[list[Outcome]]:
    """The outcomes of each batch, in the order the batches came; in this
    process, ``progress(characters)`` follows the parsing of long texts."""
    if jobs <= 1:
        for group in groups:
            yield extract_batch(group, settings, progress)
        return
    method = start_method()
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method))
    pending: deque[Future] = deque()
    try:
        for group in groups:
            pending.append(pool.submit(extract_batch, group, settings))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        message = BROKEN if method == "spawn" else BROKEN.split(";")[0]
        raise ClaimtrackError(message) from None
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=not pending, cancel_futures=True)
