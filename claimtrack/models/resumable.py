"""A training loop that can be stopped at any step and continued later.

Stanza's tagger and lemmatizer restart from step 0 when they are run again.
This loop drives their trainers (``claimtrack.models.stanza_tasks``) and keeps
everything a later run needs to continue as if it had never stopped, in one
checkpoint file per stage:

- the model weights and the optimizers' state;
- the progress: step, epoch, batches consumed in the epoch, dev history,
  best step, whether the second optimizer has taken over, the running loss
  and the seconds spent (for ``--status``);
- the random state (Python and torch) now and at the start of the epoch.

Continuing restores the epoch-start random state, draws the epoch's batches
again (the same shuffle) and skips those already trained on, then restores
the random state of the moment the checkpoint was written: the steps that
follow see the same batches and the same dropout as an uninterrupted run.

The progress is also written as JSON beside the checkpoint, so that
``--status`` needs neither torch nor the checkpoint.
"""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import attrs

__all__ = ["Limits", "Progress", "Task", "load_progress", "progress_path", "run"]

CHECKPOINT_FORMAT = "claimtrack-train-checkpoint/1"
logger = logging.getLogger("claimtrack.train")


class Task(Protocol):
    """What the loop needs from one stage's trainer."""

    stage: str
    max_steps: int
    eval_interval: int
    patience: int | None  # steps without a better dev score before switching or stopping
    has_second_optimizer: bool
    log_step: int

    def epoch(self) -> Iterator[Any]: ...
    def update(self, batch: Any) -> float: ...
    def evaluate(self) -> float: ...
    def save_best(self) -> None: ...
    def switch_optimizer(self) -> None: ...
    def state(self) -> dict[str, Any]: ...
    def load_state(self, state: dict[str, Any]) -> None: ...


@attrs.define
class Progress:
    stage: str
    max_steps: int
    eval_interval: int
    patience: int | None = None
    step: int = 0
    epoch: int = 0
    epoch_batches: int = 0
    dev: list[list[float]] = attrs.Factory(list)  # [step, score] pairs
    best_step: int = 0
    best_score: float | None = None
    last_best_step: int = 0
    second_optimizer: bool = False
    loss_sum: float = 0.0
    loss_steps: int = 0
    train_seconds: float = 0.0
    train_cpu_seconds: float = 0.0
    train_cpu_steps: int = 0
    train_steps: int = 0
    eval_seconds: float = 0.0
    runs: int = 0
    finished: str | None = None
    updated: str = ""

    def seconds_per_step(self) -> float | None:
        return self.train_seconds / self.train_steps if self.train_steps else None

    def cpu_seconds_per_step(self) -> float | None:
        return self.train_cpu_seconds / self.train_cpu_steps if self.train_cpu_steps else None

    def steps_left(self) -> tuple[int, int]:
        """Steps left (until early stop if dev never improves again, until max_steps)."""
        at_most = 0 if self.finished else self.max_steps - self.step
        if self.patience is None:
            return at_most, at_most
        phases = 0 if self.second_optimizer else 1
        early = self.last_best_step + self.patience * (1 + phases) - self.step
        return max(0, min(early, at_most)), at_most


@attrs.define
class Limits:
    """When to stop (a wall-clock deadline, time.time(), and/or a number of
    new steps) and how often to checkpoint between dev evaluations."""

    deadline: float | None = None
    max_new_steps: int | None = None
    checkpoint_seconds: float = 900.0


def progress_path(checkpoint: Path) -> Path:
    return checkpoint.with_suffix(".json")


def load_progress(checkpoint: Path) -> Progress | None:
    path = progress_path(checkpoint)
    if not path.is_file():
        return None
    return Progress(**json.loads(path.read_text(encoding="utf-8")))


def _rng_state() -> dict[str, Any]:
    import torch

    return {"python": random.getstate(), "torch": torch.get_rng_state()}


def _set_rng_state(state: dict[str, Any]) -> None:
    import torch

    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    torch.set_rng_state(state["torch"])


def _write_atomically(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    write(temporary)
    os.replace(temporary, path)


def save_checkpoint(path: Path, task: Task, progress: Progress, epoch_rng: dict[str, Any]) -> None:
    import torch

    progress.updated = time.strftime("%Y-%m-%d %H:%M:%S")
    payload = {
        "format": CHECKPOINT_FORMAT,
        "task": task.state(),
        "progress": attrs.asdict(progress),
        "rng": _rng_state(),
        "epoch_rng": epoch_rng,
    }
    _write_atomically(path, lambda target: torch.save(payload, target))
    text = json.dumps(attrs.asdict(progress), indent=1) + "\n"
    _write_atomically(progress_path(path), lambda target: target.write_text(text, encoding="utf-8"))
    logger.info("checkpoint: step %d saved to %s", progress.step, path)


def load_checkpoint(path: Path) -> dict[str, Any]:
    import torch

    payload = torch.load(path, map_location="cpu", weights_only=True)
    if not isinstance(payload, dict) or payload.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"{path}: not a claimtrack training checkpoint ({CHECKPOINT_FORMAT})")
    return payload


class _StopSignal:
    """SIGTERM and SIGINT ask the loop to stop after the current step, with a checkpoint."""

    def __init__(self) -> None:
        self.raised = False
        self.previous = {number: signal.signal(number, self._handle) for number in (signal.SIGTERM, signal.SIGINT)}

    def _handle(self, number: int, frame: object) -> None:
        self.raised = True

    def restore(self) -> None:
        for number, handler in self.previous.items():
            signal.signal(number, handler)


