"""The tracker: add documents to a SQLite store and read back claim groups, sources, articles.

:class:`Tracker` keeps every article added to it (text, hash, title, outlet,
URL, date) with its :class:`~claimtrack.model.Result`, merges the sources of
all articles into one list (by alias, see
:mod:`~claimtrack.tracker.grouping`), and puts each claim in the group of the
stored claim it repeats. Each group has a timeline (first appearance, later
appearances with their source and status) and a current status read from the
latest evidence, so a claim unconfirmed on Monday shows as confirmed once
Wednesday's article confirms it.

Every document is added in one transaction, after its extraction has
finished, so a process killed mid-way leaves the database as it was after
the last reported document. An SQLite error never escapes as a traceback: it
becomes a :class:`~claimtrack.tracker.database.DatabaseUnusable` whose one
line says what to do.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from claimtrack.errors import ResultError
from claimtrack.model import CHECKABLE_ACTS, Claim, Result, SourceEntity, text_sha256
from claimtrack.tracked import Added, ClaimGroup, DocumentRecord, TrackedSource
from claimtrack.tracker import TrackerError
from claimtrack.parsing.textio import display_name
from claimtrack.parsing.textprep import replace_surrogates
from claimtrack.tracker.articles import FRONT_MATTER_KEYS, Article, iso_date, read_article
from claimtrack.tracker.database import connect, reported, transaction
from claimtrack.tracker.grouping import (
    Candidate,
    TrackerSettings,
    band_keys,
    best_group,
    content_words,
    source_aliases,
)
from claimtrack.tracker.records import group_key
from claimtrack.tracker.rows import (
    APPEARANCES,
    DOCUMENT_COLUMNS,
    ORDER,
    SOURCES,
    appearance_order,
    claim_groups,
    document_record,
    tracked_source,
)

# Article, TrackerError and TrackerSettings are importable from here too: the
# exports take Articles, and both others appear in Tracker's signature.
__all__ = ["Article", "Tracker", "TrackerError", "TrackerSettings"]

_MAX_ROWID = 2**63 - 1

_Method = TypeVar("_Method", bound=Callable[..., Any])


def _reporting(method: _Method) -> _Method:
    """Run a :class:`Tracker` method with SQLite's errors turned into one-line ones."""

    @functools.wraps(method)
    def reporting(self: Tracker, *args: Any, **kwargs: Any) -> Any:
        with reported(self.path):
            return method(self, *args, **kwargs)

    return reporting  # type: ignore[return-value]


