"""``--format webanno``: W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).

One ``AnnotationCollection`` per document (an array for several), with one
``Annotation`` per span (source, cue, content piece, hedge, evidence,
anonymity cue). Every target has a ``TextQuoteSelector`` (exact text with 32
characters of prefix and suffix) and a ``TextPositionSelector`` (start and
end in Unicode code points, as the model requires and Python counts). The
body tags the span with its role and describes the claim it belongs to.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from claimtrack.export.spans import marked_spans

__all__ = ["CONTEXT", "collection", "render"]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


def collection(article) -> dict[str, Any]:
    result = article.result
    source = article.url or f"urn:sha256:{result.document.sha256}"
    items = [_annotation(result.text, source, span) for span in marked_spans(result)]
    return {
        "@context": CONTEXT,
        "id": f"urn:claimtrack:{result.document.sha256}",
        "type": "AnnotationCollection",
        "label": article.title or result.document.id,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _annotation(text: str, source: str, span) -> dict[str, Any]:
    description = "; ".join(f"{key}: {value}" for key, value in span.details)
    return {
        "id": f"urn:claimtrack:{_digest(source)}:{span.id}",
        "type": "Annotation",
        "motivation": "tagging",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": span.role},
            {"type": "TextualBody", "purpose": "describing", "value": description, "format": "text/plain"},
        ],
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": span.text,
                    "prefix": text[max(0, span.start - CONTEXT_CHARS) : span.start],
                    "suffix": text[span.end : span.end + CONTEXT_CHARS],
                },
                {"type": "TextPositionSelector", "start": span.start, "end": span.end},
            ],
        },
    }


def _digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def render(articles) -> str:
    collections = [collection(article) for article in articles]
    value = collections[0] if len(collections) == 1 else collections
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
