"""Exports, csv: stable columns, one row per claim, formula-safe cells.

The story results are tests/story_fixtures.py's; export_cases.py holds the
hand-built edge cases."""

from __future__ import annotations

import csv
import io

import pytest

from claimtrack import export
from claimtrack.export import Article, ExportError
from claimtrack.export.csv import COLUMNS
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Result


def test_csv_has_stable_columns_and_one_row_per_claim(articles):
    rows = list(csv.DictReader(io.StringIO(export.render(articles, "csv"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 7
    assert rows[0] == {
        "document": "2026-03-02-harbour-courier",
        "title": "Fire destroys grain warehouse in Velmor port",
        "outlet": "Harbour Courier",
        "url": "https://example.org/harbour-courier/velmor-warehouse-fire",
        "date": "2026-03-02",
        "claim": "C1",
        "kind": "direct",
        "heading": "false",
        "content": "The fire was started deliberately,",
        "content_start": "76",
        "content_end": "110",
        "cue": "said",
        "cue_lemma": "say",
        "cue_class": "neutral",
        "cue_start": "128",
        "cue_end": "132",
        "source": "a port official",
        "source_start": "112",
        "source_end": "127",
        "source_entity": "S1",
        "source_name": "a port official",
        "source_type": "government",
        "anonymous": "true",
        "hedged": "false",
        "hedges": "",
        "status": "unconfirmed",
        "evidence": "",
        "parent": "",
        "rules": "cue.verb.say|pattern.quote_then_verb",
        "fact_checks": "",
    }


def test_csv_offsets_point_at_their_text(articles):
    texts = {a.result.document.id: a.text for a in articles}
    for row in csv.DictReader(io.StringIO(export.render(articles, "csv"))):
        text = texts[row["document"]]
        for field in ("content", "cue", "source"):
            if row[field]:
                assert text[int(row[f"{field}_start"]) : int(row[f"{field}_end"])] == row[field]


def formula_article() -> Article:
    """Issue 12, defect 6: cells a spreadsheet would run as formulas."""
    text = "+cmd|' /C calc'!A0 was written on the wall, =police said.\n"
    end = text.index(" was written")
    said = text.index("said")
    claim = Claim(
        "C1",
        "indirect",
        Content(text[:end], 0, end),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=ClaimSource("=police", said - 8, said - 1, entity="S1", name="=police", type="government"),
    )
    result = Result(text=text, document=DocumentInfo.for_text(text, "-formula"), claims=[claim])
    return Article(result, title="@SUM(1+1)", outlet="\t=1+1", url="https://example.org/a", date="-1")


def test_csv_cells_that_start_like_a_formula_get_a_leading_apostrophe():
    (row,) = csv.DictReader(io.StringIO(export.render([formula_article()], "csv")))
    assert {key: row[key] for key in ("document", "title", "outlet", "url", "date", "content", "source")} == {
        "document": "'-formula",
        "title": "'@SUM(1+1)",
        "outlet": "'\t=1+1",
        "url": "https://example.org/a",
        "date": "'-1",
        "content": "'+cmd|' /C calc'!A0",
        "source": "'=police",
    }
    assert (row["content_start"], row["content_end"], row["cue"]) == ("0", "18", "said")


def test_csv_cells_stay_raw_when_formula_safety_is_turned_off():
    (row,) = csv.DictReader(io.StringIO(export.render([formula_article()], "csv", formula_safe=False)))
    assert (row["title"], row["outlet"], row["content"], row["source"]) == (
        "@SUM(1+1)",
        "\t=1+1",
        "+cmd|' /C calc'!A0",
        "=police",
    )


def test_safe_cell_follows_owasp():
    from claimtrack.export.csv import safe_cell

    cells = ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "1-1", "", " =1", 42]
    assert [safe_cell(cell) for cell in cells] == [
        "'=1+1", "'+1", "'-1", "'@A1", "'\t=1", "'\r=1", "1-1", "", " =1", 42,
    ]


def test_export_options_go_only_to_the_formats_that_take_them(tmp_path, articles):
    assert export.render(articles[:1], "json", formula_safe=False) == export.render(articles[:1], "json")
    (path,) = export.write([formula_article()], "csv", tmp_path, formula_safe=False)
    assert "+cmd|' /C calc'!A0" in path.read_text().splitlines()[1]
    with pytest.raises(ExportError, match=r"unknown export option 'formula_safety' \(known: formula_safe\)"):
        export.render(articles, "csv", formula_safety=False)
