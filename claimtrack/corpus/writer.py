"""What every corpus output writer is: :class:`Writer`, and the output object
of one result (:func:`document_record`).

Below both :mod:`claimtrack.corpus.output` (JSON, JSONL, the collected
formats) and :mod:`claimtrack.corpus.parquet`, so neither imports the other
to share them.
"""

from __future__ import annotations

from typing import Any

from claimtrack.corpus.records import Record

__all__ = ["Writer", "document_record"]


def document_record(result: Any, metadata: dict[str, Any] | None = None, include_text: bool = False) -> dict[str, Any]:
    """A result's output object; the record's metadata goes in its ``document``,
    and with ``include_text`` the document text in ``"text"`` (``--include-text``)."""
    data = result.to_dict()
    if metadata and "metadata" not in data["document"]:
        data["document"]["metadata"] = metadata
    if include_text:
        data["text"] = result.text
    return data


class Writer:
    """Writes results in order; ``close()`` finishes the output."""

    def write(self, result: Any, record: Record) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (also after an interruption)."""
