"""Confirmation (rules/confirmation.yaml): whether the text confirms, denies,
disputes or leaves a claim unverified, and which span says so.

Each case is a short article, its claims as (source, cue, cue lemma, cue
class, content) and, for each claim in order, the expected status and the
evidence texts.
"""

import pytest

from claimtrack.document import Document
from claimtrack.stages.confirmation import confirm as confirmation
from claimtrack.stages.sources import resolve as sources
from claimtrack.stages.findings import Findings
from claimtrack.model import Claim, ClaimSource, Content, Cue
from claimtrack.ruleset.loader import default_rules

CASES = {
    "a denial bears on the claim with the same content": (
        "Residents said the chemical plant had leaked toxic water into the river. "
        "The company denied that the plant had leaked.",
        [
            ("Residents", "said", "say", "neutral", "the chemical plant had leaked toxic water into the river"),
            ("The company", "denied", "deny", "denial", "the plant had leaked"),
        ],
        [("denied", [("denied", "confirmation.denied.verbs")]), ("denied", [("denied", "confirmation.denied.verbs")])],
    ),
    "a later confirmation by another source": (
        "A local official said the bridge collapsed on Monday. Police later confirmed that the bridge had collapsed.",
        [
            ("A local official", "said", "say", "neutral", "the bridge collapsed on Monday"),
            ("Police", "confirmed", "confirm", "factive", "the bridge had collapsed"),
        ],
        [("confirmed", [("confirmed", "confirmation.confirmed.verbs")]), ("confirmed", [("confirmed", "confirmation.confirmed.verbs")])],
    ),
    "could not independently verify the claim": (
        "Rebels said they had captured the airport. Reuters could not independently verify the claim.",
        [("Rebels", "said", "say", "neutral", "they had captured the airport")],
        [("unverified", [("could not independently verify", "confirmation.unverified.could_not_verify")])],
    ),
    "a claim that could not be verified, in the same sentence": (
        "The group said it had seized the town, a claim that could not be verified.",
        [("The group", "said", "say", "neutral", "it had seized the town")],
        [("unverified", [("could not be verified", "confirmation.unverified.could_not_be_verified")])],
    ),
    "no response to requests for comment": (
        "Activists accused the army of shelling the village. The army did not respond to requests for comment.",
        [("Activists", "accused", "accuse", "accusation", "shelling the village")],
        [("no_response", [("did not respond to requests for comment", "confirmation.no_response.did_not_respond")])],
    ),
    "declined to comment, linked by the party named": (
        "Fishermen said a Varland patrol boat rammed their trawler. The weather was calm. "
        "Varland's coast guard declined to comment.",
        [("Fishermen", "said", "say", "neutral", "a Varland patrol boat rammed their trawler")],
        [("no_response", [("declined to comment", "confirmation.no_response.declined_to_comment")])],
    ),
    "no immediate response from a party: accusers only, not the party itself": (
        "Troops of the Varland-led coalition patrol the coast. "
        "Rebels accused the coalition of bombing a market. "
        "A doctor said the Varland strike killed six people. "
        "Varland said its jets hit a depot. "
        "A farmer said the harvest was poor. "
        "There was no immediate response from Varland officials.",
        [
            ("Rebels", "accused", "accuse", "accusation", "the coalition of bombing a market"),
            ("A doctor", "said", "say", "neutral", "the Varland strike killed six people"),
            ("Varland", "said", "say", "neutral", "its jets hit a depot"),
            ("A farmer", "said", "say", "neutral", "the harvest was poor"),
        ],
        [
            ("no_response", [("no immediate response from Varland officials", "confirmation.no_response.no_immediate_response")]),
            ("no_response", [("no immediate response from Varland officials", "confirmation.no_response.no_immediate_response")]),
            ("unconfirmed", []),
            ("unconfirmed", []),
        ],
    ),
    "dismissed as false, linked by reference to the allegation": (
        "A blogger claimed the mayor had resigned. The mayor's office dismissed the claim as false.",
        [
            ("A blogger", "claimed", "claim", "distancing", "the mayor had resigned"),
            ("The mayor's office", "dismissed", "dismiss", "denial", "the claim"),
        ],
        [("denied", [("dismissed the claim as false", "confirmation.denied.dismissed_as_false")]), ("denied", [("dismissed the claim as false", "confirmation.denied.dismissed_as_false")])],
    ),
    "a dispute of the figure": (
        "The union said 300 jobs would go. The company disputed that figure.",
        [
            ("The union", "said", "say", "neutral", "300 jobs would go"),
            ("The company", "disputed", "dispute", "dispute", "that figure"),
        ],
        [("disputed", [("disputed", "confirmation.disputed.verbs")]), ("disputed", [("disputed", "confirmation.disputed.verbs")])],
    ),
    "two independent sources with the same content corroborate each other": (
        "The mayor said 40 homes were destroyed in the flood. A fire brigade spokesman said 40 homes were destroyed in the flood.",
        [
            ("The mayor", "said", "say", "neutral", "40 homes were destroyed in the flood"),
            ("A fire brigade spokesman", "said", "say", "neutral", ("40 homes were destroyed in the flood", 2)),
        ],
        [
            ("corroborated", [("40 homes were destroyed in the flood", "confirmation.link.corroboration")]),
            ("corroborated", [("40 homes were destroyed in the flood", "confirmation.link.corroboration")]),
        ],
    ),
    "the same source twice does not corroborate itself": (
        "The mayor said 40 homes were destroyed in the flood. She said 40 homes were destroyed in the flood.",
        [
            ("The mayor", "said", "say", "neutral", "40 homes were destroyed in the flood"),
            ("She", "said", "say", "neutral", ("40 homes were destroyed in the flood", 2)),
        ],
        [("unconfirmed", []), ("unconfirmed", [])],
    ),
    "a negated confirmation confirms nothing": (
        "Residents said the plant had leaked. The ministry did not confirm that the plant had leaked.",
        [
            ("Residents", "said", "say", "neutral", "the plant had leaked"),
            ("The ministry", "confirm", "confirm", "factive", ("the plant had leaked", 2)),
        ],
        [("unconfirmed", []), ("unconfirmed", [])],
    ),
}


