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


def test_a_question_put_by_someone_unnamed_has_no_source_and_the_answer_is_the_one_asked():
    text = "When asked if the ferry would run in winter, the mayor said the council had not decided."
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text if c.source else None, c.act) for c in claims] == [
        ("if the ferry would run in winter", "asked", None, "question"),
        ("the council had not decided", "said", "the mayor", "statement"),
    ]


def test_the_topic_put_to_someone_has_no_source_and_a_coordinated_question_keeps_its_subject():
    text = "Asked about the vote, the mayor said she had not decided. A boy stared at the painting and asked who the man was."
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text if c.source else None, c.act) for c in claims] == [
        ("the vote", "Asked about", None, "directive"),
        ("she had not decided", "said", "the mayor", "statement"),
        ("who the man was", "asked", "A boy", "question"),
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
        "Tenants have more freedom to leave the scheme, said Tom Brandt, "
        "a housing adviser currently working for a rival council."
    )
    claims = claimtrack.extract(text).claims
    assert [(c.content.text, c.cue.text, c.source.text) for c in claims] == [
        ("Tenants have more freedom to leave the scheme", "said", "Tom Brandt"),
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


# A participle modifier with a that-clause of its own reports what the noun
# it modifies says; the source is that noun's phrase, up to the participle.
ITEM = """# text = The column ran an item suggesting that the mayor was hypocritical.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	column	column	NOUN	NN	Number=Sing	3	nsubj	_	_
3	ran	run	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	an	a	DET	DT	Definite=Ind|PronType=Art	5	det	_	_
5	item	item	NOUN	NN	Number=Sing	3	obj	_	_
6	suggesting	suggest	VERB	VBG	VerbForm=Ger	5	acl	_	_
7	that	that	SCONJ	IN	_	11	mark	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	mayor	mayor	NOUN	NN	Number=Sing	11	nsubj	_	_
10	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	11	cop	_	_
11	hypocritical	hypocritical	ADJ	JJ	Degree=Pos	6	ccomp	_	SpaceAfter=No
12	.	.	PUNCT	.	_	3	punct	_	_

"""


def test_a_participle_modifier_with_a_that_clause_reports_for_its_noun():
    assert conllu_rows(ITEM) == [("the mayor was hypocritical", "suggesting", "an item", "indirect")]


# GUM_academic_implicature (CC BY), its gold parse with 'numbers' changed to
# 'results', a subject the evidential list holds: a passive evidential verb
# reports nothing from its subject.
RESULTS = """# text = Numbers through five in the participating communities are most often expressed with native Chitonga words while results greater than five are typically indicated using English borrowings.
1	Numbers	number	NOUN	NNS	Number=Plur	11	nsubj:pass	_	_
2	through	through	ADP	IN	_	3	case	_	_
3	five	five	NUM	CD	NumForm=Word|NumType=Card	1	nmod	_	_
4	in	in	ADP	IN	_	7	case	_	_
5	the	the	DET	DT	Definite=Def|PronType=Art	7	det	_	_
6	participating	participate	VERB	VBG	VerbForm=Ger	7	amod	_	_
7	communities	community	NOUN	NNS	Number=Plur	1	nmod	_	_
8	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	11	aux:pass	_	_
9	most	most	ADV	RBS	Degree=Sup	10	advmod	_	_
10	often	often	ADV	RB	Degree=Pos	11	advmod	_	_
11	expressed	express	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
12	with	with	ADP	IN	_	15	case	_	_
13	native	native	ADJ	JJ	Degree=Pos	14	amod	_	_
14	Chitonga	Chitonga	PROPN	NNP	Number=Sing	15	compound	_	_
15	words	word	NOUN	NNS	Number=Plur	11	obl	_	_
16	while	while	SCONJ	IN	_	23	mark	_	_
17	results	result	NOUN	NNS	Number=Plur	23	nsubj:pass	_	_
18	greater	great	ADJ	JJR	Degree=Cmp	17	amod	_	_
19	than	than	ADP	IN	_	20	case	_	_
20	five	five	NUM	CD	NumForm=Word|NumType=Card	18	obl	_	_
21	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	23	aux:pass	_	_
22	typically	typically	ADV	RB	Degree=Pos	23	advmod	_	_
23	indicated	indicate	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	11	advcl	_	_
24	using	use	VERB	VBG	VerbForm=Ger	23	xcomp	_	_
25	English	English	ADJ	JJ	Degree=Pos	26	amod	_	_
26	borrowings	borrowing	NOUN	NNS	Number=Plur	24	obj	_	SpaceAfter=No
27	.	.	PUNCT	.	_	11	punct	_	_
"""


def test_a_passive_evidential_verb_reports_nothing_from_its_subject():
    assert conllu_rows(RESULTS) == []


def test_a_participle_after_a_comma_ends_what_a_noun_cue_governs():
    text = 'At the hearing, the senator issued a surprise call for an end to farm subsidies, calling them "a giveaway."'
    assert [(c.content.text, c.cue.text, c.source.text) for c in claimtrack.extract(text).claims] == [
        ("an end to farm subsidies", "call for", "the senator"),
        ('them "a giveaway."', "calling", "the senator"),
    ]


def test_a_sentence_going_on_after_a_parenthetical_cue_is_reported_in_two_parts():
    text = "It was impossible, Ferreira said, so the town's leaders decided to divide the work."
    (claim, nested) = claimtrack.extract(text).claims
    assert (claim.content.text, [text[p.start : p.end] for p in claim.content.parts], claim.source.text, claim.rules) == (
        "It was impossible, Ferreira said, so the town's leaders decided to divide the work",
        ["It was impossible", "so the town's leaders decided to divide the work"],
        "Ferreira",
        ("cue.verb.say", "pattern.parenthetical_verb"),
    )
    assert (nested.content.text, nested.parent) == ("to divide the work", claim.id)


def test_a_participle_with_its_own_report_after_a_parenthetical_cue_stays_apart():
    text = "The plan is dead, the minister said, adding that talks would resume."
    assert [(c.content.text, c.cue.text, c.source.text) for c in claimtrack.extract(text).claims] == [
        ("The plan is dead", "said", "the minister"),
        ("talks would resume", "adding", "the minister"),
    ]


def test_a_participle_of_the_speaker_after_a_parenthetical_cue_is_no_content():
    text = "The board had long ago lost faith in the coach, the Gazette reported, citing an anonymous source."
    assert [(c.content.text, c.cue.text, c.source.text, c.rules) for c in claimtrack.extract(text).claims] == [
        ("The board had long ago lost faith in the coach", "reported", "the Gazette",
         ("cue.verb.report", "pattern.clause_then_verb")),
        ("an anonymous source", "citing", "the Gazette", ("cue.verb.cite", "pattern.verb_object")),
    ]


def test_a_relative_clause_of_an_inverted_speaker_is_no_content():
    text = 'Ortiz "faces a hard job, but it is the right choice for the club," said Black, who has known Ortiz for 40 years.'
    assert [(c.content.text, c.cue.text, c.source.text) for c in claimtrack.extract(text).claims] == [
        ('Ortiz "faces a hard job, but it is the right choice for the club,"', "said", "Black"),
    ]
