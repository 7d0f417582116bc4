"""Phrase cues (issue 11): a poll, survey or study introduced by 'in' as the
source of its clause, and 'according to X' read through tagging slips and
around the cue verbs of its clause. Invented sentences, each with the exact
claims expected.

Rows are (content, cue, source, kind), outermost claims first as extracted;
an empty list means no claim.
"""

from __future__ import annotations

import pytest

import claimtrack
from claim_rows import rows

CASES = {
    # 'in' + a document-like noun (rules/cues.yaml cue.phrase.in_document)
    "a poll opening the sentence": (
        "In a new Herald poll, the mayor wins one in three voters.",
        [("the mayor wins one in three voters", "In", "a new Herald poll", "indirect")],
    ),
    "a poll closing the clause, with a participle": (
        "The senator leads with 30 percent in the latest Gazette poll released Wednesday.",
        [("The senator leads with 30 percent", "in", "the latest Gazette poll released Wednesday", "indirect")],
    ),
    # precision traps
    "a lead in the polls (a phrase of a noun)": ("The senator has a big lead in the polls.", []),
    "in the polls inside a relative clause": ("Sanders, who has been leading in the polls, will speak today.", []),
    "in a report after a cue verb is the verb's own": (
        "The ministry said in a report that the camp was empty.",
        [("the camp was empty", "said", "The ministry", "indirect")],
    ),
    "in a survey before a cue verb": (
        "In the survey, 40 percent of voters said the economy was weak.",
        [("the economy was weak", "said", "40 percent of voters", "indirect")],
    ),
    "the writer's own study": ("In this study, the children answered every question.", []),
    "no clause after the phrase": ("In the latest poll, a surprise.", []),
    "a noun the phrase modifies, not a figure": ("The rest are due to changes in the forecast.", []),
    # 'according to'
    "according to a noun the tagger read as a verb": (
        "Revenue at the casinos rose 3 percent, according to data released Friday by state regulators.",
        [
            (
                "Revenue at the casinos rose 3 percent",
                "according to",
                "data released Friday by state regulators",
                "indirect",
            )
        ],
    ),
    "according to after a clause with a cue verb": (
        "The governor said he would have fired the aide, according to press reports.",
        [
            ("The governor said he would have fired the aide", "according to", "press reports", "indirect"),
            ("he would have fired the aide", "said", "The governor", "indirect"),
        ],
    ),
    "according to after a relative 'that'": (
        "The rule even covers statements that were not made under oath, according to a legal analyst.",
        [
            (
                "The rule even covers statements that were not made under oath",
                "according to",
                "a legal analyst",
                "indirect",
            )
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_phrase_cue(name):
    text, expected = CASES[name]
    assert rows(text) == expected


def test_the_phrase_claim_holds_the_cue_verb_claim():
    result = claimtrack.extract("The governor said he would have fired the aide, according to press reports.")
    outer, inner = result.claims
    assert outer.parent is None and inner.parent == outer.id
    assert outer.rules == ("cue.phrase.according_to", "pattern.clause_then_phrase")
