"""Confirmation and evidence as users get them: ``claimtrack.extract(text)``.

Each case is a short article and, for every claim in it, in document order,
(content, source mention, status, evidence texts). The classes of issue 11:
noun-phrase denials, confirmations and disputes that refer back; "could not
verify" linked by what it names; non-responses and who they bear on; hedges
that survive parse errors. The vocabulary is in rules/confirmation.yaml and
rules/hedges.yaml.
"""

import pytest

import claimtrack
from claimtrack.errors import RulesError
from claimtrack.ruleset.loader import default_rules, load_rules

CASES = {
    # ---- a denial, confirmation or dispute whose object refers back
    "disputed the toll": (
        "The ministry said 40 people died. Residents disputed the toll.",
        [("40 people died", "The ministry", "disputed", ["disputed"])],
    ),
    "rejected the charge (an accusation)": (
        "The army accused the rebels of shelling the town. The rebels rejected the charge.",
        [("the rebels of shelling the town", "The army", "denied", ["rejected"])],
    ),
    "rejected the charge (a plain statement about the deniers)": (
        "Government forces said the rebels had shelled the town. The rebels rejected the charge.",
        [("the rebels had shelled the town", "Government forces", "denied", ["rejected"])],
    ),
    "the charge: the claim about the deniers, not the nearest one": (
        (
            "Government forces said the rebels had shelled the town. A doctor said 10 people were hurt. "
            "The rebels rejected the charge."
        ),
        [
            ("the rebels had shelled the town", "Government forces", "denied", ["rejected"]),
            ("10 people were hurt", "A doctor", "unconfirmed", []),
        ],
    ),
    "denied the allegations, then spoke for himself": (
        "Prosecutors said Mr. Lee had taken bribes. His lawyer denied the allegations and said he would appeal.",
        [
            ("Mr. Lee had taken bribes", "Prosecutors", "denied", ["denied"]),
            ("he would appeal", "His lawyer", "unconfirmed", []),
        ],
    ),
    "contradicted his account": (
        "The senator said the project was a success. Two former aides contradicted his account.",
        [("the project was a success", "The senator", "disputed", ["contradicted"])],
    ),
    "denied the report": (
        "A newspaper reported that the plane had engine trouble. The airline denied the report.",
        [("the plane had engine trouble", "A newspaper", "denied", ["denied"])],
    ),
    "confirmed the arrest": (
        "A witness said the suspect was detained on Monday. Police confirmed the arrest.",
        [("the suspect was detained on Monday", "A witness", "confirmed", ["confirmed"])],
    ),
    "the figures go to the claim with a number": (
        "Officials said 12 people were hurt. The mayor said the road was open. The company disputed the figures.",
        [
            ("12 people were hurt", "Officials", "disputed", ["disputed"]),
            ("the road was open", "The mayor", "unconfirmed", []),
        ],
    ),
    # ---- what is not evidence
    "rejecting a plan is opposition, not a denial": (
        "The army said the rebels had shelled the town. The rebels rejected the plan.",
        [("the rebels had shelled the town", "The army", "unconfirmed", [])],
    ),
    "a negated denial denies nothing": (
        "The army said the rebels had shelled the town. The rebels did not deny the charge.",
        [("the rebels had shelled the town", "The army", "unconfirmed", [])],
    ),
    "an indefinite object refers to nothing earlier": (
        "A newspaper reported that the plane had engine trouble. The airline denied a report about its pilots.",
        [("the plane had engine trouble", "A newspaper", "unconfirmed", [])],
    ),
    # ---- "could not verify" marks the claim holding what it names
    "the casualty figures, not the nearest claim": (
        (
            "Rebels said they had captured the airport. The ministry said 40 people were killed in the fighting. "
            "A doctor said the hospital was full. Reuters could not independently verify the casualty figures."
        ),
        [
            ("they had captured the airport", "Rebels", "unconfirmed", []),
            ("40 people were killed in the fighting", "The ministry", "unverified", ["could not independently verify"]),
            ("the hospital was full", "A doctor", "unconfirmed", []),
        ],
    ),
    "the claim: the nearest claim": (
        (
            "The ministry said 40 people were killed. Rebels said they had captured the airport. "
            "Reuters could not independently verify the claim."
        ),
        [
            ("40 people were killed", "The ministry", "unconfirmed", []),
            ("they had captured the airport", "Rebels", "unverified", ["could not independently verify"]),
        ],
    ),
    # ---- no response: the claims about the party, never the party as a source
    "did not respond to a request for comment": (
        (
            "Activists said the ministry had hidden the data. A farmer said the harvest was poor. "
            "The ministry did not respond to a request for comment."
        ),
        [
            ("the ministry had hidden the data", "Activists", "no_response", ["did not respond to a request for comment"]),
            ("the harvest was poor", "A farmer", "unconfirmed", []),
        ],
    ),
    "did not immediately respond": (
        (
            "Activists said the ministry had hidden the data. "
            "The ministry did not immediately respond to a request for comment."
        ),
        [
            (
                "the ministry had hidden the data",
                "Activists",
                "no_response",
                ["did not immediately respond to a request for comment"],
            )
        ],
    ),
    "has not responded": (
        "Activists said the ministry had hidden the data. The ministry has not responded to the claims.",
        [("the ministry had hidden the data", "Activists", "no_response", ["has not responded"])],
    ),
    "a spokesman for a named party": (
        "Residents said Delmar Corp dumped waste in the river. A spokesman for Delmar did not respond to emailed questions.",
        [("Delmar Corp dumped waste in the river", "Residents", "no_response", ["did not respond"])],
    ),
    "a spokesman speaks for the party beside him, and his own claim is his": (
        (
            "Activists said the ministry had hidden the data. "
            "A ministry spokesman declined to comment, saying an inquiry was under way."
        ),
        [
            ("the ministry had hidden the data", "Activists", "no_response", ["declined to comment"]),
            ("an inquiry was under way", "A ministry spokesman", "unconfirmed", []),
        ],
    ),
    "declined to confirm or deny: the party said nothing": (
        (
            "Activists said the ministry had hidden the data. "
            "The ministry declined to confirm or deny that it had hidden the data."
        ),
        [("the ministry had hidden the data", "Activists", "no_response", ["declined to confirm or deny"])],
    ),
    "not returning is no non-response": (
        "The mayor said the soldiers had left the town. The soldiers did not return.",
        [("the soldiers had left the town", "The mayor", "unconfirmed", [])],
    ),
}


