"""Follow claims across articles: a SQLite store of documents and their claims.

A fact-check desk follows a story over days. :class:`Tracker` keeps every
article added to it (text, hash, title, outlet, URL, date) with its
:class:`~claimtrack.model.Result`, merges the sources of all articles into
one list (by name and alias), and groups claims about the same thing across
articles. Each group has a timeline (first appearance, later appearances with
their source and status) and a current status read from the latest evidence,
so a claim unconfirmed on Monday shows as confirmed once Wednesday's article
confirms it.

Storage is the standard library's ``sqlite3`` in WAL mode. Every document is
added in one transaction, after its extraction has finished, so a process
killed mid-way leaves the database as it was after the last reported
document. The schema is versioned with ``PRAGMA user_version`` and upgraded
by the migrations in :data:`MIGRATIONS`.

Claims are grouped by the Dice similarity of their content words (the
words left after dropping short words and the stop list in
``claimtrack/data/stopwords.yaml``), with a bonus when the source is the
same and no grouping across more than ``window_days`` days.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import sqlite3
import types
import typing
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import yaml

from claimtrack.errors import ClaimtrackError
from claimtrack.model import Claim, Result, SourceEntity, to_dict

__all__ = [
    "Added",
    "Appearance",
    "Article",
    "ClaimGroup",
    "DocumentRecord",
    "Tracker",
    "TrackerError",
    "TrackerSettings",
    "TrackedSource",
    "content_words",
    "read_article",
    "result_from_dict",
]

APPLICATION_ID = 0x436C5472  # "ClTr": marks a file as a claimtrack database

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # version 1
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            doc_id TEXT NOT NULL,
            path TEXT,
            title TEXT,
            outlet TEXT,
            url TEXT,
            date TEXT,
            added_at TEXT NOT NULL,
            text TEXT NOT NULL,
            result TEXT NOT NULL)""",
        """CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            anonymous INTEGER NOT NULL,
            scope TEXT NOT NULL)""",
        """CREATE TABLE source_aliases (
            alias TEXT NOT NULL,
            scope TEXT NOT NULL,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            PRIMARY KEY (alias, scope))""",
        """CREATE TABLE document_sources (
            document_id INTEGER NOT NULL REFERENCES documents(id),
            entity TEXT NOT NULL,
            source_id INTEGER NOT NULL REFERENCES sources(id),
            PRIMARY KEY (document_id, entity))""",
        """CREATE TABLE claim_groups (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL)""",
        """CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            claim_id TEXT NOT NULL,
            parent TEXT,
            group_id INTEGER NOT NULL REFERENCES claim_groups(id),
            source_id INTEGER REFERENCES sources(id),
            kind TEXT NOT NULL,
            content TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            cue TEXT,
            cue_class TEXT,
            source_text TEXT,
            source_type TEXT,
            anonymous INTEGER NOT NULL,
            hedged INTEGER NOT NULL,
            status TEXT NOT NULL,
            n_words INTEGER NOT NULL,
            UNIQUE (document_id, claim_id))""",
        """CREATE TABLE claim_words (
            word TEXT NOT NULL,
            claim INTEGER NOT NULL REFERENCES claims(id),
            PRIMARY KEY (word, claim)) WITHOUT ROWID""",
        "CREATE INDEX claims_by_group ON claims(group_id)",
        "CREATE INDEX claims_by_source ON claims(source_id)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class TrackerError(ClaimtrackError):
    """A problem with a tracker database or an article given to it (one line)."""


# ---------------------------------------------------------------- articles


@attrs.frozen
class Article:
    """A document's result and what is known about where it appeared."""

    result: Result
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    path: str | None = None

    @property
    def text(self) -> str:
        return self.result.text


FRONT_MATTER_KEYS = ("title", "outlet", "url", "date")
_FENCE = "---"


def read_article(path: str | Path) -> tuple[str, dict[str, str]]:
    """The body text of an article file and its front matter (title, outlet, url, date).

    Front matter is an optional YAML mapping between two ``---`` lines at the
    very top of the file. Offsets of everything extracted later count from
    the first character after the closing ``---`` line.
    """
    from claimtrack.parsing.textio import read_text

    text = read_text(path)
    body, meta = split_front_matter(text, str(path))
    if not body.strip():
        raise TrackerError(f"{path}: the article has no text")
    return body, meta