def _should_stop(limits: Limits, started_step: int, progress: Progress, stop: _StopSignal) -> str | None:
    if stop.raised:
        return "signal"
    if limits.deadline is not None and time.time() >= limits.deadline:
        return "time limit"
    if limits.max_new_steps is not None and progress.step - started_step >= limits.max_new_steps:
        return "step limit"
    return None


def _evaluate(task: Task, progress: Progress) -> None:
    started = time.perf_counter()
    score = task.evaluate()
    progress.eval_seconds += time.perf_counter() - started
    mean_loss = progress.loss_sum / progress.loss_steps if progress.loss_steps else 0.0
    progress.dev.append([progress.step, score])
    progress.loss_sum, progress.loss_steps = 0.0, 0
    if progress.best_score is None or score > progress.best_score:
        progress.best_score, progress.best_step, progress.last_best_step = score, progress.step, progress.step
        task.save_best()
        note = "new best, saved"
    else:
        note = f"best {progress.best_score:.4f} at step {progress.best_step}"
    logger.info("step %d: train_loss = %.6f, dev_score = %.4f (%s)", progress.step, mean_loss, score, note)


def _early_stop(task: Task, progress: Progress) -> None:
    if progress.patience is None or progress.step - progress.last_best_step < progress.patience:
        return
    if task.has_second_optimizer and not progress.second_optimizer:
        logger.info("step %d: no better dev score for %d steps, switching to the second optimizer",
                    progress.step, progress.patience)
        task.switch_optimizer()
        progress.second_optimizer = True
        progress.last_best_step = progress.step
    else:
        progress.finished = "early stop"


def _batches(task: Task, progress: Progress, epoch_rng: dict[str, Any] | None) -> tuple[Iterator[Any], dict[str, Any]]:
    """The rest of the current epoch's batches, and the epoch-start random state."""
    if progress.epoch_batches == 0 or epoch_rng is None:
        progress.epoch_batches = 0
        epoch_rng = _rng_state()
        return iter(task.epoch()), epoch_rng
    now = _rng_state()
    _set_rng_state(epoch_rng)
    batches = iter(task.epoch())
    for _ in range(progress.epoch_batches):
        next(batches)
    _set_rng_state(now)
    return batches, epoch_rng


def _step(task: Task, progress: Progress, batch: Any) -> None:
    started, cpu_started = time.perf_counter(), time.process_time()
    loss = task.update(batch)
    progress.train_seconds += time.perf_counter() - started
    progress.train_cpu_seconds += time.process_time() - cpu_started
    progress.train_cpu_steps += 1
    progress.train_steps += 1
    progress.step += 1
    progress.epoch_batches += 1
    progress.loss_sum += loss
    progress.loss_steps += 1
    if progress.step % task.log_step == 0:
        logger.info("step %d/%d (epoch %d): loss = %.6f (%.3f sec/step, %.3f CPU sec/step)", progress.step,
                    progress.max_steps, progress.epoch + 1, loss, progress.seconds_per_step() or 0.0,
                    progress.cpu_seconds_per_step() or 0.0)


def run(task: Task, checkpoint: Path, limits: Limits, *, resume: bool) -> Progress:
    """Train ``task`` until it finishes or a limit is reached; checkpoint either way."""
    epoch_rng: dict[str, Any] | None = None
    if checkpoint.is_file():
        if not resume:
            raise FileExistsError(f"{checkpoint}: a checkpoint exists; continue it with --resume or remove it")
        payload = load_checkpoint(checkpoint)
        task.load_state(payload["task"])
        progress = Progress(**payload["progress"])
        _set_rng_state(payload["rng"])
        epoch_rng = payload["epoch_rng"]
        logger.info("resuming %s at step %d (epoch %d, batch %d)", task.stage, progress.step,
                    progress.epoch + 1, progress.epoch_batches)
    else:
        progress = Progress(task.stage, task.max_steps, task.eval_interval, task.patience)
    if progress.finished:
        logger.info("%s finished earlier at step %d: %s", task.stage, progress.step, progress.finished)
        return progress
    progress.runs += 1
    stop, started_step = _StopSignal(), progress.step
    try:
        reason = _loop(task, checkpoint, progress, limits, epoch_rng, stop, started_step)
    finally:
        stop.restore()
    logger.info("%s stopped at step %d: %s", task.stage, progress.step, reason)
    return progress


def _loop(task: Task, checkpoint: Path, progress: Progress, limits: Limits, epoch_rng: dict[str, Any] | None,
          stop: _StopSignal, started_step: int) -> str:
    reason: str | None = None
    saved_at = time.monotonic()
    while reason is None:
        batches, epoch_rng = _batches(task, progress, epoch_rng)
        for batch in batches:
            _step(task, progress, batch)
            if progress.step % progress.eval_interval == 0:
                _evaluate(task, progress)
                _early_stop(task, progress)
            if progress.step % progress.eval_interval == 0 or time.monotonic() - saved_at >= limits.checkpoint_seconds:
                save_checkpoint(checkpoint, task, progress, epoch_rng)
                saved_at = time.monotonic()
            if progress.step >= progress.max_steps and progress.finished is None:
                progress.finished = "max steps"
            reason = progress.finished or _should_stop(limits, started_step, progress, stop)
            if reason:
                break
        else:
            progress.epoch += 1
            progress.epoch_batches = 0
    save_checkpoint(checkpoint, task, progress, epoch_rng or _rng_state())
    return reason
