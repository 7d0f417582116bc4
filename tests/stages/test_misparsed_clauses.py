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
}


@pytest.mark.parametrize("name", CASES)
def test_claims_from_a_misread_parse(name):
    conllu, expected = CASES[name]
    result = claimtrack.extract_document(claimtrack.parse_conllu(conllu))
    got = [(c.content.text, c.cue.text if c.cue else None, c.source.text if c.source else None, c.kind)
           for c in result.claims]
    assert got == expected
