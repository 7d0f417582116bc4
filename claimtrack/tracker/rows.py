"""The tracker's SQL for reading back, and its rows as the records of
:mod:`claimtrack.tracked`: stored documents, claim groups with their
appearances, merged sources. :mod:`claimtrack.tracker.store` runs the queries."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from claimtrack.model import FactCheckMatch, from_dict
from claimtrack.tracked import Appearance, ClaimGroup, DocumentRecord, TrackedSource
from claimtrack.tracker.records import current_status

__all__ = [
    "APPEARANCES",
    "DOCUMENT_COLUMNS",
    "ORDER",
    "SOURCES",
    "appearance_order",
    "claim_groups",
    "document_record",
    "tracked_source",
]

DOCUMENT_COLUMNS = (
    "d.id AS d_id, d.doc_id AS d_doc_id, d.sha256 AS d_sha256, d.title AS d_title, d.outlet AS d_outlet,"
    " d.url AS d_url, d.date AS d_date, d.path AS d_path, d.added_at AS d_added_at"
)
# Documents in publication order; an undated one counts from the day it was added.
ORDER = "COALESCE(d.date, substr(d.added_at, 1, 10)), d.id"
# A claim's matched fact-checks (``track add --fact-checks``) are kept in its
# document's stored result, not in a column of their own: SQLite's JSON
# functions read them from there.
_FACT_CHECKS = """(SELECT json_extract(value, '$.fact_checks') FROM json_each(d.result, '$.claims')
    WHERE json_extract(value, '$.id') = c.claim_id) AS fact_checks"""
APPEARANCES = f"""SELECT c.*, g.label, s.name AS source_name, {DOCUMENT_COLUMNS}, {_FACT_CHECKS}
    FROM claims c JOIN claim_groups g ON g.id = c.group_id JOIN documents d ON d.id = c.document_id
    LEFT JOIN sources s ON s.id = c.source_id"""

# Every source merged across documents, with how many documents and claims
# it has and its aliases, the most quoted first.
SOURCES = """SELECT s.id, s.name, s.type, s.anonymous,
          (SELECT count(DISTINCT document_id) FROM document_sources ds WHERE ds.source_id = s.id) AS documents,
          (SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claims,
          (SELECT group_concat(alias, '|') FROM
              (SELECT alias FROM source_aliases a WHERE a.source_id = s.id ORDER BY alias)) AS aliases
   FROM sources s ORDER BY claims DESC, s.name"""


def document_record(row: sqlite3.Row) -> DocumentRecord:
    return DocumentRecord(
        id=row["d_id"],
        doc_id=row["d_doc_id"],
        sha256=row["d_sha256"],
        title=row["d_title"],
        outlet=row["d_outlet"],
        url=row["d_url"],
        date=row["d_date"],
        path=row["d_path"],
        added_at=row["d_added_at"],
    )


def _appearance(row: sqlite3.Row) -> Appearance:
    return Appearance(
        document=document_record(row),
        claim=row["claim_id"],
        kind=row["kind"],
        content=row["content"],
        start=row["start"],
        end=row["end"],
        cue=row["cue"],
        cue_class=row["cue_class"],
        source=row["source_name"] or row["source_text"],
        source_id=row["source_id"],
        source_type=row["source_type"],
        anonymous=bool(row["anonymous"]),
        hedged=bool(row["hedged"]),
        status=row["status"],
        fact_checks=[from_dict(FactCheckMatch, item) for item in json.loads(row["fact_checks"] or "[]")],
    )


def claim_groups(rows: Sequence[sqlite3.Row]) -> list[ClaimGroup]:
    """The groups of appearance rows (``APPEARANCES``), in the order their first rows come."""
    grouped: dict[int, tuple[str, list[sqlite3.Row]]] = {}
    for row in rows:
        grouped.setdefault(row["group_id"], (row["label"], []))[1].append(row)
    return [_group(number, label, members) for number, (label, members) in grouped.items()]


def _group(number: int, label: str, rows: Sequence[sqlite3.Row]) -> ClaimGroup:
    appearances = [_appearance(row) for row in rows]
    return ClaimGroup(
        id=f"G{number}",
        label=label,
        status=current_status(appearances),
        first=appearances[0],
        appearances=appearances,
    )


def appearance_order(appearance: Appearance) -> tuple[str, int]:
    document = appearance.document
    return (document.date or document.added_at[:10], document.id)


def tracked_source(row: sqlite3.Row) -> TrackedSource:
    """A row of ``SOURCES``."""
    return TrackedSource(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        anonymous=bool(row["anonymous"]),
        aliases=tuple((row["aliases"] or "").split("|")) if row["aliases"] else (),
        documents=row["documents"],
        claims=row["claims"],
    )
