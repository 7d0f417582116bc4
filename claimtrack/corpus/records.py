"""Documents to extract from, read lazily one at a time.

A path may be a text file, a CoNLL-U file (``.conllu``: read, not parsed), a
JSONL corpus (one ``{"id", "text", ...metadata}`` object per line), a folder
(searched recursively for ``--glob`` patterns, by default ``*.txt``, ``*.md``
and ``*.conllu``), or ``-`` for standard input. A document that cannot be
read becomes a :class:`Record` with an ``error``: it fails alone.

Every road in passes the same gates (docs/security.md):

- size: a file, standard input and each JSONL record are held to
  :data:`claimtrack.parsing.textio.MAX_BYTES` (standard input and JSONL lines
  are read at most that far, never whole);
- failure boundary: whatever goes wrong while reading one file, one JSONL
  line or one folder (an unreadable subfolder included) is that record's
  error, in one line, and the next one is read;
- encoding: ids, names and metadata are text any UTF-8 writer accepts: the
  undecodable bytes of a file name and lone surrogates in JSON strings are
  written as backslash escapes (as in error messages), and lone surrogates in
  a text become U+FFFD, one character for one, as ``claimtrack.extract`` does.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.parsing.cache import text_digest
from claimtrack.parsing.textio import MAX_BYTES, display_name
from claimtrack.parsing.textprep import replace_surrogates

_SURROGATE = re.compile("[\ud800-\udfff]")

__all__ = ["DEFAULT_GLOBS", "INPUT_FORMATS", "Record", "count_records", "read_records", "text_record"]

DEFAULT_GLOBS = ("*.txt", "*.md", "*.conllu")
INPUT_FORMATS = ("auto", "text", "conllu", "jsonl")


@attrs.frozen
class Record:
    """One document: where it came from, its id, its text (or a CoNLL-U path),
    metadata carried into its result, or why it could not be read."""

    name: str
    doc_id: str
    text: str | None = attrs.field(default=None, repr=False)
    conllu: str | None = None
    metadata: dict[str, Any] = attrs.field(factory=dict)
    error: str | None = None
    repaired: int = 0  # lone surrogates in the text replaced by U+FFFD

    @property
    def sha256(self) -> str | None:
        """The sha256 of the text (None for CoNLL-U, whose text is known only once read)."""
        return text_digest(self.text) if self.text is not None else None

    def without_text(self) -> Record:
        return attrs.evolve(self, text=None)


def read_records(
    paths: Iterable[str], *, input_format: str = "auto", globs: Iterable[str] = DEFAULT_GLOBS
) -> Iterator[Record]:
    """Every document the paths name, in order (folders sorted by path)."""
    globs = tuple(globs)
    for name in paths:
        yield from _bounded(_path_records(name, input_format, globs), display_name(name))


def _path_records(name: str, input_format: str, globs: tuple[str, ...]) -> Iterator[Record]:
    if name == "-":
        yield from _stdin(input_format)
        return
    path = Path(name)
    if path.is_dir():
        found = False
        for found_path in _walk(path, globs):
            if isinstance(found_path, Record):
                yield found_path
                continue
            found = True
            doc_id = display_name(found_path.relative_to(path).with_suffix("").as_posix())
            yield from _bounded(_file(found_path, doc_id, input_format), display_name(found_path))
        if not found:
            patterns = ", ".join(globs)
            shown = display_name(name)
            yield Record(name=shown, doc_id=display_name(path.name), error=f"{shown}: a folder with no files matching {patterns}")
    else:
        yield from _file(path, display_name(path.stem), input_format)


def _bounded(records: Iterator[Record], name: str) -> Iterator[Record]:
    """The failure boundary: an unexpected error while reading ``name`` ends
    its records with one failed record; the reading of the next path goes on."""
    try:
        yield from records
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except Exception as error:  # noqa: BLE001 - one bad input must not stop a corpus
        message = f"{name}: cannot read ({type(error).__name__}: {_first_line(error)})"
        if isinstance(error, ClaimtrackError):
            message = _first_line(error)
        yield Record(name=name, doc_id=name, error=message)


def count_records(paths: Iterable[str], *, input_format: str = "auto", globs: Iterable[str] = DEFAULT_GLOBS) -> int | None:
    """How many documents the paths hold, when that is cheap to know (no
    standard input, no JSONL), for a progress bar's total; else None."""
    count = 0
    for name in paths:
        path = Path(name)
        if name == "-" or input_format == "jsonl":
            return None
        if path.is_dir():
            count += sum(
                1 for found in _walk(path, tuple(globs)) if isinstance(found, Path) and _format(found, input_format) != "jsonl"
            )
        elif _format(path, input_format) == "jsonl":
            return None
        else:
            count += 1
    return count


def _walk(folder: Path, globs: tuple[str, ...]) -> Iterator[Path | Record]:
    """Matching files under ``folder``, depth first in sorted order, hidden
    entries skipped; a folder that cannot be read is a failed record."""
    unreadable: list[OSError] = []
    for root, folders, files in os.walk(folder, onerror=unreadable.append):
        yield from (_unreadable(error) for error in unreadable)
        unreadable.clear()
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatch.fnmatch(name, pattern) for pattern in globs):
                yield Path(root, name)
    yield from (_unreadable(error) for error in unreadable)


