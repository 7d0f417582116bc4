"""The resumable training loop (claimtrack.models.resumable) and --status.

A stopped and resumed run must take exactly the steps an uninterrupted run
takes: same batches, same dropout, same optimizer state, same dev history.
"""

from __future__ import annotations

import json
import random

import pytest

torch = pytest.importorskip("torch")

from claimtrack.models import resumable  # noqa: E402
from claimtrack.models.resumable import Limits, Progress, load_progress  # noqa: E402
from claimtrack.models.train_status import log_progress, status_lines  # noqa: E402


class ToyTask:
    """A two-layer regression with dropout over 10 examples, 4 shuffled batches an epoch."""

    stage = "toy"
    max_steps = 11
    eval_interval = 3
    patience: int | None = None
    has_second_optimizer = False
    log_step = 100

    def __init__(self) -> None:
        torch.manual_seed(0)
        random.seed(0)
        self.data = torch.randn(10, 3)
        self.model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Dropout(0.5), torch.nn.Linear(4, 1))
        self.optimizer = torch.optim.Adam(self.model.parameters(), lr=0.05)
        self.losses: list[float] = []
        self.switched = False

    def epoch(self):
        order = list(range(10))
        random.shuffle(order)
        for start in range(0, 10, 3):
            yield self.data[order[start:start + 3]]

    def update(self, batch) -> float:
        self.model.train()
        self.optimizer.zero_grad()
        loss = (self.model(batch) - batch.sum(dim=1, keepdim=True)).pow(2).mean()
        loss.backward()
        self.optimizer.step()
        self.losses.append(loss.item())
        return loss.item()

    def evaluate(self) -> float:
        self.model.eval()
        with torch.no_grad():
            return -float((self.model(self.data) - self.data.sum(dim=1, keepdim=True)).pow(2).mean())

    def save_best(self) -> None:
        pass

    def switch_optimizer(self) -> None:
        self.switched = True

    def state(self) -> dict:
        return {"model": self.model.state_dict(), "optimizers": {"adam": self.optimizer.state_dict()}}

    def load_state(self, state: dict) -> None:
        self.model.load_state_dict(state["model"])
        self.optimizer.load_state_dict(state["optimizers"]["adam"])


def test_a_run_stopped_twice_takes_the_same_steps_as_an_uninterrupted_one(tmp_path):
    whole = ToyTask()
    full = resumable.run(whole, tmp_path / "whole" / "toy.pt", Limits(), resume=False)
    losses: list[float] = []
    parts = []
    for new_steps in (5, 4, None):  # stops inside the second epoch and at the end of the third
        task = ToyTask()
        parts.append(resumable.run(task, tmp_path / "parts" / "toy.pt", Limits(max_new_steps=new_steps), resume=True))
        losses += task.losses
    assert [part.step for part in parts] == [5, 9, 11]
    assert losses == whole.losses
    assert parts[-1].dev == full.dev
    assert (parts[-1].finished, parts[-1].runs, full.runs) == ("max steps", 3, 1)
    assert all(torch.equal(a, b) for a, b in zip(whole.model.state_dict().values(), task.model.state_dict().values()))


def test_the_checkpoint_holds_model_optimizer_progress_and_random_state(tmp_path):
    resumable.run(ToyTask(), tmp_path / "toy.pt", Limits(max_new_steps=5), resume=False)
    payload = torch.load(tmp_path / "toy.pt", weights_only=True)
    assert sorted(payload) == ["epoch_rng", "format", "progress", "rng", "task"]
    assert sorted(payload["task"]) == ["model", "optimizers"]
    assert sorted(payload["rng"]) == ["python", "torch"]
    progress = payload["progress"]
    assert (progress["step"], progress["epoch"], progress["epoch_batches"], len(progress["dev"])) == (5, 1, 1, 1)
    assert load_progress(tmp_path / "toy.pt") == Progress(**progress)


def test_an_existing_checkpoint_is_never_overwritten_without_resume(tmp_path):
    resumable.run(ToyTask(), tmp_path / "toy.pt", Limits(max_new_steps=2), resume=False)
    with pytest.raises(FileExistsError, match="toy.pt: a checkpoint exists; continue it with --resume"):
        resumable.run(ToyTask(), tmp_path / "toy.pt", Limits(), resume=False)


def test_no_better_dev_score_switches_the_optimizer_then_stops(tmp_path):
    task = ToyTask()
    task.patience, task.has_second_optimizer, task.max_steps = 3, True, 200
    task.evaluate = lambda: 0.5  # never improves after the first evaluation
    progress = resumable.run(task, tmp_path / "toy.pt", Limits(), resume=False)
    assert (task.switched, progress.second_optimizer, progress.step, progress.finished) == (True, True, 9, "early stop")
    assert progress.best_step == 3


def test_a_passed_deadline_stops_after_one_step_with_a_checkpoint(tmp_path, caplog):
    caplog.set_level("INFO", logger="claimtrack.train")
    progress = resumable.run(ToyTask(), tmp_path / "toy.pt", Limits(deadline=0.0), resume=False)
    assert (progress.step, progress.finished, load_progress(tmp_path / "toy.pt").step) == (1, None, 1)
    assert caplog.messages[-1] == "toy stopped at step 1: time limit"


def test_a_finished_stage_is_not_trained_again(tmp_path):
    resumable.run(ToyTask(), tmp_path / "toy.pt", Limits(), resume=False)
    again = ToyTask()
    progress = resumable.run(again, tmp_path / "toy.pt", Limits(), resume=True)
    assert (progress.step, progress.runs, again.losses) == (11, 1, [])


