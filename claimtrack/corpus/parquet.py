"""Claims as Parquet: one row per claim, the document and source flattened.

The columns (:data:`COLUMNS`) are fixed and typed, so that every part file of
a run has one schema and pandas, DuckDB, Spark or ``pyarrow.dataset`` read a
folder of parts as one table. Metadata keys other than title, outlet, url and
date are kept as one JSON string (``metadata``), and so are a claim's matched
fact-checks (``fact_checks``, as in the JSON output; null when none). Needs ``pyarrow``
(``pip install 'claimtrack[parquet]'``; Dask is not needed).

A run owns its output folder's part files: the ``part-NNNNN.parquet`` files
of an earlier run are removed first (:func:`clear_parts`), so that they are
never read back as this run's data; each part is written under a temporary
name and renamed when complete, so an interrupted run leaves whole parts
only; and the command line writes a part every :data:`DOCUMENTS_PER_PART`
documents as well as every :data:`ROWS_PER_PART` claims, so an interrupted
run keeps what it had done.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from claimtrack.corpus.records import Record
from claimtrack.corpus.writer import Writer, document_record
from claimtrack.errors import ClaimtrackError
from claimtrack.model import ARTICLE_KEYS

__all__ = ["COLUMNS", "ParquetWriter", "claim_rows", "clear_parts", "schema", "write_part"]

ROWS_PER_PART = 50_000
DOCUMENTS_PER_PART = 1_000
_PART = re.compile(r"\.?part-\d{5}\.parquet(\.tmp)?")
_META_COLUMNS = ARTICLE_KEYS

COLUMNS: tuple[tuple[str, str], ...] = (
    ("document_id", "string"),
    ("document_sha256", "string"),
    ("document_length", "int64"),
    ("title", "string"),
    ("outlet", "string"),
    ("url", "string"),
    ("date", "string"),
    ("metadata", "string"),
    ("claim_id", "string"),
    ("kind", "string"),
    ("heading", "bool"),
    ("content", "string"),
    ("content_start", "int64"),
    ("content_end", "int64"),
    ("cue", "string"),
    ("cue_lemma", "string"),
    ("cue_class", "string"),
    ("cue_start", "int64"),
    ("cue_end", "int64"),
    ("source", "string"),
    ("source_start", "int64"),
    ("source_end", "int64"),
    ("source_entity", "string"),
    ("source_name", "string"),
    ("source_type", "string"),
    ("source_anonymous", "bool"),
    ("source_mentions", "int64"),
    ("hedged", "bool"),
    ("hedges", "list<string>"),
    ("status", "string"),
    ("evidence", "list<string>"),
    ("parent", "string"),
    ("rules", "list<string>"),
    ("fact_checks", "string"),
)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise ClaimtrackError("Parquet output needs pyarrow: pip install 'claimtrack[parquet]'") from None
    return pyarrow


def schema() -> Any:
    pa = _pyarrow()
    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_(), "list<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in COLUMNS])


def claim_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of one result in its output form (``document_record``)."""
    info = document["document"]
    metadata = dict(info.get("metadata") or {})
    base = {
        "document_id": info["id"],
        "document_sha256": info.get("sha256"),
        "document_length": info.get("length"),
        **{key: _text(metadata.pop(key, None)) for key in _META_COLUMNS},
        "metadata": json.dumps(metadata, ensure_ascii=False, sort_keys=True) if metadata else None,
    }
    sources = {source["entity"]: source for source in document.get("sources", ())}
    return [{**base, **_claim_columns(claim, sources)} for claim in document.get("claims", ())]


def _claim_columns(claim: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, Any]:
    cue = claim.get("cue") or {}
    source = claim.get("source") or {}
    entity = sources.get(source.get("entity"), {})
    confirmation = claim.get("confirmation") or {}
    return {
        "claim_id": claim["id"],
        "kind": claim.get("kind"),
        "heading": bool(claim.get("heading", False)),
        "content": claim["content"]["text"],
        "content_start": claim["content"]["start"],
        "content_end": claim["content"]["end"],
        "cue": cue.get("text"),
        "cue_lemma": cue.get("lemma"),
        "cue_class": cue.get("class"),
        "cue_start": cue.get("start"),
        "cue_end": cue.get("end"),
        "source": source.get("text"),
        "source_start": source.get("start"),
        "source_end": source.get("end"),
        "source_entity": source.get("entity"),
        "source_name": source.get("name", entity.get("name")),
        "source_type": source.get("type", entity.get("type")),
        "source_anonymous": source.get("anonymous", entity.get("anonymous")),
        "source_mentions": len(entity.get("mentions", ())) if entity else None,
        "hedged": bool(claim.get("hedged", False)),
        "hedges": [hedge.get("text") for hedge in claim.get("hedges", ())],
        "status": confirmation.get("status"),
        "evidence": [item.get("text") for item in confirmation.get("evidence", ())],
        "parent": claim.get("parent"),
        "rules": list(claim.get("rules", ())),
        "fact_checks": json.dumps(claim["fact_checks"], ensure_ascii=False) if claim.get("fact_checks") else None,
    }


def _text(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def write_part(rows: list[dict[str, Any]], folder: str | Path, number: int) -> str:
    """Write one part file, ``part-00000.parquet``; its path."""
    pa = _pyarrow()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{number:05}.parquet"
    partial = folder / f".{path.name}.tmp"
    pa.parquet.write_table(pa.Table.from_pylist(rows, schema=schema()), partial)
    os.replace(partial, path)
    return str(path)


def clear_parts(folder: str | Path) -> int:
    """Remove the part files (and unfinished ones) of an earlier run from
    ``folder``; how many. Other files are left alone."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.iterdir():
        if _PART.fullmatch(entry.name) and entry.is_file():
            entry.unlink()
            removed += 1
    return removed


class ParquetWriter(Writer):
    """``--format parquet -o DIR``: part files of up to ``ROWS_PER_PART`` claims."""

    def __init__(self, folder: str):
        _pyarrow()
        path = Path(folder)
        if path.exists() and not path.is_dir():
            raise ClaimtrackError(f"{folder}: --format parquet writes a folder of part files; this is a file")
        clear_parts(path)
        self.folder = folder
        self.rows: list[dict[str, Any]] = []
        self.documents = 0
        self.parts = 0

    def write(self, result: Any, record: Record) -> None:
        self.rows.extend(claim_rows(document_record(result, record.metadata)))
        self.documents += 1
        if len(self.rows) >= ROWS_PER_PART or self.documents >= DOCUMENTS_PER_PART:
            self._flush()

    def _flush(self) -> None:
        write_part(self.rows, self.folder, self.parts)
        self.parts += 1
        self.rows = []
        self.documents = 0

    def close(self) -> None:
        if self.rows or self.parts == 0:
            self._flush()
