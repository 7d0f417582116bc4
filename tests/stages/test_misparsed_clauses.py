"""Reported clauses the parser misread: each case gives the parse (CoNLL-U,
as a compact model produced it) and the exact claims expected from it, so
the rules that recover from a misread parse are tested whatever models ship.

Rows are (content, cue, source, kind).
"""

from __future__ import annotations

import pytest

import claimtrack

CASES = {
    # 'that' read as a demonstrative object, the reported clause as a
    # coordinated verb, and a phrase put before the clause's subject.
    "'claims that' with a fronted time phrase, 'that' taken for a pronoun": (
        """# text = She also claims that in 1997 and 1998, she was tasked with removal of asbestos from the ship.
1	She	she	PRON	PRP	Case=Nom|Number=Sing|Person=3|PronType=Prs	3	nsubj	_	_
2	also	also	ADV	RB	_	3	advmod	_	_
3	claims	claim	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
4	that	that	PRON	DT	Number=Sing|PronType=Dem	3	obj	_	_
5	in	in	ADP	IN	_	6	case	_	_
6	1997	1997	NUM	CD	NumType=Card	3	obl	_	_
7	and	and	CCONJ	CC	_	8	cc	_	_
8	1998	1998	NUM	CD	NumType=Card	6	conj	_	SpaceAfter=No
9	,	,	PUNCT	,	_	12	punct	_	_
10	she	she	PRON	PRP	Case=Nom|Number=Sing|Person=3|PronType=Prs	12	nsubj:pass	_	_
11	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	12	aux:pass	_	_
12	tasked	task	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	3	conj	_	_
13	with	with	ADP	IN	_	14	case	_	_
14	removal	removal	NOUN	NN	Number=Sing	12	obl	_	_
15	of	of	ADP	IN	_	16	case	_	_
16	asbestos	asbestos	NOUN	NN	Number=Sing	14	nmod	_	_
17	from	from	ADP	IN	_	19	case	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	19	det	_	_
19	ship	ship	NOUN	NN	Number=Sing	14	nmod	_	SpaceAfter=No
20	.	.	PUNCT	.	_	3	punct	_	_

""",
        [("in 1997 and 1998, she was tasked with removal of asbestos from the ship", "claims", "She", "indirect")],
    ),
    "a cue with no subject after 'The official' read as an adjective and an adverb": (
    # 'official' tagged ADJ and hung on 'further'; the cue has no subject.
        """# text = The official further said that the drone attack killed two more members of their militia group.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	official	official	ADJ	JJ	Degree=Pos	3	amod	_	_
3	further	far	ADV	RB	_	4	advmod	_	_
4	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
5	that	that	SCONJ	IN	_	9	mark	_	_
6	the	the	DET	DT	Definite=Def|PronType=Art	8	det	_	_
7	drone	drone	ADJ	JJ	Degree=Pos	8	compound	_	_
8	attack	attack	NOUN	NN	Number=Sing	9	nsubj	_	_
9	killed	kill	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	4	ccomp	_	_
10	two	two	NUM	CD	NumForm=Word|NumType=Card	12	nummod	_	_
11	more	more	ADJ	JJR	Degree=Cmp	12	amod	_	_
12	members	member	NOUN	NNS	Number=Plur	9	obj	_	_
13	of	of	ADP	IN	_	16	case	_	_
14	their	their	PRON	PRP$	Case=Gen|Number=Plur|Person=3|Poss=Yes|PronType=Prs	16	nmod:poss	_	_
15	militia	militia	ADJ	JJ	Degree=Pos	16	amod	_	_
16	group	group	NOUN	NN	Number=Sing	12	nmod	_	SpaceAfter=No
17	.	.	PUNCT	.	_	4	punct	_	SpaceAfter=No

""",
        [("the drone attack killed two more members of their militia group", "said", "The official", "indirect")],
    ),
    "a participle after the inverted speaker parsed as the cue's complement": (
    # 'speaking on condition of anonymity' a ccomp of 'said': how the official spoke, not what.
        """# text = The strike killed "two members and wounded seven others", said the official, speaking on condition of anonymity.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	strike	strike	NOUN	NN	Number=Sing	3	nsubj	_	_
3	killed	kill	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
4	"	"	PUNCT	``	_	6	punct	_	SpaceAfter=No
5	two	two	NUM	CD	NumForm=Word|NumType=Card	6	nummod	_	_
6	members	member	NOUN	NNS	Number=Plur	3	obj	_	_
7	and	and	CCONJ	CC	_	8	cc	_	_
8	wounded	wound	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	3	conj	_	_
9	seven	seven	NUM	CD	NumForm=Word|NumType=Card	10	nummod	_	_
10	others	other	NOUN	NNS	Number=Plur	8	obj	_	SpaceAfter=No
11	"	"	PUNCT	''	_	8	punct	_	SpaceAfter=No
12	,	,	PUNCT	,	_	13	punct	_	_
13	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	3	parataxis	_	_
14	the	the	DET	DT	Definite=Def|PronType=Art	15	det	_	_
15	official	official	ADJ	JJ	Degree=Pos	13	obj	_	SpaceAfter=No
16	,	,	PUNCT	,	_	17	punct	_	_
17	speaking	speak	VERB	VBG	Tense=Pres|VerbForm=Part	13	ccomp	_	_
18	on	on	ADP	IN	_	19	case	_	_
19	condition	condition	NOUN	NN	Number=Sing	17	obl	_	_
20	of	of	ADP	IN	_	21	case	_	_
21	anonymity	anonymity	NOUN	NN	Number=Sing	19	nmod	_	SpaceAfter=No
22	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [('The strike killed "two members and wounded seven others"', "said", "the official", "mixed")],
    ),
    "a name after 'as per news agency' parsed as a second obl of the verb": (
    # 'AFP' an obl of 'was' beside 'agency', not a flat name of it.
        """# text = As per news agency AFP, there was no immediate response from the United States officials.
1	As	as	ADP	IN	_	4	case	_	_
2	per	per	ADP	IN	_	1	fixed	_	_
3	news	news	NOUN	NN	Number=Sing	4	compound	_	_
4	agency	agency	NOUN	NN	Number=Sing	8	obl	_	_
5	AFP	AFP	PROPN	NNP	Number=Sing	8	obl	_	SpaceAfter=No
6	,	,	PUNCT	,	_	4	punct	_	_
7	there	there	PRON	EX	_	8	expl	_	_
8	was	be	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
9	no	no	DET	DT	PronType=Neg	11	det	_	_
10	immediate	immediate	ADJ	JJ	Degree=Pos	11	amod	_	_
11	response	response	NOUN	NN	Number=Sing	8	nsubj	_	_
12	from	from	ADP	IN	_	16	case	_	_
13	the	the	DET	DT	Definite=Def|PronType=Art	16	det	_	_
14	United	United	ADJ	NNP	Degree=Pos	15	amod	_	_
15	States	State	PROPN	NNPS	Number=Plur	16	compound	_	_
16	officials	official	NOUN	NNS	Number=Plur	11	nmod	_	SpaceAfter=No
17	.	.	PUNCT	.	_	8	punct	_	SpaceAfter=No

""",
        [("there was no immediate response from the United States officials", "As per", "news agency AFP", "indirect")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_claims_from_a_misread_parse(name):
    conllu, expected = CASES[name]
    result = claimtrack.extract_document(claimtrack.parse_conllu(conllu))
    got = [(c.content.text, c.cue.text if c.cue else None, c.source.text if c.source else None, c.kind)
           for c in result.claims]
    assert got == expected
