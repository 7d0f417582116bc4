"""A few gold UD English sentences (two documents) for the tests of the model
scorer and the training loop."""

TWO_DOCUMENTS = """\
# newdoc id = a
# newpar
# text = The minister said the bridge was safe.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	minister	minister	NOUN	NN	Number=Sing	3	nsubj	_	_
3	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	bridge	bridge	NOUN	NN	Number=Sing	7	nsubj	_	_
6	was	be	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	7	cop	_	_
7	safe	safe	ADJ	JJ	Degree=Pos	3	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# text = Police denied it.
1	Police	police	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	denied	deny	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
3	it	it	PRON	PRP	Case=Acc|Gender=Neut|Number=Sing|Person=3|PronType=Prs	2	obj	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

# newdoc id = b
# text = Residents stayed indoors.
1	Residents	resident	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	stayed	stay	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
3	indoors	indoors	ADV	RB	_	2	advmod	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

"""
