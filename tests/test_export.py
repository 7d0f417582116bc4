"""Exports: every format from the hand-built story results (tests/story_fixtures.py),
with every exported offset checked against the text."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
import story_fixtures as story

from claimtrack import export
from claimtrack.export import ExportError, brat, claimreview, html, webanno
from claimtrack.export.csv import COLUMNS
from claimtrack.export.spans import Marked, marked_spans
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Part, Result, SourceEntity
from claimtrack.tracker.store import Article, Tracker


@pytest.fixture(scope="module")
def articles():
    return story.story()


def every_result(articles):
    return [article.result for article in articles] + [split_quote(), injection()]


def split_quote() -> Result:
    """A quote split around its attribution and over a line break."""
    text = '"The port is closed," she said, "and\nit stays closed."\n'
    first = text.index("The port")
    second = text.index("and\nit")
    end = text.index('."') + 1
    said = text.index("said")
    claim = Claim(
        "C1",
        "direct",
        Content(text[first:end], first, end, parts=[Part(first, first + 19), Part(second, end)]),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=ClaimSource("she", said - 4, said - 1, entity="S1", name="she", type="person"),
    )
    return Result(text=text, document=DocumentInfo.for_text(text, "split"), claims=[claim])


def injection() -> Result:
    """Text that would run script or add elements if it were not escaped."""
    text = 'Mr <b>O"Brien</b> said "<script>document.title=\'pwned\'</script><img src=x onerror=alert(1)>" was posted.\n'
    source_end = text.index(" said")
    content_start = text.index("<script>")
    content_end = text.index('" was')
    said = text.index("said")
    claim = Claim(
        "C1",
        "direct",
        Content(text[content_start:content_end], content_start, content_end),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=ClaimSource(
            text[:source_end], 0, source_end, entity="S1", name=text[:source_end], type="person"
        ),
        rules=['rule"><script>alert(2)</script>'],
    )
    source = SourceEntity("S1", text[:source_end], type="person", mentions=[claim.source])
    return Result(text=text, document=DocumentInfo.for_text(text, "inject"), sources=[source], claims=[claim])


# ---------------------------------------------------------------- json, jsonl


def json_objects(text: str) -> list:
    """The JSON values written one after another in ``text``."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while text[at:].strip():
        value, at = decoder.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        found.append(value)
    return found


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


# ---------------------------------------------------------------- csv


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
    }


def test_csv_offsets_point_at_their_text(articles):
    texts = {a.result.document.id: a.text for a in articles}
    for row in csv.DictReader(io.StringIO(export.render(articles, "csv"))):
        text = texts[row["document"]]
        for field in ("content", "cue", "source"):
            if row[field]:
                assert text[int(row[f"{field}_start"]) : int(row[f"{field}_end"])] == row[field]


# ---------------------------------------------------------------- claimreview


def test_claimreview_is_schema_org_claims_with_author_and_appearance(articles):
    data = json.loads(export.render(articles[2:], "claimreview"))
    assert data["@context"] == "https://schema.org"
    assert [item["@type"] for item in data["@graph"]] == ["Claim", "Claim", "Claim"]
    where = {
        "@type": "CreativeWork",
        "url": "https://example.org/velmor-times/warehouse-fire-arson",
        "datePublished": "2026-03-05",
        "headline": "Police confirm Velmor warehouse fire was arson",
        "publisher": {"@type": "Organization", "name": "Velmor Times"},
    }
    assert data["@graph"][1] == {
        "@type": "Claim",
        "@id": "https://example.org/velmor-times/warehouse-fire-arson#C2",
        "text": "We have arrested a 34-year-old man,",
        "author": {
            "@type": "Organization",
            "name": "police spokeswoman Ina Dorn",
            "description": "government source",
        },
        "datePublished": "2026-03-05",
        "appearance": [where],
        "firstAppearance": where,
    }
    assert data["@graph"][2]["author"] == {
        "@type": "Person",
        "name": "Karel Brandt",
        "description": "person source",
    }


def test_claimreview_never_invents_a_rating(articles):
    text = export.render(articles, "claimreview")
    assert "Rating" not in text and "ClaimReview" not in text


def test_claimreview_of_a_plain_result_appears_at_its_hash():
    result = split_quote()
    item = json.loads(export.render([result], "claimreview"))["@graph"][0]
    assert item["appearance"] == [{"@type": "CreativeWork", "url": f"urn:sha256:{result.document.sha256}"}]
    assert item["text"] == 'The port is closed," she said, "and it stays closed.'  # on one line
    assert "datePublished" not in item


