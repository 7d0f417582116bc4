"""``--format claimreview``: schema.org JSON-LD ``Claim`` items.

Each checkable claim (a statement or a belief: ``claimtrack.model.CHECKABLE_ACTS``;
intentions, directives and questions assert nothing a reviewer can rate)
becomes a ``Claim`` with its ``text``, its ``author``, the
``appearance`` where it was found (URL, date, headline, outlet) and its
``firstAppearance``: what a fact-checker needs to attach a ``ClaimReview``.

- The author is a ``Person`` (``name``, ``jobTitle``, ``honorificPrefix``)
  or an organisation typed by source type (``GovernmentOrganization``,
  ``NewsMediaOrganization``, ``Organization``), with claimtrack's source type
  and anonymity in ``description``; an anonymous source gets no ``name``,
  only its description as the text gives it (see
  :mod:`claimtrack.export.authors`).
- The claim's ``description`` is what the article says of it: its
  confirmation status and the words that set it ("confirmation: denied;
  evidence: \"rejected\""); a status is never a rating.
- The text is a proposition a reviewer can rate: the content when it is one
  ("the bridge was safe"), else the whole attribution ("The Iraqi government
  called it 'a blatant aggression'" rather than "it 'a blatant aggression'").
  Which contents are fragments is data: ``claimtrack/data/schema_org.yaml``.

Text and names are written on one line (runs of white space as one space).
No rating is ever written; claimtrack reports who said what, not whether it
is true. A tracked claim group is one ``Claim`` with every appearance.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from claimtrack.export import web_url
from claimtrack.model import CHECKABLE_ACTS
from claimtrack.export.authors import (
    author_of,
    author_of_mention,
    is_pronoun,
    one_line,
    settings,
)
from claimtrack.tracked import ClaimGroup

__all__ = ["CONTEXT", "claim_item", "claim_text", "confirmation_note", "group_item", "render", "render_groups"]

CONTEXT = "https://schema.org"


def appearance(
    url: str | None, date: str | None, title: str | None, outlet: str | None, sha256: str
) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": web_url(url) or f"urn:sha256:{sha256}"}
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
        "text": claim_text(article.result, claim),
    }
    if claim.source is not None:
        item["author"] = author_of(article.result, claim.source).to_json_ld()
    item["description"] = confirmation_note(claim.confirmation)
    if article.date:
        item["datePublished"] = article.date
    item["appearance"] = [where]
    item["firstAppearance"] = where
    return item


def render(articles) -> str:
    graph = [
        claim_item(article, claim)
        for article in articles
        for claim in article.result.claims
        if claim.act in CHECKABLE_ACTS
    ]
    return _dump(graph)


def group_item(group: ClaimGroup) -> dict[str, Any]:
    """A tracked claim group as one Claim with all its appearances."""
    works = [
        appearance(a.document.url, a.document.date, a.document.title, a.document.outlet, a.document.sha256)
        for a in group.appearances
    ]
    first = group.first
    item: dict[str, Any] = {
        "@type": "Claim",
        "@id": f"urn:claimtrack:group:{group.id}",
        "text": one_line(first.content),
    }
    if first.source is not None:
        item["author"] = author_of_mention(first.source, first.source_type or "unknown", first.anonymous).to_json_ld()
    if first.document.date:
        item["datePublished"] = first.document.date
    item["appearance"] = works
    item["firstAppearance"] = works[0]
    return item


def render_groups(groups: Iterable[ClaimGroup]) -> str:
    return _dump([group_item(group) for group in groups])


def confirmation_note(confirmation) -> str:
    """The status and its evidence, on one line: 'confirmation: denied; evidence: "rejected"'."""
    evidence = "; ".join(json.dumps(one_line(item.text), ensure_ascii=False) for item in confirmation.evidence)
    return f"confirmation: {confirmation.status}" + (f"; evidence: {evidence}" if evidence else "")


def claim_text(result, claim) -> str:
    """The claim as a proposition a reviewer can rate, on one line."""
    content, source = claim.content, claim.source
    fragments = settings()
    fragment = bool(set(claim.rules) & set(fragments["fragment_patterns"])) or (
        len(content.text.split()) < fragments["min_proposition_words"]
    )
    spans = [span for span in (source, claim.cue) if span is not None]
    if not fragment or not spans:
        return one_line(content.text)
    start = min(span.start for span in (content, *spans))
    end = max(span.end for span in (content, *spans))
    if source is not None and source.name and is_pronoun(source.text):  # "He called it" -> who called it
        return one_line(result.text[start : source.start] + source.name + result.text[source.end : end])
    return one_line(result.text[start:end])


def _dump(graph: list[dict[str, Any]]) -> str:
    return json.dumps({"@context": CONTEXT, "@graph": graph}, indent=2, ensure_ascii=False) + "\n"
