"""``--format claimreview``: schema.org JSON-LD ``Claim`` items.

Each claim becomes a ``Claim`` with its ``text``, its ``author`` (the source,
typed Person or Organization by ``claimtrack/data/schema_org.yaml``, with
claimtrack's source type and anonymity in ``description``), the
``appearance`` where it was found (URL, date, headline, outlet) and its
``firstAppearance``: what a fact-checker needs to attach a ``ClaimReview``.
Text and names are written on one line (runs of white space as one space).
No rating is ever written; claimtrack reports who said what, not whether it
is true. A tracked claim group is one ``Claim`` with every appearance.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["CONTEXT", "claim_item", "group_item", "render", "render_groups"]

CONTEXT = "https://schema.org"


@cache
def _author_types() -> tuple[dict[str, str], str]:
    data = yaml.safe_load(resources.files("claimtrack").joinpath("data/schema_org.yaml").read_text("utf-8"))
    return dict(data["author_types"]), data["default_author_type"]


def author(name: str, source_type: str, anonymous: bool) -> dict[str, Any]:
    types, default = _author_types()
    description = f"{source_type} source" + (", anonymous" if anonymous else "")
    return {"@type": types.get(source_type, default), "name": _one_line(name), "description": description}


def appearance(
    url: str | None, date: str | None, title: str | None, outlet: str | None, sha256: str
) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": url or f"urn:sha256:{sha256}"}
    if date:
        work["datePublished"] = date
    if title:
        work["headline"] = title
    if outlet:
        work["publisher"] = {"@type": "Organization", "name": outlet}
    return work


def claim_item(article, claim) -> dict[str, Any]:
    document = article.result.document
    where = appearance(article.url, article.date, article.title, article.outlet, document.sha256)
    item: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"{where['url']}#{claim.id}",
        "text": _one_line(claim.content.text),
    }
    if claim.source is not None:
        item["author"] = author(
            claim.source.name or claim.source.text, claim.source.type, claim.source.anonymous
        )
    if article.date:
        item["datePublished"] = article.date
    item["appearance"] = [where]
    item["firstAppearance"] = where
    return item


def render(articles) -> str:
    graph = [claim_item(article, claim) for article in articles for claim in article.result.claims]
    return _dump(graph)


def group_item(group) -> dict[str, Any]:
    """A tracked claim group as one Claim with all its appearances."""
    works = [
        appearance(a.document.url, a.document.date, a.document.title, a.document.outlet, a.document.sha256)
        for a in group.appearances
    ]
    first = group.first
    item: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"urn:claimtrack:group:{group.id}",
        "text": _one_line(first.content),
    }
    if first.source is not None:
        item["author"] = author(first.source, first.source_type or "unknown", first.anonymous)
    if first.document.date:
        item["datePublished"] = first.document.date
    item["appearance"] = works
    item["firstAppearance"] = works[0]
    return item


def render_groups(groups) -> str:
    return _dump([group_item(group) for group in groups])


def _one_line(text: str) -> str:
    """Text as a fact-checker reads it: line breaks and runs of spaces as one space."""
    return " ".join(text.split())


def _dump(graph: list[dict[str, Any]]) -> str:
    return json.dumps({"@context": CONTEXT, "@graph": graph}, indent=2, ensure_ascii=False) + "\n"
