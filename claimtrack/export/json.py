"""``--format json``: the output contract, one indented object per document,
each followed by a line break (as ``claimtrack extract`` prints them).

An article from the tracker also carries an ``article`` object (title,
outlet, url, date), a field added to the contract.
"""

from __future__ import annotations

import json
from typing import Any

from claimtrack.model import ARTICLE_KEYS

__all__ = ["document_dict", "render", "to_json"]


def document_dict(article) -> dict[str, Any]:
    data = article.result.to_dict()
    meta = {key: getattr(article, key) for key in ARTICLE_KEYS}
    if any(value is not None for value in meta.values()):
        data["article"] = meta
    return data


def to_json(data: dict[str, Any], *, indent: int | None = 2) -> str:
    """One document's contract JSON as every writer prints it (non-ASCII kept
    as is): indented, or on one line with ``indent=None`` (JSONL)."""
    return json.dumps(data, indent=indent, ensure_ascii=False)


def render(articles) -> str:
    return "".join(to_json(document_dict(article)) + "\n" for article in articles)
