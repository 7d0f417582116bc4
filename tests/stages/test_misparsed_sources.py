"""Reported clauses and sources the parser misread, a second set (the
period-5 candidate models): each case gives the parse (CoNLL-U, as a compact
model produced it) and the exact claims expected from it, so the rules that
recover from a misread parse are tested whatever models ship.

Rows are (content, cue, source, kind).
"""

from __future__ import annotations

import pytest

import claimtrack
from claim_rows import conllu_rows

CASES = {
    "a document phrase whose participle has a past tense's features and a bare time word": (
        # 'released' tagged VBN with VerbForm=Fin, 'Wednesday' its obl:unmarked.
        """# text = The senator leads with 30 percent in the latest Gazette poll released Wednesday.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	senator	senator	NOUN	NN	Number=Sing	3	nsubj	_	_
3	leads	lead	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	0	root	_	_
4	with	with	ADP	IN	_	6	case	_	_
5	30	30	NUM	CD	NumForm=Digit|NumType=Card	6	nummod	_	_
6	percent	percent	NOUN	NN	Number=Sing	3	obl	_	_
7	in	in	ADP	IN	_	11	case	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	11	det	_	_
9	latest	late	ADJ	JJS	Degree=Sup	11	amod	_	_
10	Gazette	Gazette	PROPN	NNP	Number=Sing	11	compound	_	_
11	poll	poll	NOUN	NN	Number=Sing	3	obl	_	_
12	released	release	VERB	VBN	Tense=Past|VerbForm=Fin	11	acl	_	_
13	Wednesday	Wednesday	PROPN	NNP	Number=Sing	12	obl:unmarked	_	SpaceAfter=No
14	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("The senator leads with 30 percent", "in", "the latest Gazette poll released Wednesday", "indirect")],
    ),
    "'called the report a lie' with the predicate a bare noun phrase of the verb": (
        # 'a lie' as obl:unmarked (UD's relation for 'last week' as well).
        """# text = The mayor called the report a lie.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	mayor	mayor	NOUN	NN	Number=Sing	3	nsubj	_	_
3	called	call	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	report	report	NOUN	NN	Number=Sing	3	obj	_	_
6	a	a	DET	DT	Definite=Ind|PronType=Art	7	det	_	_
7	lie	lie	NOUN	NN	Number=Sing	3	obl:unmarked	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("the report a lie", "called", "The mayor", "indirect")],
    ),
    "a time phrase after the object of 'called' is no predicate": (
        # 'last week' as obl:unmarked, like 'a lie' above.
        """# text = The mayor called the meeting last week.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	mayor	mayor	NOUN	NN	Number=Sing	3	nsubj	_	_
3	called	call	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	meeting	meeting	NOUN	NN	Number=Sing	3	obj	_	_
6	last	last	ADJ	JJ	Degree=Pos	7	amod	_	_
7	week	week	NOUN	NN	Number=Sing	3	obl:unmarked	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [],
    ),
    "'said in a report that' with the clause hung on the report": (
        # the that-clause an acl:relcl of 'report': still the verb's own clause.
        """# text = The ministry said in a report that the camp was empty.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	ministry	ministry	NOUN	NN	Number=Sing	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	in	in	ADP	IN	_	6	case	_	_
5	a	a	DET	DT	Definite=Ind|PronType=Art	6	det	_	_
6	report	report	NOUN	NN	Number=Sing	3	obl	_	_
7	that	that	SCONJ	IN	_	11	mark	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	camp	camp	NOUN	NN	Number=Sing	11	nsubj	_	_
10	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	11	cop	_	_
11	empty	empty	ADJ	JJ	Degree=Pos	6	acl:relcl	_	SpaceAfter=No
12	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("the camp was empty", "said", "The ministry", "indirect")],
    ),
    "the reported clause's subject read as the object, with an apposition in commas": (
        # 'minister' the object of 'said', its closing comma hung on 'chairman';
        # 'promised' has no subject of its own: the object is its speaker.
        """# text = Its chairman, Gregor Halvorsen, said the transport minister, Ivo Castellan, had promised to join talks.
1	Its	its	PRON	PRP$	Case=Gen|Gender=Neut|Number=Sing|Person=3|Poss=Yes|PronType=Prs	2	nmod:poss	_	_
2	chairman	chairman	NOUN	NN	Number=Sing	7	nsubj	_	SpaceAfter=No
3	,	,	PUNCT	,	_	2	punct	_	_
4	Gregor	Gregor	PROPN	NNP	Number=Sing	2	appos	_	_
5	Halvorsen	Halvorsen	PROPN	NNP	Number=Sing	4	flat	_	SpaceAfter=No
6	,	,	PUNCT	,	_	2	punct	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	10	det	_	_
9	transport	transport	NOUN	NN	Number=Sing	10	compound	_	_
10	minister	minister	NOUN	NN	Number=Sing	7	obj	_	SpaceAfter=No
11	,	,	PUNCT	,	_	12	punct	_	_
12	Ivo	Ivo	PROPN	NNP	Number=Sing	10	appos	_	_
13	Castellan	Castellan	PROPN	NNP	Number=Sing	12	flat	_	SpaceAfter=No
14	,	,	PUNCT	,	_	2	punct	_	_
15	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	16	aux	_	_
16	promised	promise	VERB	VBN	Tense=Past|VerbForm=Part	7	ccomp	_	_
17	to	to	PART	TO	_	18	mark	_	_
18	join	join	VERB	VB	VerbForm=Inf	16	xcomp	_	_
19	talks	talk	NOUN	NNS	Number=Plur	18	obj	_	SpaceAfter=No
20	.	.	PUNCT	.	_	7	punct	_	SpaceAfter=No

""",
        [
            ("the transport minister, Ivo Castellan, had promised to join talks", "said", "Its chairman", "indirect"),
            ("to join talks", "promised", "the transport minister", "indirect"),
        ],
    ),
    "a mixed quotation parsed as two complements, the later one around the earlier": (
        # 'approve' and 'reckless' both complements of 'said'; 'that' and 'for the council' hang on 'reckless'.
        """# text = She said that for the council "to approve it now would be reckless".
1	She	she	PRON	PRP	Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs	2	nsubj	_	_
2	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
3	that	that	SCONJ	IN	_	14	mark	_	_
4	for	for	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	Definite=Def|PronType=Art	6	det	_	_
6	council	council	NOUN	NN	Number=Sing	14	obl	_	_
7	"	"	PUNCT	''	_	6	punct	_	SpaceAfter=No
8	to	to	PART	TO	_	9	mark	_	_
9	approve	approve	VERB	VB	VerbForm=Inf	2	ccomp	_	_
10	it	it	PRON	PRP	Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs	9	obj	_	_
11	now	now	ADV	RB	_	14	advmod	_	_
12	would	would	AUX	MD	VerbForm=Fin	14	aux	_	_
13	be	be	AUX	VB	VerbForm=Inf	14	cop	_	_
14	reckless	reckless	ADJ	JJ	Degree=Pos	2	ccomp	_	SpaceAfter=No
15	"	"	PUNCT	''	_	14	punct	_	SpaceAfter=No
16	.	.	PUNCT	.	_	2	punct	_	SpaceAfter=No

""",
        [('for the council "to approve it now would be reckless"', "said", "She", "mixed")],
    ),
    "the reported clause's subject read as the cue's object, with a phrase in commas": (
        # 'shortfall' the object of 'said', 'meant' a complement with no subject.
        """# text = Two-thirds of the members said the shortfall, combined with the delays, meant that the project would fail.
1	Two	two	NUM	CD	NumForm=Word|NumType=Card	7	nsubj	_	SpaceAfter=No
2	-	-	PUNCT	HYPH	_	3	punct	_	SpaceAfter=No
3	thirds	third	NUM	CD	NumForm=Word|NumType=Card	7	nsubj	_	_
4	of	of	ADP	IN	_	6	case	_	_
5	the	the	DET	DT	Definite=Def|PronType=Art	6	det	_	_
6	members	member	NOUN	NNS	Number=Plur	3	nmod	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	shortfall	shortfall	NOUN	NN	Number=Sing	7	obj	_	SpaceAfter=No
10	,	,	PUNCT	,	_	11	punct	_	_
11	combined	combine	VERB	VBN	Tense=Past|VerbForm=Part	9	acl	_	_
12	with	with	ADP	IN	_	14	case	_	_
13	the	the	DET	DT	Definite=Def|PronType=Art	14	det	_	_
14	delays	delay	NOUN	NNS	Number=Plur	11	obl	_	SpaceAfter=No
15	,	,	PUNCT	,	_	16	punct	_	_
16	meant	mean	VERB	VBN	Tense=Past|VerbForm=Fin	7	ccomp	_	_
17	that	that	SCONJ	IN	_	21	mark	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	19	det	_	_
19	project	project	NOUN	NN	Number=Sing	21	nsubj	_	_
20	would	would	AUX	MD	VerbForm=Fin	21	aux	_	_
21	fail	fail	VERB	VB	VerbForm=Inf	16	ccomp	_	SpaceAfter=No
22	.	.	PUNCT	.	_	7	punct	_	SpaceAfter=No

""",
        [(
            "the shortfall, combined with the delays, meant that the project would fail", "said",
            "Two-thirds of the members", "indirect",
        )],
    ),
    "the main verb hung inside the subject's participle": (
        # 'video' the root, 'appeared' tagged VBN and made a complement of 'circulating'.
        """# text = A video circulating online appeared to show the bridge collapsing.
1	A	a	DET	DT	Definite=Ind|PronType=Art	2	det	_	_
2	video	video	NOUN	NN	Number=Sing	0	root	_	_
3	circulating	circulate	VERB	VBG	VerbForm=Ger	2	acl	_	_
4	online	online	ADV	RB	_	3	advmod	_	_
5	appeared	appear	VERB	VBN	Tense=Past|VerbForm=Part	3	xcomp	_	_
6	to	to	PART	TO	_	7	mark	_	_
7	show	show	VERB	VB	VerbForm=Inf	5	xcomp	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	bridge	bridge	NOUN	NN	Number=Sing	7	obj	_	_
10	collapsing	collapse	NOUN	NN	Number=Sing	7	obj	_	SpaceAfter=No
11	.	.	PUNCT	.	_	5	punct	_	SpaceAfter=No

""",
        [("the bridge collapsing", "show", "A video circulating online", "indirect")],
    ),
    "one name parsed as two subjects before a noun cue": (
        # 'Harakat' and 'al-Nujaba' both subjects of 'released'.
        """# text = Harakat al-Nujaba, one of the Hashed's factions, released a statement saying that the commander had been killed.
1	Harakat	Harakat	PROPN	NNP	Number=Sing	13	nsubj	_	_
2	al	al	PROPN	NNP	Number=Sing	13	nsubj	_	SpaceAfter=No
3	-	-	PUNCT	HYPH	_	4	punct	_	SpaceAfter=No
4	Nujaba	Nujaba	PROPN	NNP	Number=Sing	2	flat	_	SpaceAfter=No
5	,	,	PUNCT	,	_	6	punct	_	_
6	one	one	NUM	CD	NumForm=Word|NumType=Card	1	appos	_	_
7	of	of	ADP	IN	_	11	case	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	Hashed	hash	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	11	nmod:poss	_	_
10	's	's	PART	POS	_	9	case	_	_
11	factions	faction	NOUN	NNS	Number=Plur	6	nmod	_	SpaceAfter=No
12	,	,	PUNCT	,	_	2	punct	_	_
13	released	release	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
14	a	a	DET	DT	Definite=Ind|PronType=Art	15	det	_	_
15	statement	statement	NOUN	NN	Number=Sing	13	obj	_	_
16	saying	say	VERB	VBG	VerbForm=Part	15	acl	_	_
17	that	that	SCONJ	IN	_	22	mark	_	_
18	the	the	DET	DT	Definite=Def|PronType=Art	19	det	_	_
19	commander	commander	NOUN	NN	Number=Sing	22	nsubj:pass	_	_
20	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	22	aux	_	_
21	been	be	AUX	VBN	Tense=Past|VerbForm=Part	22	aux:pass	_	_
22	killed	kill	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	16	ccomp	_	SpaceAfter=No
23	.	.	PUNCT	.	_	13	punct	_	SpaceAfter=No

""",
        [("the commander had been killed", "statement saying", "Harakat al-Nujaba", "indirect")],
    ),
    "an apposition in commas parsed as a second subject": (
        # 'spokesman' and 'Tomas' both subjects of 'said'.
        """# text = Their spokesman, Tomas Reyes, said the company would appeal.
1	Their	their	PRON	PRP$	Case=Gen|Number=Plur|Person=3|Poss=Yes|PronType=Prs	2	nmod:poss	_	_
2	spokesman	spokesman	NOUN	NN	Number=Sing	7	nsubj	_	SpaceAfter=No
3	,	,	PUNCT	,	_	4	punct	_	_
4	Tomas	Tomas	PROPN	NNP	Number=Sing	7	nsubj	_	_
5	Reyes	Reyes	PROPN	NNP	Number=Sing	4	flat	_	SpaceAfter=No
6	,	,	PUNCT	,	_	2	punct	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	company	company	NOUN	NN	Number=Sing	11	nsubj	_	_
10	would	would	AUX	MD	VerbForm=Fin	11	aux	_	_
11	appeal	appeal	VERB	VB	VerbForm=Inf	7	ccomp	_	SpaceAfter=No
12	.	.	PUNCT	.	_	7	punct	_	SpaceAfter=No

""",
        [("the company would appeal", "said", "Their spokesman", "indirect")],
    ),
    "a day named after the cue, parsed as its object, is no subject of the clause": (
        # 'Wednesday' the object of 'said'; the clause has its own subject.
        """# text = Hillary Clinton said Wednesday she, too, wants a Justice Department inquiry.
1	Hillary	Hillary	PROPN	NNP	Number=Sing	3	nsubj	_	_
2	Clinton	Clinton	PROPN	NNP	Number=Sing	1	flat	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	Wednesday	Wednesday	PROPN	NNP	Number=Sing	3	obj	_	_
5	she	she	PRON	PRP	Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs	9	nsubj	_	SpaceAfter=No
6	,	,	PUNCT	,	_	7	punct	_	_
7	too	too	ADV	RB	_	9	advmod	_	SpaceAfter=No
8	,	,	PUNCT	,	_	7	punct	_	_
9	wants	want	VERB	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	3	ccomp	_	_
10	a	a	DET	DT	Definite=Ind|PronType=Art	13	det	_	_
11	Justice	Justice	PROPN	NNP	Number=Sing	13	compound	_	_
12	Department	Department	PROPN	NNP	Number=Sing	13	compound	_	_
13	inquiry	inquiry	NOUN	NN	Number=Sing	9	obj	_	SpaceAfter=No
14	.	.	PUNCT	.	_	3	punct	_	SpaceAfter=No

""",
        [("she, too, wants a Justice Department inquiry", "said", "Hillary Clinton", "indirect")],
    ),
    "the clause's subject, with quotation marks in it, made a second subject of the cue after it": (
        # As the candidate parsed the sentence with a longer apposition: 'model'
        # a subject of 'said', 'decline' a complement without one.
        """# text = Lesley Deutch, a consultant, said the ''old model'' of private golf clubs is in decline.
1	Lesley	Lesley	PROPN	NNP	Number=Sing	7	nsubj	_	_
2	Deutch	Deutch	PROPN	NNP	Number=Sing	1	flat	_	SpaceAfter=No
3	,	,	PUNCT	,	_	5	punct	_	_
4	a	a	DET	DT	Definite=Ind|PronType=Art	5	det	_	_
5	consultant	consultant	NOUN	NN	Number=Sing	1	appos	_	SpaceAfter=No
6	,	,	PUNCT	,	_	5	punct	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	11	det	_	_
9	''	''	PUNCT	``	_	11	punct	_	SpaceAfter=No
10	old	old	ADJ	JJ	Degree=Pos	11	amod	_	_
11	model	model	NOUN	NN	Number=Sing	7	nsubj	_	SpaceAfter=No
12	''	''	PUNCT	''	_	11	punct	_	_
13	of	of	ADP	IN	_	16	case	_	_
14	private	private	ADJ	JJ	Degree=Pos	16	amod	_	_
15	golf	golf	NOUN	NN	Number=Sing	16	compound	_	_
16	clubs	club	NOUN	NNS	Number=Plur	11	nmod	_	_
17	is	be	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	19	cop	_	_
18	in	in	ADP	IN	_	19	case	_	_
19	decline	decline	NOUN	NN	Number=Sing	7	ccomp	_	SpaceAfter=No
20	.	.	PUNCT	.	_	7	punct	_	SpaceAfter=No

""",
        [("the ''old model'' of private golf clubs is in decline", "said", "Lesley Deutch", "mixed")],
    ),
    "a phrase in commas after the subject, hung on the cue, is no sign of an inverted source": (
        # 'Ana Ruiz' an obl of 'criticized' with 'including' its case.
        """# text = Several city leaders, including Ana Ruiz and Tom Vale, criticized the deal.
1	Several	several	ADJ	JJ	Degree=Pos	3	amod	_	_
2	city	city	NOUN	NN	Number=Sing	3	compound	_	_
3	leaders	leader	NOUN	NNS	Number=Plur	12	nsubj	_	SpaceAfter=No
4	,	,	PUNCT	,	_	6	punct	_	_
5	including	include	VERB	VBG	Tense=Pres|VerbForm=Part	6	case	_	_
6	Ana	Ana	PROPN	NNP	Number=Sing	12	obl	_	_
7	Ruiz	Ruiz	PROPN	NNP	Number=Sing	6	flat	_	_
8	and	and	CCONJ	CC	_	9	cc	_	_
9	Tom	Tom	PROPN	NNP	Number=Sing	6	conj	_	_
10	Vale	Vale	PROPN	NNP	Number=Sing	9	flat	_	SpaceAfter=No
11	,	,	PUNCT	,	_	3	punct	_	_
12	criticized	criticize	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
13	the	the	DET	DT	Definite=Def|PronType=Art	14	det	_	_
14	deal	deal	NOUN	NN	Number=Sing	12	obj	_	SpaceAfter=No
15	.	.	PUNCT	.	_	12	punct	_	SpaceAfter=No

""",
        [("the deal", "criticized", "Several city leaders", "indirect")],
    ),
    "a verb read as a plural noun with a subject and a clause of its own": (
        # 'plans' a noun (the root) with 'Clinton' its subject and 'to make' its xcomp.
        """# text = Clinton plans to make her proposal at a campaign stop.
1	Clinton	Clinton	PROPN	NNP	Number=Sing	2	nsubj	_	_
2	plans	plan	NOUN	NNS	Number=Plur	0	root	_	_
3	to	to	PART	TO	_	4	mark	_	_
4	make	make	VERB	VB	VerbForm=Inf	2	xcomp	_	_
5	her	her	PRON	PRP$	Case=Gen|Gender=Fem|Number=Sing|Person=3|Poss=Yes|PronType=Prs	6	nmod:poss	_	_
6	proposal	proposal	NOUN	NN	Number=Sing	4	obj	_	_
7	at	at	ADP	IN	_	10	case	_	_
8	a	a	DET	DT	Definite=Ind|PronType=Art	10	det	_	_
9	campaign	campaign	NOUN	NN	Number=Sing	10	compound	_	_
10	stop	stop	NOUN	NN	Number=Sing	4	obl	_	SpaceAfter=No
11	.	.	PUNCT	.	_	2	punct	_	SpaceAfter=No

""",
        [("to make her proposal at a campaign stop", "plans", "Clinton", "indirect")],
    ),
    "'said in a post on X that' with the clause hung on the post": (
        # 'told' an acl:relcl of 'post', with 'X' between: still the verb's own clause.
        """# text = Whitfield said in a post on X that she had not been told of any investigation.
1	Whitfield	Whitfield	PROPN	NNP	Number=Sing	2	nsubj	_	_
2	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
3	in	in	ADP	IN	_	5	case	_	_
4	a	a	DET	DT	Definite=Ind|PronType=Art	5	det	_	_
5	post	post	NOUN	NN	Number=Sing	2	obl	_	_
6	on	on	ADP	IN	_	7	case	_	_
7	X	X	NOUN	NN	Number=Sing	5	nmod	_	_
8	that	that	SCONJ	IN	_	13	mark	_	_
9	she	she	PRON	PRP	Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs	13	nsubj:pass	_	_
10	had	have	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	13	aux	_	_
11	not	not	PART	RB	Polarity=Neg	13	advmod	_	_
12	been	be	AUX	VBN	Tense=Past|VerbForm=Part	13	aux:pass	_	_
13	told	tell	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	5	acl:relcl	_	_
14	of	of	ADP	IN	_	16	case	_	_
15	any	any	DET	DT	PronType=Ind	16	det	_	_
16	investigation	investigation	NOUN	NN	Number=Sing	13	obl	_	SpaceAfter=No
17	.	.	PUNCT	.	_	2	punct	_	SpaceAfter=No

""",
        [("she had not been told of any investigation", "said in a post", "Whitfield", "indirect")],
    ),
    "a reported clause opening with 'although', parsed as the head's own subordinator": (
        # 'that' and 'although' both marks of 'step', made an advcl of 'said'.
        """# text = The minister said in a statement Sunday that although the vote was "an important step," it was "far from perfect."
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	minister	minister	NOUN	NN	Number=Sing	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	in	in	ADP	IN	_	6	case	_	_
5	a	a	DET	DT	Definite=Ind|PronType=Art	6	det	_	_
6	statement	statement	NOUN	NN	Number=Sing	3	obl	_	_
7	Sunday	Sunday	PROPN	NNP	Number=Sing	3	obl:unmarked	_	_
8	that	that	SCONJ	IN	_	16	mark	_	_
9	although	although	SCONJ	IN	_	16	mark	_	_
10	the	the	DET	DT	Definite=Def|PronType=Art	11	det	_	_
11	vote	vote	NOUN	NN	Number=Sing	16	nsubj	_	_
12	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	16	cop	_	_
13	"	"	PUNCT	``	_	16	punct	_	SpaceAfter=No
14	an	a	DET	DT	Definite=Ind|PronType=Art	16	det	_	_
15	important	important	ADJ	JJ	Degree=Pos	16	amod	_	_
16	step	step	NOUN	NN	Number=Sing	3	advcl	_	SpaceAfter=No
17	,	,	PUNCT	,	_	22	punct	_	SpaceAfter=No
18	"	"	PUNCT	``	_	22	punct	_	_
19	it	it	PRON	PRP	Case=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs	22	nsubj	_	_
20	was	be	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	22	cop	_	_
21	"	"	PUNCT	``	_	22	punct	_	SpaceAfter=No
22	far	far	ADV	RB	_	16	advmod	_	_
23	from	from	ADP	IN	_	24	case	_	_
24	perfect	perfect	ADJ	JJ	Degree=Pos	22	obl	_	SpaceAfter=No
25	.	.	PUNCT	.	_	22	punct	_	SpaceAfter=No
26	"	"	PUNCT	''	_	22	punct	_	SpaceAfter=No

""",
        [(
            'although the vote was "an important step," it was "far from perfect."', "said in a statement",
            "The minister", "mixed",
        )],
    ),
}