def claims_of(text):
    return [
        (
            claim.content.text,
            claim.source.text if claim.source is not None else None,
            claim.confirmation.status,
            [evidence.text for evidence in claim.confirmation.evidence],
        )
        for claim in claimtrack.extract(text).claims
    ]


@pytest.mark.parametrize("name", list(CASES))
def test_status_and_evidence(name):
    text, expected = CASES[name]
    assert claims_of(text) == expected


def test_evidence_names_its_rule_and_points_at_its_text():
    text = "The ministry said 40 people died. Residents disputed the toll."
    (claim,) = claimtrack.extract(text).claims
    assert [(e.text, e.start, e.end, e.rule) for e in claim.confirmation.evidence] == [
        ("disputed", text.index("disputed"), text.index("disputed") + len("disputed"), "confirmation.disputed.verbs")
    ]


def test_the_non_responder_is_never_a_source():
    text = (
        "Activists said the ministry had hidden the data. "
        "The ministry declined to confirm or deny that it had hidden the data."
    )
    result = claimtrack.extract(text)
    assert [mention.text for entity in result.sources for mention in entity.mentions] == ["Activists"]


HEDGE_CASES = {
    # the parser takes "appeared" for a clause on "media" and "show" for an adverbial clause
    "appeared to show, misparsed": (
        "A video circulating on social media appeared to show police beating a protester.",
        ("police beating a protester", "show", [("appeared", "epistemic_verb")]),
    ),
    # the parser takes "appear" for a noun
    "appear to show, misparsed": (
        "Photos circulating online appear to show troops entering the city.",
        ("troops entering the city", "show", [("appear", "epistemic_verb")]),
    ),
    "appeared to show, parsed right": (
        "A video circulating online appeared to show the bridge collapsing.",
        ("the bridge collapsing", "show", [("appeared", "epistemic_verb")]),
    ),
}


@pytest.mark.parametrize("name", list(HEDGE_CASES))
def test_hedges_survive_parse_errors(name):
    text, expected = HEDGE_CASES[name]
    (claim,) = claimtrack.extract(text).claims
    assert (claim.content.text, claim.cue.text, [(h.text, h.cls) for h in claim.hedges]) == expected
    assert claim.hedged is True


def test_a_hedge_read_from_the_words_stays_with_the_verb_it_governs():
    text = "A video appeared to show a tank, but police said the road was closed."
    assert [(c.content.text, c.cue.text, [(h.text, h.cls) for h in c.hedges]) for c in claimtrack.extract(text).claims] == [
        ("a tank", "show", [("appeared", "epistemic_verb")]),
        ("the road was closed", "said", []),
    ]


def test_a_video_circulating_online_is_a_social_media_source():
    (claim,) = claimtrack.extract("A video circulating online appeared to show the bridge collapsing.").claims
    assert (claim.source.text, claim.source.type) == ("A video circulating online", "social_media")


# ---- the statuses are declared in the rules


def test_the_rules_declare_every_status_once_with_one_default():
    statuses = default_rules().section("confirmation", "statuses")
    assert [(rule.get("name"), rule.get("rank"), bool(rule.get("default"))) for rule in statuses] == [
        ("denied", 1, False),
        ("disputed", 2, False),
        ("confirmed", 3, False),
        ("corroborated", 4, False),
        ("unverified", 5, False),
        ("no_response", 6, False),
        ("unconfirmed", 7, True),
    ]


def test_an_overlay_ranks_the_statuses(tmp_path):
    """Which status wins is read from the rules: with no_response ranked first,
    a non-response outranks a later denial."""
    text = (
        "Activists said the army shelled the village. The army did not respond to requests for comment. "
        "Later, a defence spokesman denied that the army shelled the village."
    )
    (tmp_path / "confirmation.yaml").write_text(
        "statuses:\n  - {id: confirmation.status.no_response, name: no_response, rank: 0, drops_claims_cued_inside: true}\n",
        encoding="utf-8",
    )
    default, overlaid = (claimtrack.extract(text, rules=rules).claims[0] for rules in (None, [tmp_path]))
    assert (default.confirmation.status, [e.text for e in default.confirmation.evidence]) == ("denied", ["denied"])
    assert (overlaid.confirmation.status, [e.text for e in overlaid.confirmation.evidence]) == (
        "no_response",
        ["did not respond to requests for comment"],
    )


def test_a_cue_with_an_undeclared_status_is_refused(tmp_path):
    (tmp_path / "confirmation.yaml").write_text(
        "cues:\n  - {id: confirmation.confirmed.mine, status: confimred, lemmas: [attest]}\n", encoding="utf-8"
    )
    with pytest.raises(RulesError) as error:
        load_rules([tmp_path])
    assert "unknown confirmation status 'confimred' in 'status' (did you mean 'confirmed'?)" in str(error.value)