def split_front_matter(text: str, name: str = "<text>") -> tuple[str, dict[str, str]]:
    """Split ``text`` into its body and front matter (empty when there is none)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        return text, {}
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") == _FENCE:
            header = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return body, _front_matter(header, name)
    raise TrackerError(f"{name}: front matter opened with '---' is never closed")


def _front_matter(header: str, name: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise TrackerError(f"{name}: front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise TrackerError(f"{name}: front matter must be a mapping of {', '.join(FRONT_MATTER_KEYS)}")
    unknown = sorted(str(key) for key in data if key not in FRONT_MATTER_KEYS)
    if unknown:
        raise TrackerError(
            f"{name}: unknown front matter key {unknown[0]!r} (known: {', '.join(FRONT_MATTER_KEYS)})"
        )
    meta = {key: str(value) for key, value in data.items() if value is not None}
    if "date" in data and data["date"] is not None:
        meta["date"] = _iso_date(data["date"], name)
    return meta


def _iso_date(value: Any, name: str) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise TrackerError(f"{name}: date {value!r} is not a YYYY-MM-DD date") from None


# ---------------------------------------------------------------- content words


@functools.cache
def _stopwords() -> frozenset[str]:
    data = resources.files("claimtrack").joinpath("data/stopwords.yaml").read_text("utf-8")
    return frozenset(word.lower() for word in yaml.safe_load(data)["stopwords"])


_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that say what it is about, lower-cased.

    >>> sorted(content_words("The fire was started deliberately, police said."))
    ['deliberately', 'fire', 'police', 'started']
    """
    words = set()
    for match in _WORD.finditer(text.lower()):
        word = _POSSESSIVE.sub("", match.group())
        if (len(word) > 2 or word.isdigit()) and word not in _stopwords():
            words.add(word)
    return frozenset(words)


def _alias(text: str) -> str:
    """A name's comparison key: its content words in order ("Ana Ruiz's" -> "ana ruiz")."""
    kept = []
    for match in _WORD.finditer(text.lower()):
        word = _POSSESSIVE.sub("", match.group())
        if word not in _stopwords() and (len(word) > 1 or word.isdigit()):
            kept.append(word)
    return " ".join(kept)


# ---------------------------------------------------------------- settings and views


@attrs.frozen
class TrackerSettings:
    """How claims are grouped: ``threshold`` on Dice similarity of content words,
    plus ``source_bonus`` when both claims come from the same source; claims
    more than ``window_days`` apart are never grouped."""

    threshold: float = attrs.field(
        default=0.5, validator=attrs.validators.and_(attrs.validators.ge(0.0), attrs.validators.le(1.0))
    )
    source_bonus: float = attrs.field(default=0.1, validator=attrs.validators.ge(0.0))
    window_days: int = attrs.field(default=60, validator=attrs.validators.ge(0))


@attrs.frozen
class Added:
    """What :meth:`Tracker.add_result` did: ``added`` is False for a document already stored."""

    document: int
    doc_id: str
    added: bool
    claims: int = 0
    new_groups: int = 0


@attrs.frozen
class DocumentRecord:
    id: int
    doc_id: str
    sha256: str
    title: str | None
    outlet: str | None
    url: str | None
    date: str | None
    path: str | None
    added_at: str


@attrs.frozen
class Appearance:
    """One claim of a group, in one document."""

    document: DocumentRecord
    claim: str
    kind: str
    content: str
    start: int
    end: int
    cue: str | None
    cue_class: str | None
    source: str | None
    source_id: int | None
    source_type: str | None
    anonymous: bool
    hedged: bool
    status: str


@attrs.frozen
class ClaimGroup:
    """Claims about the same thing across documents, in the order they appeared."""

    id: str
    label: str
    status: str
    first: Appearance
    appearances: tuple[Appearance, ...] = attrs.field(converter=tuple)

    @property
    def later(self) -> tuple[Appearance, ...]:
        return self.appearances[1:]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@attrs.frozen
class TrackedSource:
    """A source merged across documents."""

    id: int
    name: str
    type: str
    anonymous: bool
    aliases: tuple[str, ...] = attrs.field(converter=tuple)
    documents: int
    claims: int


