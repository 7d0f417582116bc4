"""The export API (render, write, errors), and every span-level export of the
real parser and engine on the story articles."""

from __future__ import annotations

import csv
import io

import pytest
import story_fixtures as story

from claimtrack import export
from claimtrack.export import Article, ExportError, brat, webanno
from claimtrack.export.spans import marked_spans

from export_cases import marks_of, brat_spans, expected_brat_spans


def test_unknown_format_and_several_documents_for_a_page_format_are_clear_errors(articles):
    with pytest.raises(
        ExportError,
        match=r"unknown export format 'xml' \(choose from json, jsonl, csv, claimreview, webanno, brat, html\)",
    ):
        export.render(articles, "xml")
    with pytest.raises(
        ExportError, match=r"--format html writes files per document; give an output folder \(--out DIR\)"
    ):
        export.render(articles, "html")


def test_write_gives_documents_with_the_same_id_distinct_files(tmp_path, articles):
    result = articles[0].result
    paths = export.write([result, result], "json", tmp_path)
    assert [p.name for p in paths] == ["2026-03-02-harbour-courier.json", "2026-03-02-harbour-courier-2.json"]


def test_every_export_of_real_extraction_points_at_the_right_text(tmp_path):
    """The story articles through the real parser and engine, in every span-level format."""
    from claimtrack import extract

    results = []
    for path in (story.MONDAY, story.TUESDAY, story.THURSDAY):
        body, _ = story.read_article(path)
        results.append(extract(body, doc_id=path.stem))
    assert sum(len(result.claims) for result in results) >= 3
    for result in results:
        spans = marked_spans(result)
        assert all(result.text[s.start : s.end] == s.text for s in spans)
        for item in webanno.collection(Article(result))["first"]["items"]:
            for target in item["target"]:
                quote, position = target["selector"]
                assert result.text[position["start"] : position["end"]] == quote["exact"]
        marks = marks_of(export.render([result], "html"))
        assert marks.texts == {span.id: span.text for span in spans}
    for row in csv.DictReader(io.StringIO(export.render(results, "csv"))):
        text = {r.document.id: r.text for r in results}[row["document"]]
        assert text[int(row["content_start"]) : int(row["content_end"])] == row["content"]
    export.write(results, "brat", tmp_path)
    for result in results:
        assert brat_spans(brat.read(tmp_path / f"{result.document.id}.ann")) == expected_brat_spans(result)
