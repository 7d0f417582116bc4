"""Stanza's parser training script, able to continue from a checkpoint after the
training data was retagged.

Stanza 1.15's ``parser.train`` builds the vocabularies from the training file
and then, when ``--checkpoint_save_name`` exists, loads the model with the
vocabularies saved in the checkpoint. That holds only while the training file
is the one the checkpoint was trained on. After ``--retag`` the predicted tags
and features differ; a feature value the checkpoint never saw gets an index
past its embedding table, and the first step fails with "index out of range
in self" (seen on 2026-12-06 after retagging with a better tagger). Here the
training data is read with the checkpoint's vocabularies instead: an unseen
value becomes the unknown symbol, as it would in the dev and test data.

It also continues a run that had switched to its second optimizer (a tenth
of the learning rate) in that second stage. Stanza's training loop starts
every run in the first stage; a continued run would switch again at once,
reload the best model and throw the second stage's optimizer state away.
The checkpoint's saved settings say which stage it was in.

    python -m claimtrack.models.depparse_runner <run_depparse's arguments>
"""

from __future__ import annotations

import logging
import os
from typing import Any

from stanza.models import parser as stanza_parser
from stanza.models.pos.vocab import MultiVocab
from stanza.models.depparse.data import DataLoader
from stanza.models.depparse.trainer import Trainer

import torch


def checkpoint_vocab(args: dict[str, Any]) -> MultiVocab | None:
    """The vocabularies of the checkpoint the run will continue from, if any."""
    path = args.get("checkpoint_save_name")
    if not args.get("checkpoint") or not path or not os.path.exists(path):
        return None
    checkpoint = torch.load(path, lambda storage, loc: storage, weights_only=True)
    return MultiVocab.load_state_dict(checkpoint["vocab"])


def resumable_loader(doc: Any, batch_size: int, args: dict[str, Any], pretrain: Any,
                     vocab: MultiVocab | None = None, evaluation: bool = False, **kwargs: Any) -> DataLoader:
    """Stanza's parser DataLoader; the training set of a continued run takes the
    checkpoint's vocabularies, and its batches come shuffled from the first step.

    Stanza shuffles the batches only from the second pass on; its first pass
    runs through the sentences sorted by length (longest or shortest first,
    at random). An uninterrupted run has one such pass, a run continued in
    every working period one per period (the training loss of a continued
    run fell from 3.1 to 2.0 over its first 140 steps)."""
    if evaluation:
        return DataLoader(doc, batch_size, args, pretrain, vocab=vocab, evaluation=evaluation, **kwargs)
    if vocab is None:
        vocab = checkpoint_vocab(args)
    loader = DataLoader(doc, batch_size, args, pretrain, vocab=vocab, evaluation=evaluation, **kwargs)
    loader.reshuffle()
    return loader


logger = logging.getLogger("stanza")


class StageAwareTrainer(Trainer):
    """Stanza's parser trainer; loading a checkpoint saved in the second stage
    keeps the training loop in it."""

    @staticmethod
    def load(filename: str, pretrain: Any, args: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        trainer = Trainer.load(filename, pretrain, args=args, **kwargs)
        continued = args is not None and filename == args.get("checkpoint_save_name")
        if continued and trainer.args.get("second_stage") and not args.get("second_stage"):
            # Stanza's loop checks args["second_optim"] to decide whether to
            # switch; without one it stops after max_steps_before_stop steps
            # with no better dev score, which is the second stage's rule.
            args["second_stage"], args["second_optim"] = True, None
            logger.info("continuing in the second stage (learning rate %s) from step %d",
                        [group["lr"] for optimizer in trainer.optimizer.values() for group in optimizer.param_groups],
                        trainer.global_step)
        return trainer


def install() -> None:
    """Put the runner's data loader and trainer into Stanza's parser module."""
    stanza_parser.DataLoader = resumable_loader  # type: ignore[misc,assignment]
    stanza_parser.Trainer = StageAwareTrainer  # type: ignore[misc]


def main() -> None:
    from stanza.utils.training import run_depparse

    install()
    run_depparse.main()


if __name__ == "__main__":
    main()