def test_claimreview_of_a_tracked_group_lists_every_appearance(tmp_path, articles):
    with Tracker(tmp_path / "t.db") as tracker:
        for a in articles:
            tracker.add_result(a.result, title=a.title, outlet=a.outlet, url=a.url, date=a.date)
        data = json.loads(claimreview.render_groups(tracker.groups(status="confirmed")))
    (item,) = data["@graph"]
    assert item["@type"] == "Claim"
    assert item["text"] == "The fire was started deliberately,"
    assert item["author"] == {
        "@type": "Organization",
        "name": "a port official",
        "description": "government source, anonymous",
    }
    assert [(w["publisher"]["name"], w["datePublished"]) for w in item["appearance"]] == [
        ("Harbour Courier", "2026-03-02"),
        ("Daily Ledger", "2026-03-03"),
        ("Velmor Times", "2026-03-05"),
    ]
    assert item["firstAppearance"] == item["appearance"][0]


# ---------------------------------------------------------------- webanno


def test_webanno_is_a_w3c_annotation_collection_with_both_selectors_per_span(articles):
    data = json.loads(export.render(articles[:1], "webanno"))
    assert (data["@context"], data["type"], data["first"]["type"]) == (
        "http://www.w3.org/ns/anno.jsonld",
        "AnnotationCollection",
        "AnnotationPage",
    )
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(marked_spans(articles[0].result)) == 7
    assert items[2] == {
        "id": items[2]["id"],
        "type": "Annotation",
        "motivation": "tagging",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "content"},
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": "claim: C1; kind: direct; status: unconfirmed; source name: a port official; type: government; "
                "anonymous: yes; hedges: none; rules: cue.verb.say, pattern.quote_then_verb",
                "format": "text/plain",
            },
        ],
        "target": {
            "source": "https://example.org/harbour-courier/velmor-warehouse-fire",
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": "The fire was started deliberately,",
                    "prefix": 'rt of Velmor on Sunday night.\n\n"',
                    "suffix": '" a port official said, speaking',
                },
                {"type": "TextPositionSelector", "start": 76, "end": 110},
            ],
        },
    }
    assert items[2]["id"].endswith(":C1.content.1")
    assert len({item["id"] for item in items}) == len(items)


def test_webanno_selectors_point_at_their_text(articles):
    for result in every_result(articles):
        for item in webanno.collection(Article(result))["first"]["items"]:
            quote, position = item["target"]["selector"]
            start, end = position["start"], position["end"]
            assert result.text[start:end] == quote["exact"]
            assert result.text[:start].endswith(quote["prefix"])
            assert result.text[end:].startswith(quote["suffix"])


# ---------------------------------------------------------------- brat


def test_brat_ann_for_the_tuesday_article(articles):
    assert export.render(articles[1:2], "brat") == (
        "T1\tContent 115 148\tthe fire was started deliberately\n"
        "A1\tKind T1 indirect\n"
        "A2\tStatus T1 unconfirmed\n"
        "T2\tSource 72 109\tPort authority spokesman Karel Brandt\n"
        "A3\tSourceType T2 government\n"
        "T3\tAttribution 110 114\tsaid\n"
        "A4\tCueClass T3 neutral\n"
        "E1\tAttribution:T3 Source:T2 Content:T1\n"
        "#1\tAnnotatorNotes E1\tC1; rules: cue.verb.say, pattern.verb_complement\n"
        "T4\tContent 180 224\tit would rebuild the warehouse within a year\n"
        "A5\tKind T4 indirect\n"
        "A6\tStatus T4 unconfirmed\n"
        "A7\tHedged T4\n"
        "T5\tSource 151 173\tThe owner, Orlan Grain\n"
        "A8\tSourceType T5 organization\n"
        "T6\tAttribution 175 179\tsaid\n"
        "A9\tCueClass T6 neutral\n"
        "E2\tAttribution:T6 Source:T5 Content:T4\n"
        "#2\tAnnotatorNotes E2\tC2; rules: cue.verb.say, pattern.verb_complement\n"
        "T7\tHedge 183 188\twould\n"
        "A10\tHedgeClass T7 modal\n"
    )


def brat_spans(document) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    return {(span.type, span.fragments) for span in document.spans.values()}


def expected_brat_spans(result) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    """What each marked span should come back as: its brat type and its
    fragments (a claim's content pieces joined, every piece cut at line breaks)."""
    expected: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for span in marked_spans(result):
        key = (brat.TYPES[span.role], span.id.rsplit(".", 1)[0] if span.role == "content" else span.id)
        expected.setdefault(key, []).extend(brat.fragments(result.text, span.start, span.end))
    return {(kind, tuple(frags)) for (kind, _), frags in expected.items()}


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
    assert loaded.events == {"E1": (("Attribution", "T3"), ("Source", "T2"), ("Content", "T1"))}


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
    assert "[entities]\nSource\nContent\nHedge\nEvidence\nAnonymityCue\n" in conf
    assert "Attribution\tSource?:Source, Content:Content\n" in conf
    assert "SourceType\tArg:Source, Value:government|organization|person|unknown\n" in conf