class Tracker:
    """Documents, their claims and sources, grouped across articles, in SQLite.

    >>> tracker = Tracker(":memory:")
    >>> tracker.groups()
    []
    """

    def __init__(self, path: str | Path, settings: TrackerSettings | None = None, **setting: Any):
        self.path = str(path)
        self.settings = settings or TrackerSettings(**setting)
        self._db = connect(self.path)

    @property
    @_reporting
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- adding documents

    def add_file(
        self,
        path: str | Path,
        *,
        rules: Any = None,
        parser: Any = None,
        cache: bool = True,
        annotate: Callable[[Result, str | None], Result] | None = None,
        **meta: str | None,
    ) -> Added:
        """Extract an article file (with optional front matter) and store it.

        Keyword arguments (title, outlet, url, date) override the front matter;
        the tracker stores those four keys and ignores any other front matter key.
        ``annotate``: see :meth:`add_text`.
        """
        body, front = read_article(path)
        front.update({key: value for key, value in meta.items() if value is not None})
        known = {key: front[key] for key in FRONT_MATTER_KEYS if key in front}
        name = display_name(path)
        return self.add_text(
            body, doc_id=Path(name).stem, path=name, rules=rules, parser=parser, cache=cache, annotate=annotate,
            **known,
        )

    def add_text(
        self,
        text: str,
        *,
        doc_id: str = "document",
        rules: Any = None,
        parser: Any = None,
        cache: bool = True,
        annotate: Callable[[Result, str | None], Result] | None = None,
        **meta: str | None,
    ) -> Added:
        """Extract ``text`` and store it; a text already stored is not parsed again.

        Lone surrogates in ``text`` are replaced by U+FFFD as
        ``claimtrack.extract`` does (offsets unchanged). ``annotate(result,
        date)`` may add to the result before it is stored (``track add
        --fact-checks`` adds each claim's matching fact-checks).
        """
        if not isinstance(text, str):
            raise TypeError(f"add_text() takes a str, got {type(text).__name__}")
        known = self._document_with_hash(text_sha256(replace_surrogates(text).text))  # before parsing: a stored text is not parsed again
        if known is not None:
            return Added(document=known["id"], doc_id=known["doc_id"], added=False)
        from claimtrack.pipeline import extract

        result = extract(text, rules=rules, doc_id=doc_id, parser=parser, cache=cache)
        if annotate is not None:
            date = meta.get("date")
            result = annotate(result, iso_date(date, doc_id) if date is not None else None)
        return self.add_result(result, **meta)

    @_reporting
    def add_result(
        self,
        result: Result,
        *,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        date: str | dt.date | None = None,
        path: str | None = None,
    ) -> Added:
        """Store an extracted document and group its claims, in one transaction.

        Claim groups are about checkable claims: only statements and beliefs
        (``claimtrack.model.CHECKABLE_ACTS``) are grouped; the document's
        whole result, intentions, directives and questions included, is kept."""
        day = iso_date(date, result.document.id) if date is not None else None
        sha = result.document.sha256  # computed once, by the pipeline
        checkable = [claim for claim in result.claims if claim.act in CHECKABLE_ACTS]
        # Computed before the write lock is taken, so other writers wait less.
        keys = [tuple(dict.fromkeys(band_keys(claim.content.text))) for claim in checkable]
        with transaction(self._db):
            known = self._document_with_hash(sha)
            if known is not None:
                return Added(document=known["id"], doc_id=known["doc_id"], added=False)
            document = self._db.execute(
                "INSERT INTO documents (sha256, doc_id, path, title, outlet, url, date, added_at, text, result)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sha,
                    result.document.id,
                    path,
                    title,
                    outlet,
                    url,
                    day,
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    result.text,
                    json.dumps(result.to_dict(), ensure_ascii=False),
                ),
            ).lastrowid
            sources = self._store_sources(document, result, outlet or sha)
            new_groups = sum(
                self._store_claim(document, claim, claim_keys, sources, day)
                for claim, claim_keys in zip(checkable, keys)
            )
        return Added(
            document=document,
            doc_id=result.document.id,
            added=True,
            claims=len(checkable),
            new_groups=new_groups,
        )

    @_reporting
    def _document_with_hash(self, sha: str) -> sqlite3.Row | None:
        return self._db.execute("SELECT id, doc_id FROM documents WHERE sha256 = ?", (sha,)).fetchone()

    def _store_sources(self, document: int, result: Result, outlet: str) -> dict[str, int]:
        """Merge the document's source entities into the tracker's; entity id -> source row."""
        entities = list(result.sources)
        known = {entity.entity for entity in entities}
        for claim in result.claims:
            source = claim.source
            if source is not None and (source.entity is None or source.entity not in known):
                key = source.entity or f"mention:{source.start}"
                known.add(key)
                entities.append(
                    SourceEntity(
                        entity=key,
                        name=source.name or source.text,
                        type=source.type,
                        anonymous=source.anonymous,
                    )
                )
        mapping = {}
        for entity in entities:
            source_id = self._merge_source(entity, outlet)
            mapping[entity.entity] = source_id
            self._db.execute(
                "INSERT OR IGNORE INTO document_sources (document_id, entity, source_id) VALUES (?, ?, ?)",
                (document, entity.entity, source_id),
            )
        return mapping

    def _merge_source(self, entity: SourceEntity, outlet: str) -> int:
        """The source row for an entity: an existing one sharing a name or alias, or a new one.

        Named sources merge across all documents; unnamed (anonymous) ones only
        within one outlet, since "a senior official" in two outlets need not be
        the same person.
        """
        scope = f"outlet:{outlet}" if entity.anonymous else ""
        aliases = source_aliases(entity)
        for alias in aliases:
            row = self._db.execute(
                "SELECT source_id FROM source_aliases WHERE alias = ? AND scope = ?", (alias, scope)
            ).fetchone()
            if row is not None:
                source_id = row["source_id"]
                break
        else:
            source_id = self._db.execute(
                "INSERT INTO sources (name, type, anonymous, scope) VALUES (?, ?, ?, ?)",
                (entity.name, entity.type, int(entity.anonymous), scope),
            ).lastrowid
        current = self._db.execute("SELECT name, type FROM sources WHERE id = ?", (source_id,)).fetchone()
        name = entity.name if len(entity.name) > len(current["name"]) else current["name"]
        kind = entity.type if current["type"] == "unknown" else current["type"]
        if (name, kind) != (current["name"], current["type"]):
            self._db.execute("UPDATE sources SET name = ?, type = ? WHERE id = ?", (name, kind, source_id))
        for alias in aliases:
            self._db.execute(
                "INSERT OR IGNORE INTO source_aliases (alias, scope, source_id) VALUES (?, ?, ?)",
                (alias, scope, source_id),
            )
        return source_id

    def _store_claim(
        self, document: int, claim: Claim, keys: tuple[int, ...], sources: dict[str, int], date: str | None
    ) -> bool:
        """Store one claim (with its candidate-index keys) in the group it belongs to;
        True when it starts a new group."""
        source_id = None
        if claim.source is not None:
            source_id = sources.get(claim.source.entity or f"mention:{claim.source.start}")
        group = self._matching_group(document, claim, keys, source_id, date)
        new_group = group is None
        if new_group:
            group = self._db.execute(
                "INSERT INTO claim_groups (label) VALUES (?)", (claim.content.text,)
            ).lastrowid
        row = self._db.execute(
            "INSERT INTO claims (document_id, claim_id, parent, group_id, source_id, kind, content, start, end,"
            " cue, cue_class, source_text, source_type, anonymous, hedged, status, n_words)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document,
                claim.id,
                claim.parent,
                group,
                source_id,
                claim.kind,
                claim.content.text,
                claim.content.start,
                claim.content.end,
                claim.cue.text if claim.cue else None,
                claim.cue.cls if claim.cue else None,
                claim.source.text if claim.source else None,
                claim.source.type if claim.source else None,
                int(bool(claim.source and claim.source.anonymous)),
                int(claim.hedged),
                claim.confirmation.status,
                len(content_words(claim.content.text)),
            ),
        ).lastrowid
        self._db.executemany(
            "INSERT INTO claim_bands (key, claim) VALUES (?, ?)", [(key, row) for key in keys]
        )
        return new_group

    def _matching_group(
        self, document: int, claim: Claim, keys: tuple[int, ...], source_id: int | None, date: str | None
    ) -> int | None:
        """The group of the most similar stored claim among those sharing an index key, if similar enough."""
        if not keys:
            return None
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"""SELECT c.group_id, c.content, c.source_id, c.document_id, c.claim_id, c.parent, d.date
                FROM claims c JOIN documents d ON d.id = c.document_id
                WHERE c.id IN (SELECT claim FROM claim_bands WHERE key IN ({marks}))
                ORDER BY c.id""",
            keys,
        ).fetchall()
        candidates = (
            Candidate(
                group=row["group_id"],
                content=row["content"],
                same_source=source_id is not None and row["source_id"] == source_id,
                date=row["date"],
                related=row["document_id"] == document
                and (row["parent"] == claim.id or row["claim_id"] == claim.parent),
            )
            for row in rows
        )
        return best_group(claim.content.text, date, candidates, self.settings)

    # -- reading

    @_reporting
    def documents(self) -> list[DocumentRecord]:
        rows = self._db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents d ORDER BY {ORDER}").fetchall()
        return [document_record(row) for row in rows]

    @_reporting
    def articles(self) -> list[Article]:
        """Every stored document as an :class:`Article` (result and metadata), in date order."""
        rows = self._db.execute(
            f"SELECT d.*, {DOCUMENT_COLUMNS} FROM documents d ORDER BY {ORDER}"
        ).fetchall()
        return [
            Article(
                result=self._stored_result(row),
                title=row["title"],
                outlet=row["outlet"],
                url=row["url"],
                date=row["date"],
                path=row["path"],
            )
            for row in rows
        ]

    def _stored_result(self, row: sqlite3.Row) -> Result:
        """A stored document's result; JSON damaged outside claimtrack is one line, not a traceback."""
        try:
            return Result.from_dict(json.loads(row["result"]), row["text"])
        except (ValueError, ResultError) as error:
            raise TrackerError(f"{self.path}: the stored result of {row['doc_id']} cannot be read: {error}") from None

    @_reporting
    def groups(self, *, status: str | None = None, source_type: str | None = None) -> list[ClaimGroup]:
        """Every claim group, oldest first; filtered by current status and by a source type
        that any of its appearances has."""
        rows = self._db.execute(APPEARANCES + f" ORDER BY c.group_id, {ORDER}, c.id").fetchall()
        found = []
        for group in claim_groups(rows):
            if status is not None and group.status != status:
                continue
            if source_type is not None and all(a.source_type != source_type for a in group.appearances):
                continue
            found.append(group)
        found.sort(key=lambda group: appearance_order(group.first))
        return found

    @_reporting
    def group(self, group_id: str | int) -> ClaimGroup:
        key = group_key(group_id)
        query = APPEARANCES + f" WHERE c.group_id = ? ORDER BY {ORDER}, c.id"
        rows = self._db.execute(query, (key,)).fetchall() if key <= _MAX_ROWID else []
        if not rows:
            raise TrackerError(f"{self.path}: no claim group G{key}")
        (group,) = claim_groups(rows)
        return group

    @_reporting
    def sources(self) -> list[TrackedSource]:
        return [tracked_source(row) for row in self._db.execute(SOURCES).fetchall()]

    @_reporting
    def integrity_check(self) -> str:
        return self._db.execute("PRAGMA integrity_check").fetchone()[0]
