"""Exports, brat standoff: the .ann of a story article, fragments at line breaks, the reader.

The story results are tests/story_fixtures.py's; export_cases.py holds the
hand-built edge cases."""

from __future__ import annotations

import pytest

from claimtrack import export
from claimtrack.export import brat
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Result

from export_cases import every_result, split_quote, brat_spans, expected_brat_spans


def test_brat_ann_for_the_tuesday_article(articles):
    assert export.render(articles[1:2], "brat") == (
        "T1\tContent 115 148\tthe fire was started deliberately\n"
        "A1\tKind T1 indirect\n"
        "A2\tStatus T1 unconfirmed\n"
        "T2\tSource 72 109\tPort authority spokesman Karel Brandt\n"
        "A3\tSourceType T2 government\n"
        "T3\tCue 110 114\tsaid\n"
        "A4\tCueClass T3 neutral\n"
        "T4\tAttribution 110 114\tsaid\n"
        "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1\n"
        "#1\tAnnotatorNotes E1\tC1; rules: cue.verb.say, pattern.verb_complement\n"
        "T5\tContent 180 224\tit would rebuild the warehouse within a year\n"
        "A5\tKind T5 indirect\n"
        "A6\tStatus T5 unconfirmed\n"
        "A7\tHedged T5\n"
        "T6\tSource 151 173\tThe owner, Orlan Grain\n"
        "A8\tSourceType T6 organization\n"
        "T7\tCue 175 179\tsaid\n"
        "A9\tCueClass T7 neutral\n"
        "T8\tAttribution 175 179\tsaid\n"
        "E2\tAttribution:T8 Source:T6 Cue:T7 Content:T5\n"
        "#2\tAnnotatorNotes E2\tC2; rules: cue.verb.say, pattern.verb_complement\n"
        "T9\tHedge 183 188\twould\n"
        "A10\tHedgeClass T9 modal\n"
    )


def test_brat_files_load_back_to_the_same_spans(tmp_path, articles):
    results = every_result(articles)
    paths = export.write(results, "brat", tmp_path)
    assert sorted(path.name for path in paths) == sorted(
        [f"{r.document.id}.{ext}" for r in results for ext in ("txt", "ann")]
        + ["annotation.conf", "visual.conf"]
    )
    for result in results:
        loaded = brat.read(tmp_path / f"{result.document.id}.ann")
        assert loaded.text == result.text
        assert brat_spans(loaded) == expected_brat_spans(result)
        assert len(loaded.events) == sum(1 for claim in result.claims if claim.cue)


def test_brat_cuts_a_split_quote_over_a_line_break_into_fragments(tmp_path):
    export.write([split_quote()], "brat", tmp_path)
    loaded = brat.read(tmp_path / "split.ann")
    assert loaded.spans["T1"] == brat.BratSpan(
        "T1", "Content", [(1, 20), (33, 36), (37, 53)], "The port is closed, and it stays closed."
    )
    assert loaded.events == {
        "E1": (("Attribution", "T4"), ("Source", "T2"), ("Cue", "T3"), ("Content", "T1"))
    }


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_brat_cuts_a_span_at_a_unicode_line_separator_and_reads_it_back(tmp_path, separator):
    """Issue 12, defect 7: a span holding U+2028 (or NEL, VT, FF) could not be read back."""
    text = f"The minister said the port{separator}was closed.\n"
    start, end = text.index("the port"), text.index(".")
    said = text.index("said")
    claim = Claim(
        "C1",
        "indirect",
        Content(text[start:end], start, end),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=ClaimSource("The minister", 0, 12, entity="S1", name="The minister", type="government"),
    )
    export.write([Result(text=text, document=DocumentInfo.for_text(text, "sep"), claims=[claim])], "brat", tmp_path)
    assert (tmp_path / "sep.ann").read_text(encoding="utf-8").splitlines()[0] == "T1\tContent 18 26;27 37\tthe port was closed"
    loaded = brat.read(tmp_path / "sep.ann")
    assert loaded.text == text
    assert loaded.spans["T1"] == brat.BratSpan("T1", "Content", [(18, 26), (27, 37)], "the port was closed")
    assert loaded.events == {
        "E1": (("Attribution", "T4"), ("Source", "T2"), ("Cue", "T3"), ("Content", "T1"))
    }


def test_brat_reader_keeps_a_line_separator_inside_an_annotation_line(tmp_path):
    """A .ann line breaks at LF only, as brat reads it, so U+2028 in a note stays in its line."""
    (tmp_path / "x.txt").write_text("Police said so.", encoding="utf-8")
    (tmp_path / "x.ann").write_text(
        "T1\tSource 0 6\tPolice\n#1\tAnnotatorNotes T1\tone\u2028note\r\nT2\tCue 7 11\tsaid\n", encoding="utf-8"
    )
    assert brat_spans(brat.read(tmp_path / "x.ann")) == {("Source", ((0, 6),)), ("Cue", ((7, 11),))}


def test_brat_reader_names_the_line_of_bad_offsets(tmp_path):
    (tmp_path / "x.txt").write_text("Police said so.")
    (tmp_path / "x.ann").write_text("T1\tSource 0 6\tPolice\nT2\tCue 7 x\tsaid\n")
    with pytest.raises(brat.BratError, match=r"x.ann:2: offsets '7 x' are not 'START END' pairs separated by ';'"):
        brat.read(tmp_path / "x.ann")


def test_brat_keeps_windows_line_ends_in_the_txt(tmp_path):
    text = "Police said the port was closed.\r\nIt was.\r\n"
    said = text.index("said")
    claim = Claim(
        "C1",
        "indirect",
        Content("the port was closed", 12, 31),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
    )
    export.write(
        [Result(text=text, document=DocumentInfo.for_text(text, "crlf"), claims=[claim])], "brat", tmp_path
    )
    assert (tmp_path / "crlf.txt").read_bytes() == text.encode()
    assert brat.read(tmp_path / "crlf.ann").spans["T1"].text == "the port was closed"


def test_brat_annotation_conf_declares_every_type_used(tmp_path, articles):
    export.write(articles, "brat", tmp_path)
    conf = (tmp_path / "annotation.conf").read_text()
    assert "[entities]\nSource\nCue\nContent\nHedge\nEvidence\nAnonymityCue\n" in conf
    assert "[events]\nAttribution\tSource?:Source, Cue:Cue, Content:Content\n" in conf
    assert "SourceType\tArg:Source, Value:government|organization|person|unknown\n" in conf


def test_brat_reader_rejects_text_that_does_not_match_its_offsets(tmp_path):
    (tmp_path / "x.txt").write_text("Police said so.")
    (tmp_path / "x.ann").write_text("T1\tSource 0 6\tPolicy\n")
    with pytest.raises(
        brat.BratError, match=r"x.ann:1: text 'Policy' is not the text at its offsets 'Police'"
    ):
        brat.read(tmp_path / "x.ann")
