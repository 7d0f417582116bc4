"""An article file: its body text, its front matter, and where it appeared.

Front matter is an optional YAML mapping (title, outlet, url, date) between
two ``---`` lines at the very top of the file. Everything extracted later
counts its offsets from the first character after the closing ``---`` line.
"""

from __future__ import annotations

import os

import attrs

from claimtrack.model import Result
from claimtrack.errors import InputError
from claimtrack.parsing import articles
from claimtrack.parsing.articles import FRONT_MATTER_KEYS, iso_date
from claimtrack.tracker import TrackerError

__all__ = ["FRONT_MATTER_KEYS", "Article", "file_name", "iso_date", "read_article", "split_front_matter"]



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
    """The body text of an article file and its front matter (the one reader
    of :mod:`claimtrack.parsing.articles`, its errors as tracker errors)."""
    try:
        return articles.read_article(path)
    except InputError as error:
        raise TrackerError(str(error)) from None


def split_front_matter(text: str, name: str = "<text>") -> tuple[str, dict[str, str]]:
    """Split ``text`` into its body and front matter (empty when there is none)."""
    try:
        return articles.split_front_matter(text, name)
    except InputError as error:
        raise TrackerError(str(error)) from None
