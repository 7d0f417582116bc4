"""Writing results as they come: JSONL and JSON streamed, other formats at the end.

Every result is written and flushed as soon as it and all before it are done,
so an interrupted run leaves valid JSONL holding every finished document, and
``--resume`` skips the documents already in it (by id and text sha256).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import attrs

from claimtrack.corpus.records import Record
from claimtrack.corpus.writer import Writer, document_record
from claimtrack.export.json import to_json
from claimtrack.model import ARTICLE_KEYS
from claimtrack.errors import ClaimtrackError, InputError

__all__ = ["ErrorLog", "finished", "open_writer"]

STREAMED = ("json", "jsonl", "parquet")


def finished(path: str | Path) -> set[tuple[str, str]]:
    """``(id, sha256)`` of every document in an earlier JSONL output. A last
    line cut short by an interruption is removed from the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return set()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    whole = data[: data.rfind(b"\n") + 1]
    if len(whole) != len(data):
        with path.open("r+b") as handle:
            handle.truncate(len(whole))
    done = set()
    for number, line in enumerate(whole.splitlines(), start=1):
        try:
            document = json.loads(line)["document"]
            done.add((document["id"], document["sha256"]))
        except (ValueError, KeyError, TypeError):
            raise InputError(f"{path}:{number}: not a claimtrack JSONL line; cannot resume from this file") from None
    return done


def is_done(record: Record, done: set[tuple[str, str]]) -> bool:
    """True when ``record`` is already in the output: the same id and text
    (a CoNLL-U record, whose text is not read yet, by its id alone)."""
    if record.error is not None:
        return False
    if record.text is None:
        return any(doc_id == record.doc_id for doc_id, _ in done)
    return (record.doc_id, record.sha256) in done


class _Stream(Writer):
    def __init__(self, out: str | None, append: bool = False):
        self.out = out
        self.handle: IO[str] = sys.stdout if out is None else _open(out, "a" if append else "w")

    def close(self) -> None:
        if self.handle is sys.stdout:
            self.handle.flush()
        else:
            self.handle.close()


class JsonLines(_Stream):
    def write(self, result: Any, record: Record) -> None:
        self.handle.write(to_json(document_record(result, record.metadata), indent=None) + "\n")
        self.handle.flush()


class JsonArray(_Stream):
    """One JSON array, streamed; with ``single``, the one object alone (as ever for one file)."""

    def __init__(self, out: str | None, single: bool):
        super().__init__(out)
        self.single = single
        self.count = 0

    def write(self, result: Any, record: Record) -> None:
        text = to_json(document_record(result, record.metadata))
        if not self.single:
            text = ("[\n" if self.count == 0 else ",\n") + text
        self.handle.write(text if not self.single else text + "\n")
        self.handle.flush()
        self.count += 1

    def close(self) -> None:
        if not self.single:
            self.handle.write("[]\n" if self.count == 0 else "\n]\n")
        super().close()


class Collected(Writer):
    """Formats that need every result first (csv, claimreview, webanno) or
    write files per document (brat, html)."""

    def __init__(self, fmt: str, out: str | None, single: bool):
        self.fmt, self.out, self.single = fmt, out, single
        self.articles: list[Any] = []

    def write(self, result: Any, record: Record) -> None:
        from claimtrack.export import Article

        meta = {key: record.metadata.get(key) for key in ARTICLE_KEYS}
        meta = {key: value if isinstance(value, str) else None for key, value in meta.items()}
        self.articles.append(Article(result=result, **meta))

    def close(self) -> None:
        if not self.articles:
            return
        from claimtrack import export

        per_document = export.FORMATS[self.fmt].per_document
        if self.out is not None and per_document and not _names_one_file(self.out, self.fmt):
            paths = export.write(self.articles, self.fmt, self.out)
            print(f"wrote {len(paths)} file{'' if len(paths) == 1 else 's'} to {self.out}", file=sys.stderr)
            return
        if per_document and len(self.articles) != 1:
            target = f"{self.out}: " if self.out else ""
            raise ClaimtrackError(
                f"{target}--format {self.fmt} writes one file per document and there are "
                f"{len(self.articles)}; give a folder (-o DIR/)"
            )
        text = export.render(self.articles, self.fmt)
        handle = sys.stdout if self.out is None else _open(self.out, "w")
        handle.write(text if text.endswith("\n") else text + "\n")
        handle.close() if handle is not sys.stdout else handle.flush()


def _names_one_file(out: str, fmt: str) -> bool:
    """``-o page.html`` names a file; ``-o pages``, ``-o pages/`` or an existing folder a folder."""
    from claimtrack import export

    path = Path(out)
    return not out.endswith(("/", "\\")) and not path.is_dir() and path.suffix.lower() == export.FORMATS[fmt].extension


def check_output(fmt: str, out: str | None, several: bool) -> None:
    """Refuse up front an output that cannot hold what the input gives."""
    from claimtrack import export

    if fmt in export.FORMATS and export.FORMATS[fmt].per_document and out is not None and several:
        if _names_one_file(out, fmt):
            raise ClaimtrackError(
                f"{out}: --format {fmt} writes one file per document and the input holds several; "
                f"give a folder (-o {Path(out).with_suffix('')}/)"
            )


def open_writer(fmt: str, out: str | None, *, single: bool, resume: bool = False) -> Writer:
    if fmt == "jsonl":
        return JsonLines(out, append=resume)
    if resume:
        raise ClaimtrackError("--resume needs --format jsonl and an --output file")
    if fmt == "json":
        return JsonArray(out, single)
    if fmt == "parquet":
        from claimtrack.corpus.parquet import ParquetWriter

        if out is None:
            raise ClaimtrackError("--format parquet needs an output folder (-o DIR)")
        return ParquetWriter(out)
    return Collected(fmt, out, single)


@attrs.define
class ErrorLog:
    """``--errors FILE``: one JSON line per failed document (path, id, error)."""

    path: str | None
    append: bool = False
    handle: IO[str] | None = None

    def write(self, record: Record, error: str) -> None:
        if self.path is None:
            return
        if self.handle is None:
            self.handle = _open(self.path, "a" if self.append else "w")
        line = {"path": record.name, "id": record.doc_id, "error": error}
        self.handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def _open(path: str, mode: str) -> IO[str]:
    try:
        return open(path, mode, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot write ({error.strerror or error})") from None
