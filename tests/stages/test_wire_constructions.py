"""Constructions of wire and political news reports, each with its input
and the exact claims expected through the whole pipeline: a denial whose
subject carries a relative clause, a body's acronym before its apposition,
a reduced passive, a noun phrase renaming the reported clause, a scare quote
after an inverted cue.
"""

from __future__ import annotations

import claimtrack


def test_a_denial_with_a_relative_clause_in_its_subject_is_no_report_and_denies_every_claim_of_the_party():
    text = (
        "Army spokesman Colonel Idris Balogun said the shells had been fired by the Black Ridge Brigade. "
        "Balogun told a news conference that the army had no artillery near the market. "
        "The Black Ridge Brigade, which the defence ministry lists as an illegal armed group, "
        "rejected the army's account."
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.source.text, c.confirmation.status, [e.text for e in c.confirmation.evidence])
            for c in claims] == [
        ("the shells had been fired by the Black Ridge Brigade", "Army spokesman Colonel Idris Balogun",
         "denied", ["rejected"]),
        ("the army had no artillery near the market", "Balogun", "denied", ["rejected"]),
    ]


def test_an_acronym_in_brackets_before_the_apposition_that_types_the_body():
    text = (
        "The Sahel Defence Forces (SDF), a militia that controls the road into the camp, had stopped the trucks. "
        "An SDF commander said the road was closed."
    )
    (claim,) = claimtrack.extract(text).claims
    assert (claim.content.text, claim.source.text, claim.source.type) == (
        "the road was closed", "An SDF commander", "armed_group"
    )


def test_an_armed_group_and_its_acronym_are_one_source():
    text = (
        "The Eastern Liberation Front (ELF) said in a statement that the drone had crashed. "
        "The ELF said its fighters had recovered the wreckage."
    )
    result = claimtrack.extract(text)
    assert [(c.source.text, c.source.entity, c.source.type) for c in result.claims] == [
        ("The Eastern Liberation Front", "S1", "armed_group"),
        ("The ELF", "S1", "armed_group"),
    ]


def test_a_reduced_passive_question_has_its_agent_as_source():
    text = "When asked by a reporter whether this differed from the old rules, the minister said the plan was legal."
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text, c.act) for c in claims] == [
        ("whether this differed from the old rules", "asked", "a reporter", "question"),
        ("the plan was legal", "said", "the minister", "statement"),
    ]


def test_what_was_written_in_a_book_as_reported_by_an_outlet_and_first_reported_by_another():
    text = (
        "Carson wrote in his 1990 autobiography that he had been named the most honest student in his class. "
        "As reported by the Gazette, the senator was told of the risks. "
        "The move was first reported by MSNBC."
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text) for c in claims] == [
        ("he had been named the most honest student in his class", "wrote", "Carson"),
        ("the senator was told of the risks", "reported", "the Gazette"),
        ("The move", "reported", "MSNBC"),
    ]


def test_a_clause_first_reported_by_an_outlet_after_a_comma():
    text = "The super PAC started reserving ad time in swing states this week, as first reported by the New York Times on Tuesday."
    assert [(c.content.text, c.cue.text, c.source.text) for c in claimtrack.extract(text).claims] == [
        ("The super PAC started reserving ad time in swing states this week", "reported", "the New York Times"),
    ]


def test_a_noun_phrase_after_an_inverted_cue_renames_the_clause_before():
    text = (
        "Victims of domestic violence would be considered a distinct group for purposes of asylum, Sanders said, "
        "a policy that could make it easier for them to remain in the U.S."
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text) for c in claims] == [
        ("Victims of domestic violence would be considered a distinct group for purposes of asylum", "said", "Sanders"),
    ]


def test_a_later_quotation_past_the_comma_after_the_cue_is_no_second_part():
    text = '"I never said that," Trump said, after the host said he had called Rubio the "personal senator" of a donor.'
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text, c.kind) for c in claims] == [
        ("I never said that", "said", "Trump", "direct"),
        ('he had called Rubio the "personal senator" of a donor', "said", "the host", "mixed"),
        ('Rubio the "personal senator" of a donor', "called", "he", "mixed"),
    ]


def test_a_participle_inside_an_inverted_speakers_apposition_is_no_content():
    text = (
        "Candidates have more room to walk away from the program, said Steve Grubbs, "
        "an Iowa operative currently working for a rival campaign."
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text) for c in claims] == [
        ("Candidates have more room to walk away from the program", "said", "Steve Grubbs"),
    ]
