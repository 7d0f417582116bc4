"""The tracker's SQLite file: schema, migrations, transactions, and what its errors mean.

Storage is the standard library's ``sqlite3`` in WAL mode with
``synchronous=FULL``. The schema is versioned with ``PRAGMA user_version``
(and marked as claimtrack's with ``PRAGMA application_id``); an older
database is brought up to date by the steps in :data:`MIGRATIONS`.

Several ``claimtrack track add`` processes may open the same new database at
once. Creating or migrating the schema is therefore one ``BEGIN IMMEDIATE``
transaction that reads the version again under the write lock, so only the
first process creates the tables and the others find them made; every
connection waits up to :data:`BUSY_TIMEOUT_S` seconds for a lock.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from claimtrack.tracker import TrackerError

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "DatabaseUnusable",
    "connect",
    "reported",
    "transaction",
]

APPLICATION_ID = 0x436C5472  # "ClTr": marks a file as a claimtrack database
BUSY_TIMEOUT_S = 30


def _index_stored_claims(db: sqlite3.Connection) -> None:
    """Put the claims stored before version 2 into the candidate index."""
    from claimtrack.tracker.grouping import band_keys

    rows = db.execute("SELECT id, content FROM claims").fetchall()
    db.executemany(
        "INSERT INTO claim_bands (key, claim) VALUES (?, ?)",
        [(key, claim) for claim, content in rows for key in dict.fromkeys(band_keys(content))],
    )


# Each version's steps: SQL statements, or functions of the connection for
# what SQL cannot compute. All steps up to the current version run in one
# transaction.
MIGRATIONS: tuple[tuple[str | Callable[[sqlite3.Connection], None], ...], ...] = (
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
    (  # version 2: the MinHash LSH candidate index replaces the word index; views to browse
        """CREATE TABLE claim_bands (
            key INTEGER NOT NULL,
            claim INTEGER NOT NULL REFERENCES claims(id),
            PRIMARY KEY (key, claim)) WITHOUT ROWID""",
        _index_stored_claims,
        "DROP TABLE claim_words",
        """CREATE VIEW claims_with_sources AS
            SELECT c.id, 'G' || c.group_id AS claim_group, d.date, d.outlet, d.title, d.url,
                   d.doc_id AS document, c.claim_id AS claim, c.kind, c.content,
                   coalesce(s.name, c.source_text) AS source, c.source_type, c.anonymous,
                   c.cue, c.cue_class, c.hedged, c.status
            FROM claims c JOIN documents d ON d.id = c.document_id LEFT JOIN sources s ON s.id = c.source_id""",
        """CREATE VIEW status_history AS
            SELECT 'G' || c.group_id AS claim_group, g.label,
                   coalesce(d.date, substr(d.added_at, 1, 10)) AS date, d.outlet, d.url, c.claim_id AS claim,
                   coalesce(s.name, c.source_text) AS source, c.cue, c.status
            FROM claims c JOIN claim_groups g ON g.id = c.group_id JOIN documents d ON d.id = c.document_id
                LEFT JOIN sources s ON s.id = c.source_id
            ORDER BY c.group_id, coalesce(d.date, substr(d.added_at, 1, 10)), d.id, c.id""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class DatabaseUnusable(TrackerError):
    """The database file itself cannot be used (damaged, locked, full, unwritable):
    no further document can be stored until the user acts."""


def connect(path: str) -> sqlite3.Connection:
    """A connection to the tracker database at ``path``, created or migrated to :data:`SCHEMA_VERSION`."""
    if path != ":memory:" and Path(path).is_dir():
        raise TrackerError(f"{path}: is a directory, not a tracker database")
    with reported(path):
        db = sqlite3.connect(
            path if path == ":memory:" else os.fsencode(path), isolation_level=None, timeout=BUSY_TIMEOUT_S
        )
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            if path != ":memory:":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            migrate(db, path)
        except BaseException:
            db.close()
            raise
    return db


def migrate(db: sqlite3.Connection, path: str) -> None:
    """Bring the schema to :data:`SCHEMA_VERSION` in one write transaction.

    The version is read first without a lock (an up-to-date database, the
    common case, needs none), then again under ``BEGIN IMMEDIATE``: a
    process that waited for the lock finds what the winner created.
    """
    if _version(db, path) == SCHEMA_VERSION:
        return
    with transaction(db):
        version = _version(db, path)
        for number in range(version, SCHEMA_VERSION):
            for step in MIGRATIONS[number]:
                if callable(step):
                    step(db)
                else:
                    db.execute(step)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _version(db: sqlite3.Connection, path: str) -> int:
    """The schema version of a claimtrack database (0 for an empty file)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    application = db.execute("PRAGMA application_id").fetchone()[0]
    has_tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if application != APPLICATION_ID and (has_tables or version):
        raise TrackerError(f"{path}: an SQLite database, but not one written by claimtrack")
    if version > SCHEMA_VERSION:
        raise TrackerError(
            f"{path}: schema version {version} is newer than this claimtrack "
            f"understands ({SCHEMA_VERSION}); upgrade claimtrack"
        )
    return version


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (``BEGIN IMMEDIATE``) so that two
    writers queue on the busy timeout instead of failing half-way."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # SQLite rolls back by itself after some errors (disk full, I/O)
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


# ---------------------------------------------------------------- errors in words

# SQLite's primary result codes (https://sqlite.org/rescode.html) and what the user can do.
_ADVICE = {
    5: "the database is busy ({error}): another process held it for over {timeout} s; try again",
    6: "the database is busy ({error}): another process held it for over {timeout} s; try again",
    8: "cannot write to the database ({error}); check the file's permissions",
    10: "the database file could not be read or written ({error}); check the disk",
    11: "the database file is damaged ({error}); restore it from a backup, or rebuild it by adding "
    "the articles to a new database with 'claimtrack track add NEW.db FILE...'",
    13: "the disk is full ({error}); free some space and add the document again",
    14: "cannot open the database ({error}); check that its folder exists and is writable",
    26: "not a claimtrack database ({error})",
}
# Python before 3.11 gives no result code: SQLite's fixed message for each code.
_CODE_OF_MESSAGE = {
    "database is locked": 5,
    "database disk image is malformed": 11,
    "file is not a database": 26,
}


def problem(path: str, error: sqlite3.DatabaseError) -> str:
    """One line that says what is wrong with the database at ``path`` and what to do."""
    code = getattr(error, "sqlite_errorcode", None)
    code = _CODE_OF_MESSAGE.get(str(error)) if code is None else code & 0xFF
    advice = _ADVICE.get(code, "database error ({error})")
    return f"{path}: " + advice.format(error=error, timeout=BUSY_TIMEOUT_S)


@contextmanager
def reported(path: str) -> Iterator[None]:
    """Turn SQLite's errors into :class:`DatabaseUnusable` with :func:`problem`'s line."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise DatabaseUnusable(problem(path, error)) from None