def test_brat_reader_rejects_text_that_does_not_match_its_offsets(tmp_path):
    (tmp_path / "x.txt").write_text("Police said so.")
    (tmp_path / "x.ann").write_text("T1\tSource 0 6\tPolicy\n")
    with pytest.raises(
        brat.BratError, match=r"x.ann:1: text 'Policy' is not the text at its offsets 'Police'"
    ):
        brat.read(tmp_path / "x.ann")


# ---------------------------------------------------------------- html


class Marks(HTMLParser):
    """The text inside each data-span id's <mark> fragments, in document order."""

    def __init__(self):
        super().__init__()
        self.open: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.first: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            attributes = dict(attrs)
            span = attributes.get("data-span")
            self.open.append(span)
            if span is not None:
                self.texts.setdefault(span, "")
                if "data-first" in attributes:
                    self.first.append(span)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for span in self.open:
            if span is not None:
                self.texts[span] += data


def marks_of(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def test_html_marks_every_span_once_with_its_text(articles):
    for result in every_result(articles):
        marks = marks_of(export.render([result], "html"))
        spans = marked_spans(result)
        assert marks.first == sorted(
            marks.first, key=[s.id for s in sorted(spans, key=lambda s: s.start)].index
        )
        assert sorted(marks.first) == sorted(span.id for span in spans)
        assert marks.texts == {span.id: span.text for span in spans}


def test_html_splits_spans_that_cross_and_nests_those_that_do_not():
    spans = [
        Marked("A", "content", "bcde", 1, 5),
        Marked("B", "source", "def", 3, 6),
        Marked("C", "cue", "c", 2, 3),
    ]
    out = html.marked_text("abcdefg", spans)
    assert out.replace(' tabindex="0"', "").replace(' data-first=""', "*") == (
        'a<mark class="ct ct-content" data-span="A" data-role="content" data-details="[[&quot;content&quot;, &quot;bcde&quot;]]" title=""*>'
        'b<mark class="ct ct-cue" data-span="C" data-role="cue" data-details="[[&quot;cue&quot;, &quot;c&quot;]]" title=""*>c</mark>'
        '<mark class="ct ct-source" data-span="B" data-role="source" data-details="[[&quot;source&quot;, &quot;def&quot;]]" title=""*>de'
        '</mark></mark><mark class="ct ct-source" data-span="B" data-role="source" data-details="[[&quot;source&quot;, &quot;def&quot;]]" title="">f</mark>g'
    )


def test_html_escapes_all_text(articles):
    page = export.render([injection()], "html")
    assert "<script>document.title" not in page
    assert "<img" not in page and "<b>" not in page
    assert "<script>alert(2)" not in page
    assert (
        "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        in page
    )
    assert page.count("<script>") == 1  # the page's own
    hostile_title = Article(injection(), title="</title><script>alert(3)</script>")
    assert "<script>alert(3)" not in html.render([hostile_title])


def test_html_pages_load_nothing_from_the_network(articles):
    page = export.render(articles[:1], "html")
    assert "default-src 'none'" in page
    for needle in ("src=", "<link", "@import", "url("):
        assert needle not in page


def test_html_for_a_tracker_has_an_index_and_a_timeline_page_per_group(tmp_path, articles):
    with Tracker(tmp_path / "t.db") as tracker:
        for a in articles:
            tracker.add_result(a.result, title=a.title, outlet=a.outlet, url=a.url, date=a.date)
        paths = html.write_groups(tracker.groups(), tracker.articles(), tmp_path / "site")
    assert sorted(p.name for p in paths) == sorted(
        ["index.html", "G1.html", "G2.html", "G3.html", "G4.html", "G5.html"]
        + [f"{a.result.document.id}.html" for a in articles]
    )
    group_page = (tmp_path / "site" / "G1.html").read_text()
    assert group_page.count("<li data-appearance=") == 3
    assert 'href="2026-03-05-velmor-times.html#C1"' in group_page
    assert '<span class="status status-confirmed">confirmed</span>' in group_page


# ---------------------------------------------------------------- the export API


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


# ---------------------------------------------------------------- with the real engine


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
            quote, position = item["target"]["selector"]
            assert result.text[position["start"] : position["end"]] == quote["exact"]
        marks = marks_of(export.render([result], "html"))
        assert marks.texts == {span.id: span.text for span in spans}
    for row in csv.DictReader(io.StringIO(export.render(results, "csv"))):
        text = {r.document.id: r.text for r in results}[row["document"]]
        assert text[int(row["content_start"]) : int(row["content_end"])] == row["content"]
    export.write(results, "brat", tmp_path)
    for result in results:
        assert brat_spans(brat.read(tmp_path / f"{result.document.id}.ann")) == expected_brat_spans(result)
