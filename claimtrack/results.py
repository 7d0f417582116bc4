"""Saved output back in Python: ``claimtrack.load(path)`` reads what ``claimtrack extract`` wrote.

``--format json`` writes one object (one input) or an array (several);
``--format jsonl`` one object per line. :func:`load` reads any of the three
into a list of :class:`~claimtrack.model.Result`, each rebuilt with
:meth:`Result.from_dict <claimtrack.model.Result.from_dict>`. Each result gets
its text back from the output's ``"text"`` key (``claimtrack extract
--include-text``) or from ``texts`` (sha256 -> text; ``claimtrack.load(path,
source=...)`` reads them from the input files); else its ``text`` is empty and
its offsets still point into the original file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping

from claimtrack.errors import ResultError
from claimtrack.model import Result
from claimtrack.parsing.textio import display_name, read_text

__all__ = ["MAX_BYTES", "load"]

# A corpus run's JSONL output is far larger than any article, and load holds
# it in memory whole: 1 GiB stops a wrong path (a disk image) early.
MAX_BYTES = 1024**3

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def load(path: str | os.PathLike[str], *, texts: Mapping[str, str] | None = None) -> list[Result]:
    """Every result in a JSON or JSONL output of ``claimtrack extract``, in file order.

    A result's text is the output's ``"text"`` (``--include-text``), or the
    text in ``texts`` under the document's sha256, or else empty.

    An unreadable file raises :class:`~claimtrack.errors.InputError`; a file
    that is not such output raises :class:`~claimtrack.errors.ResultError`
    naming the file, the line where the bad result starts and the field path.
    """
    name = display_name(path)
    text = read_text(path, max_bytes=MAX_BYTES)
    results = []
    for line, data in _values(text, name):
        try:
            results.append(Result.from_dict(data, text=_text_of(data, texts or {})))
        except ResultError as error:
            raise ResultError(f"{name}:{line}: {error}") from None
    return results


def _text_of(data: object, texts: Mapping[str, str]) -> str:
    """The document text for one output object: its own ``"text"``, or the
    one with its sha256 among ``texts``, or ``""``."""
    if not isinstance(data, dict):
        return ""
    own = data.get("text")
    if isinstance(own, str):
        return own
    document = data.get("document")
    sha = document.get("sha256") if isinstance(document, dict) else None
    return texts.get(sha, "") if isinstance(sha, str) else ""


def _values(text: str, name: str) -> Iterator[tuple[int, object]]:
    """``(line, value)`` for each JSON value in ``text``: the items of one
    top-level array, or else each top-level value (one object, or one per
    line). Values are decoded where they stand, so each comes with the line
    it starts on and the file is read once."""
    lines = _Lines(text)
    position = _skip(text, 0)
    if text.startswith("[", position):
        position = _skip(text, position + 1)
        while not text.startswith("]", position):
            value, end = _decode(text, position, name)
            yield lines.at(position), value
            position = _skip(text, end)
            if text.startswith(",", position):
                position = _skip(text, position + 1)
            elif not text.startswith("]", position):
                raise ResultError(f"{name}:{_line_column(text, position)}: expected ',' or ']' between results")
        position = _skip(text, position + 1)
        if position < len(text):
            raise ResultError(f"{name}:{_line_column(text, position)}: text after the closing ']'")
        return
    while position < len(text):
        value, end = _decode(text, position, name)
        yield lines.at(position), value
        position = _skip(text, end)


def _skip(text: str, position: int) -> int:
    """The offset of the first character from ``position`` on that is not JSON whitespace."""
    space = _SPACE.match(text, position)
    return space.end() if space else position


def _decode(text: str, position: int, name: str) -> tuple[object, int]:
    try:
        return _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as error:
        raise ResultError(f"{name}:{error.lineno}:{error.colno}: not JSON ({error.msg})") from None
    except RecursionError:
        raise ResultError(f"{name}:{_line_column(text, position)}: JSON nested too deeply to be a result") from None


class _Lines:
    """Line numbers of offsets asked for in increasing order, counted once."""

    def __init__(self, text: str):
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, position: int) -> int:
        self.line += self.text.count("\n", self.offset, position)
        self.offset = position
        return self.line


def _line_column(text: str, position: int) -> str:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return f"{line}:{column}"
