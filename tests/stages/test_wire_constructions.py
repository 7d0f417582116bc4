"""Constructions of wire and political news reports, each with its input
and the exact claims expected through the whole pipeline: a denial whose
subject carries a relative clause, a body's acronym before its apposition,
a reduced passive, a noun phrase renaming the reported clause, a scare quote
after an inverted cue.
"""

from __future__ import annotations

import claimtrack
from claim_rows import conllu_rows


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


# GUM_voyage_chatham (CC BY), its gold parse: 'as you near ...' is a clause
# with a subject of its own, no 'as' predicate of 'call'.
HARBOUR = """# text = If you want a wharf berthage then call the local harbour master as you near the Chathams and he will sort you out.
1	If	if	SCONJ	IN	_	3	mark	_	_
2	you	you	PRON	PRP	Case=Nom|Number=Sing|Person=2|PronType=Prs	3	nsubj	_	_
3	want	want	VERB	VBP	Mood=Ind|Number=Sing|Person=2|Tense=Pres|VerbForm=Fin	8	advcl	_	_
4	a	a	DET	DT	Definite=Ind|PronType=Art	6	det	_	_
5	wharf	wharf	NOUN	NN	Number=Sing	6	compound	_	_
6	berthage	berthage	NOUN	NN	Number=Sing	3	obj	_	_
7	then	then	ADV	RB	PronType=Dem	3	advmod	_	_
8	call	call	VERB	VB	Person=2|VerbForm=Inf	0	root	_	_
9	the	the	DET	DT	Definite=Def|PronType=Art	12	det	_	_
10	local	local	ADJ	JJ	Degree=Pos	12	amod	_	_
11	harbour	harbour	NOUN	NN	Number=Sing	12	compound	_	_
12	master	master	NOUN	NN	Number=Sing	8	obj	_	_
13	as	as	SCONJ	IN	_	15	mark	_	_
14	you	you	PRON	PRP	Case=Nom|Number=Sing|Person=2|PronType=Prs	15	nsubj	_	_
15	near	near	VERB	VBP	Mood=Ind|Number=Sing|Person=2|Tense=Pres|VerbForm=Fin	8	advcl	_	_
16	the	the	DET	DT	Definite=Def|PronType=Art	17	det	_	_
17	Chathams	Chatham	PROPN	NNPS	Number=Plur	15	obj	_	_
18	and	and	CCONJ	CC	_	21	cc	_	_
19	he	he	PRON	PRP	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	21	nsubj	_	_
20	will	will	AUX	MD	VerbForm=Fin	21	aux	_	_
21	sort	sort	VERB	VB	VerbForm=Inf	15	conj	_	_
22	you	you	PRON	PRP	Case=Acc|Number=Sing|Person=2|PronType=Prs	21	obj	_	_
23	out	out	ADP	RP	_	21	compound:prt	_	SpaceAfter=No
24	.	.	PUNCT	.	_	8	punct	_	_
"""


def test_an_as_clause_with_its_own_subject_is_no_predicate_of_call():
    assert conllu_rows(HARBOUR) == []
