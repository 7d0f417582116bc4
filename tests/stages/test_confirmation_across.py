"""Confirmation across the article (issue 21): which earlier claim a later
sentence denies, disputes, confirms or leaves unanswered.

Each case is an invented article and, for each claim in order, the start of
its content, its status and the texts of its evidence.
"""

import pytest

from claimtrack import extract

CASES = {
    "a reference with a possessor: everything that source said": (
        "Army spokesman Major Ivo Dren said the rockets came from the hills. "
        "Dren told reporters the army had no guns near the village. "
        "The Tarsk Brigade rejected the army's account.",
        [
            ("the rockets came", "denied", ["rejected"]),
            ("the army had no guns", "denied", ["rejected"]),
        ],
    ),
    "the audit's figures: the audit's claim with a number, not the inspector's": (
        "The audit said 12 patients fell ill on the ward. "
        "Auditor General Ana Pym told lawmakers the clinic had ignored warnings. "
        "The clinic disputed the audit's figures.",
        [
            ("12 patients fell ill", "disputed", ["disputed"]),
            ("the clinic had ignored warnings", "unconfirmed", []),
        ],
    ),
    "no answer on a party's statement bears on that party's claim": (
        "The rebels said army jets had bombed the bridge. The mayor said the market would reopen. "
        "The defence ministry did not respond to requests for comment on the rebels' statement.",
        [
            ("army jets had bombed the bridge", "no_response", ["did not respond to requests for comment"]),
            ("the market would reopen", "unconfirmed", []),
        ],
    ),
    "no answer from a party bears only on the claims about it": (
        "The union said Delmar Freight had cut wages. The mayor said the port would stay open. "
        "Delmar Freight did not respond to requests for comment.",
        [
            ("Delmar Freight had cut wages", "no_response", ["did not respond to requests for comment"]),
            ("the port would stay open", "unconfirmed", []),
        ],
    ),
    "a confirmation by the body a claim names": (
        "A local paper reported that two families had filed complaints with the housing office. "
        "The office confirmed that it had received the complaints.",
        [
            ("two families had filed complaints", "confirmed", ["confirmed"]),
            ("it had received the complaints", "confirmed", ["confirmed"]),
        ],
    ),
    "another outlet confirms what a claim's content holds": (
        "Two people familiar with the deal said the firm made a payment of 5 million dollars. "
        "Reuters confirmed the payment with two bankers.",
        [("the firm made a payment", "confirmed", ["confirmed"])],
    ),
    "a second source saying the same corroborates": (
        "The army said it had sent 150 soldiers to the valley. "
        "A second official, speaking separately, said the same number of soldiers had been deployed.",
        [
            ("it had sent 150 soldiers", "corroborated", ["speaking separately", "said the same number"]),
            ("the same number of soldiers", "corroborated", ["said the same number"]),
        ],
    ),
    "the allegation, with no accusation cue, is the one the story opens with": (
        "The opposition said officials had burned ballots in the north. "
        "Party leader Ana Kell said the police had seen the photographs. "
        "The electoral commission rejected the allegation.",
        [
            ("officials had burned ballots", "denied", ["rejected"]),
            ("the police had seen the photographs", "unconfirmed", []),
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_status_and_evidence(name):
    text, expected = CASES[name]
    result = extract(text)
    got = [
        (claim.content.text, claim.confirmation.status, [item.text for item in claim.confirmation.evidence])
        for claim in result.claims
    ]
    assert [(content[: len(start)], status, evidence) for (content, status, evidence), (start, _, _) in zip(got, expected)] == expected
    assert len(got) == len(expected)


def test_evidence_that_bears_on_no_claim_is_listed_at_document_level():
    text = "The mayor said the bridge would reopen in May. The contractor's lawyer could not be reached for comment."
    result = extract(text)
    assert [(claim.content.text, claim.confirmation.status) for claim in result.claims] == [
        ("the bridge would reopen in May", "unconfirmed")
    ]
    assert [(item.text, item.status, item.rule) for item in result.document_evidence] == [
        ("could not be reached for comment", "no_response", "confirmation.no_response.could_not_be_reached")
    ]
    assert result.to_dict()["document_evidence"] == [
        {
            "text": "could not be reached for comment",
            "start": 71,
            "end": 103,
            "rule": "confirmation.no_response.could_not_be_reached",
            "status": "no_response",
        }
    ]


def test_a_reference_to_what_is_no_claim_is_not_forced_onto_an_older_claim():
    text = (
        "Two residents said they had heard a loud bang. Photographs of a crashed drone were shared online on Monday. "
        "The Associated Press could not verify the photographs."
    )
    result = extract(text)
    assert [(claim.content.text, claim.confirmation.status) for claim in result.claims] == [
        ("they had heard a loud bang", "unconfirmed")
    ]
    assert [(item.text, item.status) for item in result.document_evidence] == [("could not verify", "unverified")]


def test_the_non_responder_is_never_a_source():
    text = "The union said Delmar Freight had cut wages. Delmar Freight declined to comment on the union's claims."
    result = extract(text)
    assert [(claim.source.text, claim.confirmation.status) for claim in result.claims] == [("The union", "no_response")]
    assert [source.name for source in result.sources] == ["The union"]