def group_key(group_id: str | int) -> int:
    """The row id of a group id as shown to users (``G3`` or ``3``)."""
    text = str(group_id).strip()
    number = text[1:] if text[:1] in ("G", "g") else text
    if not number.isdigit():
        raise TrackerError(f"not a claim group id: {text!r} (expected e.g. G3)")
    return int(number)


# ---------------------------------------------------------------- the tracker


class Tracker:
    """Documents, their claims and sources, grouped across articles, in SQLite.

    >>> tracker = Tracker(":memory:")
    >>> tracker.groups()
    []
    """

    def __init__(self, path: str | Path, settings: TrackerSettings | None = None, **setting: Any):
        self.path = str(path)
        self.settings = settings or TrackerSettings(**setting)
        self._db = self._connect()

    # -- connection and schema

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise TrackerError(f"{self.path}: is a directory, not a tracker database")
        try:
            db = sqlite3.connect(self.path, isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA busy_timeout = 10000")
            if self.path != ":memory:":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            self._migrate(db)
        except sqlite3.DatabaseError as error:
            raise TrackerError(f"{self.path}: not a claimtrack database ({error})") from None
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        application = db.execute("PRAGMA application_id").fetchone()[0]
        has_tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if application != APPLICATION_ID and (has_tables or version):
            raise TrackerError(f"{self.path}: an SQLite database, but not one written by claimtrack")
        if version > SCHEMA_VERSION:
            raise TrackerError(
                f"{self.path}: schema version {version} is newer than this claimtrack "
                f"understands ({SCHEMA_VERSION}); upgrade claimtrack"
            )
        for number in range(version, SCHEMA_VERSION):
            with self._transaction(db):
                for statement in MIGRATIONS[number]:
                    db.execute(statement)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {number + 1}")

    @staticmethod
    @contextmanager
    def _transaction(db: sqlite3.Connection) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    @property
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
        **meta: str | None,
    ) -> Added:
        """Extract an article file (with optional front matter) and store it.

        Keyword arguments (title, outlet, url, date) override the front matter.
        """
        body, front = read_article(path)
        front.update({key: value for key, value in meta.items() if value is not None})
        return self.add_text(
            body, doc_id=Path(path).stem, path=str(path), rules=rules, parser=parser, cache=cache, **front
        )

    def add_text(
        self,
        text: str,
        *,
        doc_id: str = "document",
        rules: Any = None,
        parser: Any = None,
        cache: bool = True,
        **meta: str | None,
    ) -> Added:
        """Extract ``text`` and store it; a text already stored is not parsed again."""
        known = self._document_with_hash(_sha256(text))
        if known is not None:
            return Added(document=known["id"], doc_id=known["doc_id"], added=False)
        from claimtrack.pipeline import extract

        result = extract(text, rules=rules, doc_id=doc_id, parser=parser, cache=cache)
        return self.add_result(result, **meta)

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
        """Store an extracted document and group its claims, in one transaction."""
        iso_date = _iso_date(date, result.document.id) if date is not None else None
        sha = _sha256(result.text)
        with self._transaction(self._db):
            known = self._document_with_hash(sha)
            if known is not None:
                return Added(document=known["id"], doc_id=known["doc_id"], added=False)
            cursor = self._db.execute(
                "INSERT INTO documents (sha256, doc_id, path, title, outlet, url, date, added_at, text, result)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sha,
                    result.document.id,
                    path,
                    title,
                    outlet,
                    url,
                    iso_date,
                    dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    result.text,
                    json.dumps(result.to_dict(), ensure_ascii=False),
                ),
            )
            document = cursor.lastrowid
            sources = self._store_sources(document, result, outlet or sha)
            new_groups = sum(self._store_claim(document, claim, sources, iso_date) for claim in result.claims)
        return Added(
            document=document,
            doc_id=result.document.id,
            added=True,
            claims=len(result.claims),
            new_groups=new_groups,
        )

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
        aliases = _aliases_of(entity)
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

    def _store_claim(self, document: int, claim: Claim, sources: dict[str, int], date: str | None) -> bool:
        """Store one claim in the group it belongs to; True when it starts a new group."""
        source_id = None
        if claim.source is not None:
            source_id = sources.get(claim.source.entity or f"mention:{claim.source.start}")
        words = content_words(claim.content.text)
        group = self._matching_group(document, claim, words, source_id, date)
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
                len(words),
            ),
        ).lastrowid
        self._db.executemany(
            "INSERT INTO claim_words (word, claim) VALUES (?, ?)", [(word, row) for word in sorted(words)]
        )
        return new_group

    def _matching_group(
        self, document: int, claim: Claim, words: frozenset[str], source_id: int | None, date: str | None
    ):
        """The group of the most similar stored claim, if it is similar enough."""
        if not words:
            return None
        marks = ",".join("?" * len(words))
        candidates = self._db.execute(
            f"""SELECT c.group_id, c.n_words, c.source_id, c.document_id, c.claim_id, c.parent,
                       d.date, count(*) AS shared
                FROM claim_words w JOIN claims c ON c.id = w.claim JOIN documents d ON d.id = c.document_id
                WHERE w.word IN ({marks})
                GROUP BY c.id ORDER BY c.id""",
            sorted(words),
        ).fetchall()
        best, best_score = None, 0.0
        for row in candidates:
            nested = row["parent"] == claim.id or row["claim_id"] == claim.parent
            if row["document_id"] == document and nested:
                continue
            if not _within(date, row["date"], self.settings.window_days):
                continue
            score = 2 * row["shared"] / (len(words) + row["n_words"])
            if source_id is not None and row["source_id"] == source_id:
                score += self.settings.source_bonus
            if score > best_score:
                best, best_score = row["group_id"], score
        return best if best_score >= self.settings.threshold else None

    # -- reading

    def documents(self) -> list[DocumentRecord]:
        rows = self._db.execute(f"SELECT {_DOCUMENT_COLUMNS} FROM documents d ORDER BY {_ORDER}").fetchall()
        return [_document(row) for row in rows]

    def articles(self) -> list[Article]:
        """Every stored document as an :class:`Article` (result and metadata), in date order."""
        rows = self._db.execute(
            f"SELECT d.*, {_DOCUMENT_COLUMNS} FROM documents d ORDER BY {_ORDER}"
        ).fetchall()
        return [
            Article(
                result=result_from_dict(json.loads(row["result"]), row["text"]),
                title=row["title"],
                outlet=row["outlet"],
                url=row["url"],
                date=row["date"],
                path=row["path"],
            )
            for row in rows
        ]

    def groups(self, *, status: str | None = None, source_type: str | None = None) -> list[ClaimGroup]:
        """Every claim group, oldest first; filtered by current status and by a source type
        that any of its appearances has."""
        rows = self._db.execute(_APPEARANCES + f" ORDER BY c.group_id, {_ORDER}, c.id").fetchall()
        found = []
        for group_id, label, members in _by_group(rows):
            group = _group(group_id, label, members)
            if status is not None and group.status != status:
                continue
            if source_type is not None and all(a.source_type != source_type for a in group.appearances):
                continue
            found.append(group)
        found.sort(key=lambda group: _appearance_order(group.first))
        return found

    def group(self, group_id: str | int) -> ClaimGroup:
        key = group_key(group_id)
        rows = self._db.execute(
            _APPEARANCES + f" WHERE c.group_id = ? ORDER BY {_ORDER}, c.id", (key,)
        ).fetchall()
        if not rows:
            raise TrackerError(f"{self.path}: no claim group G{key}")
        ((number, label, members),) = _by_group(rows)
        return _group(number, label, members)

    def sources(self) -> list[TrackedSource]:
        rows = self._db.execute(
            """SELECT s.id, s.name, s.type, s.anonymous,
                      (SELECT count(DISTINCT document_id) FROM document_sources ds WHERE ds.source_id = s.id) AS documents,
                      (SELECT count(*) FROM claims c WHERE c.source_id = s.id) AS claims,
                      (SELECT group_concat(alias, '|') FROM
                          (SELECT alias FROM source_aliases a WHERE a.source_id = s.id ORDER BY alias)) AS aliases
               FROM sources s ORDER BY claims DESC, s.name"""
        ).fetchall()
        return [
            TrackedSource(
                id=row["id"],
                name=row["name"],
                type=row["type"],
                anonymous=bool(row["anonymous"]),
                aliases=tuple((row["aliases"] or "").split("|")) if row["aliases"] else (),
                documents=row["documents"],
                claims=row["claims"],
            )
            for row in rows
        ]

    def integrity_check(self) -> str:
        return self._db.execute("PRAGMA integrity_check").fetchone()[0]


