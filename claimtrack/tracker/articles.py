"""An article file: its body text, its front matter, and where it appeared.

Front matter is an optional YAML mapping (title, outlet, url, date) between
two ``---`` lines at the very top of the file. Everything extracted later
counts its offsets from the first character after the closing ``---`` line.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import attrs
import yaml

from claimtrack.model import Result
from claimtrack.parsing.textio import read_text
from claimtrack.tracker import TrackerError

__all__ = ["FRONT_MATTER_KEYS", "Article", "file_name", "iso_date", "read_article", "split_front_matter"]

FRONT_MATTER_KEYS = ("title", "outlet", "url", "date")
_FENCE = "---"


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


def file_name(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored.

    A file name that is not valid UTF-8 reaches Python with its bad bytes as
    lone surrogates, which neither SQLite nor a UTF-8 terminal accepts; they
    are shown as ``\\xNN`` escapes instead.

    >>> file_name(os.fsdecode(b"caf\\xe9.txt"))
    'caf\\\\xe9.txt'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_article(path: str | os.PathLike[str]) -> tuple[str, dict[str, str]]:
    """The body text of an article file and its front matter (title, outlet, url, date)."""
    name = file_name(path)
    body, meta = split_front_matter(read_text(path), name)
    if not body.strip():
        raise TrackerError(f"{name}: the article has no text")
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
        meta["date"] = iso_date(data["date"], name)
    return meta


def iso_date(value: Any, name: str) -> str:
    """A date (a ``date``, a ``datetime`` or a YYYY-MM-DD string) as YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise TrackerError(f"{name}: date {value!r} is not a YYYY-MM-DD date") from None
