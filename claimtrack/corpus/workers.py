"""Batches of records through worker processes, outcomes back in input order.

``jobs == 1`` runs in this process. Otherwise a pool of ``jobs`` processes
(started with *spawn*: torch does not survive a fork once it has threads)
takes one batch per task; each process keeps its Parser, so it loads the
models once. At most two batches per worker are in flight, so a corpus of
millions of documents is read as it is processed, never all at once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from claimtrack.corpus.records import Record
from claimtrack.corpus.work import Outcome, Settings, extract_batch

__all__ = ["batches", "default_jobs", "run_batches"]

BATCH_CHARS = 100_000


def default_jobs(jobs: int) -> int:
    """``jobs`` itself, or every core for 0."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


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
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))
    pending: deque[Future] = deque()
    try:
        for group in groups:
            pending.append(pool.submit(extract_batch, group, settings))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=not pending, cancel_futures=True)
