"""An article file for the tracker: the one front-matter reader of
:mod:`claimtrack.parsing.articles` with its errors as tracker errors, and the
export layer's :class:`~claimtrack.export.Article` (a result and where it
appeared)."""

from __future__ import annotations

import os

from claimtrack.errors import InputError
from claimtrack.export import Article
from claimtrack.parsing import articles
from claimtrack.parsing.articles import FRONT_MATTER_KEYS, iso_date
from claimtrack.tracker import TrackerError

__all__ = ["FRONT_MATTER_KEYS", "Article", "iso_date", "read_article", "split_front_matter"]


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
