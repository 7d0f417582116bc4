"""The parser continues from its checkpoint after its training data was retagged.

Stanza builds the training vocabularies from the (retagged) training file; a
feature value the checkpoint never saw then indexes past the model's embedding
tables. claimtrack's runner reads the training file with the checkpoint's
vocabularies.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from stanza.models import parser as stanza_parser  # noqa: E402
from stanza.models.common.doc import Document  # noqa: E402
from stanza.models.depparse.data import DataLoader  # noqa: E402

from claimtrack.models.depparse_runner import checkpoint_vocab, resumable_loader  # noqa: E402


def _they_left(feats: str) -> Document:
    return Document([[
        {"id": (1,), "text": "They", "lemma": "they", "upos": "PRON", "xpos": "PRP", "feats": "Case=Nom",
         "head": 2, "deprel": "nsubj"},
        {"id": (2,), "text": "left", "lemma": "leave", "upos": "VERB", "xpos": "VBD", "feats": feats,
         "head": 0, "deprel": "root"},
    ]])


def _args(checkpoint: str | None) -> dict:
    args = stanza_parser.parse_args(args=["--shorthand", "en_test", "--no_pretrain", "--mode", "train"])
    if checkpoint is not None:
        args.update(checkpoint=True, checkpoint_save_name=checkpoint)
    return args


def test_a_retagged_training_file_is_read_with_the_checkpoints_vocabularies(tmp_path):
    trained_on = DataLoader(_they_left("Mood=Ind|Tense=Past|VerbForm=Fin"), 100, _args(None), None)
    checkpoint = tmp_path / "depparse.pt"
    torch.save({"vocab": trained_on.vocab.state_dict()}, checkpoint)
    retagged = _they_left("Mood=Ind|Tense=Past|Typo=Yes|VerbForm=Fin")  # the new tagger adds Typo=Yes

    stanza_vocab = DataLoader(retagged, 100, _args(str(checkpoint)), None).vocab
    continued = resumable_loader(retagged, 100, _args(str(checkpoint)), None)

    # Stanza's own loader grows a fifth feature class the checkpoint's model has
    # no embedding for; the runner's keeps the checkpoint's four.
    assert (stanza_vocab["feats"].lens(), continued.vocab["feats"].lens()) == ([5, 5, 5, 5, 5], [5, 5, 5, 5])


def test_without_a_checkpoint_the_training_file_builds_its_own_vocabularies(tmp_path):
    args = _args(str(tmp_path / "missing.pt"))
    loader = resumable_loader(_they_left("Mood=Ind|Tense=Past|Typo=Yes|VerbForm=Fin"), 100, args, None)
    assert (checkpoint_vocab(args), loader.vocab["feats"].lens()) == (None, [5, 5, 5, 5, 5])


def test_the_parser_lane_runs_claimtracks_runner(tmp_path):
    from claimtrack.models.train import stage_command

    command = stage_command("depparse", tmp_path, resume=True)
    assert command[1:4] == ["-m", "claimtrack.models.depparse_runner", "UD_English-Compact"]


def _tiny_parser(tmp_path, max_steps: int) -> list[str]:
    from ud_sample import TWO_DOCUMENTS

    data = tmp_path / "data.conllu"
    data.write_text(TWO_DOCUMENTS * 4, encoding="utf-8")
    return [
        "--train_file", str(data), "--eval_file", str(data), "--shorthand", "en_test", "--mode", "train",
        "--no_pretrain", "--batch_size", "40", "--hidden_dim", "8", "--char_hidden_dim", "8", "--word_emb_dim", "8",
        "--char_emb_dim", "8", "--tag_emb_dim", "4", "--deep_biaff_hidden_dim", "8", "--num_layers", "1",
        "--max_steps", str(max_steps), "--eval_interval", "2", "--second_optim", "adam", "--second_lr", "0.0002",
        "--second_optim_start_step", "3", "--save_dir", str(tmp_path),
        "--checkpoint_save_name", str(tmp_path / "checkpoint.pt"), "--cpu",
    ]


def _stopped_and_continued(tmp_path, caplog) -> tuple[int, int, bool, int]:
    """Train to step 6 (switching to the second optimizer at step 3), then continue to step 10."""
    import logging

    caplog.set_level(logging.INFO, logger="stanza")
    stanza_parser.main(_tiny_parser(tmp_path, 6))
    stanza_parser.main(_tiny_parser(tmp_path, 10))
    checkpoint = torch.load(tmp_path / "checkpoint.pt", weights_only=True)
    switches = sum(record.getMessage().startswith("Switching to second optimizer") for record in caplog.records)
    continued = sum(record.getMessage().startswith("continuing in the second stage") for record in caplog.records)
    return switches, continued, checkpoint["config"].get("second_stage"), checkpoint["global_step"]


@pytest.mark.slow
def test_a_run_continued_in_the_second_stage_stays_in_it(tmp_path, monkeypatch, caplog):
    from claimtrack.models import depparse_runner

    monkeypatch.setattr(stanza_parser, "Trainer", stanza_parser.Trainer)
    monkeypatch.setattr(stanza_parser, "DataLoader", stanza_parser.DataLoader)
    depparse_runner.install()
    # One switch (step 3), and the continued run goes on with the second optimizer's state.
    assert _stopped_and_continued(tmp_path, caplog) == (1, 1, True, 10)


@pytest.mark.slow
def test_stanzas_own_loop_switches_again_when_continued(tmp_path, caplog):
    # Why the runner exists: the continued run reloads the best model and a fresh optimizer.
    assert _stopped_and_continued(tmp_path, caplog) == (2, 0, True, 10)


def test_the_parser_lane_switches_to_a_tenth_of_the_learning_rate_at_step_10000(tmp_path):
    from claimtrack.models.train import stage_command

    command = stage_command("depparse", tmp_path, resume=True)
    settings = {name: command[command.index(name) + 1] for name in (
        "--optim", "--lr", "--second_optim", "--second_lr", "--second_optim_start_step")}
    assert (settings, "--no_second_optim" in command) == ({
        "--optim": "adam", "--lr": "0.002", "--second_optim": "adam", "--second_lr": "0.0002",
        "--second_optim_start_step": "10000"}, False)


def _sentence(length: int) -> list[dict]:
    return [{"id": (i,), "text": "w", "lemma": "w", "upos": "NOUN", "xpos": "NN", "head": 0 if i == 1 else 1,
             "deprel": "root" if i == 1 else "dep"} for i in range(1, length + 1)]


def _batch_lengths(loader: DataLoader) -> list[int]:
    return [loader.dataset.lengths[index] for batch in loader.sampler.batches for index in batch]


def test_the_training_batches_come_shuffled_from_the_first_step(tmp_path):
    import random

    doc = Document([_sentence(length) for length in range(1, 13)])  # batches of one sentence
    random.seed(3)
    stanza_first_pass = _batch_lengths(DataLoader(doc, 1, _args(None), None))
    random.seed(3)
    continued = _batch_lengths(resumable_loader(doc, 1, _args(str(tmp_path / "missing.pt")), None))

    # Stanza counts the root as a word: lengths 2 to 13.
    assert stanza_first_pass in ([*range(2, 14)], [*range(13, 1, -1)])  # Stanza: by length
    # The runner: every sentence once, in neither length order.
    assert (sorted(continued), continued in ([*range(2, 14)], [*range(13, 1, -1)])) == ([*range(2, 14)], False)
