"""Exports, webanno: W3C Web Annotation, a target per span, selectors that point at their text.

The story results are tests/story_fixtures.py's; export_cases.py holds the
hand-built edge cases."""

from __future__ import annotations

import json

from claimtrack import export
from claimtrack.export import Article, webanno
from claimtrack.export.spans import marked_spans

from export_cases import every_result, split_quote


def test_webanno_is_one_w3c_annotation_per_claim_with_a_target_per_span(articles):
    data = json.loads(export.render(articles[:1], "webanno"))
    assert (data["@context"], data["type"], data["first"]["type"]) == (
        "http://www.w3.org/ns/anno.jsonld",
        "AnnotationCollection",
        "AnnotationPage",
    )
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(articles[0].result.claims) == 2
    url = "https://example.org/harbour-courier/velmor-warehouse-fire"
    first = items[0]
    assert first["id"].endswith(":C1")
    assert (first["type"], first["motivation"]) == ("Annotation", "describing")
    assert first["body"] == [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": "C1: a port official said: The fire was started deliberately,",
            "format": "text/plain",
        },
        *(
            {"type": "TextualBody", "purpose": "tagging", "value": tag}
            for tag in (
                "kind:direct",
                "status:unconfirmed",
                "hedged:no",
                "source-type:government",
                "anonymous:yes",
                "rule:cue.verb.say",
                "rule:pattern.quote_then_verb",
            )
        ),
    ]
    assert [(t["purpose"], t["selector"][0]["exact"]) for t in first["target"]] == [
        ("urn:claimtrack:role:source", "a port official"),
        ("urn:claimtrack:role:cue", "said"),
        ("urn:claimtrack:role:content", "The fire was started deliberately,"),
        ("urn:claimtrack:role:anonymity", "speaking on condition of anonymity"),
    ]
    assert first["target"][2] == {
        "type": "SpecificResource",
        "source": url,
        "purpose": "urn:claimtrack:role:content",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": "The fire was started deliberately,",
                "prefix": 'rt of Velmor on Sunday night.\n\n"',
                "suffix": '" a port official said, speaking',
            },
            {"type": "TextPositionSelector", "start": 76, "end": 110},
        ],
    }
    assert len({item["id"] for item in items}) == len(items)


def test_webanno_split_quote_has_a_content_target_per_piece():
    (item,) = webanno.collection(Article(split_quote()))["first"]["items"]
    assert [(t["purpose"].rsplit(":", 1)[1], t["selector"][1]["start"], t["selector"][1]["end"]) for t in item["target"]] == [
        ("source", 22, 25),
        ("cue", 26, 30),
        ("content", 1, 20),
        ("content", 33, 53),
    ]


def test_webanno_selectors_point_at_their_text(articles):
    for result in every_result(articles):
        spans = {(s.start, s.end, s.role) for s in marked_spans(result)}
        found = set()
        for item in webanno.collection(Article(result))["first"]["items"]:
            for target in item["target"]:
                quote, position = target["selector"]
                start, end = position["start"], position["end"]
                assert result.text[start:end] == quote["exact"]
                assert result.text[:start].endswith(quote["prefix"])
                assert result.text[end:].startswith(quote["suffix"])
                found.add((start, end, target["purpose"].rsplit(":", 1)[1]))
        assert found == spans  # every span of the result is some claim's target
