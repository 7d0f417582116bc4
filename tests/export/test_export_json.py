"""Exports, json and jsonl: the output contract, one object or line per document.

The story results are tests/story_fixtures.py's; export_cases.py holds the
hand-built edge cases."""

from __future__ import annotations

import json

from claimtrack import export

from export_cases import json_objects


def test_json_is_the_contract_plus_the_article(articles):
    one = json.loads(export.render(articles[:1], "json"))
    assert one == {
        **articles[0].result.to_dict(),
        "article": {
            "title": "Fire destroys grain warehouse in Velmor port",
            "outlet": "Harbour Courier",
            "url": "https://example.org/harbour-courier/velmor-warehouse-fire",
            "date": "2026-03-02",
        },
    }
    assert [d["document"]["id"] for d in json_objects(export.render(articles, "json"))] == [
        "2026-03-02-harbour-courier",
        "2026-03-03-daily-ledger",
        "2026-03-05-velmor-times",
    ]


def test_json_of_a_plain_result_is_exactly_the_contract(articles):
    result = articles[0].result
    assert json.loads(export.render([result], "json")) == result.to_dict()


def test_jsonl_is_one_line_per_document(articles):
    lines = export.render(articles, "jsonl").splitlines()
    assert [json.loads(line)["document"]["sha256"] for line in lines] == [
        a.result.document.sha256 for a in articles
    ]
