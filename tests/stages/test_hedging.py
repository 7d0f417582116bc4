"""Hedges (rules/hedges.yaml): which words weaken a claim, and sentences in the
reporter's voice that become claims with no source.

Each case is a sentence, the claim in it (content, cue word, cue lemma and
class) and the hedges expected for it as (text, class, rule id).
"""

import pytest
from story_fixtures import content, cue

from claimtrack.document import Document
from claimtrack.model import Claim, Span
from claimtrack.ruleset.loader import default_rules
from claimtrack.stages import hedging
from claimtrack.stages import unsourced
from claimtrack.stages.findings import Findings, Lines

HEDGE_CASES = [
    # modal: "may" in the content
    ("The minister said the plant may close.", "the plant may close", "said", "say", "neutral", [("may", "modal", "hedge.modal.possibility")]),
    # epistemic adverb in the content
    (
        "Officials said the blast was probably caused by a gas leak.",
        "the blast was probably caused by a gas leak",
        "said", "say", "neutral",
        [("probably", "epistemic_adverb", "hedge.epistemic_adverb.likelihood")],
    ),
    # epistemic verb governing the cue: "appeared to show"
    ("The video appeared to show a tank.", "a tank", "show", "show", "evidential", [("appeared", "epistemic_verb", "hedge.epistemic_verb.appearance")]),
    # the cue itself is a belief verb
    ("Police believe the fire was arson.", "the fire was arson", "believe", "believe", "belief", [("believe", "epistemic_verb", "hedge.epistemic_verb.belief")]),
    # distancing cue: "claimed"
    (
        "The group claimed it had shot down a drone.",
        "it had shot down a drone",
        "claimed", "claim", "distancing",
        [("claimed", "distancing", "hedge.distancing.cue")],
    ),
    # prospective: the phrase wins over the adverb inside it
    (
        "Residents said the factory is likely to shut next week.",
        "the factory is likely to shut next week",
        "said", "say", "neutral",
        [("is likely to", "prospective", "hedge.prospective.likely_to")],
    ),
    # weasel attribution: source and cue together
    ("Critics say the plan is flawed.", "the plan is flawed", "say", "say", "neutral", [("Critics say", "weasel", "hedge.weasel.some_say")]),
    # conditional
    (
        "The report, if true, would show the ministry lied, the senator said.",
        "The report, if true, would show the ministry lied",
        "said", "say", "neutral",
        [("if true", "conditional", "hedge.conditional.if_true")],
    ),
    # reportative phrase inside the content
    (
        "He said the suspect was said to be armed.",
        "the suspect was said to be armed",
        "said", "say", "neutral",
        [("was said to", "reportative", "hedge.reportative.said_to")],
    ),
    # reportative adverb on the cue verb: "reportedly told"
    (
        "The captain reportedly told the crew that the engine had failed.",
        "the engine had failed",
        "told", "tell", "neutral",
        [("reportedly", "reportative", "hedge.reportative.adverb")],
    ),
    # a reportative adjective hedges the claim it stands in
    (
        "Police said the alleged smuggler was caught.",
        "the alleged smuggler was caught",
        "said", "say", "neutral",
        [("alleged", "reportative", "hedge.reportative.adjective")],
    ),
    # nothing hedges a plain report; "May" the month is not a modal
    ("The mayor said the bridge will reopen in May.", "the bridge will reopen in May", "said", "say", "neutral", []),
]


@pytest.fixture(scope="module")
def parse():
    from claimtrack.parsing.parser import default_parser

    parser = default_parser()
    return lambda text: Document.from_stanza(parser.parse(text))


def claim_in(text, content_text, cue_text, lemma, cls):
    return Claim(id="C1", kind="indirect", content=content(text, content_text), cue=cue(text, cue_text, lemma, cls))


