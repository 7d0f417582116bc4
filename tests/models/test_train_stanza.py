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
from ud_sample import TWO_DOCUMENTS  # noqa: E402

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
    data.write_text(TWO_DOCUMENTS * 4, encoding="utf-8")
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
@pytest.mark.parametrize("task_name, tiny, stops, steps", [
    ("TaggerTask", TINY_TAGGER, (4, None), (7, 3, 7, 7)),  # 6 batches an epoch: stops inside the first
    ("LemmaTask", TINY_LEMMATIZER, (5, None), (48, 16, 48, 48)),  # dev scored at each epoch's end
])
def test_stanza_trainers_resume_exactly(tmp_path, task_name, tiny, stops, steps):
    from claimtrack.models import stanza_tasks

    def make(save):
        return getattr(stanza_tasks, task_name)(_files(tmp_path) + ["--save_dir", str(save)] + tiny)

    full, whole, last, parts = _round_trip(tmp_path, make, stops)
    assert (full.step, full.eval_interval, last.step, len(whole)) == steps
    assert (parts, last.dev, last.runs) == (whole, full.dev, 2)
    assert [path.name for path in (tmp_path / "parts").iterdir()] == [path.name for path in (tmp_path / "whole").iterdir()]


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


@pytest.mark.slow
def test_warm_start_copies_a_shipped_model_with_the_same_vocabulary_only(tmp_path):
    from claimtrack.models.stanza_tasks import TaggerTask

    def make(save, text=TWO_DOCUMENTS):
        args = _files(tmp_path) + ["--save_dir", str(tmp_path / save)] + TINY_TAGGER
        if text != TWO_DOCUMENTS:
            other = tmp_path / "other.conllu"
            other.write_text(text * 4, encoding="utf-8")
            args[1] = str(other)
        return TaggerTask(args)

    shipped = make("shipped")
    resumable.run(shipped, tmp_path / "shipped.pt", Limits(max_new_steps=3), resume=False)
    saved = next((tmp_path / "shipped").iterdir())
    warm = make("warm")
    copied = warm.warm_start(saved)
    expected = shipped.trainer.model.state_dict()
    assert copied == len([key for key in expected if not key.startswith("pretrained_emb")])
    assert all(torch.equal(value, expected[key]) for key, value in warm.trainer.model.state_dict().items())
    assert make("other", TWO_DOCUMENTS.replace("bridge", "tunnel")).warm_start(saved) == 0
