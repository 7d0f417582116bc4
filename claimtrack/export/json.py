"""``--format json``: the output contract, one indented object per document,
each followed by a line break (as ``claimtrack extract`` prints them).

An article from the tracker also carries an ``article`` object (title,
outlet, url, date), a field added to the contract.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["document_dict", "render"]


def document_dict(article) -> dict[str, Any]:
    data = article.result.to_dict()
    meta = {key: getattr(article, key) for key in ("title", "outlet", "url", "date")}
    if any(value is not None for value in meta.values()):
        data["article"] = meta
    return data


def render(articles) -> str:
    return "".join(
        json.dumps(document_dict(article), indent=2, ensure_ascii=False) + "\n" for article in articles
    )