def locate(text, needle, after=0):
    """The span of ``needle`` (or (needle, occurrence)) at or after ``after``."""
    needle, occurrence = needle if isinstance(needle, tuple) else (needle, 1)
    start = after - 1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return needle, start, start + len(needle)


def build_claims(text, rows):
    """Claims from (source, cue, lemma, class, content); source and cue are
    searched from the start of the content's sentence."""
    claims = []
    for number, (source, cue, lemma, cls, content) in enumerate(rows, start=1):
        content_text, start, end = locate(text, content)
        sentence = text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0
        cue_text, cue_start, cue_end = locate(text, cue, sentence)
        source_text, source_start, source_end = locate(text, source, sentence)
        claims.append(
            Claim(
                id=f"C{number}",
                kind="indirect",
                content=Content(content_text, start, end),
                cue=Cue(cue_text, cue_start, cue_end, lemma=lemma, cls=cls),
                source=ClaimSource(source_text, source_start, source_end),
            )
        )
    return claims


@pytest.fixture(scope="module")
def parser():
    from claimtrack.parsing.parser import default_parser

    return default_parser()


def confirm(parser, text, rows):
    document = Document.from_stanza(parser.parse(text))
    rules = default_rules()
    found = sources.resolve_sources(document, Findings(claims=build_claims(text, rows)), rules)
    return list(confirmation.set_confirmation(document, found, rules).claims)


@pytest.mark.parametrize("name", list(CASES))
def test_confirmation_status_and_evidence(parser, name):
    text, rows, expected = CASES[name]
    claims = confirm(parser, text, rows)
    assert [(c.confirmation.status, [(e.text, e.rule) for e in c.confirmation.evidence]) for c in claims] == expected
    for claim in claims:
        for evidence in claim.confirmation.evidence:
            assert text[evidence.start : evidence.end] == evidence.text


def test_evidence_names_the_rule_that_read_it(parser):
    text, rows, _ = CASES["could not independently verify the claim"]
    (claim,) = confirm(parser, text, rows)
    assert [e.rule for e in claim.confirmation.evidence] == ["confirmation.unverified.could_not_verify"]


def test_a_denial_outranks_a_no_response(parser):
    text = (
        "Activists said the army shelled the village. The army did not respond to requests for comment. "
        "Later, a defence spokesman denied that the army shelled the village."
    )
    rows = [
        ("Activists", "said", "say", "neutral", "the army shelled the village"),
        ("a defence spokesman", "denied", "deny", "denial", ("the army shelled the village", 2)),
    ]
    first, _ = confirm(parser, text, rows)
    assert (first.confirmation.status, [e.text for e in first.confirmation.evidence]) == ("denied", ["denied"])
