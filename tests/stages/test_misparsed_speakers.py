"""Speakers and clauses the parser misread, a third set (the models shipped on
2026-12-07): each case gives the parse (CoNLL-U, as the compact model
produced it) and the exact claims expected from it.

Rows are (content, cue, source, kind).
"""

from __future__ import annotations

import pytest
from claim_rows import conllu_rows

import claimtrack

CASES = {
    "a speaker phrase read as a verbless clause of the cue": (
        # 'familiar' a ccomp of 'said' with 'people' its subject; 'said' has no subject.
        """# text = HARLOW CITY, Feb 12 - Federal prosecutors are examining whether an aide to Senator Dana Whitfield accepted payments from a shipbuilder that later won a navy contract, two people familiar with the inquiry said on Tuesday.
1	HARLOW	Harlow	PROPN	NNP	Number=Sing	2	compound	_	_
2	CITY	City	PROPN	NNP	Number=Sing	10	nsubj	_	SpaceAfter=No
3	,	,	PUNCT	,	_	5	punct	_	_
4	Feb	February	PROPN	NNP	Number=Sing	5	nmod:unmarked	_	_
5	12	12	NUM	CD	NumForm=Digit|NumType=Card	2	appos	_	_
6	-	-	PUNCT	HYPH	_	5	punct	_	_
7	Federal	Federal	ADJ	JJ	Degree=Pos	8	amod	_	_
8	prosecutors	prosecutor	NOUN	NNS	Number=Plur	10	nsubj	_	_
9	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	10	aux	_	_
10	examining	examine	VERB	VBG	Tense=Pres|VerbForm=Part	0	root	_	_
11	whether	whether	SCONJ	IN	_	18	mark	_	_
12	an	a	DET	DT	Definite=Ind|PronType=Art	13	det	_	_
13	aide	aide	NOUN	NN	Number=Sing	18	nsubj	_	_
14	to	to	ADP	IN	_	15	case	_	_
15	Senator	Senator	PROPN	NNP	Number=Sing	16	nmod:desc	_	_
16	Dana	Dana	PROPN	NNP	Number=Sing	13	nmod	_	_
17	Whitfield	Whitfield	PROPN	NNP	Number=Sing	16	flat	_	_
18	accepted	accept	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	10	ccomp	_	_
19	payments	payment	NOUN	NNS	Number=Plur	18	obj	_	_
20	from	from	ADP	IN	_	22	case	_	_
21	a	a	DET	DT	Definite=Ind|PronType=Art	22	det	_	_
22	shipbuilder	shipbuilder	NOUN	NN	Number=Sing	18	obl	_	_
23	that	that	PRON	WDT	PronType=Rel	25	nsubj	_	_
24	later	late	ADV	RBR	Degree=Cmp	25	advmod	_	_
25	won	win	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	22	acl:relcl	_	_
26	a	a	DET	DT	Definite=Ind|PronType=Art	28	det	_	_
27	navy	navy	NOUN	NN	Number=Sing	28	compound	_	_
28	contract	contract	NOUN	NN	Number=Sing	25	obj	_	SpaceAfter=No
29	,	,	PUNCT	,	_	32	punct	_	_
30	two	two	NUM	CD	NumForm=Word|NumType=Card	31	nummod	_	_
31	people	people	NOUN	NNS	Number=Plur	32	nsubj	_	_
32	familiar	familiar	ADJ	JJ	Degree=Pos	36	ccomp	_	_
33	with	with	ADP	IN	_	35	case	_	_
34	the	the	DET	DT	Definite=Def|PronType=Art	35	det	_	_
35	inquiry	inquiry	NOUN	NN	Number=Sing	32	obl	_	_
36	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	10	ccomp	_	_
37	on	on	ADP	IN	_	38	case	_	_
38	Tuesday	Tuesday	PROPN	NNP	Number=Sing	36	obl	_	SpaceAfter=No
39	.	.	PUNCT	.	_	10	punct	_	SpaceAfter=No

""",
        [
            (
                "Federal prosecutors are examining whether an aide to Senator Dana Whitfield accepted payments"
                " from a shipbuilder that later won a navy contract",
                "said",
                "two people familiar with the inquiry",
                "indirect",
            )
        ],
    ),
    "a speaker phrase read as a verbless clause beside the cue": (
        # 'familiar' a conj of the main verb and 'said' its advcl: the main
        # clause's subject ('Prosecutors') is not the speaker.
        """# text = Prosecutors are examining payments from a shipbuilder that won a contract, two people familiar with the inquiry said.
1	Prosecutors	prosecutor	NOUN	NNS	Number=Plur	3	nsubj	_	_
2	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	3	aux	_	_
3	examining	examine	VERB	VBG	Tense=Pres|VerbForm=Part	0	root	_	_
4	payments	payment	NOUN	NNS	Number=Plur	3	obj	_	_
5	from	from	ADP	IN	_	7	case	_	_
6	a	a	DET	DT	Definite=Ind|PronType=Art	7	det	_	_
7	shipbuilder	shipbuilder	NOUN	NN	Number=Sing	3	obl	_	_
8	that	that	PRON	WDT	PronType=Rel	9	nsubj	_	_
9	won	win	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	7	acl:relcl	_	_
10	a	a	DET	DT	Definite=Ind|PronType=Art	11	det	_	_
11	contract	contract	NOUN	NN	Number=Sing	9	obj	_	SpaceAfter=No
12	,	,	PUNCT	,	_	15	punct	_	_
13	two	two	NUM	CD	NumForm=Word|NumType=Card	14	nummod	_	_
14	people	people	NOUN	NNS	Number=Plur	15	nsubj	_	_
15	familiar	familiar	ADJ	JJ	Degree=Pos	3	conj	_	_
16	with	with	ADP	IN	_	18	case	_	_
17	the	the	DET	DT	Definite=Def|PronType=Art	18	det	_	_
18	inquiry	inquiry	NOUN	NN	Number=Sing	15	obl	_	_
19	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	3	advcl	_	SpaceAfter=No
20	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [
            (
                "Prosecutors are examining payments from a shipbuilder that won a contract",
                "said",
                "two people familiar with the inquiry",
                "indirect",
            )
        ],
    ),
    "a time phrase read as the subject of a relative clause": (
        # 'that evening said' a relative clause of 'office', 'evening' its subject.
        """# text = Two voters who were queuing outside the district office that evening said they had seen no smoke or fire.
1	Two	two	NUM	CD	NumForm=Word|NumType=Card	2	nummod	_	_
2	voters	voter	NOUN	NNS	Number=Plur	0	root	_	_
3	who	who	PRON	WP	PronType=Rel	5	nsubj	_	_
4	were	be	AUX	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	5	aux	_	_
5	queuing	queue	VERB	VBG	Tense=Pres|VerbForm=Part	2	acl:relcl	_	_
6	outside	outside	ADP	IN	_	9	case	_	_
7	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
8	district	district	NOUN	NN	Number=Sing	9	compound	_	_
9	office	office	NOUN	NN	Number=Sing	5	obl	_	_
10	that	that	PRON	WDT	PronType=Rel	12	obj	_	_
11	evening	evening	NOUN	NN	Number=Sing	12	nsubj	_	_
12	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	9	acl:relcl	_	_
13	they	they	PRON	PRP	Case=Nom|Number=Plur|Person=3|PronType=Prs	15	nsubj	_	_
14	had	have	AUX	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	15	aux	_	_
15	seen	see	VERB	VBN	Tense=Past|VerbForm=Part	12	ccomp	_	_
16	no	no	DET	DT	PronType=Neg	17	det	_	_
17	smoke	smoke	NOUN	NN	Number=Sing	15	obj	_	_
18	or	or	CCONJ	CC	_	19	cc	_	_
19	fire	fire	NOUN	NN	Number=Sing	17	conj	_	SpaceAfter=No
20	.	.	PUNCT	.	_	12	punct	_	SpaceAfter=No

""",
        [("they had seen no smoke or fire", "said", "Two voters", "indirect")],
    ),
    "a that-clause hung on a noun inside the statement noun's phrase": (
        # the clause a relative clause of 'channel', inside 'a post on its Telegram channel'.
        """# text = The front said in a post on its Telegram channel that the drone had crashed in a wheat field.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	front	front	NOUN	NN	Number=Sing	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	in	in	ADP	IN	_	6	case	_	_
5	a	a	DET	DT	Definite=Ind|PronType=Art	6	det	_	_
6	post	post	NOUN	NN	Number=Sing	3	obl	_	_
7	on	on	ADP	IN	_	10	case	_	_
8	its	its	PRON	PRP$	Case=Gen|Gender=Neut|Number=Sing|Person=3|Poss=Yes|PronType=Prs	10	nmod:poss	_	_
9	Telegram	Telegram	PROPN	NNP	Number=Sing	10	compound	_	_
10	channel	channel	NOUN	NN	Number=Sing	6	nmod	_	_
11	that	that	SCONJ	IN	_	15	mark	_	_
12	the	the	DET	DT	Definite=Def|PronType=Art	13	det	_	_
13	drone	drone	NOUN	NN	Number=Sing	15	nsubj	_	_
14	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	15	aux	_	_
15	crashed	crash	VERB	VBN	Tense=Past|VerbForm=Part	10	acl:relcl	_	_
16	in	in	ADP	IN	_	19	case	_	_
17	a	a	DET	DT	Definite=Ind|PronType=Art	19	det	_	_
18	wheat	wheat	NOUN	NN	Number=Sing	19	compound	_	_
19	field	field	NOUN	NN	Number=Sing	15	obl	_	SpaceAfter=No
20	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("the drone had crashed in a wheat field", "said in a post", "The front", "indirect")],
    ),
    "a that-clause hung on a time phrase after the cue": (
        # 'that it sees ...' a relative clause of 'months'.
        """# text = The campaign has said for months that it sees no reason to break with Obama.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	campaign	campaign	NOUN	NN	Number=Sing	4	nsubj	_	_
3	has	have	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	4	aux	_	_
4	said	say	VERB	VBN	Tense=Past|VerbForm=Part	0	root	_	_
5	for	for	ADP	IN	_	6	case	_	_
6	months	month	NOUN	NNS	Number=Plur	4	obl	_	_
7	that	that	PRON	WDT	PronType=Rel	9	mark	_	_
8	it	it	PRON	PRP	Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs	9	nsubj	_	_
9	sees	see	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	6	acl:relcl	_	_
10	no	no	DET	DT	PronType=Neg	11	det	_	_
11	reason	reason	NOUN	NN	Number=Sing	9	obj	_	_
12	to	to	PART	TO	_	13	mark	_	_
13	break	break	VERB	VB	VerbForm=Inf	11	acl	_	_
14	with	with	ADP	IN	_	15	case	_	_
15	Obama	Obama	PROPN	NNP	Number=Sing	13	obl	_	SpaceAfter=No
16	.	.	PUNCT	.	_	4	punct	_	SpaceAfter=No

""",
        [("it sees no reason to break with Obama", "said", "The campaign", "indirect")],
    ),
    "a that-clause hung inside the phrase of the interview the report was made in": (
        # 'that ... had contained ...' a relative clause of 'attacks', inside 'an ABC interview taped before the attacks'.
        """# text = Obama had said in an ABC interview taped before the attacks that the United States had contained the Islamic State.
1	Obama	Obama	PROPN	NNP	Number=Sing	3	nsubj	_	_
2	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	3	aux	_	_
3	said	say	VERB	VBN	Tense=Past|VerbForm=Part	0	root	_	_
4	in	in	ADP	IN	_	7	case	_	_
5	an	a	DET	DT	Definite=Ind|PronType=Art	7	det	_	_
6	ABC	ABC	PROPN	NNP	Number=Sing	7	compound	_	_
7	interview	interview	NOUN	NN	Number=Sing	3	obl	_	_
8	taped	tape	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	7	acl	_	_
9	before	before	ADP	IN	_	11	case	_	_
10	the	the	DET	DT	Definite=Def|PronType=Art	11	det	_	_
11	attacks	attack	NOUN	NNS	Number=Plur	8	obl	_	_
12	that	that	SCONJ	IN	_	17	mark	_	_
13	the	the	DET	DT	Definite=Def|PronType=Art	15	det	_	_
14	United	Unite	VERB	NNP	Tense=Past|VerbForm=Part	15	amod	_	_
15	States	State	PROPN	NNPS	Number=Plur	17	nsubj	_	_
16	had	have	AUX	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	17	aux	_	_
17	contained	contain	VERB	VBN	Tense=Past|VerbForm=Part	11	acl:relcl	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	20	det	_	_
19	Islamic	Islamic	ADJ	JJ	Degree=Pos	20	amod	_	_
20	State	State	PROPN	NNP	Number=Sing	17	obj	_	SpaceAfter=No
21	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("the United States had contained the Islamic State", "said", "Obama", "indirect")],
    ),
    "an inverted past read as a participle with a passive subject": (
        # 'found' VBN, 'poll' its nsubj:pass: no participle modifier ('footage posted online').
        """# text = Clinton has support from 52 percent of voters, while Sanders has backing from 33 percent, the poll found.
1	Clinton	Clinton	PROPN	NNP	Number=Sing	3	nsubj	_	_
2	has	have	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	3	aux	_	_
3	support	support	VERB	VBN	Tense=Past|VerbForm=Part	0	root	_	_
4	from	from	ADP	IN	_	6	case	_	_
5	52	52	NUM	CD	NumForm=Digit|NumType=Card	6	nummod	_	_
6	percent	percent	NOUN	NN	Number=Sing	3	obl	_	_
7	of	of	ADP	IN	_	8	case	_	_
8	voters	voter	NOUN	NNS	Number=Plur	6	nmod	_	SpaceAfter=No
9	,	,	PUNCT	,	_	13	punct	_	_
10	while	while	SCONJ	IN	_	13	mark	_	_
11	Sanders	Sanders	PROPN	NNP	Number=Sing	13	nsubj	_	_
12	has	have	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	13	aux	_	_
13	backing	back	VERB	VBG	Tense=Pres|VerbForm=Part	3	advcl	_	_
14	from	from	ADP	IN	_	16	case	_	_
15	33	33	NUM	CD	NumForm=Digit|NumType=Card	16	nummod	_	_
16	percent	percent	NOUN	NN	Number=Sing	13	obl	_	SpaceAfter=No
17	,	,	PUNCT	,	_	13	punct	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	19	det	_	_
19	poll	poll	NOUN	NN	Number=Sing	20	nsubj:pass	_	_
20	found	find	VERB	VBN	Tense=Past|VerbForm=Part	3	conj	_	SpaceAfter=No
21	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("Clinton has support from 52 percent of voters, while Sanders has backing from 33 percent", "found",
          "the poll", "indirect")],
    ),
    "an inverted past read as a participle modifying its subject": (
        # 'found' an acl of 'investigation', the sentence's last word.
        """# text = A religious movement may have provided improper campaign donations to candidates during the past several years, a USA TODAY investigation found.
1	A	a	DET	DT	Definite=Ind|PronType=Art	3	det	_	_
2	religious	religious	ADJ	JJ	Degree=Pos	3	amod	_	_
3	movement	movement	NOUN	NN	Number=Sing	6	nsubj	_	_
4	may	may	AUX	MD	VerbForm=Fin	6	aux	_	_
5	have	have	AUX	VB	VerbForm=Inf	6	aux	_	_
6	provided	provide	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
7	improper	improper	ADJ	JJ	Degree=Pos	9	amod	_	_
8	campaign	campaign	NOUN	NN	Number=Sing	9	compound	_	_
9	donations	donation	NOUN	NNS	Number=Plur	6	obj	_	_
10	to	to	ADP	IN	_	11	case	_	_
11	candidates	candidate	NOUN	NNS	Number=Plur	9	nmod	_	_
12	during	during	ADP	IN	_	16	case	_	_
13	the	the	DET	DT	Definite=Def|PronType=Art	16	det	_	_
14	past	past	ADJ	JJ	Degree=Pos	16	amod	_	_
15	several	several	ADJ	JJ	Degree=Pos	16	amod	_	_
16	years	year	NOUN	NNS	Number=Plur	6	obl	_	SpaceAfter=No
17	,	,	PUNCT	,	_	21	punct	_	_
18	a	a	DET	DT	Definite=Ind|PronType=Art	21	det	_	_
19	USA	USA	PROPN	NNP	Number=Sing	21	compound	_	_
20	TODAY	Today	PROPN	NNP	Number=Sing	19	flat	_	_
21	investigation	investigation	NOUN	NN	Number=Sing	6	parataxis	_	_
22	found	find	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	21	acl	_	SpaceAfter=No
23	.	.	PUNCT	.	_	6	punct	_	SpaceAfter=No

""",
        [("A religious movement may have provided improper campaign donations to candidates during the past several"
          " years", "found", "a USA TODAY investigation", "indirect")],
    ),
    "a directive's infinitive hung on its addressee": (
        # 'to stop' an acl of 'sides' (the parser shipped later on 2026-12-07), not an xcomp of 'urged'.
        """# text = The United Nations urged both sides to stop fighting.
1	The	the	DET	DT	Definite=Def|PronType=Art	3	det	_	_
2	United	Unite	VERB	NNP	Tense=Past|VerbForm=Part	3	amod	_	_
3	Nations	Nation	PROPN	NNPS	Number=Plur	4	nsubj	_	_
4	urged	urge	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
5	both	both	DET	DT	PronType=Tot	6	det	_	_
6	sides	side	NOUN	NNS	Number=Plur	4	obj	_	_
7	to	to	PART	TO	_	8	mark	_	_
8	stop	stop	VERB	VB	VerbForm=Inf	6	acl	_	_
9	fighting	fight	VERB	VBG	Tense=Pres|VerbForm=Part	8	xcomp	_	SpaceAfter=No
10	.	.	PUNCT	.	_	4	punct	_	SpaceAfter=No

""",
        [("both sides to stop fighting", "urged", "The United Nations", "indirect")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_claims_from_a_misread_speaker(name):
    conllu, expected = CASES[name]
    assert conllu_rows(conllu) == expected


SHOPKEEPER = """# text = Ignacio Ferreira, a 52-year-old shopkeeper whose store stands at the edge of the slide, said he had heard a roar.
1	Ignacio	Ignacio	PROPN	NNP	Number=Sing	21	nsubj	_	_
2	Ferreira	Ferreira	PROPN	NNP	Number=Sing	1	flat	_	SpaceAfter=No
3	,	,	PUNCT	,	_	10	punct	_	_
4	a	a	DET	DT	Definite=Ind|PronType=Art	10	det	_	_
5	52	52	NUM	CD	NumForm=Digit|NumType=Card	7	nummod	_	SpaceAfter=No
6	-	-	PUNCT	HYPH	_	7	punct	_	SpaceAfter=No
7	year	year	NOUN	NN	Number=Sing	9	obl:unmarked	_	SpaceAfter=No
8	-	-	PUNCT	HYPH	_	7	punct	_	SpaceAfter=No
9	old	old	ADJ	JJ	Degree=Pos	10	amod	_	_
10	shopkeeper	shopkeeper	NOUN	NN	Number=Sing	1	appos	_	_
11	whose	whose	DET	DT	PronType=Tot	12	nmod:poss	_	_
12	store	store	NOUN	NN	Number=Sing	13	nsubj	_	_
13	stands	stand	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	10	acl:relcl	_	_
14	at	at	ADP	IN	_	16	case	_	_
15	the	the	DET	DT	Definite=Def|PronType=Art	16	det	_	_
16	edge	edge	NOUN	NN	Number=Sing	13	obl	_	_
17	of	of	ADP	IN	_	19	case	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	19	det	_	_
19	slide	slide	NOUN	NN	Number=Sing	16	nmod	_	SpaceAfter=No
20	,	,	PUNCT	,	_	1	punct	_	_
21	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
22	he	he	PRON	PRP	Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs	24	nsubj	_	_
23	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	24	aux	_	_
24	heard	hear	VERB	VBN	Tense=Past|VerbForm=Part	21	ccomp	_	_
25	a	a	DET	DT	Definite=Ind|PronType=Art	26	det	_	_
26	roar	roar	NOUN	NN	Number=Sing	24	obj	_	SpaceAfter=No
27	.	.	PUNCT	.	_	21	punct	_	SpaceAfter=No

"""


def test_a_hyphenated_age_and_a_relative_with_whose_read_as_a_determiner():
    # 'year' in '52-year-old' is no time phrase that ends the source phrase;
    # 'whose' tagged DT: the apposition's head is 'shopkeeper', not 'store'.
    (claim,) = claimtrack.extract_document(claimtrack.parse_conllu(SHOPKEEPER)).claims
    assert (claim.content.text, claim.source.text, claim.source.phrase.text, claim.source.type) == (
        "he had heard a roar",
        "Ignacio Ferreira",
        "Ignacio Ferreira, a 52-year-old shopkeeper whose store stands at the edge of the slide",
        "witness",
    )
