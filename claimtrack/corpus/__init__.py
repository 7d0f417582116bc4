"""Corpus scale: many documents in, results streamed out in input order.

- :mod:`claimtrack.corpus.records`: what to extract from (files, folders,
  standard input, JSONL corpora), one :class:`Record` per document, read lazily.
- :mod:`claimtrack.corpus.work`: extraction of a batch of records in one
  process (Stanza in bulk, one failure per bad document).
- :mod:`claimtrack.corpus.workers`: batches in worker processes, results in order.
- :mod:`claimtrack.corpus.output`: streaming JSONL/JSON/Parquet writers and resume.
- :mod:`claimtrack.corpus.pipe`: ``claimtrack.pipe``, the Python face of all this.
"""

from claimtrack.corpus.pipe import pipe
from claimtrack.corpus.records import Record

__all__ = ["Record", "pipe"]
