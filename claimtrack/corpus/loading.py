"""``claimtrack.load(path, source=...)``: saved output back in Python, with its texts.

The output of ``claimtrack extract`` holds offsets, not the document text
(unless written with ``--include-text``). Given the inputs it was extracted
from, :func:`load` reads them with the very reader ``extract`` uses (files,
folders, JSONL corpora: :func:`~claimtrack.corpus.records.read_records`) and
gives each result the text whose sha256 its document record names, so that
``result.text[span.start:span.end] == span.text`` holds again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from claimtrack.corpus.records import DEFAULT_GLOBS, read_records
from claimtrack.model import Result
from claimtrack.parsing.cache import text_digest
from claimtrack.results import load as load_results

__all__ = ["load"]

Source = str | os.PathLike[str]


def load(
    path: Source, *, source: Source | Iterable[Source] | None = None, globs: Iterable[str] = DEFAULT_GLOBS
) -> list[Result]:
    """Every result in a JSON or JSONL output of ``claimtrack extract``, in
    file order; with ``source`` (the paths given to ``extract``: files,
    folders, JSONL corpora), each result whose text is among them gets it back.
    A result whose text is not found keeps an empty ``text``."""
    if source is None:
        return load_results(path)
    paths = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    texts: dict[str, str] = {}
    for record in read_records([os.fspath(item) for item in paths], globs=globs):
        if record.text is not None:
            texts[text_digest(record.text)] = record.text
    return load_results(path, texts=texts)
