"""Reported clauses the parser misread: each case gives the parse (CoNLL-U,
as a compact model produced it) and the exact claims expected from it, so
the rules that recover from a misread parse are tested whatever models ship.

Rows are (content, cue, source, kind).
"""

from __future__ import annotations

import pytest

import claimtrack
from claim_rows import conllu_rows

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
    "the reported clause's subject made a second subject of the cue": (
        # 'plan' and 'Jones' both subjects of 'said'; 'failed' a ccomp without its subject.
        """# text = The plan failed, Jones said.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	plan	plan	NOUN	NN	Number=Sing	6	nsubj	_	_
3	failed	fail	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	6	ccomp	_	SpaceAfter=No
4	,	,	PUNCT	,	_	3	punct	_	_
5	Jones	Jones	PROPN	NNP	Number=Sing	6	nsubj	_	_
6	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	SpaceAfter=No
7	.	.	PUNCT	.	_	6	punct	_	SpaceAfter=No

""",
        [("The plan failed", "said", "Jones", "indirect")],
    ),
    "a relative pronoun inside the reported clause before the cue": (
        # 'which' the object of 'left', so the clause's subtree reaches back over 'they say'.
        """# text = They are also focused on the drawdown of troops, which they say left a vacuum for terrorists.
1	They	they	PRON	PRP	Case=Nom|Number=Plur|Person=3|PronType=Prs	4	nsubj:pass	_	_
2	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	4	aux:pass	_	_
3	also	also	ADV	RB	_	4	advmod	_	_
4	focused	focus	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	on	on	ADP	IN	_	7	case	_	_
6	the	the	DET	DT	Definite=Def|PronType=Art	7	det	_	_
7	drawdown	drawdown	NOUN	NN	Number=Sing	4	obl	_	_
8	of	of	ADP	IN	_	9	case	_	_
9	troops	troops	NOUN	NNS	Number=Plur	7	nmod	_	SpaceAfter=No
10	,	,	PUNCT	,	_	13	punct	_	_
11	which	which	PRON	WDT	PronType=Rel	14	obj	_	_
12	they	they	PRON	PRP	Case=Nom|Number=Plur|Person=3|PronType=Prs	13	nsubj	_	_
13	say	say	VERB	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	7	acl:relcl	_	_
14	left	leave	VERB	VBD	Mood=Ind|Person=3|Tense=Past|VerbForm=Fin	13	ccomp	_	_
15	a	a	DET	DT	Definite=Ind|PronType=Art	16	det	_	_
16	vacuum	vacuum	NOUN	NN	Number=Sing	14	obj	_	_
17	for	for	ADP	IN	_	18	case	_	_
18	terrorists	terrorist	NOUN	NNS	Number=Plur	14	obl	_	SpaceAfter=No
19	.	.	PUNCT	.	_	4	punct	_	SpaceAfter=No

""",
        [("left a vacuum for terrorists", "say", "they", "indirect")],
    ),
    "a hyphenated number split by the parse": (
        # 'Two' the root, '-' and 'thirds' below: the source is not cut inside the word.
        """# text = Two-thirds of the members said the shortfall, combined with the delays, meant that the project would fail.
1	Two	two	NUM	CD	NumForm=Word|NumType=Card	0	root	_	SpaceAfter=No
2	-	-	PUNCT	HYPH	_	3	punct	_	SpaceAfter=No
3	thirds	third	ADJ	JJS	Degree=Sup	7	nsubj	_	_
4	of	of	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	Definite=Def|PronType=Art	6	det	_	_
6	members	member	NOUN	NNS	Number=Plur	3	nmod	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	1	parataxis	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	shortfall	shortfall	NOUN	NN	Number=Sing	7	obj	_	SpaceAfter=No
10	,	,	PUNCT	,	_	11	punct	_	_
11	combined	combine	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	9	acl	_	_
12	with	with	ADP	IN	_	14	case	_	_
13	the	the	DET	DT	Definite=Def|PronType=Art	14	det	_	_
14	delays	delay	NOUN	NNS	Number=Plur	11	obl	_	SpaceAfter=No
15	,	,	PUNCT	,	_	16	punct	_	_
16	meant	mean	VERB	VB	VerbForm=Fin	7	parataxis	_	_
17	that	that	SCONJ	IN	_	21	mark	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	19	det	_	_
19	project	project	NOUN	NN	Number=Sing	21	nsubj	_	_
20	would	would	AUX	MD	VerbForm=Fin	21	aux	_	_
21	fail	fail	VERB	VB	VerbForm=Inf	16	ccomp	_	SpaceAfter=No
22	.	.	PUNCT	.	_	1	punct	_	SpaceAfter=No

""",
        [("the shortfall, combined with the delays, meant that the project would fail", "said", "Two-thirds of the members", "indirect")],
    ),
    "a quantifier determiner as the subject (UD's pronominal use)": (
        # A correct parse: 'Some' is a DET heading the subject.
        """# text = Some say they hear echoes of a painful past in his recent comments.
1	Some	some	DET	DT	PronType=Ind	2	nsubj	_	_
2	say	say	VERB	VB	Mood=Ind|Tense=Pres|VerbForm=Fin	0	root	_	_
3	they	they	PRON	PRP	Case=Nom|Number=Plur|Person=3|PronType=Prs	4	nsubj	_	_
4	hear	hear	VERB	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	2	ccomp	_	_
5	echoes	echo	NOUN	NNS	Number=Plur	4	obj	_	_
6	of	of	ADP	IN	_	9	case	_	_
7	a	a	DET	DT	Definite=Ind|PronType=Art	9	det	_	_
8	painful	painful	ADJ	JJ	Degree=Pos	9	amod	_	_
9	past	past	NOUN	NN	Number=Sing	5	nmod	_	_
10	in	in	ADP	IN	_	13	case	_	_
11	his	his	PRON	PRP$	Case=Gen|Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs	13	nmod:poss	_	_
12	recent	recent	ADJ	JJ	Degree=Pos	13	amod	_	_
13	comments	comment	NOUN	NNS	Number=Plur	4	obl	_	SpaceAfter=No
14	.	.	PUNCT	.	_	2	punct	_	SpaceAfter=No

""",
        [("they hear echoes of a painful past in his recent comments", "say", "Some", "indirect")],
    ),
    "'labelled him a liar' as indirect object and object": (
        # 'him' an iobj, 'a liar' the obj.
        """# text = Critics labelled him a liar.
1	Critics	critic	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	labelled	label	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
3	him	he	PRON	PRP	Case=Acc|Gender=Masc|Number=Sing|Person=3|PronType=Prs	2	iobj	_	_
4	a	a	DET	DT	Definite=Ind|PronType=Art	5	det	_	_
5	liar	liar	NOUN	NN	Number=Sing	2	obj	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	SpaceAfter=No

""",
        [("him a liar", "labelled", "Critics", "indirect")],
    ),
    "'called off' with 'off' read as a preposition": (
        # 'off' the case marker of 'projects': another verb, no claim.
        """# text = Several businesses have called off projects because of his "comments".
1	Several	several	ADJ	JJ	Degree=Pos	2	amod	_	_
2	businesses	business	NOUN	NNS	Number=Plur	4	nsubj	_	_
3	have	have	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	4	aux	_	_
4	called	call	VERB	VBN	Tense=Past|VerbForm=Part	0	root	_	_
5	off	off	ADP	IN	_	6	case	_	_
6	projects	project	NOUN	NNS	Number=Plur	4	obj	_	_
7	because	because	ADP	IN	_	11	case	_	_
8	of	of	ADP	IN	_	7	fixed	_	_
9	his	his	PRON	PRP$	Case=Gen|Gender=Masc|Number=Sing|Person=3|Poss=Yes|PronType=Prs	11	nmod:poss	_	_
10	"	"	PUNCT	''	_	11	punct	_	SpaceAfter=No
11	comments	comment	NOUN	NNS	Number=Plur	4	obl	_	SpaceAfter=No
12	"	"	PUNCT	''	_	11	punct	_	SpaceAfter=No
13	.	.	PUNCT	.	_	4	punct	_	SpaceAfter=No

""",
        [],
    ),
    "'a statement saying' read as one noun phrase": (
        # 'saying' a noun, the object of 'released', with 'statement' its compound.
        """# text = The ministry released a statement saying that the border would reopen.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	ministry	ministry	NOUN	NN	Number=Sing	3	nsubj	_	_
3	released	release	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	a	a	DET	DT	Definite=Ind|PronType=Art	5	det	_	_
5	statement	statement	NOUN	NN	Number=Sing	6	compound	_	_
6	saying	saying	NOUN	NN	Number=Sing	3	obj	_	_
7	that	that	SCONJ	IN	_	11	mark	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	border	border	NOUN	NN	Number=Sing	11	nsubj	_	_
10	would	would	AUX	MD	VerbForm=Fin	11	aux	_	_
11	reopen	reopen	VERB	VB	VerbForm=Inf	6	acl:relcl	_	SpaceAfter=No
12	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("the border would reopen", "statement saying", "The ministry", "indirect")],
    ),
    "a time word made the cue's subject after a participle tagged as a past tense": (
        # 'released' a finite VBD (the root), 'Thursday' the subject of 'accuses'.
        """# text = A new union video released Thursday accuses the mayor of lying.
1	A	a	DET	DT	Definite=Ind|PronType=Art	4	det	_	_
2	new	new	ADJ	JJ	Degree=Pos	4	amod	_	_
3	union	union	NOUN	NN	Number=Sing	4	compound	_	_
4	video	video	NOUN	NN	Number=Sing	5	nsubj	_	_
5	released	release	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
6	Thursday	Thursday	PROPN	NNP	Number=Sing	7	nsubj	_	_
7	accuses	accuse	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	5	ccomp	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	mayor	mayor	NOUN	NN	Number=Sing	7	obj	_	_
10	of	of	SCONJ	IN	_	11	mark	_	_
11	lying	lie	VERB	VBG	VerbForm=Ger	9	acl	_	SpaceAfter=No
12	.	.	PUNCT	.	_	5	punct	_	SpaceAfter=No

""",
        [("the mayor of lying", "accuses", "A new union video", "indirect")],
    ),
    "'that' made the object of an evidential cue": (
        # 'that' a PRON object of 'shows'; the reported clause is a second complement.
        """# text = A bank survey published Monday shows that prices are rising.
1	A	a	DET	DT	Definite=Ind|PronType=Art	3	det	_	_
2	bank	bank	NOUN	NN	Number=Sing	3	compound	_	_
3	survey	survey	NOUN	NN	Number=Sing	6	nsubj	_	_
4	published	publish	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	6	ccomp	_	_
5	Monday	Monday	PROPN	NNP	Number=Sing	6	nsubj	_	_
6	shows	show	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
7	that	that	PRON	WDT	PronType=Rel	10	obj	_	_
8	prices	price	NOUN	NNS	Number=Plur	10	nsubj	_	_
9	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin	10	aux	_	_
10	rising	rise	VERB	VBG	Tense=Pres|VerbForm=Part	6	ccomp	_	SpaceAfter=No
11	.	.	PUNCT	.	_	6	punct	_	SpaceAfter=No

""",
        [("prices are rising", "shows", "A bank survey", "indirect")],
    ),
    "the reported clause as a relative clause on the addressee, its subject with a determiner": (
        # 'ignored' an acl:relcl of 'lawmakers' with its own subject 'the clinic'.
        """# text = Auditor General Ana Pym told lawmakers the clinic had ignored warnings.
1	Auditor	Auditor	PROPN	NNP	Number=Sing	3	compound	_	_
2	General	General	ADJ	JJ	Degree=Pos	3	amod	_	_
3	Ana	Ana	PROPN	NNP	Number=Sing	5	nsubj	_	_
4	Pym	Pym	PROPN	NNP	Number=Sing	3	flat	_	_
5	told	tell	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
6	lawmakers	lawmaker	NOUN	NNS	Number=Plur	5	iobj	_	_
7	the	the	DET	DT	Definite=Def|PronType=Art	8	det	_	_
8	clinic	clinic	NOUN	NN	Number=Sing	10	nsubj	_	_
9	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	10	aux	_	_
10	ignored	ignore	VERB	VBN	Tense=Past|VerbForm=Part	6	acl:relcl	_	_
11	warnings	warning	NOUN	NNS	Number=Plur	10	obj	_	SpaceAfter=No
12	.	.	PUNCT	.	_	5	punct	_	SpaceAfter=No

""",
        [("the clinic had ignored warnings", "told", "Auditor General Ana Pym", "indirect")],
    ),
    "a quoted clause made a second complement before the inverted cue": (
        # 'told' and 'case' both ccomps of 'said', the commas and quotation marks between them.
        """# text = "We are told all the time, 'Kosovo is a special case,'" Mr. Putin said.
1	"	"	PUNCT	``	_	4	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	Case=Nom|Number=Plur|Person=1|PronType=Prs	4	nsubj:pass	_	_
3	are	be	AUX	VBP	Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin	4	aux:pass	_	_
4	told	tell	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	20	ccomp	_	_
5	all	all	DET	PDT	PronType=Tot	7	det:predet	_	_
6	the	the	DET	DT	Definite=Def|PronType=Art	7	det	_	_
7	time	time	NOUN	NN	Number=Sing	4	obl:unmarked	_	SpaceAfter=No
8	,	,	PUNCT	,	_	4	punct	_	_
9	'	'	PUNCT	``	_	14	punct	_	SpaceAfter=No
10	Kosovo	Kosovo	PROPN	NNP	Number=Sing	14	nsubj	_	_
11	is	be	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	14	cop	_	_
12	a	a	DET	DT	Definite=Ind|PronType=Art	14	det	_	_
13	special	special	ADJ	JJ	Degree=Pos	14	amod	_	_
14	case	case	NOUN	NN	Number=Sing	20	ccomp	_	SpaceAfter=No
15	,	,	PUNCT	,	_	4	punct	_	SpaceAfter=No
16	'	'	PUNCT	``	_	4	punct	_	SpaceAfter=No
17	"	"	PUNCT	''	_	14	punct	_	_
18	Mr.	Mr.	PROPN	NNP	Number=Sing	19	nmod:desc	_	_
19	Putin	Putin	PROPN	NNP	Number=Sing	20	nsubj	_	_
20	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	SpaceAfter=No
21	.	.	PUNCT	.	_	20	punct	_	SpaceAfter=No

""",
        [("We are told all the time, 'Kosovo is a special case,'", "said", "Mr. Putin", "direct")],
    ),
    "a participle of the source phrase read as the main verb": (
        # 'briefed' the root with 'people' its subject, 'said' an advcl below it.
        """# text = Two people briefed on the talks said a deal was close.
1	Two	two	NUM	CD	NumForm=Word|NumType=Card	2	nummod	_	_
2	people	people	NOUN	NNS	Number=Plur	3	nsubj	_	_
3	briefed	brief	VERB	VBD	Tense=Past|VerbForm=Part	0	root	_	_
4	on	on	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	Definite=Def|PronType=Art	6	det	_	_
6	talks	talk	NOUN	NNS	Number=Plur	3	obl	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	3	advcl	_	_
8	a	a	DET	DT	Definite=Ind|PronType=Art	9	det	_	_
9	deal	deal	NOUN	NN	Number=Sing	11	nsubj	_	_
10	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	11	cop	_	_
11	close	close	ADJ	JJ	Degree=Pos	7	ccomp	_	SpaceAfter=No
12	.	.	PUNCT	.	_	7	punct	_	SpaceAfter=No

""",
        [("a deal was close", "said", "Two people briefed on the talks", "indirect")],
    ),
    "a plural noun read as a cue verb with the real verb its open complement": (
        # 'claims' a VBZ root, 'rose' an xcomp with no subject of its own: no claim.
        """# text = Pension claims rose sharply last year.
1	Pension	pension	NOUN	NN	Number=Sing	2	nsubj	_	_
2	claims	claim	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
3	rose	rise	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	2	xcomp	_	_
4	sharply	sharply	ADV	RB	_	3	advmod	_	_
5	last	last	ADJ	JJ	Degree=Pos	6	amod	_	_
6	year	year	NOUN	NN	Number=Sing	3	obl:unmarked	_	SpaceAfter=No
7	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_claims_from_a_misread_parse(name):
    conllu, expected = CASES[name]
    assert conllu_rows(conllu) == expected


# The UD attachment of the comma before an apposition (on the apposition's
# head) in a sentence that claims nothing: the later "The mayor" still takes
# the name beside it.
JONAS_PETIT = """# text = Jonas Petit, the mayor, opened the bridge on Monday.
1	Jonas	Jonas	PROPN	NNP	Number=Sing	7	nsubj	_	_
2	Petit	Petit	PROPN	NNP	Number=Sing	1	flat	_	SpaceAfter=No
3	,	,	PUNCT	,	_	5	punct	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	mayor	mayor	NOUN	NN	Number=Sing	1	appos	_	SpaceAfter=No
6	,	,	PUNCT	,	_	1	punct	_	_
7	opened	open	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	bridge	bridge	NOUN	NN	Number=Sing	7	obj	_	_
10	on	on	ADP	IN	_	11	case	_	_
11	Monday	Monday	PROPN	NNP	Number=Sing	7	obl	_	SpaceAfter=No
12	.	.	PUNCT	.	_	7	punct	_	_

# text = The mayor said it was safe.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	mayor	mayor	NOUN	NN	Number=Sing	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	it	it	PRON	PRP	Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs	6	nsubj	_	_
5	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	6	cop	_	_
6	safe	safe	ADJ	JJ	Degree=Pos	3	ccomp	_	SpaceAfter=No
7	.	.	PUNCT	.	_	3	punct	_	_

# text = Petit added that the cost was low.
1	Petit	Petit	PROPN	NNP	Number=Sing	2	nsubj	_	_
2	added	add	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
3	that	that	SCONJ	IN	_	7	mark	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	cost	cost	NOUN	NN	Number=Sing	7	nsubj	_	_
6	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	7	cop	_	_
7	low	low	ADJ	JJ	Degree=Pos	2	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	2	punct	_	SpaceAfter=No

"""


def test_a_description_named_by_an_apposition_with_the_comma_on_it():
    result = claimtrack.extract_document(claimtrack.parse_conllu(JONAS_PETIT))
    assert [(c.source.text, c.source.name, c.content.text) for c in result.claims] == [
        ("The mayor", "Jonas Petit", "it was safe"),
        ("Petit", "Jonas Petit", "the cost was low"),
    ]
