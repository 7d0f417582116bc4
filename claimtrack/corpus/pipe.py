"""``claimtrack.pipe``: many texts in, one Result per text out, in order.

It follows spaCy's ``nlp.pipe``: a generator, ``batch_size`` texts go through
Stanza per call, ``n_process`` worker processes each load the models once,
and ``as_tuples=True`` carries a context object beside each text.

>>> import claimtrack
>>> texts = ['"It is over," the minister said.', "Nothing here."]
>>> [len(result.claims) for result in claimtrack.pipe(texts)]
[1, 0]

``n_process > 1`` works from a script without an ``if __name__ ==
"__main__":`` guard and from standard input, as long as torch is not loaded
in the calling process (the workers are forked then); after a
``claimtrack.extract`` or ``parse`` in the same process they are spawned,
and an unguarded script gets one line saying to add the guard
(:mod:`claimtrack.corpus.workers`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from claimtrack.corpus.records import Record, text_record
from claimtrack.corpus.work import Settings
from claimtrack.corpus.workers import batches, default_jobs, run_batches
from claimtrack.errors import ClaimtrackError

__all__ = ["pipe"]


def pipe(
    texts: Iterable[Any],
    *,
    batch_size: int = 8,
    n_process: int = 1,
    as_tuples: bool = False,
    rules: Any = None,
    models: str | None = None,
    cache: bool = True,
    doc_id: str = "document",
) -> Iterator[Any]:
    """A Result per text, equal to ``claimtrack.extract(text)``, in input order;
    with ``as_tuples``, ``(text, context)`` pairs in and ``(result, context)`` out.

    A text that cannot be extracted raises its error when its turn comes.
    ``rules``, ``models`` and ``cache`` are as for ``claimtrack.extract``;
    ``n_process=0`` uses every core.
    """
    from claimtrack.ruleset.loader import rules_from

    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    rules_from(rules)  # a broken overlay fails before any work starts
    contexts: deque[Any] = deque()
    records = _records(texts, as_tuples, contexts, doc_id)
    settings = Settings(models=models, cache=cache, rules=rules)
    for outcomes in run_batches(batches(records, batch_size), settings, default_jobs(n_process)):
        for outcome in outcomes:
            if outcome.error is not None:
                raise ClaimtrackError(outcome.error)
            yield (outcome.result, contexts.popleft()) if as_tuples else outcome.result


def _records(texts: Iterable[Any], as_tuples: bool, contexts: deque[Any], doc_id: str) -> Iterator[Record]:
    for number, item in enumerate(texts, start=1):
        if as_tuples:
            text, context = item
            contexts.append(context)
        else:
            text = item
        if not isinstance(text, str):
            raise TypeError(f"pipe() takes str texts, got {type(text).__name__} (item {number})")
        yield text_record(f"text {number}", doc_id, text)
