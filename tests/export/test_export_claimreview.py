"""Exports, claimreview: schema.org Claim items, their authors, appearances and text.

The story results are tests/story_fixtures.py's; export_cases.py holds the
hand-built edge cases."""

from __future__ import annotations

import json

import pytest

import claimtrack
from claimtrack import export
from claimtrack.export import claimreview
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Result, SourceEntity, Span
from claimtrack.tracker.store import Tracker

from export_cases import MAYOR, mayor, split_quote


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
    item = json.loads(export.render([claimtrack.extract(text)], "claimreview"))["@graph"][0]
    assert (item["text"], item["author"]["description"], item["description"]) == (
        "the bridge was hit",
        "armed_group source",
        'confirmation: denied; evidence: "rejected"',
    )


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
