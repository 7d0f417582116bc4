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
