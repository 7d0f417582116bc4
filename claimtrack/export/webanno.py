"""``--format webanno``: W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

One ``AnnotationCollection`` per document (an array for several), with one
``Annotation`` per claim:

- ``target``: one ``SpecificResource`` per span of the claim (source, cue,
  each content piece, hedges, evidence, the source's anonymity cues), each
  with a ``purpose`` naming its role (``urn:claimtrack:role:source``, ...)
  and two selectors: a ``TextQuoteSelector`` (exact text with 32 characters
  of prefix and suffix) and a ``TextPositionSelector`` (start and end in
  Unicode code points, as the model requires and Python counts).
- ``body``: a ``describing`` text (who said what, on one line) and
  ``tagging`` texts (``kind:indirect``, ``status:unconfirmed``,
  ``hedged:no``, ``source-type:government``, ``anonymous:yes``,
  ``rule:cue.verb.say``) that annotation tools can filter on.

The source document is the article URL from its front matter, else
``urn:sha256:<hash of the text>``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from claimtrack.export import web_url
from claimtrack.export.authors import one_line
from claimtrack.export.spans import Marked, marked_spans

__all__ = ["CONTEXT", "PURPOSE", "annotation", "collection", "render"]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32
PURPOSE = "urn:claimtrack:role:"  # + a role of claimtrack.export.spans.ROLES


def collection(article) -> dict[str, Any]:
    result = article.result
    source = web_url(article.url) or f"urn:sha256:{result.document.sha256}"
    spans = marked_spans(result)
    by_claim: dict[str | None, list[Marked]] = {}
    for span in spans:
        by_claim.setdefault(span.claim, []).append(span)
    anonymity: dict[str, list[Marked]] = {}
    for span in spans:
        if span.role == "anonymity":  # id: <entity>.anonymity.<n>
            anonymity.setdefault(span.id.split(".", 1)[0], []).append(span)
    items = []
    for claim in result.claims:
        entity = claim.source.entity if claim.source else None
        own = by_claim.get(claim.id, []) + anonymity.get(entity or "", [])
        items.append(annotation(result, source, claim, own))
    return {
        "@context": CONTEXT,
        "id": f"urn:claimtrack:{result.document.sha256}",
        "type": "AnnotationCollection",
        "label": article.title or result.document.id,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def annotation(result, source: str, claim, spans: list[Marked]) -> dict[str, Any]:
    """The claim as one annotation: its spans as targets, what it is as bodies."""
    item: dict[str, Any] = {
        "id": f"urn:claimtrack:{_digest(source)}:{claim.id}",
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {"type": "TextualBody", "purpose": "describing", "value": _description(claim), "format": "text/plain"},
            *({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in _tags(claim)),
        ],
        "target": [_target(result.text, source, span) for span in spans],
    }
    if result.claimtrack_version:
        item["generator"] = {"type": "Software", "name": f"claimtrack {result.claimtrack_version}"}
    return item


def _description(claim) -> str:
    source = claim.source
    who = (source.name or source.text) if source else "no source"
    cue = claim.cue.text if claim.cue else "reports"
    return one_line(f"{claim.id}: {who} {cue}: {claim.content.text}")


def _tags(claim) -> list[str]:
    tags = [f"kind:{claim.kind}", f"status:{claim.confirmation.status}", f"hedged:{_yes(claim.hedged)}"]
    if claim.source is not None:
        tags += [f"source-type:{claim.source.type}", f"anonymous:{_yes(claim.source.anonymous)}"]
    if claim.parent:
        tags.append(f"parent:{claim.parent}")
    return tags + [f"rule:{rule}" for rule in claim.rules]


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _target(text: str, source: str, span: Marked) -> dict[str, Any]:
    return {
        "type": "SpecificResource",
        "source": source,
        "purpose": PURPOSE + span.role,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": span.text,
                "prefix": text[max(0, span.start - CONTEXT_CHARS) : span.start],
                "suffix": text[span.end : span.end + CONTEXT_CHARS],
            },
            {"type": "TextPositionSelector", "start": span.start, "end": span.end},
        ],
    }


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def render(articles) -> str:
    collections = [collection(article) for article in articles]
    value = collections[0] if len(collections) == 1 else collections
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