STANZA_LOG = """\
2026-12-06 12:01:00 INFO: Finished STEP 280/5000, loss = 0.812000 (0.910 sec/batch), lr: 0.002000
2026-12-06 12:01:05 INFO: Finished STEP 300/5000, loss = 0.790000 (0.930 sec/batch), lr: 0.002000
2026-12-06 12:01:50 INFO: step 300: train_loss = 0.801000, dev_score = 0.7460
"""


def test_status_reads_step_dev_score_and_speed_from_a_stanza_log():
    found = log_progress(STANZA_LOG)
    assert found is not None
    assert (found.step, found.max_steps, found.dev, round(found.seconds or 0, 2), found.stopped) == (
        300, 5000, [0.746], 0.92, False)
    assert log_progress("2026-12-06 INFO: Loading data\n") is None


def test_status_has_one_line_per_stage(tmp_path):
    checkpoints = tmp_path / "checkpoints"
    checkpoints.mkdir()
    progress = Progress("pos", max_steps=50000, eval_interval=500, patience=3000, step=1000, dev=[[500, 0.7], [1000, 0.75]],
                        best_step=1000, best_score=0.75, last_best_step=1000, train_seconds=900.0,
                        train_cpu_seconds=800.0, train_cpu_steps=1000, train_steps=1000, runs=2, updated="2026-12-06 14:59:00")
    (checkpoints / "pos.json").write_text(json.dumps(_as_dict(progress)))
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "depparse.log").write_text(STANZA_LOG)
    assert status_lines(tmp_path, ["pos", "depparse", "tokenize"]) == [
        f"work folder: {tmp_path}",
        "pos: step 1000/50000 (epoch 1), unfinished; best dev 75.00 at step 1000, last 75.00; 0.90 s/step wall, "
        "0.80 CPU s/step over 1000 steps in 2 run(s); left: 6000 steps to early stop if dev stops improving "
        "(~1.5 h wall, ~1.3 h CPU), at most 49000 (~12.2 h wall, ~10.9 h CPU); checkpoint 2026-12-06 14:59:00",
        "depparse: step 300/5000, unfinished (from its log); best dev 74.60; 0.92 s/step; "
        "left at most 4700 steps (~1.2 h)",
        "tokenize: not started",
    ]


def _as_dict(progress: Progress) -> dict:
    import attrs

    return attrs.asdict(progress)


def test_the_parser_resumes_from_its_checkpoint_in_the_work_folder(tmp_path):
    from claimtrack.models.train import stage_command

    command = stage_command("depparse", tmp_path, resume=True)
    at = command.index("--checkpoint_save_name")
    assert (command[at + 1], "--force" in command) == (str(tmp_path / "checkpoints" / "depparse.pt"), True)


def test_the_parser_reads_the_taggers_vectors_and_the_retagging_needs_no_download(tmp_path):
    from claimtrack.models.train import retag_command, stage_command

    parser = stage_command("depparse", tmp_path)
    (tmp_path / "saved" / "pos").mkdir(parents=True)
    (tmp_path / "saved" / "pos" / "en_compact_nocharlm_tagger.pt").write_bytes(b"")
    retag = retag_command(tmp_path)
    vectors = str(tmp_path / "vectors" / "en_glove6b50_pretrain.pt")
    assert (
        parser[parser.index("--wordvec_pretrain_file") + 1], "--no_pretrain" in parser,
        retag[retag.index("--wordvec_pretrain_file") + 1], "--no_charlm" in retag, "--predicted" in retag,
    ) == (vectors, False, vectors, True, True)


def test_the_tagger_trains_with_the_vectors_and_the_batch_32_settings_and_a_lower_second_lr(tmp_path):
    from claimtrack.models.train import loop_arguments

    arguments = loop_arguments("pos", tmp_path)
    settings = {name: arguments[arguments.index(name) + 1] for name in (
        "--wordvec_pretrain_file", "--batch_size", "--deep_biaff_hidden_dim", "--composite_deep_biaff_hidden_dim",
        "--eval_file", "--second_lr")}
    assert settings == {
        "--wordvec_pretrain_file": str(tmp_path / "vectors" / "en_glove6b50_pretrain.pt"),
        "--batch_size": "32", "--deep_biaff_hidden_dim": "200", "--composite_deep_biaff_hidden_dim": "50",
        "--eval_file": str(tmp_path / "data" / "pos" / "en_compact.dev.in.conllu"),
        "--second_lr": "0.0003",
    }


def test_collecting_keeps_the_shipped_model_of_a_stage_not_trained_in_the_work_folder(tmp_path, capsys):
    from claimtrack.models.train import collect

    shipped, work, out = tmp_path / "shipped", tmp_path / "work", tmp_path / "out"
    shipped.mkdir()
    for stage in ("tokenize", "mwt", "lemma"):
        (shipped / f"{stage}.pt").write_bytes(stage.encode())
    (work / "saved" / "lemma").mkdir(parents=True)
    (work / "saved" / "lemma" / "en_compact_nocharlm_lemmatizer.pt").write_bytes(b"retrained")
    collect(work, out, half=(), shipped=shipped)
    assert {path.name: path.read_bytes() for path in out.iterdir()} == {
        "tokenize.pt": b"tokenize", "mwt.pt": b"mwt", "lemma.pt": b"retrained",
    }
    assert capsys.readouterr().err.splitlines() == [
        f"missing model for pos under {work / 'saved' / 'pos'}",
        f"missing model for depparse under {work / 'saved' / 'depparse'}",
    ]
