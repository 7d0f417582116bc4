"""claimtrack on a Dask cluster (``pip install 'claimtrack[dask]'``).

>>> import dask.bag as db                                  # doctest: +SKIP
>>> from claimtrack.dask import extract_bag, to_parquet     # doctest: +SKIP
>>> bag = db.from_sequence(records, npartitions=32)         # doctest: +SKIP
>>> to_parquet(extract_bag(bag), "claims/")                 # doctest: +SKIP

- :func:`extract_bag` maps a ``dask.bag`` of texts or ``(id, text, metadata)``
  records to a bag of result dicts (the JSON output contract; a document that
  fails gives ``{"document": {"id": ...}, "error": "..."}`` and fails alone).
- :func:`to_parquet` writes a bag of result dicts as Parquet part files, one
  row per claim (:mod:`claimtrack.corpus.parquet`).
- :class:`ModelPlugin` loads the models once per worker, when it starts.
- :func:`run_on_cluster` is what ``claimtrack extract --scheduler`` runs: one
  task per batch of documents, retried if its worker is lost, results in order.

The parse cache is per host (``$CLAIMTRACK_CACHE_DIR``); docs/scale.md says
how to share it.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from claimtrack.corpus.writer import document_record
from claimtrack.corpus.parquet import claim_rows, clear_parts, write_part
from claimtrack.corpus.records import Record
from claimtrack.corpus.work import Outcome, Settings, extract_batch
from claimtrack.corpus.workers import batches
from claimtrack.errors import ClaimtrackError

try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # the module still imports; using it says what to install
    _WorkerPlugin = object

__all__ = ["MEMORY_LIMIT", "ModelPlugin", "extract_bag", "run_on_cluster", "to_parquet"]

# Per worker. One worker parsing with the compact models peaked at 0.76 GB
# RSS on a 5 MB article (chunks bound it; docs/scale.md); 2 GB leaves room for
# a batch of results and Dask's own buffers before Dask pauses the worker.
MEMORY_LIMIT = "2GB"
TASK_RETRIES = 2


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClaimtrackError("Dask is not installed: pip install 'claimtrack[dask]'") from None
    return distributed


def extract_bag(bag: Any, *, rules: Any = None, models: str | None = None, cache: bool = True, batch_size: int = 4) -> Any:
    """A bag of result dicts, one per item of ``bag`` (texts or ``(id, text, metadata)``)."""
    settings = Settings(models=models, cache=cache, rules=rules)
    return bag.map_partitions(_extract_partition, settings, batch_size)


def _extract_partition(items: Iterable[Any], settings: Settings, batch_size: int) -> list[dict[str, Any]]:
    records = [_record(item, number) for number, item in enumerate(items, start=1)]
    found = []
    for group in batches(records, batch_size):
        for outcome in extract_batch(group, settings):
            found.append(_as_dict(outcome))
    return found


def _as_dict(outcome: Outcome) -> dict[str, Any]:
    if outcome.error is not None:
        return {"document": {"id": outcome.record.doc_id}, "error": outcome.error}
    return document_record(outcome.result, outcome.record.metadata)


def _record(item: Any, number: int) -> Record:
    if isinstance(item, str):
        return Record(name=f"item {number}", doc_id="document", text=item)
    if isinstance(item, Record):
        return item
    doc_id, text, *rest = item
    metadata = dict(rest[0]) if rest and rest[0] else {}
    if not isinstance(text, str):
        return Record(name=str(doc_id), doc_id=str(doc_id), error=f"{doc_id}: the text is {type(text).__name__}, not str")
    return Record(name=str(doc_id), doc_id=str(doc_id), text=text, metadata=metadata)


def to_parquet(bag: Any, path: str | Path) -> list[str]:
    """Write a bag of result dicts as ``path/part-NNNNN.parquet``, one per
    partition, one row per claim (failed documents have none); the paths."""
    import dask

    clear_parts(path)  # an earlier run's parts are not this run's data
    parts = [dask.delayed(_write_partition)(part, str(path), number) for number, part in enumerate(bag.to_delayed())]
    return list(dask.compute(*parts))


def _write_partition(documents: list[dict[str, Any]], path: str, number: int) -> str:
    rows = [row for document in documents if "error" not in document for row in claim_rows(document)]
    return write_part(rows, path, number)


class ModelPlugin(_WorkerPlugin):
    """A Dask worker plugin: each worker loads the models once, as it starts."""

    name = "claimtrack-models"

    def __init__(self, models: str | None = None, cache: bool = True):
        self.models = models
        self.cache = cache

    def setup(self, worker: Any = None) -> None:
        from claimtrack.parsing.parser import get_parser

        get_parser(self.models, cache=self.cache).pipeline()

    def teardown(self, worker: Any = None) -> None:
        pass


def connect(scheduler: str, jobs: int) -> Any:
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of
    ``jobs`` single-threaded worker processes for ``local``."""
    distributed = _distributed()
    if scheduler == "local":
        # The worker processes start with Ctrl-C ignored (a disposition they
        # inherit): Ctrl-C is this process's, which closes the cluster, instead
        # of a KeyboardInterrupt traceback from every worker.
        with _sigint_ignored():
            cluster = distributed.LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                memory_limit=MEMORY_LIMIT,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        return distributed.Client(cluster)
    try:
        return distributed.Client(scheduler, timeout="30s")
    except OSError as error:
        raise ClaimtrackError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    except (ValueError, TypeError) as error:  # a malformed address: "foo://bar", "not an address"
        raise ClaimtrackError(f"--scheduler {scheduler!r} is not a Dask scheduler address ({' '.join(str(error).split())})") from None


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_on_cluster(
    records: Iterable[Record], settings: Settings, *, scheduler: str, jobs: int, batch_size: int
) -> Iterator[Outcome]:
    """The outcome of every record, in order, computed on a Dask cluster."""
    client = connect(scheduler, jobs)
    try:
        client.register_plugin(ModelPlugin(settings.models, settings.cache))
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        pending: deque[Any] = deque()
        for group in batches(records, batch_size):
            pending.append(client.submit(extract_batch, group, settings, retries=TASK_RETRIES, pure=False))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        cluster = client.cluster if scheduler == "local" else None
        client.close()
        if cluster is not None:
            cluster.close()
