"""``--format jsonl``: one line of contract JSON per document."""

from __future__ import annotations

import json

from claimtrack.export.json import document_dict

__all__ = ["render"]


def render(articles) -> str:
    return "".join(json.dumps(document_dict(article), ensure_ascii=False) + "\n" for article in articles)
