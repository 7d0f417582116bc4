"""Stanza's tagger and lemmatizer trainers, driven by the resumable loop.

Each task sets things up as Stanza's own ``train()`` does
(``stanza/models/tagger.py``, ``stanza/models/lemmatizer.py``, 1.15): the
same arguments, the same seed before the data and the model are built, the
same update and dev scoring. What differs is that the loop in
``claimtrack.models.resumable`` owns the step count and the dev history, so
a run can stop at any step and continue later.

Two deliberate differences from Stanza's tagger loop:

- switching to the second optimizer (AMSGrad) after ``max_steps_before_stop``
  steps without a better dev score replaces the optimizer the trainer
  actually steps (Stanza 1.15 assigns ``trainer.optimizer``, which its
  ``update`` never reads, so the switch has no effect there);
- a model can be warm-started from a shipped model: tensors whose name and
  shape match are copied (:func:`warm_start`).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["LemmaTask", "TaggerTask", "warm_start"]

logger = logging.getLogger("claimtrack.train")


def _saved_state(model: Any) -> dict[str, Any]:
    """The model's weights without the modules Stanza stores elsewhere (pretrained vectors)."""
    return {key: value for key, value in model.state_dict().items()
            if key.split(".")[0] not in model.unsaved_modules}


def _load_saved_state(model: Any, state: dict[str, Any]) -> None:
    incompatible = model.load_state_dict(state, strict=False)
    missing = [key for key in incompatible.missing_keys if key.split(".")[0] not in model.unsaved_modules]
    if missing or incompatible.unexpected_keys:
        raise ValueError(f"checkpoint does not match the model: missing {missing[:5]}, "
                         f"unexpected {list(incompatible.unexpected_keys)[:5]}")


def warm_start(model: Any, vocab_state: dict[str, Any], shipped: Path) -> int:
    """Copy the tensors of a shipped Stanza model whose name and shape match.

    Word and tag embeddings are only meaningful with the same vocabulary, so
    nothing is copied when the shipped model's vocabulary differs. Returns the
    number of tensors copied.
    """
    import torch

    checkpoint = torch.load(shipped, map_location="cpu", weights_only=True)
    if checkpoint.get("vocab") != vocab_state:
        logger.info("warm start: %s has another vocabulary; starting from random weights", shipped)
        return 0
    own = model.state_dict()
    matching = {key: value.float() for key, value in (checkpoint.get("model") or {}).items()
                if key in own and own[key].shape == value.shape}
    model.load_state_dict(matching, strict=False)
    logger.info("warm start: %d of %d tensors copied from %s", len(matching), len(own), shipped)
    return len(matching)


def _optimizer_states(optimizers: dict[str, Any]) -> dict[str, Any]:
    return {name: optimizer.state_dict() for name, optimizer in optimizers.items()}


class _StanzaTask:
    """What the tagger and lemmatizer tasks share: a Stanza trainer, its
    training batches and the file its best model goes to."""

    trainer: Any
    train_batches: Any
    model_file: str

    def epoch(self) -> Iterator[Any]:
        return iter(self.train_batches)

    def update(self, batch: Any) -> float:
        return float(self.trainer.update(batch, eval=False))

    def save_best(self) -> None:
        self.trainer.save(self.model_file)

    def warm_start(self, shipped: Path) -> int:
        return warm_start(self.trainer.model, self.trainer.vocab.state_dict(), shipped)

    def _load_model(self, state: dict[str, Any]) -> None:
        if state["vocab"] != self.trainer.vocab.state_dict():
            raise ValueError("the training data changed since the checkpoint (another vocabulary)")
        _load_saved_state(self.trainer.model, state["model"])


