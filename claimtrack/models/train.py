"""Train claimtrack's compact English Stanza models from UD English treebanks.

Reproducible, offline, CPU-friendly: no pretrained word vectors, no charlm.
The five Stanza models run in two single-thread lanes side by side (two
threads on one job were measured only 13% faster than one thread):

    lane 1: tokenize -> mwt -> lemma -> depparse (trained on gold tags)
    lane 2: pos

Usage::

    python -m claimtrack.models.train --data ../shared/data/ud-english \
        --out claimtrack/models/en_compact --work build/train

Every stage logs to ``WORK/logs/<stage>.log``; Stanza saves the best dev
checkpoint as it goes, so a run can be stopped and its best models collected
with ``--collect-only``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

TREEBANK = "UD_English-Compact"
SHORT = "en_compact"

# Stage settings measured on a 2-core machine (see MODEL_CARD.md).
STAGE_ARGS = {
    "tokenize": ["--steps", "6000"],
    "mwt": ["--num_epoch", "10"],
    "lemma": [],  # Stanza's default number of epochs
    # The same tagger as the GPU profile, trained to convergence on one thread
    # (hours): Stanza stops it early when dev has not improved for 3000 steps.
    "pos": [
        "--no_pretrain", "--batch_size", "250", "--deep_biaff_hidden_dim", "200",
        "--composite_deep_biaff_hidden_dim", "100", "--word_cutoff", "2",
        "--max_steps", "50000", "--eval_interval", "500", "--fix_eval_interval",
    ],
    "depparse": [
        "--no_pretrain", "--batch_size", "1000", "--hidden_dim", "200",
        "--num_layers", "2", "--deep_biaff_hidden_dim", "200",
        "--char_hidden_dim", "200", "--optim", "adam", "--lr", "0.002",
        "--beta2", "0.9", "--no_second_optim", "--word_cutoff", "2",
        "--max_steps", "5000", "--eval_interval", "300",
    ],
}
# A larger tagger and parser for a machine with a GPU (--profile gpu).
GPU_STAGE_ARGS = {
    "pos": [
        "--no_pretrain", "--batch_size", "250", "--deep_biaff_hidden_dim", "200",
        "--composite_deep_biaff_hidden_dim", "100", "--word_cutoff", "2",
        "--max_steps", "50000",
    ],
    "depparse": [
        "--no_pretrain", "--batch_size", "5000", "--hidden_dim", "400",
        "--num_layers", "3", "--deep_biaff_hidden_dim", "200",
        "--char_hidden_dim", "400", "--word_cutoff", "2", "--max_steps", "50000",
    ],
}
RUNNERS = {
    "tokenize": "run_tokenizer",
    "mwt": "run_mwt",
    "lemma": "run_lemma",
    "pos": "run_pos",
    "depparse": "run_depparse",
}
PREPARE = {
    "tokenize": [],
    "mwt": [],
    "pos": [],
    "lemma": ["--gold"],
    "depparse": ["--gold"],
}
LANES = [["tokenize", "mwt", "lemma", "depparse"], ["pos"]]
# Stanza names its saved models after the settings (nocharlm, nopretrain);
# the best dev model of each stage is the one file matching this pattern.
MODEL_FILES = {
    "tokenize": "*_tokenizer.pt",
    "mwt": "*_mwt_expander.pt",
    "lemma": "*_lemmatizer.pt",
    "pos": "*_tagger.pt",
    "depparse": "*_parser.pt",
}


def build_treebank(data: Path, work: Path) -> None:
    """Combine EWT train and GUM train documents; GUM dev/test stay held out."""
    target = work / "ud" / TREEBANK
    target.mkdir(parents=True, exist_ok=True)
    train_files = [data / "ewt" / "en_ewt-ud-train.conllu"]
    train_files += sorted((data / "gum" / "train").glob("*.conllu"))
    with open(target / f"{SHORT}-ud-train.conllu", "w", encoding="utf-8") as out:
        for path in train_files:
            out.write(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n")
    # Model selection on EWT dev and GUM dev together, so that the web genres
    # (lower case, misspellings, emails, reviews) count as much as GUM's.
    dev_files = [data / "ewt" / "en_ewt-ud-dev.conllu", data / "gum" / "en_gum-ud-dev.conllu"]
    with open(target / f"{SHORT}-ud-dev.conllu", "w", encoding="utf-8") as out:
        for path in dev_files:
            out.write(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n")
    shutil.copy(data / "gum" / "en_gum-ud-test.conllu", target / f"{SHORT}-ud-test.conllu")


def environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        UDBASE=str(work / "ud"),
        DATA_ROOT=str(work / "data"),
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
        PYTHONUNBUFFERED="1",
    )
    return env


def run_logged(cmd: list[str], log: Path, env: dict[str, str]) -> int:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"$ {' '.join(cmd)}\n")
        handle.flush()
        return subprocess.call(cmd, stdout=handle, stderr=subprocess.STDOUT, env=env)


def prepare(work: Path, env: dict[str, str]) -> None:
    for stage, extra in PREPARE.items():
        module = f"stanza.utils.datasets.prepare_{stage if stage != 'tokenize' else 'tokenizer'}_treebank"
        cmd = [sys.executable, "-m", module, TREEBANK, *extra]
        if run_logged(cmd, work / "logs" / "prepare.log", env) != 0:
            raise SystemExit(f"data preparation failed for {stage}; see {work}/logs/prepare.log")


def stage_command(
    stage: str, work: Path, profile: str = "cpu", resume: bool = False
) -> list[str]:
    runner = f"stanza.utils.training.{RUNNERS[stage]}"
    cmd = [sys.executable, "-m", runner, TREEBANK, "--save_dir", str(work / "saved" / stage)]
    if resume:
        cmd.append("--force")
    if stage != "mwt":
        cmd.append("--no_charlm")
    if profile == "gpu" and stage in GPU_STAGE_ARGS:
        return cmd + GPU_STAGE_ARGS[stage]
    return cmd + STAGE_ARGS[stage]


def lane_script(
    stages: list[str],
    work: Path,
    profile: str = "cpu",
    minutes: float | None = None,
    resume: bool = False,
) -> list[str]:
    """One shell chain per lane, so each lane runs its stages in order.

    With ``minutes`` each stage is stopped after that long; Stanza keeps the
    best dev checkpoint saved so far, so a stopped stage still leaves a model.
    """
    parts = []
    for stage in stages:
        cmd = " ".join(stage_command(stage, work, profile, resume))
        if minutes:
            saved = work / "saved" / stage / MODEL_FILES[stage]
            cmd = f"timeout {int(minutes * 60)} {cmd}; compgen -G '{saved}' > /dev/null"
        log = work / "logs" / f"{stage}.log"
        parts.append(f"({cmd}) >> {log} 2>&1")
    return ["bash", "-c", " && ".join(parts)]


def store_half_precision(path: Path) -> None:
    """Store float32 weights as float16, halving the file.

    Stanza's loaders copy a state dict into the model's float32 parameters
    (``load_state_dict`` converts), so the models load unchanged.
    """
    import torch

    def halve(value):
        if isinstance(value, torch.Tensor) and value.dtype == torch.float32:
            return value.half()
        if isinstance(value, dict):
            return {key: halve(item) for key, item in value.items()}
        return value

    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    checkpoint.pop("optimizer", None)
    torch.save(halve(checkpoint), path)


def collect(work: Path, out: Path, half: tuple[str, ...] = ("pos", "depparse")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for stage, pattern in MODEL_FILES.items():
        found = sorted((work / "saved" / stage).glob(pattern))
        if not found:
            print(f"missing model for {stage} under {work / 'saved' / stage}", file=sys.stderr)
            continue
        src = found[0]
        target = out / f"{stage}.pt"
        shutil.copy(src, target)
        if stage in half:
            store_half_precision(target)
        print(f"{stage}: {src} -> {target} ({target.stat().st_size / 1e6:.1f} MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="ud-english folder")
    parser.add_argument("--out", type=Path, required=True, help="where the models go")
    parser.add_argument("--work", type=Path, default=Path("build/train"))
    parser.add_argument("--collect-only", action="store_true")
    parser.add_argument("--profile", choices=["cpu", "gpu"], default="cpu",
                        help="gpu: larger tagger and parser for a machine with a GPU")
    parser.add_argument("--stages", nargs="+", choices=list(RUNNERS), default=list(RUNNERS),
                        help="train only these stages")
    parser.add_argument("--resume", action="store_true",
                        help="train stages again, the parser continuing from its last checkpoint")
    parser.add_argument("--parser-from", type=Path, default=None,
                        help="continue training the parser from this saved parser model")
    parser.add_argument("--minutes", type=float, default=None,
                        help="stop each stage after this many minutes, keeping its best checkpoint")
    args = parser.parse_args(argv)
    work = args.work.resolve()
    if not args.collect_only:
        env = environment(work)
        build_treebank(args.data.resolve(), work)
        prepare(work, env)
        started = time.time()
        if args.parser_from:
            GPU_STAGE_ARGS["depparse"].extend(["--continue_from", str(args.parser_from.resolve())])
            STAGE_ARGS["depparse"].extend(["--continue_from", str(args.parser_from.resolve())])
        if args.profile == "gpu":
            env.pop("OMP_NUM_THREADS")
            env.pop("MKL_NUM_THREADS")
            lanes_stages = [[stage] for stage in args.stages]
        else:
            lanes_stages = [[s for s in lane if s in args.stages] for lane in LANES]
        lanes = [
            subprocess.Popen(
                lane_script(stages, work, args.profile, args.minutes, args.resume), env=env
            )
            for stages in lanes_stages if stages
        ]
        codes = [lane.wait() for lane in lanes]
        print(f"training finished in {(time.time() - started) / 60:.1f} min, exit codes {codes}")
        if any(codes):
            return 1
    collect(work, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
