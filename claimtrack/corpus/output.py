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
from claimtrack.parsing.textio import display_name

__all__ = ["Done", "ErrorLog", "changed", "check_inputs", "finished", "is_done", "open_writer"]

STREAMED = ("json", "jsonl", "parquet")


@attrs.define
class Done:
    """What an earlier JSONL output holds: the text sha256s of each document id."""

    shas: dict[str, set[str]] = attrs.field(factory=dict)

    def __bool__(self) -> bool:
        return bool(self.shas)

    def __len__(self) -> int:
        return sum(len(found) for found in self.shas.values())

    def __contains__(self, pair: object) -> bool:
        doc_id, sha = pair  # type: ignore[misc]
        return sha in self.shas.get(doc_id, ())

    def add(self, doc_id: str, sha: str) -> None:
        self.shas.setdefault(doc_id, set()).add(sha)


def finished(path: str | Path) -> Done:
    """``(id, sha256)`` of every document in an earlier JSONL output, read a
    line at a time (only those two fields are kept). A last line cut short by
    an interruption is removed from the file, once every whole line has been
    checked: a file that is not claimtrack's output is refused untouched."""
    path = Path(path)
    done = Done()
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return done
    except OSError as error:
        raise InputError(f"{display_name(path)}: cannot read ({error.strerror or error})") from None
    whole = 0  # bytes up to the end of the last whole line
    cut = False
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n"):
                cut = True
                break
            whole += len(line)
            try:
                document = json.loads(line)["document"]
                doc_id, sha = document["id"], document["sha256"]
                if not isinstance(doc_id, str) or not isinstance(sha, str):
                    raise TypeError
            except (ValueError, KeyError, TypeError, RecursionError):
                raise InputError(
                    f"{display_name(path)}:{number}: not a claimtrack JSONL line; cannot resume from this file"
                ) from None
            done.add(doc_id, sha)
    if cut:
        with path.open("r+b") as handle:
            handle.truncate(whole)
    return done


def is_done(record: Record, done: Done) -> bool:
    """True when ``record`` is already in the output: the same id and text
    (a CoNLL-U record's text is read from the file only when its id is there)."""
    if record.error is not None or record.doc_id not in done.shas:
        return False
    if record.text is None and record.conllu is not None:
        return _conllu_digest(record.conllu) in done.shas[record.doc_id]
    return (record.doc_id, record.sha256) in done


def _conllu_digest(path: str) -> str | None:
    from claimtrack.parsing.cache import text_digest
    from claimtrack.parsing.parser import parse_conllu

    try:
        return text_digest(parse_conllu(path).text)
    except Exception:  # noqa: BLE001 - unreadable now: not done; extraction will say why
        return None


def changed(record: Record, done: Done) -> bool:
    """True when the output holds ``record``'s id with another text: the input
    changed since that run."""
    return record.error is None and record.text is not None and record.doc_id in done.shas and not is_done(record, done)


class _Stream(Writer):
    def __init__(self, out: str | None, append: bool = False, include_text: bool = False):
        self.out = out
        self.include_text = include_text
        self.handle: IO[str] = sys.stdout if out is None else _open(out, "a" if append else "w")

    def close(self) -> None:
        _finish(self.handle, self.out)


class JsonLines(_Stream):
    def write(self, result: Any, record: Record) -> None:
        line = to_json(document_record(result, record.metadata, self.include_text), indent=None) + "\n"
        _put(self.handle, line, self.out)


class JsonArray(_Stream):
    """One JSON array, streamed; with ``single``, the one object alone (as ever for one file)."""

    def __init__(self, out: str | None, single: bool, include_text: bool = False):
        super().__init__(out, include_text=include_text)
        self.single = single
        self.count = 0

    def write(self, result: Any, record: Record) -> None:
        text = to_json(document_record(result, record.metadata, self.include_text))
        if not self.single:
            text = ("[\n" if self.count == 0 else ",\n") + text
        _put(self.handle, text if not self.single else text + "\n", self.out)
        self.count += 1

    def close(self) -> None:
        if not self.single:
            _put(self.handle, "[]\n" if self.count == 0 else "\n]\n", self.out)
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
            try:
                paths = export.write(self.articles, self.fmt, self.out)
            except OSError as error:  # a full disk, a read-only folder: one line
                where = display_name(error.filename or self.out)
                raise ClaimtrackError(f"{where}: cannot write ({error.strerror or error})") from None
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
        _put(handle, text if text.endswith("\n") else text + "\n", self.out)
        _finish(handle, self.out)


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


def check_inputs(inputs: list[str], outputs: dict[str, str | None]) -> None:
    """Refuse an output (``{"-o": path, "--errors": path}``) that is one of
    the input files: it would be emptied before it is read."""
    import os

    for option, out in outputs.items():
        if out is None or not os.path.isfile(out):
            continue
        for name in inputs:
            try:
                same = name != "-" and os.path.isfile(name) and os.path.samefile(name, out)
            except OSError:
                same = False
            if same:
                raise ClaimtrackError(f"{display_name(out)}: {option} names an input file; it would be overwritten before it is read")


def open_writer(fmt: str, out: str | None, *, single: bool, resume: bool = False, include_text: bool = False) -> Writer:
    if include_text and fmt not in ("json", "jsonl"):
        raise ClaimtrackError(f"--include-text needs --format json or jsonl, not {fmt}")
    if fmt == "jsonl":
        return JsonLines(out, append=resume, include_text=include_text)
    if resume:
        raise ClaimtrackError("--resume needs --format jsonl and an --output file")
    if fmt == "json":
        return JsonArray(out, single, include_text=include_text)
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
        _put(self.handle, json.dumps(line, ensure_ascii=False) + "\n", self.path)

    def close(self) -> None:
        if self.handle is not None:
            _finish(self.handle, self.path)


# -- the output-encoding policy, for every file claimtrack writes: UTF-8, and a
# character no UTF-8 encoder accepts (a lone surrogate that got past the input
# gates) written as a backslash escape instead of ending the run; a write
# that fails (disk full) is one line naming the file.


def _open(path: str, mode: str) -> IO[str]:
    try:
        return open(path, mode, encoding="utf-8", errors="backslashreplace")
    except OSError as error:
        raise InputError(f"{display_name(path)}: cannot write ({error.strerror or error})") from None


def _put(handle: IO[str], text: str, name: str | None) -> None:
    """Write and flush ``text``; a failure is one line naming the output."""
    try:
        handle.write(text)
        handle.flush()
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        raise ClaimtrackError(f"{display_name(name or '<stdout>')}: cannot write ({error.strerror or error})") from None


def _finish(handle: IO[str], name: str | None) -> None:
    """Close an output (flush standard output); a failure is one line."""
    try:
        handle.flush() if handle is sys.stdout else handle.close()
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        raise ClaimtrackError(f"{display_name(name or '<stdout>')}: cannot write ({error.strerror or error})") from None
