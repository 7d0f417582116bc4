"""Titles before a name: a sentence the tokenizer ended after "Sen." joined
to the name the title introduces.

The compact tokenizer learnt its sentence ends from web text and GUM, where
"Sen." and "Rep." are rare; on political news it ends a sentence after them
("... said Sen." | "Maria Lopez, who leads the committee ..."), 214 times in
PolNeAR's 840 training articles, and the quotation loses its speaker. Which
words are titles is data (``claimtrack/data/tokenization.yaml``), read once
with ``yaml.safe_load``; its digest is part of every parse's cache key.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

import yaml

from claimtrack.errors import ClaimtrackError

__all__ = ["DATA_FILE", "data_digest", "titles_before_names"]

DATA_FILE = "data/tokenization.yaml"


@cache
def _text() -> str:
    return resources.files("claimtrack").joinpath(DATA_FILE).read_text("utf-8")


@cache
def titles_before_names() -> frozenset[str]:
    """The titles, without their full stop."""
    try:
        data = yaml.safe_load(_text())
    except yaml.YAMLError as error:
        raise ClaimtrackError(f"claimtrack/{DATA_FILE}: {error}") from None
    titles = data.get("titles_before_names") if isinstance(data, dict) else None
    if not isinstance(titles, list) or not all(isinstance(title, str) and title for title in titles):
        raise ClaimtrackError(f"claimtrack/{DATA_FILE}: 'titles_before_names' must be a list of words")
    return frozenset(title.rstrip(".") for title in titles)


@cache
def data_digest() -> str:
    """A digest of the data file, for the parse cache key."""
    return hashlib.sha256(_text().encode("utf-8")).hexdigest()[:16]
