"""Reported-speech constructions (issue 3): each input beside the exact
claims expected from it, as (content, cue, source mention, kind).

Parsed with the shipped compact models; the sentences are our own words.
"""

import pytest

from claimtrack.document import Document
from claimtrack.stages.claims.detect import find_claims
from claimtrack.stages.findings import Findings
from claimtrack.stages.noise import classify_lines
from claimtrack.ruleset.loader import default_rules

CASES = {
    "quote then verb": (
        '"We will rebuild the bridge," she said.',
        [("We will rebuild the bridge", "said", "she", "direct")],
    ),
    "verb then quote": (
        'She said: "The work starts in May."',
        [("The work starts in May", "said", "She", "direct")],
    ),
    "split quote is one claim": (
        '"The river is high," the mayor said, "and the rain has not stopped."',
        [('The river is high," the mayor said, "and the rain has not stopped', "said", "the mayor", "direct")],
    ),
    "inverted with a relative clause after the source": (
        '"We are not leaving," said Tomas Brandt, who leads the tenants\' union.',
        [("We are not leaving", "said", "Tomas Brandt", "direct")],
    ),
    # One quotation over several sentences and a quote-only sentence after it
    # is one claim; its pieces are content.parts (see the parts tests below).
    "multi-sentence quote then a quote-only sentence": (
        '"The plan is finished. Nobody will vote for it," said the senator.\n"It will take years."',
        [
            ("The plan is finished. Nobody will vote for it", "said", "the senator", "direct"),
            ("It will take years", "said", "the senator", "direct"),  # its own claim, continuing the first
        ],
    ),
    "the object of 'told' is the addressee, not the source": (
        '"We will appeal," Steve Whitmore, a spokesman for the sheriff, told LA Weekly.',
        [("We will appeal", "told", "Steve Whitmore", "direct")],
    ),
    "mixed quote": (
        'The minister said the plan was "dead on arrival".',
        [('the plan was "dead on arrival"', "said", "The minister", "mixed")],
    ),
    "denial with that": (
        "The company denied that the plant had leaked.",
        [("the plant had leaked", "denied", "The company", "indirect")],
    ),
    "confirmation with that": (
        "Officials confirmed that two workers were injured.",
        [("two workers were injured", "confirmed", "Officials", "indirect")],
    ),
    "sentence-final inverted source without quotes": (
        "The road will close on Monday, an aide to the minister said.",
        [("The road will close on Monday", "said", "an aide to the minister", "indirect")],
    ),
    "passive agent": (
        "The attack was claimed by a little-known group.",
        [("The attack", "claimed", "a little-known group", "indirect")],
    ),
    "quoted by a newspaper as saying": (
        "He was quoted by a local newspaper as saying that the talks had failed.",
        [("the talks had failed", "saying", "He", "indirect")],
    ),
    "accusation with of": (
        "The union accused the firm of hiding the losses.",
        [("the firm of hiding the losses", "accused", "The union", "indirect")],
    ),
    "according to, clause after": (
        "According to the police, the driver fled the scene.",
        [("the driver fled the scene", "According to", "the police", "indirect")],
    ),
    "according to, clause before": (
        "The driver fled the scene, according to the police.",
        [("The driver fled the scene", "according to", "the police", "indirect")],
    ),
    "in X's view": (
        "In the union's view, the deal is unfair.",
        [("the deal is unfair", "In the union's view", "the union", "indirect")],
    ),
    "statement saying": (
        "The ministry released a statement saying that the border would reopen.",
        [("the border would reopen", "statement saying", "The ministry", "indirect")],
    ),
    "a speech act with an infinitive is a directive": (
        "The mayor urged residents to stay indoors.",
        [("residents to stay indoors", "urged", "The mayor", "indirect")],
    ),
}

NOT_CLAIMS = {
    "a told-to instruction has no reportable proposition": "Drivers were told to use another route.",
    "claims as a noun": "Pension claims rose sharply last year.",
    "said as an adjective": "The said company filed its accounts late.",
    "the reporter's own voice": "The bridge opened in 1932 and carries 40,000 cars a day.",
}


def detect(text, doc, rules):
    """The detection stage on its own (after line classification), as the pipeline runs it."""
    document = Document.from_stanza(doc)
    return find_claims(document, classify_lines(document, Findings(), rules), rules)


@pytest.fixture(scope="module")
def extract_rows():
    from claimtrack.parsing.parser import default_parser

    parser = default_parser()
    rules = default_rules()

    def run(text):
        doc = parser.parse(text)
        found = detect(text, doc, rules)
        for claim in found.claims:
            assert text[claim.content.start : claim.content.end] == claim.content.text
        return [
            (c.content.text, c.cue.text if c.cue else None, c.source.text if c.source else None, c.kind)
            for c in found.claims
        ]

    return run


@pytest.mark.parametrize("name", sorted(CASES))
def test_construction(extract_rows, name):
    text, expected = CASES[name]
    assert extract_rows(text) == expected


@pytest.mark.parametrize("name", sorted(NOT_CLAIMS))
def test_not_a_claim(extract_rows, name):
    assert extract_rows(NOT_CLAIMS[name]) == []


def test_unbalanced_quote_stays_in_its_paragraph(extract_rows):
    text = 'The mayor said "the bridge is safe.\nThe river rose by two metres overnight.\nSchools stayed closed.'
    rows = extract_rows(text)
    assert rows == [("the bridge is safe", "said", "The mayor", "direct")]


def test_nested_claim_has_parent(extract_rows):
    from claimtrack.parsing.parser import default_parser

    text = "Mara Quist said she had been told by a colleague that the vote was delayed."
    rules = default_rules()
    found = detect(text, default_parser().parse(text), rules)
    outer, inner = found.claims
    assert (outer.content.text, outer.source.text) == (
        "she had been told by a colleague that the vote was delayed",
        "Mara Quist",
    )
    assert (inner.content.text, inner.cue.text, inner.source.text, inner.parent) == (
        "the vote was delayed",
        "told",
        "a colleague",
        outer.id,
    )


def test_the_rule_schema_names_exactly_the_frames_the_engine_has():
    """A frame a rule may name in cues.yaml is one the engine implements, and
    every implemented frame can be named: no rule silently does nothing."""
    from claimtrack.ruleset.schema import CUE_FRAMES
    from claimtrack.stages.claims.frames import FRAMES

    assert sorted(CUE_FRAMES) == sorted(FRAMES)
