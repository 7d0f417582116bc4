"""Articles end to end (issue 4): source entities, types, anonymity, hedges
and confirmation status.

The seed article's expectations are the issue's; the short articles in
tests/articles/ (our own words) have theirs in a YAML file beside each text.
Claims are looked up by their source mention or cue, so that these tests say
what resolution, hedging and confirmation make of the engine's claims.
"""

import pytest
import yaml

import claimtrack
from repo_paths import SEED, TESTS


ARTICLES = TESTS / "articles"
NO_RESPONSE = "no immediate response from the United States officials"


@pytest.fixture(scope="module")
def result():
    return claimtrack.extract(SEED.read_text(encoding="utf-8"), doc_id="baghdad_drone_strike")


def claims_by(result, source_text, cue_text=None):
    found = [
        claim
        for claim in result.claims
        if claim.source is not None
        and claim.source.text == source_text
        and (cue_text is None or (claim.cue is not None and claim.cue.text == cue_text))
    ]
    assert found, f"no claim from {source_text!r} with cue {cue_text!r}"
    return found


def entity_of(result, source_text):
    entities = {claim.source.entity for claim in claims_by(result, source_text)}
    assert len(entities) == 1
    return result.source(entities.pop())


def test_the_security_official_is_one_anonymous_government_source(result):
    mentions = ["the security official", "The official", "the official"]
    entities = {claim.source.entity for text in mentions for claim in claims_by(result, text)}
    assert len(entities) == 1
    official = result.source(entities.pop())
    assert (official.name, official.type, official.anonymous) == ("the security official", "government", True)
    assert [(cue.text, result.text[cue.start : cue.end]) for cue in official.anonymity_cues] == [
        ("speaking on condition of anonymity", "speaking on condition of anonymity")
    ]
    assert [mention.text for mention in official.mentions] == mentions
    for text in mentions:
        for claim in claims_by(result, text):
            assert (claim.source.type, claim.source.anonymous, claim.source.name) == (
                "government",
                True,
                "the security official",
            )


def test_afp_is_one_news_agency(result):
    afp = claims_by(result, "news agency AFP")
    assert len(afp) == 2
    assert {claim.source.entity for claim in afp} == {afp[0].source.entity}
    assert (afp[0].source.type, afp[0].source.anonymous) == ("news_agency", False)


@pytest.mark.parametrize(
    "mention, expected_type",
    [
        ("Prime Minister Mohamed Shia al-Sudani's office", "government"),
        ("The Iraqi government", "government"),
        ("Iraq", "government"),
        ("Washington", "government"),
        ("Iraq's pro-Iran Hashed force", "armed_group"),
        ("Harakat al-Nujaba", "armed_group"),
        ("the Islamic Resistance in Iraq", "armed_group"),
        ("a Telegram channel", "social_media"),
    ],
)
def test_source_types(result, mention, expected_type):
    source = entity_of(result, mention)
    assert (source.type, source.anonymous) == (expected_type, False)


def test_the_prime_ministers_office_is_not_the_prime_minister(result):
    office = entity_of(result, "Prime Minister Mohamed Shia al-Sudani's office")
    assert office.name == "Prime Minister Mohamed Shia al-Sudani's office"
    assert [mention.text for mention in office.mentions] == ["Prime Minister Mohamed Shia al-Sudani's office"]


def test_both_iraqi_government_claims_share_one_entity(result):
    claims = claims_by(result, "The Iraqi government")
    assert [claim.cue.text for claim in claims] == ["accused", "called"]
    assert len({claim.source.entity for claim in claims}) == 1


@pytest.mark.parametrize(
    "source_text, cue_text",
    [
        ("Iraq's pro-Iran Hashed force", "condemned"),
        ("Harakat al-Nujaba", None),
        ("The Iraqi government", "accused"),
        ("Prime Minister Mohamed Shia al-Sudani's office", None),
    ],
)
def test_no_response_from_the_united_states_bears_on_claims_accusing_it(result, source_text, cue_text):
    for claim in claims_by(result, source_text, cue_text):
        assert claim.confirmation.status == "no_response"
        assert [(e.text, e.rule) for e in claim.confirmation.evidence] == [
            (NO_RESPONSE, "confirmation.no_response.no_immediate_response")
        ]


@pytest.mark.parametrize(
    "source_text", ["the security official", "The official", "the official", "news agency AFP", "Washington"]
)
def test_claims_not_accusing_the_united_states_have_no_status(result, source_text):
    assert {claim.confirmation.status for claim in claims_by(result, source_text)} == {"unconfirmed"}


def test_nothing_in_the_article_is_confirmed_or_denied(result):
    statuses = {claim.confirmation.status for claim in result.claims}
    assert statuses <= {"unconfirmed", "no_response"}


def test_every_source_span_points_at_its_text(result):
    text = result.text
    for source in result.sources:
        for span in (*source.mentions, *source.anonymity_cues):
            assert text[span.start : span.end] == span.text
    for claim in result.claims:
        if claim.source is not None:
            assert claim.source.entity in {source.entity for source in result.sources}
        for item in (*claim.hedges, *claim.confirmation.evidence):
            assert text[item.start : item.end] == item.text


# --------------------------------------------------------------------------
# short articles with their expectations in tests/articles/*.yaml


def article_cases():
    for path in sorted(ARTICLES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield pytest.param(ARTICLES / spec["article"], spec["claims"], id=path.stem)


@pytest.mark.parametrize("article, expected", list(article_cases()))
def test_article(article, expected):
    result = claimtrack.extract(article.read_text(encoding="utf-8"), doc_id=article.stem)
    entity_of_label = {}
    for row in expected:
        matches = [
            claim
            for claim in result.claims
            if (claim.cue.text if claim.cue else None) == row["cue"] and claim.content.text.startswith(row["content"])
        ]
        assert len(matches) == 1, f"claim {row['cue']!r} / {row['content']!r}: found {len(matches)}"
        claim = matches[0]
        if row["source"] is None:
            assert claim.source is None
        else:
            assert (row["content"], claim.source.type, claim.source.anonymous) == (
                row["content"],
                row["type"],
                row["anonymous"],
            )
            entity_of_label.setdefault(row["source"], claim.source.entity)
            assert (row["content"], claim.source.entity) == (row["content"], entity_of_label[row["source"]])
        assert (row["content"], [[h.text, h.cls] for h in claim.hedges]) == (row["content"], row["hedges"])
        assert (row["content"], claim.confirmation.status, [e.text for e in claim.confirmation.evidence]) == (
            row["content"],
            row["status"],
            row["evidence"],
        )
    assert len(set(entity_of_label.values())) == len(entity_of_label), "different labels, one entity"