def _unreadable(error: OSError) -> Record:
    shown = display_name(error.filename or "?")
    return Record(name=shown, doc_id=shown, error=f"{shown}: cannot read ({error.strerror or error})")


def _format(path: Path, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    return {".conllu": "conllu", ".jsonl": "jsonl"}.get(suffix, "text")


def _file(path: Path, doc_id: str, input_format: str) -> Iterator[Record]:
    from claimtrack.parsing.articles import split_front_matter
    from claimtrack.parsing.textio import read_text

    kind = _format(path, input_format)
    name = display_name(path)
    try:
        if kind == "jsonl":
            yield from _jsonl_file(path)
            return
        text = read_text(path)
        metadata: dict[str, str] = {}
        if kind != "conllu":
            text, metadata = split_front_matter(text, name)
    except ClaimtrackError as error:
        yield Record(name=name, doc_id=doc_id, error=str(error))
        return
    if kind == "conllu":
        yield Record(name=name, doc_id=doc_id, conllu=str(path))
    else:
        yield text_record(name, doc_id, text, metadata)


def text_record(name: str, doc_id: str, text: str, metadata: dict[str, Any] | None = None) -> Record:
    """A record of a text read from anywhere: the size gate, lone surrogates
    in the text replaced (offsets unchanged), id and metadata made writable."""
    from claimtrack.parsing.textio import check_size

    doc_id = _writable(doc_id)
    try:
        if len(text) * 4 > MAX_BYTES:  # only then can its UTF-8 be over the limit
            check_size(len(text.encode("utf-8", "surrogatepass")), name)
    except ClaimtrackError as error:
        return Record(name=name, doc_id=doc_id, error=str(error))
    repaired = replace_surrogates(text)
    return Record(
        name=name, doc_id=doc_id, text=repaired.text, metadata=_writable(metadata or {}), repaired=repaired.count
    )


def _writable(value: Any) -> Any:
    """Strings with lone surrogates (which no UTF-8 writer accepts) with each
    written as a backslash escape, in a value and everything it holds."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_writable(key): _writable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_writable(item) for item in value]
    return value


def _stdin(input_format: str) -> Iterator[Record]:
    from claimtrack.parsing.textio import decode, read_limited

    if input_format == "jsonl":
        yield from _jsonl_lines("<stdin>", "stdin", sys.stdin.buffer)
        return
    try:
        text = decode(read_limited(sys.stdin.buffer, "<stdin>"), "<stdin>")
    except ClaimtrackError as error:
        yield Record(name="<stdin>", doc_id="stdin", error=str(error))
        return
    yield text_record("<stdin>", "stdin", text)


def _jsonl_file(path: Path) -> Iterator[Record]:
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(f"{display_name(path)}: cannot read ({error.strerror or error})") from None
    with handle:
        yield from _jsonl_lines(display_name(path), display_name(path.stem), handle)


def _jsonl_lines(name: str, stem: str, handle: BinaryIO) -> Iterator[Record]:
    """One record per non-blank line; a bad line is a failed record named ``FILE:LINE``."""
    for number, line in enumerate(_lines(handle), start=1):
        where = f"{name}:{number}"
        if line is None:
            yield Record(name=where, doc_id=f"{stem}:{number}", error=f"{where}: too large: a line of more than {MAX_BYTES:,} bytes, over the limit")
            continue
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except RecursionError:
            yield Record(name=where, doc_id=f"{stem}:{number}", error=f"{where}: not JSON (nested too deeply)")
            continue
        except (ValueError, UnicodeDecodeError) as error:
            yield Record(name=where, doc_id=f"{stem}:{number}", error=f"{where}: not JSON ({_first_line(error)})")
            continue
        yield from _bounded(_jsonl_record(where, f"{stem}:{number}", item), where)


def _lines(handle: BinaryIO, limit: int | None = None) -> Iterator[bytes | None]:
    """The lines of a binary stream, each read at most ``limit`` bytes far: a
    longer line is None (and skipped to its end in bounded chunks)."""
    limit = MAX_BYTES if limit is None else limit
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
        yield None


def _jsonl_record(where: str, fallback_id: str, item: Any) -> Iterator[Record]:
    """The record of one JSONL object (a generator, so that the failure
    boundary around it catches what goes wrong while it is built)."""
    if not isinstance(item, dict):
        yield Record(name=where, doc_id=fallback_id, error=f"{where}: expected an object with \"text\", got {type(item).__name__}")
        return
    text = item.get("text")
    doc_id = item.get("id", fallback_id)
    doc_id = doc_id if isinstance(doc_id, str) else json.dumps(doc_id)
    if not isinstance(text, str):
        yield Record(name=where, doc_id=_writable(doc_id), error=f"{where}: no \"text\" string in the object")
        return
    metadata = {key: value for key, value in item.items() if key not in ("id", "text")}
    yield text_record(where, doc_id, text, metadata)


def _first_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]
