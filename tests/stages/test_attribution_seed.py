"""The seed article's claims (issue 3), from the shipped compact models' parse.

Each expected claim is written as (content, cue, source mention, kind), in
document order; the source is the mention in the claim's own sentence.
"""

import pytest

from claimtrack.document import Document
from claimtrack.stages.claims.detect import find_claims
from claimtrack.stages.findings import Findings
from claimtrack.stages.noise import classify_lines
from claimtrack.ruleset.loader import default_rules
from repo_paths import SEED


EXPECTED = [
    (
        "the United States for launching a drone strike that killed a military commander of the ex-paramilitary force",
        "condemned",
        "Iraq's pro-Iran Hashed force",
        "indirect",
    ),
    (
        "A drone targeted the logistical support headquarters of Hashed al-Shaabi",
        "said",
        "the security official",
        "direct",
    ),
    (
        "the drone attack killed two more members of their militia group",
        "said",
        "The official",
        "indirect",
    ),
    (
        'The strike killed "two members and wounded seven others"',
        "said",
        "the official",
        "mixed",
    ),
    (
        '"the deputy commander of operations for Baghdad, Mushtaq Talib al-Saidi" had been "martyred in a US strike"',
        "statement saying",
        "Harakat al-Nujaba",
        "mixed",
    ),
    (
        "there was no immediate response from the United States officials",
        "As per",
        "news agency AFP",
        "indirect",
    ),
    (
        "videos that were shared on a Telegram channel which was linked to the militia group Hashed, "
        "showed a plume of smoke rising from where the drone struck",
        "According to",
        "news agency AFP",
        "indirect",
    ),
    ("a plume of smoke rising from where the drone struck", "showed", "a Telegram channel", "indirect"),
    ("US-led coalition of Baghdad strike", "accuses", "Iraq", "indirect"),
    ("the US-led anti-jihadist coalition of the strike", "accused", "The Iraqi government", "indirect"),
    (
        'it "a blatant aggression" as well as "a dangerous escalation and assault"',
        "called",
        "The Iraqi government",
        "mixed",
    ),
    (
        "The Iraqi armed forces hold the forces of the international coalition responsible for this attack",
        "said in a statement",
        "Prime Minister Mohamed Shia al-Sudani's office",
        "direct",
    ),
    (
        "more than a hundred attacks that were aimed at the US targets in Syria and Iraq since mid-October 2023",
        "counted",
        "Washington",
        "indirect",
    ),
    ("Out of these assaults, many", "claimed", "the Islamic Resistance in Iraq", "indirect"),
]

NOT_CLAIMS = [
    "The strike comes in the midst",
    "US armed forces deployed in Iraq",
    "The United States has around 2,500 troops",
    "The United States military has responded",
    "Also read:",
    "(With inputs from agencies)",
]


def detect(text, doc, rules):
    """The detection stage on its own (after line classification), as the pipeline runs it."""
    document = Document.from_stanza(doc)
    return find_claims(document, classify_lines(document, Findings(), rules), rules)


@pytest.fixture(scope="module")
def seed():
    from claimtrack.parsing.parser import default_parser

    text = SEED.read_text(encoding="utf-8")
    doc = default_parser().parse(text)
    rules = default_rules()
    return text, detect(text, doc, rules)


def as_rows(claims):
    return [
        (c.content.text, c.cue.text if c.cue else None, c.source.text if c.source else None, c.kind)
        for c in claims
    ]


def test_every_expected_claim_in_document_order(seed):
    _, found = seed
    assert as_rows(found.claims) == EXPECTED


def test_every_seed_claim_is_a_statement_and_names_its_whole_source_phrase(seed):
    _, found = seed
    phrases = [
        (claim.act, claim.source.phrase.text if claim.source else None, claim.continues)
        for claim in found.claims
    ]
    assert phrases == [
        ("statement", "Iraq's pro-Iran Hashed force", None),
        ("statement", "the security official", None),
        ("statement", "The official", None),
        ("statement", "the official", None),
        ("statement", "Harakat al-Nujaba, one of the Hashed's factions", None),
        ("statement", "news agency AFP", None),
        ("statement", "news agency AFP", None),
        ("statement", "a Telegram channel which was linked to the militia group Hashed", None),
        ("statement", "Iraq", None),
        ("statement", "The Iraqi government", None),
        ("statement", "The Iraqi government", None),
        ("statement", "Prime Minister Mohamed Shia al-Sudani's office", None),
        ("statement", "Washington", None),
        (
            "statement",
            "the Islamic Resistance in Iraq, which is a loose alliance of Iran-linked armed groups that oppose US "
            "backing for Israel in the Gaza war",
            None,
        ),
    ]


def test_telegram_claim_is_nested_in_the_afp_claim(seed):
    _, found = seed
    by_cue = {c.cue.text: c for c in found.claims}
    assert by_cue["showed"].parent == by_cue["According to"].id
    assert by_cue["According to"].parent is None


def test_subheading_claim_is_marked_as_heading(seed):
    _, found = seed
    headings = [c.content.text for c in found.claims if c.heading]
    assert headings == ["US-led coalition of Baghdad strike"]


def test_split_quote_and_rule_ids(seed):
    _, found = seed
    direct = [c for c in found.claims if c.kind == "direct"]
    assert [c.rules for c in direct] == [
        ("cue.verb.say", "pattern.quote_then_verb"),
        ("cue.verb.say", "pattern.quote_then_verb", "cue.ext.in_statement"),
    ]


@pytest.mark.parametrize("opening", NOT_CLAIMS)
def test_background_and_noise_sentences_yield_no_claim(seed, opening):
    text, found = seed
    start = text.index(opening)
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    inside = [c for c in found.claims if start <= c.content.start < end]
    assert inside == []


def test_every_span_points_at_its_text(seed):
    text, found = seed
    for claim in found.claims:
        for span in (claim.content, claim.cue, claim.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
        for part in claim.content.parts:
            assert claim.content.start <= part.start < part.end <= claim.content.end
