"""python -m claimtrack.models.scores: UD test sets scored with the CoNLL 2018 scorer."""

from __future__ import annotations

import json

import pytest

from claimtrack.models.scores import MODES, main, markdown, raw_text

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


def test_raw_text_joins_sentences_and_separates_documents():
    from stanza.utils.conll import CoNLL

    sentences, comments, _ = CoNLL.conll2dict(input_str=TWO_DOCUMENTS)
    assert raw_text(sentences, comments) == (
        "The minister said the bridge was safe. Police denied it.\n\nResidents stayed indoors.\n"
    )


@pytest.mark.slow
def test_scores_every_mode_and_prints_a_table(tmp_path, capsys):
    (tmp_path / "ewt").mkdir()
    (tmp_path / "ewt" / "en_ewt-ud-test.conllu").write_text(TWO_DOCUMENTS, encoding="utf-8")
    out = tmp_path / "scores.json"
    assert main(["--data", str(tmp_path), "--sets", "ewt", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    entry = report["sets"]["ewt"]
    assert (entry["sentences"], entry["words"]) == (3, 16)
    assert list(entry["raw"]["scores"]) == ["Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS"]
    assert list(entry["gold_tokens"]["scores"]) == ["UPOS", "XPOS", "Lemmas", "UAS", "LAS"]
    assert list(entry["gold_tags"]["scores"]) == ["UAS", "LAS"]
    assert (entry["raw"]["scores"]["Tokens"], entry["raw"]["scores"]["Words"]) == (100.0, 100.0)
    table = capsys.readouterr().out
    assert table == markdown(report) + "\n"
    assert table.splitlines()[0].startswith("| test set | input | Tokens | Sentences | Words | UPOS |")
    assert [line.split(" | ")[1] for line in table.splitlines()[2:]] == ["raw text", "gold tokens", "gold tokens + tags"]
    assert MODES == ("raw", "gold_tokens", "gold_tags")


def test_missing_test_file_is_one_line(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "--sets", "gum", "--modes", "gold_tags"]) == 2
    assert capsys.readouterr().err == f"claimtrack: {tmp_path / 'gum' / 'en_gum-ud-test.conllu'}: missing (--data must be the ud-english folder)\n"
