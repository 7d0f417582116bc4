"""Exports: every format from the hand-built story results (tests/story_fixtures.py),
with every exported offset checked against the text."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
import story_fixtures as story

import claimtrack
from claimtrack import export
from claimtrack.export import Article, ExportError, brat, claimreview, html, webanno
from claimtrack.export.csv import COLUMNS
from claimtrack.export.spans import Marked, marked_spans
from claimtrack.model import (
    Claim,
    ClaimSource,
    Content,
    Cue,
    DocumentInfo,
    Part,
    Result,
    SourceEntity,
    Span,
)
from claimtrack.tracker.store import Tracker


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
            "@type": "Person",
            "name": "Ina Dorn",
            "jobTitle": "police spokeswoman",
            "description": "government source",
        },
        "description": "confirmation: unconfirmed",
        "datePublished": "2026-03-05",
        "appearance": [where],
        "firstAppearance": where,
    }
    assert data["@graph"][2]["author"] == {
        "@type": "Person",
        "name": "Karel Brandt",
        "description": "person source",
    }


def test_claimreview_describes_the_status_with_its_evidence():
    text = "The rebels said the bridge was hit. The army rejected the claim."
    result = claimtrack.extract(text)
    item = json.loads(export.render([result], "claimreview"))["@graph"][0]
    assert (item["text"], item["author"]["description"], item["description"]) == (
        "the bridge was hit",
        "armed_group source",
        'confirmation: denied; evidence: "rejected"',
    )


def test_html_lists_evidence_that_bears_on_no_claim():
    text = "The mayor said the bridge would reopen in May. The contractor could not be reached for comment."
    page = export.render([claimtrack.extract(text)], "html")
    assert "Evidence that bears on no claim" in page
    assert "could not be reached for comment" in page


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
        "@type": "Person",
        "jobTitle": "port official",
        "description": "government source, anonymous",
        "disambiguatingDescription": "a port official",
    }
    assert [(w["publisher"]["name"], w["datePublished"]) for w in item["appearance"]] == [
        ("Harbour Courier", "2026-03-02"),
        ("Daily Ledger", "2026-03-03"),
        ("Velmor Times", "2026-03-05"),
    ]
    assert item["firstAppearance"] == item["appearance"][0]


MAYOR = "The mayor, Jonas Petit, said the bridge was safe.\n"


def mayor(source_end: int, source_type: str) -> Result:
    """Issue 14's acceptance sentence, with the source the engine gives
    ("The mayor", or "The mayor, Jonas Petit" with the apposition)."""
    said, start = MAYOR.index("said"), MAYOR.index("the bridge")
    source = ClaimSource(MAYOR[:source_end], 0, source_end, entity="S1", name=MAYOR[:source_end], type=source_type)
    claim = Claim(
        "C1",
        "indirect",
        Content("the bridge was safe", start, start + 19),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=source,
        rules=["cue.verb.say", "pattern.verb_complement"],
    )
    entity = SourceEntity("S1", source.name, type=source_type, mentions=[Span(source.text, 0, source_end)])
    return Result(text=MAYOR, document=DocumentInfo.for_text(MAYOR, "mayor"), sources=[entity], claims=[claim])


@pytest.mark.parametrize(
    ("source_end", "source_type"), [(9, "person"), (9, "government"), (22, "government"), (22, "person")]
)
def test_claimreview_author_of_the_mayor_is_the_person_jonas_petit(source_end, source_type):
    (item,) = json.loads(export.render([mayor(source_end, source_type)], "claimreview"))["@graph"]
    assert item["text"] == "the bridge was safe"
    assert item["author"] == {
        "@type": "Person",
        "name": "Jonas Petit",
        "jobTitle": "mayor",
        "description": f"{source_type} source",
    }


@pytest.mark.slow
def test_claimreview_author_of_the_mayor_from_the_real_engine():
    from claimtrack import extract

    (item,) = json.loads(export.render([extract(MAYOR, doc_id="mayor")], "claimreview"))["@graph"]
    assert (item["text"], item["author"]["@type"], item["author"]["name"], item["author"]["jobTitle"]) == (
        "the bridge was safe",
        "Person",
        "Jonas Petit",
        "mayor",
    )


@pytest.mark.parametrize(
    ("mention", "source_type", "anonymous", "expected"),
    [
        ("Health Minister Ana Ruiz", "government", False,
         {"@type": "Person", "name": "Ana Ruiz", "jobTitle": "Health Minister"}),
        ("Mr Haddad", "person", False, {"@type": "Person", "name": "Haddad", "honorificPrefix": "Mr"}),
        ("Port authority spokesman Karel Brandt", "government", False,
         {"@type": "Person", "name": "Karel Brandt", "jobTitle": "Port authority spokesman"}),
        ("the security official", "government", True,
         {"@type": "Person", "jobTitle": "security official", "disambiguatingDescription": "the security official"}),
        ("two officials", "government", True,
         {"@type": "Person", "jobTitle": "two officials", "disambiguatingDescription": "two officials"}),
        ("Prime Minister Mohamed Shia al-Sudani's office", "government", False,
         {"@type": "GovernmentOrganization", "name": "Prime Minister Mohamed Shia al-Sudani's office"}),
        ("The Iraqi government", "government", False,
         {"@type": "GovernmentOrganization", "name": "The Iraqi government"}),
        ("the Ministry of Justice", "government", False,
         {"@type": "GovernmentOrganization", "name": "the Ministry of Justice"}),
        ("news agency AFP", "news_agency", False, {"@type": "NewsMediaOrganization", "name": "news agency AFP"}),
        ("the Daily Ledger", "news_media", False, {"@type": "NewsMediaOrganization", "name": "the Daily Ledger"}),
        ("Harakat al-Nujaba", "armed_group", False, {"@type": "Organization", "name": "Harakat al-Nujaba"}),
        ("a Telegram channel", "social_media", False, {"@type": "Organization", "name": "a Telegram channel"}),
    ],
)
def test_claimreview_author_types_names_and_roles(mention, source_type, anonymous, expected):
    from claimtrack.export.authors import author_of_mention

    description = f"{source_type} source" + (", anonymous" if anonymous else "")
    assert author_of_mention(mention, source_type, anonymous).to_json_ld() == {**expected, "description": description}


def test_claimreview_author_behind_a_pronoun_is_read_from_the_entity():
    text = "Police spokeswoman Ina Dorn spoke first. She said the road was open.\n"
    she, said, start = text.index("She"), text.index("said"), text.index("the road")
    source = ClaimSource("She", she, she + 3, entity="S1", name="Police spokeswoman Ina Dorn", type="government")
    entity = SourceEntity(
        "S1", "Police spokeswoman Ina Dorn", type="government",
        mentions=[Span("Police spokeswoman Ina Dorn", 0, 27), Span("She", she, she + 3)],
    )
    claim = Claim(
        "C1", "indirect", Content("the road was open", start, start + 17),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"), source=source,
    )
    result = Result(text=text, document=DocumentInfo.for_text(text, "she"), sources=[entity], claims=[claim])
    (item,) = json.loads(export.render([result], "claimreview"))["@graph"]
    assert item["author"] == {
        "@type": "Person", "name": "Ina Dorn", "jobTitle": "Police spokeswoman", "description": "government source",
    }


def fragment_claim(text: str, source: str, cue: str, content: str, rules: list[str]) -> Result:
    s, c, k = text.index(source), text.index(cue), text.index(content)
    claim = Claim(
        "C1", "mixed", Content(content, k, k + len(content)),
        cue=Cue(cue, c, c + len(cue), lemma=cue, cls="neutral"),
        source=ClaimSource(source, s, s + len(source), entity="S1", name="The minister", type="government"),
        rules=rules,
    )
    return Result(text=text, document=DocumentInfo.for_text(text, "frag"), claims=[claim])


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "rules", "expected"),
    [
        ('The minister called the claims "baseless" on Monday.', "The minister", "called", '"baseless"',
         ["cue.verb.call", "pattern.verb_quoted_object"], 'The minister called the claims "baseless"'),
        ('He called it "fake news".', "He", "called", 'it "fake news"',
         ["cue.verb.call", "pattern.verb_quoted_object"], 'The minister called it "fake news"'),
        ("Out of these assaults, many have been claimed by the group.", "the group", "claimed",
         "Out of these assaults, many", ["cue.verb.claim", "pattern.passive_agent"],
         "Out of these assaults, many have been claimed by the group"),
        ('"Baseless," the minister said.', "the minister", "said", "Baseless,",
         ["cue.verb.say", "pattern.quote_then_verb"], "Baseless,\" the minister said"),
        ("The minister said the port\nwas closed.", "The minister", "said", "the port\nwas closed",
         ["cue.verb.say", "pattern.verb_complement"], "the port was closed"),
    ],
)
def test_claimreview_text_is_a_proposition_a_reviewer_can_rate(text, source, cue, content, rules, expected):
    from claimtrack.export.claimreview import claim_text

    result = fragment_claim(text, source, cue, content, rules)
    assert claim_text(result, result.claims[0]) == expected


# ---------------------------------------------------------------- webanno


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


# ---------------------------------------------------------------- brat


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


def brat_spans(document) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    return {(span.type, span.fragments) for span in document.spans.values()}


def expected_brat_spans(result) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    """What each marked span should come back as: its brat type and its
    fragments (a claim's content pieces joined, every piece cut at line breaks)."""
    expected: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for span in marked_spans(result):
        key = (brat.TYPES[span.role], span.id.rsplit(".", 1)[0] if span.role == "content" else span.id)
        expected.setdefault(key, []).extend(brat.fragments(result.text, span.start, span.end))
        if span.role == "cue":  # the event's trigger, over the same text
            expected[(brat.TRIGGER, span.id)] = brat.fragments(result.text, span.start, span.end)
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
        'a<mark class="ct ct-content" data-span="A" data-role="content" data-details=\'[["content", "bcde"]]\' title=""*>'
        'b<mark class="ct ct-cue" data-span="C" data-role="cue" data-details=\'[["cue", "c"]]\' title=""*>c</mark>'
        '<mark class="ct ct-source" data-span="B" data-role="source" data-details=\'[["source", "def"]]\' title=""*>de'
        '</mark></mark><mark class="ct ct-source" data-span="B" data-role="source" data-details=\'[["source", "def"]]\' title="">f</mark>g'
    )