def _claims(conllu):
    return claimtrack.extract_document(claimtrack.parse_conllu(conllu)).claims


@pytest.mark.parametrize("name", CASES)
def test_claims_from_a_misread_parse(name):
    conllu, expected = CASES[name]
    assert conllu_rows(conllu) == expected


@pytest.mark.parametrize(
    ("name", "phrase", "entity_name"),
    [
        ("the main verb hung inside the subject's participle", "A video circulating online", "A video circulating online"),
        ("one name parsed as two subjects before a noun cue", "Harakat al-Nujaba, one of the Hashed's factions",
         "Harakat al-Nujaba"),
        ("an apposition in commas parsed as a second subject", "Their spokesman, Tomas Reyes", "Tomas Reyes"),
    ],
)
def test_the_source_phrase_and_name_from_a_misread_parse(name, phrase, entity_name):
    (claim,) = _claims(CASES[name][0])
    assert (claim.source.phrase.text, claim.source.name) == (phrase, entity_name)


# 'the rebels' statement' with the apostrophe tagged a closing quotation mark
# and 'rebels' a compound: the possessor still names whose claim went unanswered.
REBELS = """# text = The rebels said army jets had bombed the bridge.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	rebels	rebel	NOUN	NNS	Number=Plur	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	army	army	NOUN	NN	Number=Sing	5	compound	_	_
5	jets	jet	NOUN	NNS	Number=Plur	7	nsubj	_	_
6	had	have	AUX	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	7	aux	_	_
7	bombed	bomb	VERB	VBN	Tense=Past|VerbForm=Part	3	ccomp	_	_
8	the	the	DET	DT	Definite=Def|PronType=Art	9	det	_	_
9	bridge	bridge	NOUN	NN	Number=Sing	7	obj	_	SpaceAfter=No
10	.	.	PUNCT	.	_	3	punct	_	_

# text = The mayor said the market would reopen.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	mayor	mayor	NOUN	NN	Number=Sing	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	market	market	NOUN	NN	Number=Sing	7	nsubj	_	_
6	would	would	AUX	MD	VerbForm=Fin	7	aux	_	_
7	reopen	reopen	VERB	VB	VerbForm=Inf	3	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# text = The defence ministry did not respond to requests for comment on the rebels' statement.
1	The	the	DET	DT	Definite=Def|PronType=Art	3	det	_	_
2	defence	defence	NOUN	NN	Number=Sing	3	compound	_	_
3	ministry	ministry	NOUN	NN	Number=Sing	6	nsubj	_	_
4	did	do	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	6	aux	_	_
5	not	not	PART	RB	Polarity=Neg	6	advmod	_	_
6	respond	respond	VERB	VB	VerbForm=Inf	0	root	_	_
7	to	to	ADP	IN	_	8	case	_	_
8	requests	request	NOUN	NNS	Number=Plur	6	obl	_	_
9	for	for	ADP	IN	_	10	case	_	_
10	comment	comment	NOUN	NN	Number=Sing	8	nmod	_	_
11	on	on	ADP	IN	_	15	case	_	_
12	the	the	DET	DT	Definite=Def|PronType=Art	15	det	_	_
13	rebels	rebel	NOUN	NNS	Number=Plur	15	compound	_	_
14	'	'	PUNCT	''	_	13	punct	_	_
15	statement	statement	NOUN	NN	Number=Sing	6	obl	_	SpaceAfter=No
16	.	.	PUNCT	.	_	6	punct	_	SpaceAfter=No

"""


def test_no_answer_on_a_possessive_read_as_a_quotation_mark():
    got = [(c.content.text, c.confirmation.status, [e.text for e in c.confirmation.evidence]) for c in _claims(REBELS)]
    assert got == [
        ("army jets had bombed the bridge", "no_response", ["did not respond to requests for comment"]),
        ("the market would reopen", "unconfirmed", []),
    ]