@pytest.mark.parametrize("text, content_text, cue_text, lemma, cls, expected", HEDGE_CASES)
def test_hedges_of_a_claim(parse, text, content_text, cue_text, lemma, cls, expected):
    claim = claim_in(text, content_text, cue_text, lemma, cls)
    hedges = hedging.find_hedges(text, parse(text), claim, default_rules())
    assert [(hedge.text, hedge.cls, hedge.rule) for hedge in hedges] == expected
    for hedge in hedges:
        assert text[hedge.start : hedge.end] == hedge.text


def test_apply_sets_hedged_flag_and_rule_ids():
    from claimtrack.parsing.parser import default_parser

    text = "The minister said the plant may close. The mayor said the road is open."
    doc = default_parser().parse(text)
    claims = [
        claim_in(text, "the plant may close", "said", "say", "neutral"),
        Claim(id="C2", kind="indirect", content=content(text, "the road is open"), cue=cue(text, "said", "say", "neutral", 2)),
    ]
    first, second = hedging.mark_hedges(Document.from_stanza(doc), Findings(claims=claims), default_rules()).claims
    assert (first.hedged, [(h.text, h.cls, h.rule) for h in first.hedges]) == (
        True,
        [("may", "modal", "hedge.modal.possibility")],
    )
    assert (second.hedged, second.hedges) == (False, ())


UNSOURCED_TEXT = (
    "The ship was reportedly carrying fuel.\n"
    "The captain said it was empty.\n"
    "Officials may meet on Monday.\n"
    "The alleged smuggler was caught on Monday.\n"
    "The cargo appeared to be oil.\n"
    "Read more: the tanker was allegedly seized\n"
)


def test_unsourced_hedged_sentences_become_claims_without_source():
    """A reportative hedge in the reporter's voice makes a claim; a modal, an
    epistemic verb (by default) or a reportative adjective ("the alleged
    smuggler") alone does not, a sentence with a claim is left alone, and
    noise lines are skipped."""
    from claimtrack.parsing.parser import default_parser

    text = UNSOURCED_TEXT
    doc = default_parser().parse(text)
    existing = [claim_in(text, "it was empty", "said", "say", "neutral")]
    noise_line = Span("Read more: the tanker was allegedly seized", text.index("Read more"), len(text) - 1)
    document = Document.from_stanza(doc)
    before = Findings(lines=Lines(skip=(noise_line,)), claims=existing)
    found = [c for c in unsourced.find_unsourced(document, before, default_rules()).claims if c not in existing]
    assert [(c.id, c.content.text, c.source, c.cue, c.kind, c.rules) for c in found] == [
        ("u1", "The ship was reportedly carrying fuel", None, None, "indirect", ("hedge.reportative.adverb",)),
    ]
    hedged = hedging.mark_hedges(document, Findings(claims=found), default_rules()).claims
    assert [[(h.text, h.cls) for h in c.hedges] for c in hedged] == [[("reportedly", "reportative")]]


def test_an_overlay_can_let_epistemic_hedges_make_unsourced_claims(tmp_path):
    from claimtrack.parsing.parser import default_parser
    from claimtrack.ruleset.loader import load_rules

    (tmp_path / "hedges.yaml").write_text(
        "classes:\n"
        "  - {id: hedge.class.epistemic_verb, name: epistemic_verb, unsourced: true}\n",
        encoding="utf-8",
    )
    text = "The cargo appeared to be oil."
    doc = default_parser().parse(text)
    found = unsourced.find_unsourced(Document.from_stanza(doc), Findings(), load_rules([tmp_path])).claims
    assert [(c.content.text, c.rules) for c in found] == [
        ("The cargo appeared to be oil", ("hedge.epistemic_verb.appearance",))
    ]


def test_unsourced_claims_need_no_line_classification():
    """Run on its own (no noise stage before it), the stage still finds the claim."""
    from claimtrack.parsing.parser import default_parser

    text = "The tanker was allegedly seized."
    doc = default_parser().parse(text)
    found = unsourced.find_unsourced(Document.from_stanza(doc), Findings(), default_rules()).claims
    assert [(c.content.text, c.rules) for c in found] == [("The tanker was allegedly seized", ("hedge.reportative.adverb",))]
