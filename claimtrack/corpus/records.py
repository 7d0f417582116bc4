"""Documents to extract from, read lazily one at a time.

A path may be a text file, a CoNLL-U file (``.conllu``: read, not parsed), a
JSONL corpus (one ``{"id", "text", ...metadata}`` object per line), a folder
(searched recursively for ``--glob`` patterns, by default ``*.txt``, ``*.md``
and ``*.conllu``), or ``-`` for standard input. A document that cannot be
read becomes a :class:`Record` with an ``error``: it fails alone.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.parsing.cache import text_digest

__all__ = ["DEFAULT_GLOBS", "INPUT_FORMATS", "Record", "count_records", "read_records"]

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
        if name == "-":
            yield from _stdin(input_format)
            continue
        path = Path(name)
        if path.is_dir():
            found = None
            for found in _walk(path, globs):
                yield from _file(found, found.relative_to(path).with_suffix("").as_posix(), input_format)
            if found is None:
                patterns = ", ".join(globs)
                yield Record(name=name, doc_id=path.name, error=f"{name}: a folder with no files matching {patterns}")
        else:
            yield from _file(path, path.stem, input_format)


def count_records(paths: Iterable[str], *, input_format: str = "auto", globs: Iterable[str] = DEFAULT_GLOBS) -> int | None:
    """How many documents the paths hold, when that is cheap to know (no
    standard input, no JSONL), for a progress bar's total; else None."""
    count = 0
    for name in paths:
        path = Path(name)
        if name == "-" or input_format == "jsonl":
            return None
        if path.is_dir():
            count += sum(1 for found in _walk(path, tuple(globs)) if _format(found, input_format) != "jsonl")
        elif _format(path, input_format) == "jsonl":
            return None
        else:
            count += 1
    return count


def _walk(folder: Path, globs: tuple[str, ...]) -> Iterator[Path]:
    """Matching files under ``folder``, depth first in sorted order, hidden entries skipped."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatch.fnmatch(name, pattern) for pattern in globs):
                yield Path(root, name)


def _format(path: Path, input_format: str) -> str:
    if input_format != "auto":
        return input_format
    suffix = path.suffix.lower()
    return {".conllu": "conllu", ".jsonl": "jsonl"}.get(suffix, "text")


def _file(path: Path, doc_id: str, input_format: str) -> Iterator[Record]:
    from claimtrack.parsing.articles import split_front_matter
    from claimtrack.parsing.textio import read_text

    kind = _format(path, input_format)
    try:
        if kind == "jsonl":
            yield from _jsonl_file(path)
            return
        text = read_text(path)
        metadata: dict[str, str] = {}
        if kind != "conllu":
            text, metadata = split_front_matter(text, str(path))
    except ClaimtrackError as error:
        yield Record(name=str(path), doc_id=doc_id, error=str(error))
        return
    if kind == "conllu":
        yield Record(name=str(path), doc_id=doc_id, conllu=str(path))
    else:
        yield Record(name=str(path), doc_id=doc_id, text=text, metadata=metadata)


def _stdin(input_format: str) -> Iterator[Record]:
    from claimtrack.parsing.textio import decode

    if input_format == "jsonl":
        yield from _jsonl_lines("<stdin>", "stdin", sys.stdin.buffer)
        return
    try:
        yield Record(name="<stdin>", doc_id="stdin", text=decode(sys.stdin.buffer.read(), "<stdin>"))
    except ClaimtrackError as error:
        yield Record(name="<stdin>", doc_id="stdin", error=str(error))


def _jsonl_file(path: Path) -> Iterator[Record]:
    try:
        handle = path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    with handle:
        yield from _jsonl_lines(str(path), path.stem, handle)


def _jsonl_lines(name: str, stem: str, lines: Iterable[bytes]) -> Iterator[Record]:
    """One record per non-blank line; a bad line is a failed record named ``FILE:LINE``."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            item = json.loads(line)
        except (ValueError, UnicodeDecodeError) as error:
            yield Record(name=where, doc_id=f"{stem}:{number}", error=f"{where}: not JSON ({_first_line(error)})")
            continue
        yield _jsonl_record(where, f"{stem}:{number}", item)


def _jsonl_record(where: str, fallback_id: str, item: Any) -> Record:
    if not isinstance(item, dict):
        return Record(name=where, doc_id=fallback_id, error=f"{where}: expected an object with \"text\", got {type(item).__name__}")
    text = item.get("text")
    doc_id = item.get("id", fallback_id)
    doc_id = doc_id if isinstance(doc_id, str) else json.dumps(doc_id)
    if not isinstance(text, str):
        return Record(name=where, doc_id=doc_id, error=f"{where}: no \"text\" string in the object")
    metadata = {key: value for key, value in item.items() if key not in ("id", "text")}
    return Record(name=where, doc_id=doc_id, text=text, metadata=metadata)


def _first_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]
