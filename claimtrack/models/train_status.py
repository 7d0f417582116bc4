"""``python -m claimtrack.models.train --status``: where each stage stands.

Read from the work folder without torch: the progress JSON that the
resumable loop writes beside each checkpoint (tagger, lemmatizer), and for
the stages Stanza trains itself (tokenizer, mwt, parser) the last step and
the dev scores in their log.
"""

from __future__ import annotations

import re
from pathlib import Path

from claimtrack.models.resumable import Progress, load_progress

__all__ = ["LogProgress", "log_progress", "status_lines"]

# Stanza's log lines: "Finished STEP 300/5000, loss = ..." (tagger, parser),
# "Step    100/  6000 Loss: 0.123" (tokenizer), "step 300: train_loss = 0.1,
# dev_score = 0.8123" (tagger, parser), "Dev score:  97.123" (tokenizer),
# "epoch 3: train_loss = 0.1, dev_score = 0.9" (lemmatizer, mwt).
_STEP = re.compile(r"\b(?:STEP|Step|step)\s+(\d+)\s*/\s*(\d+)")
_DEV = re.compile(r"\bdev_score = ([0-9.]+)|Dev score:\s*([0-9.]+)")
_SECONDS = re.compile(r"\(([0-9.]+) sec/batch\)")


class LogProgress:
    """What a Stanza training log says: last step, max steps, dev scores, sec/step."""

    def __init__(self, step: int, max_steps: int, dev: list[float], seconds: float | None, stopped: bool) -> None:
        self.step, self.max_steps, self.dev, self.seconds, self.stopped = step, max_steps, dev, seconds, stopped


def log_progress(text: str) -> LogProgress | None:
    """The progress of a Stanza training run from its log, or None if it has not started."""
    steps = _STEP.findall(text)
    dev = [float(a or b) for a, b in _DEV.findall(text)]
    if not steps and not dev:
        return None
    step, max_steps = (int(steps[-1][0]), int(steps[-1][1])) if steps else (0, 0)
    seconds = [float(value) for value in _SECONDS.findall(text)[-20:]]
    mean = sum(seconds) / len(seconds) if seconds else None
    return LogProgress(step, max_steps, dev, mean, "Training ended" in text)


def _hours(steps: int, seconds: float | None) -> str:
    return f"{steps * seconds / 3600:.1f} h" if seconds else "?"


def _loop_line(stage: str, progress: Progress) -> str:
    per_step, cpu_per_step = progress.seconds_per_step(), progress.cpu_seconds_per_step()
    early, at_most = progress.steps_left()
    best = "-" if progress.best_score is None else f"{100 * progress.best_score:.2f} at step {progress.best_step}"
    last = f"{100 * progress.dev[-1][1]:.2f}" if progress.dev else "-"
    state = f"finished ({progress.finished})" if progress.finished else "unfinished"
    optimizer = ", second optimizer" if progress.second_optimizer else ""
    return (f"{stage}: step {progress.step}/{progress.max_steps} (epoch {progress.epoch + 1}), {state}{optimizer}; "
            f"best dev {best}, last {last}; {per_step or 0:.2f} s/step wall, {cpu_per_step or 0:.2f} CPU s/step "
            f"over {progress.train_steps} steps in {progress.runs} run(s); left: {early} steps to early stop if dev "
            f"stops improving (~{_hours(early, per_step)} wall, ~{_hours(early, cpu_per_step)} CPU), at most "
            f"{at_most} (~{_hours(at_most, per_step)} wall, ~{_hours(at_most, cpu_per_step)} CPU); "
            f"checkpoint {progress.updated}")


def _log_line(stage: str, found: LogProgress) -> str:
    best = f"{100 * max(found.dev) if max(found.dev) <= 1 else max(found.dev):.2f}" if found.dev else "-"
    left = max(0, found.max_steps - found.step)
    state = "finished" if found.stopped else "unfinished"
    return (f"{stage}: step {found.step}/{found.max_steps}, {state} (from its log); best dev {best}; "
            f"{found.seconds or 0:.2f} s/step; left at most {left} steps (~{_hours(left, found.seconds)})")


def status_lines(work: Path, stages: list[str]) -> list[str]:
    """One line per stage, for ``--status``."""
    lines = [f"work folder: {work}" + ("" if work.is_dir() else " (missing: next --resume warm-starts)")]
    for stage in stages:
        progress = load_progress(work / "checkpoints" / f"{stage}.pt")
        if progress is not None:
            lines.append(_loop_line(stage, progress))
            continue
        log = work / "logs" / f"{stage}.log"
        found = log_progress(log.read_text(encoding="utf-8", errors="replace")) if log.is_file() else None
        lines.append(_log_line(stage, found) if found else f"{stage}: not started")
    return lines