_DOCUMENT_COLUMNS = (
    "d.id AS d_id, d.doc_id AS d_doc_id, d.sha256 AS d_sha256, d.title AS d_title, d.outlet AS d_outlet,"
    " d.url AS d_url, d.date AS d_date, d.path AS d_path, d.added_at AS d_added_at"
)
# Documents in publication order; an undated one counts from the day it was added.
_ORDER = "COALESCE(d.date, substr(d.added_at, 1, 10)), d.id"
_APPEARANCES = f"""SELECT c.*, g.label, s.name AS source_name, {_DOCUMENT_COLUMNS}
    FROM claims c JOIN claim_groups g ON g.id = c.group_id JOIN documents d ON d.id = c.document_id
    LEFT JOIN sources s ON s.id = c.source_id"""


def _document(row: sqlite3.Row) -> DocumentRecord:
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
        document=_document(row),
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
    )


def _by_group(rows: Sequence[sqlite3.Row]) -> list[tuple[int, str, list[sqlite3.Row]]]:
    grouped: dict[int, tuple[str, list[sqlite3.Row]]] = {}
    for row in rows:
        grouped.setdefault(row["group_id"], (row["label"], []))[1].append(row)
    return [(number, label, members) for number, (label, members) in grouped.items()]


def _group(number: int, label: str, rows: Sequence[sqlite3.Row]) -> ClaimGroup:
    appearances = [_appearance(row) for row in rows]
    return ClaimGroup(
        id=f"G{number}",
        label=label,
        status=current_status(appearances),
        first=appearances[0],
        appearances=appearances,
    )