def test_html_details_attribute_is_json_that_cannot_close_its_quotes():
    """data-details is single-quoted JSON; Jinja's tojson escapes ', <, > and &."""
    spans = [Marked("A", "content", "it's <b>&", 0, 9, details=[("rule", "x'><script>")])]
    out = html.marked_text("it's <b>&", spans)
    assert "data-details='[[\"content\", \"it\\u0027s \\u003cb\\u003e\\u0026\"], [\"rule\", \"x\\u0027\\u003e\\u003cscript\\u003e\"]]'" in out
    assert 'title="rule: x&#39;&gt;&lt;script&gt;"' in out
    assert out.endswith(">it&#39;s &lt;b&gt;&amp;</mark>")


def test_html_escapes_all_text(articles):
    page = export.render([injection()], "html")
    assert "<script>document.title" not in page
    assert "<img" not in page and "<b>" not in page
    assert "<script>alert(2)" not in page
    assert (
        "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
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


class Table(HTMLParser):
    """Rows of <table id=...>: each row's attributes and its cells' text."""

    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.inside = attributes.get("id") == self.table_id
        elif self.inside and tag == "tr":
            self.rows.append((attributes, []))
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table(page: str, table_id: str) -> list[tuple[dict, list[str]]]:
    parser = Table(table_id)
    parser.feed(page)
    return parser.rows


def test_html_claims_table_has_status_hedges_evidence_and_filter_attributes(articles):
    """Thursday: Velmor police confirmed the arson (evidence: the cue 'confirmed');
    Karel Brandt said the port 'would' reopen (hedged)."""
    rows = table(export.render(articles[2:], "html"), "claims")
    assert rows[0][1] == ["id", "content", "cue", "source", "type", "kind", "hedges", "status", "evidence", "rules"]
    assert [(r["data-claim"], r["data-status"], r["data-source-type"], r["data-hedged"], r["tabindex"]) for r, _ in rows[1:]] == [
        ("C1", "confirmed", "government", "no", "0"),
        ("C2", "unconfirmed", "government", "no", "0"),
        ("C3", "unconfirmed", "person", "yes", "0"),
    ]
    assert rows[1][1] == [
        "C1", "the fire at the grain warehouse was started deliberately", "confirmed", "Velmor police",
        "government", "indirect", "", "confirmed", "confirmed (confirmation.cue.confirm)",
        "cue.verb.confirm, pattern.verb_complement",
    ]
    assert (rows[3][1][6], rows[3][1][8]) == ("would", "")


def test_html_sources_panel_lists_entities_with_type_anonymity_and_mentions(articles):
    rows = table(export.render(articles[:1], "html"), "sources")
    text = articles[0].text
    first, second = text.index("a port official"), text.index("The official")
    assert rows[1:] == [
        (
            {"data-entity": "S1", "data-source-type": "government"},
            ["S1", "a port official", "government", "yes: speaking on condition of anonymity",
             f"a port official ({first}–{first + 15}) The official ({second}–{second + 12})", "C1, C2"],
        )
    ]


class Controls(HTMLParser):
    """The filter form's selects (name -> option values) and whether each sits in a label."""

    def __init__(self):
        super().__init__()
        self.labels, self.selects, self.current = 0, {}, None
        self.labelled = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label":
            self.labels += 1
        elif tag == "select":
            self.current = attributes["data-filter"]
            self.selects[self.current] = []
            self.labelled.append(self.labels > 0)
        elif tag == "option" and self.current:
            self.selects[self.current].append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "label":
            self.labels -= 1
        elif tag == "select":
            self.current = None


def test_html_filters_offer_the_values_on_the_page_as_labelled_controls(articles):
    controls = Controls()
    controls.feed(export.render(articles[2:], "html"))
    assert controls.selects == {
        "source-type": ["", "government", "person"],
        "status": ["", "confirmed", "unconfirmed"],
        "hedged": ["", "yes", "no"],
    }
    assert controls.labelled == [True, True, True]


def test_html_pages_come_from_the_packaged_templates():
    from importlib import resources

    names = sorted(p.name for p in resources.files("claimtrack").joinpath("templates").iterdir())
    assert names == [
        "article.html.j2", "base.html.j2", "group.html.j2", "index.html.j2",
        "macros.html.j2", "marked.html.j2", "report.css", "report.js",
    ]


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
    for name in ("G1.html", "index.html"):  # the same page frame as an article's
        page = (tmp_path / "site" / name).read_text()
        assert "default-src 'none'" in page and page.count("<script>") == 1
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
