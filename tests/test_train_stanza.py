"""Stanza's tagger and lemmatizer in the resumable loop, and the GloVe pretrain file.

Tiny models on a few sentences: a stopped and resumed run of Stanza's own
trainers takes exactly the steps of an uninterrupted one.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")

from claimtrack.models import resumable  # noqa: E402
from claimtrack.models.resumable import Limits  # noqa: E402

SENTENCES = """\
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

# text = Residents stayed indoors.
1	Residents	resident	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	stayed	stay	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
3	indoors	indoors	ADV	RB	_	2	advmod	_	SpaceAfter=No
4	.	.	PUNCT	.	_	2	punct	_	_

"""
TINY_TAGGER = [
    "--no_pretrain", "--batch_size", "2", "--hidden_dim", "8", "--char_hidden_dim", "8", "--word_emb_dim", "8",
    "--char_emb_dim", "8", "--tag_emb_dim", "4", "--deep_biaff_hidden_dim", "8",
    "--composite_deep_biaff_hidden_dim", "4", "--max_steps", "7", "--eval_interval", "3", "--fix_eval_interval",
    "--lang", "en", "--cpu",
]
TINY_LEMMATIZER = ["--batch_size", "4", "--hidden_dim", "8", "--emb_dim", "8", "--pos_dim", "8", "--num_epoch", "3",
                   "--cpu"]


def _files(tmp_path):
    data = tmp_path / "data.conllu"
    data.write_text(SENTENCES * 4, encoding="utf-8")
    return ["--train_file", str(data), "--eval_file", str(data), "--shorthand", "en_test", "--mode", "train"]


def _recorded(task):
    losses: list[float] = []
    update = task.update

    def recording(batch):
        loss = update(batch)
        losses.append(loss)
        return loss

    task.update = recording
    return losses


def _round_trip(tmp_path, make, stops):
    whole = make(tmp_path / "whole")
    whole_losses = _recorded(whole)
    full = resumable.run(whole, tmp_path / "whole.pt", Limits(), resume=False)
    parts_losses: list[float] = []
    for new_steps in stops:
        task = make(tmp_path / "parts")
        losses = _recorded(task)
        last = resumable.run(task, tmp_path / "parts.pt", Limits(max_new_steps=new_steps), resume=True)
        parts_losses += losses
    return full, whole_losses, last, parts_losses


@pytest.mark.slow
def test_the_tagger_resumes_exactly(tmp_path):
    from claimtrack.models.stanza_tasks import TaggerTask

    def make(save):
        return TaggerTask(_files(tmp_path) + ["--save_dir", str(save)] + TINY_TAGGER)

    full, whole, last, parts = _round_trip(tmp_path, make, (4, None))
    assert (full.step, last.step, last.runs, len(whole)) == (7, 7, 2, 7)
    assert parts == whole
    assert last.dev == full.dev
    assert sorted(path.name for path in (tmp_path / "parts").iterdir()) == ["en_test_nopretrain_tagger.pt"]


@pytest.mark.slow
def test_the_lemmatizer_resumes_exactly(tmp_path):
    from claimtrack.models.stanza_tasks import LemmaTask

    def make(save):
        return LemmaTask(_files(tmp_path) + ["--save_dir", str(save)] + TINY_LEMMATIZER)

    full, whole, last, parts = _round_trip(tmp_path, make, (5, None))
    assert (full.step, full.eval_interval, last.step, len(whole)) == (48, 16, 48, 48)
    assert parts == whole
    assert last.dev == full.dev


def _glove(folder, words, vectors):
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir()
    pq.write_table(pa.table({"index": words}), folder / "glove_6B_index.parquet")
    np.save(folder / "glove_6B_50d_emb.npy", np.asarray(vectors, dtype=np.float32))


def test_the_pretrain_file_keeps_the_most_frequent_and_the_training_words_in_float32(tmp_path):
    pytest.importorskip("pyarrow")
    from stanza.models.common.pretrain import Pretrain

    from claimtrack.models.vectors import build_pretrain

    words = ["the", ",", "said", "bridge", "minister", "zygote"]
    _glove(tmp_path / "glove", words, [[i, -i] for i in range(6)])
    count = build_pretrain(tmp_path / "pt.pt", {"minister", "nonglove"}, top=3, folder=tmp_path / "glove")
    pretrain = Pretrain(str(tmp_path / "pt.pt"))
    assert count == 4
    assert list(pretrain.vocab)[4:] == ["the", ",", "said", "minister"]
    assert (pretrain.emb.dtype, pretrain.emb[4:].tolist()) == (torch.float32, [[0, 0], [1, -1], [2, -2], [4, -4]])
    assert pretrain.emb[:4].tolist() == [[0, 0]] * 4