def current_status(appearances: Sequence[Appearance]) -> str:
    """The status set by the latest appearance that says anything (``unconfirmed`` when none does)."""
    for appearance in reversed(appearances):
        if appearance.status != "unconfirmed":
            return appearance.status
    return "unconfirmed"


def _appearance_order(appearance: Appearance) -> tuple[str, int]:
    document = appearance.document
    return (document.date or document.added_at[:10], document.id)


def _within(date: str | None, other: str | None, days: int) -> bool:
    if date is None or other is None:
        return True
    gap = dt.date.fromisoformat(date) - dt.date.fromisoformat(other)
    return abs(gap.days) <= days


def _aliases_of(entity: SourceEntity) -> list[str]:
    """Comparison keys of an entity: its name, every mention that carries a
    capitalised content word (a name, not a pronoun or a bare description),
    and the full names inside them ("Karel Brandt" in "Port authority
    spokesman Karel Brandt")."""
    aliases = []
    for text in (entity.name, *(mention.text for mention in entity.mentions)):
        words = _WORD.findall(text)
        if text is entity.name or any(_is_name_word(word) for word in words):
            aliases.append(_alias(text))
        aliases.extend(_alias(" ".join(run)) for run in _name_runs(words) if len(run) > 1)
    return [alias for index, alias in enumerate(aliases) if alias and alias not in aliases[:index]]


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _stopwords()


def _name_runs(words: Sequence[str]) -> list[list[str]]:
    """Maximal runs of consecutive capitalised content words."""
    runs: list[list[str]] = [[]]
    for word in words:
        if _is_name_word(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- JSON back to the model


def result_from_dict(data: dict[str, Any], text: str) -> Result:
    """Rebuild a :class:`Result` from its contract JSON (``Result.to_dict()``) and its text."""
    return _structure(Result, {**data, "text": text})


def _structure(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values = {}
    for field in attrs.fields(cls):
        key = "text" if field.name == "text" else field.metadata.get("json", field.name)
        if key in data:
            values[field.name] = _value(hints[field.name], data[key])
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item, *_) = typing.get_args(hint)
        return tuple(_value(item, entry) for entry in value)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        return _value(options[0], value)
    if isinstance(hint, type) and attrs.has(hint):
        return _structure(hint, value)
    return value
