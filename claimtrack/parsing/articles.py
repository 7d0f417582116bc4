"""Articles with front matter: one reader for ``extract``, ``track`` and corpora.

Front matter is an optional YAML mapping (title, outlet, url, date and any
other keys) between two ``---`` lines at the very top of a file. The article
is the body after the closing ``---`` line: every offset claimtrack reports
counts from its first character, and the front matter becomes the document
record's ``metadata`` (which the exports use: CSV columns, ClaimReview
``appearance``, Web Annotation ``source``).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import yaml

from claimtrack.errors import InputError
from claimtrack.model import ARTICLE_KEYS
from claimtrack.parsing.textio import display_name, read_text

__all__ = ["FRONT_MATTER_KEYS", "iso_date", "read_article", "split_front_matter"]

FRONT_MATTER_KEYS = ARTICLE_KEYS
_FENCE = "---"


def read_article(path: str | os.PathLike[str]) -> tuple[str, dict[str, str]]:
    """The body text of an article file and its front matter."""
    name = display_name(path)
    body, meta = split_front_matter(read_text(path), name)
    if not body.strip():
        raise InputError(f"{name}: the article has no text")
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
    raise InputError(f"{name}: front matter opened with '---' is never closed")


def _front_matter(header: str, name: str) -> dict[str, str]:
    try:
        data = yaml.safe_load(header) if header.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(f"{name}: front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise InputError(f"{name}: front matter must be a mapping of {', '.join(FRONT_MATTER_KEYS)}, ...")
    meta = {str(key): str(value) for key, value in data.items() if value is not None}
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
        raise InputError(f"{name}: date {value!r} is not a YYYY-MM-DD date") from None