class TaggerTask(_StanzaTask):
    """Stanza's POS/morphology tagger (``stanza.models.tagger``)."""

    stage = "pos"
    has_second_optimizer = True

    def __init__(self, argv: list[str]) -> None:
        from stanza.models import tagger
        from stanza.models.common import utils
        from stanza.models.common.foundation_cache import FoundationCache
        from stanza.models.pos.data import Dataset
        from stanza.models.pos.trainer import Trainer
        from stanza.utils.conll import CoNLL

        args = tagger.parse_args(argv)
        utils.set_random_seed(args["seed"])
        self.args = args
        self.pretrain = tagger.load_pretrain(args)
        args["word_cutoff"] = utils.update_word_cutoff(self.pretrain, args["word_cutoff"])
        vocab, _, self.train_batches = tagger.load_training_data(args, self.pretrain)
        self.dev_data = Dataset(CoNLL.conll2doc(input_file=args["eval_file"]), args, self.pretrain,
                                vocab=vocab, evaluation=True, sort_during_eval=True)
        self.dev_batch = self.dev_data.to_loader(batch_size=args["batch_size"])
        self.eval_type = tagger.get_eval_type(self.dev_data)
        self.trainer = Trainer(args=args, vocab=vocab, pretrain=self.pretrain, device=args["device"],
                               foundation_cache=FoundationCache())
        self.model_file = tagger.model_file_name(args)
        Path(self.model_file).parent.mkdir(parents=True, exist_ok=True)
        self.max_steps = args["max_steps"]
        self.eval_interval = args["eval_interval"]
        self.patience = args["max_steps_before_stop"]
        self.log_step = args["log_step"]
        self.second = False

    def evaluate(self) -> float:
        from stanza.models import tagger
        from stanza.models.common import utils
        from stanza.models.pos import scorer

        preds: list[Any] = []
        indices: list[int] = []
        for batch in self.dev_batch:
            preds += self.trainer.predict(batch)
            indices.extend(batch.idx)
        tagger.set_predictions(self.dev_data.doc, self.trainer, utils.unsort(preds, indices))
        system = io.StringIO("{:C}\n\n".format(self.dev_data.doc))
        _, _, score = scorer.score(system, self.args["eval_file"], eval_type=self.eval_type)
        return float(score)

    def switch_optimizer(self) -> None:
        from stanza.models.common import utils

        args = self.args
        lr = args["second_lr"] if args["second_lr"] is not None else args["lr"]
        optimizer = utils.get_optimizer(args["second_optim"], self.trainer.model, lr=lr, betas=(0.9, args["beta2"]),
                                        eps=1e-6, weight_decay=args["second_weight_decay"])
        self.trainer.optimizers = {"general_optimizer": optimizer}
        self.second = True

    def state(self) -> dict[str, Any]:
        return {
            "model": _saved_state(self.trainer.model),
            "optimizers": _optimizer_states(self.trainer.optimizers),
            "vocab": self.trainer.vocab.state_dict(),
            "second_optimizer": self.second,
        }

    def load_state(self, state: dict[str, Any]) -> None:
        self._load_model(state)
        if state["second_optimizer"] and not self.second:
            self.switch_optimizer()
        for name, optimizer_state in state["optimizers"].items():
            self.trainer.optimizers[name].load_state_dict(optimizer_state)



class LemmaTask(_StanzaTask):
    """Stanza's seq2seq lemmatizer with its dictionary (``stanza.models.lemmatizer``).

    The dictionary is built from the training data before the first step; the
    seq2seq model is scored on dev (dictionary ensembled, as Stanza does) at
    the end of each epoch, Stanza's only evaluation point.
    """

    stage = "lemma"
    has_second_optimizer = False
    patience = None

    def __init__(self, argv: list[str]) -> None:
        from stanza.models import lemmatizer
        from stanza.models.common import utils
        from stanza.models.lemma.data import DataLoader
        from stanza.models.lemma.trainer import Trainer
        from stanza.utils.conll import CoNLL

        args = lemmatizer.parse_args(argv)
        utils.set_random_seed(args["seed"])
        self.args = args
        train_doc = CoNLL.conll2doc(input_file=args["train_file"])
        self.train_batches = DataLoader(train_doc, args["batch_size"], args, evaluation=False)
        vocab = self.train_batches.vocab
        args["vocab_size"] = vocab["char"].size
        args["pos_vocab_size"] = vocab["pos"].size
        self.dev_batch = DataLoader(CoNLL.conll2doc(input_file=args["eval_file"]), args["batch_size"], args,
                                    vocab=vocab, evaluation=True)
        if not args["caseless"] and lemmatizer.all_lowercase(train_doc):
            args["caseless"] = True
        self.model_file = lemmatizer.model_file_name(args)
        Path(self.model_file).parent.mkdir(parents=True, exist_ok=True)
        self.trainer = Trainer(args=args, vocab=vocab, device=args["device"])
        self.trainer.train_dict(self.train_batches.raw_data())
        self.max_steps = len(self.train_batches) * args["num_epoch"]
        self.eval_interval = len(self.train_batches)
        self.log_step = args["log_step"]

    def evaluate(self) -> float:
        from stanza.models.common.doc import LEMMA, TEXT, UPOS
        from stanza.models.lemma import scorer

        preds: list[Any] = []
        edits: list[Any] = []
        for batch in self.dev_batch:
            batch_preds, batch_edits = self.trainer.predict(batch, self.args["beam_size"])
            preds += batch_preds
            if batch_edits is not None:
                edits += batch_edits
        doc = self.dev_batch.doc
        preds = self.trainer.postprocess(doc.get([TEXT]), preds, edits=edits)
        if self.args.get("ensemble_dict", False):
            preds = self.trainer.ensemble(doc.get([TEXT, UPOS]), preds)
        doc.set([LEMMA], preds)
        _, _, score = scorer.score(io.StringIO("{:C}\n\n".format(doc)), self.args["eval_file"])
        return float(score)

    def switch_optimizer(self) -> None:
        raise NotImplementedError("the lemmatizer has no second optimizer")

    def state(self) -> dict[str, Any]:
        return {
            "model": _saved_state(self.trainer.model),
            "optimizers": {"optimizer": self.trainer.optimizer.state_dict()},
            "vocab": self.trainer.vocab.state_dict(),
        }

    def load_state(self, state: dict[str, Any]) -> None:
        self._load_model(state)
        self.trainer.optimizer.load_state_dict(state["optimizers"]["optimizer"])
