"""``--format jsonl``: one line of contract JSON per document."""

from __future__ import annotations

from claimtrack.export.json import document_dict, to_json

__all__ = ["render"]


def render(articles) -> str:
    return "".join(to_json(document_dict(article), indent=None) + "\n" for article in articles)
