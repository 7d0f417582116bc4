"""Train claimtrack's compact English Stanza models from UD English treebanks.

Resumable across working periods, offline once the ``train`` extra (GloVe
vectors) is installed, CPU-friendly. Everything a run needs in order to
continue lives in a work folder outside the repository (``--work``, default
``~/.cache/claimtrack-train``): the combined treebank, Stanza's prepared
data, the vectors, one checkpoint per stage and the logs (``logs/``).

    python -m claimtrack.models.train --data ../shared/data/ud-english --stages pos --minutes 90
    python -m claimtrack.models.train --data ../shared/data/ud-english --stages pos --resume --minutes 90
    python -m claimtrack.models.train --status
    python -m claimtrack.models.train --collect-only --out claimtrack/models/en_compact

The tagger and the lemmatizer run in claimtrack's resumable loop
(``claimtrack.models.resumable``): ``--minutes`` (or SIGTERM) stops them after
the current step with a checkpoint holding the model, the optimizer state, the
step, the dev history and the random state, and ``--resume`` continues from it
exactly. The parser continues from Stanza's own checkpoint
(``--checkpoint_save_name``, written at each dev evaluation). With
``--resume`` and no checkpoint (the work folder was lost) the tagger and the
lemmatizer start from the shipped model's weights (warm start).

Several stages run as lanes, one subprocess and one torch thread each; the
tokenizer, mwt and parser run Stanza's own training scripts.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from claimtrack.models import resumable
from claimtrack.models.train_status import status_lines

TREEBANK = "UD_English-Compact"
SHORT = "en_compact"
DEFAULT_WORK = Path.home() / ".cache" / "claimtrack-train"
SHIPPED = Path(__file__).parent / "en_compact"
VECTORS = Path("vectors") / "en_glove6b50_pretrain.pt"
LOOP_STAGES = ("pos", "lemma")

# Stage settings measured on a 2-core machine (see MODEL_CARD.md).
STAGE_ARGS = {
    "tokenize": ["--steps", "6000"],
    "mwt": ["--num_epoch", "10"],
    "lemma": ["--num_epoch", "60"],  # Stanza's default number of epochs
    # The batch-32 tagger with GloVe vectors, to convergence on one thread:
    # after 3000 steps without a better dev score AMSGrad takes over at a
    # tenth of the learning rate, after 3000 more the stage stops. Batches of
    # 32 sentences at Stanza's learning rate (set for batches of 250) left the
    # training loss flat from step 1,500 to 12,500 (MODEL_CARD, period 4).
    "pos": [
        "--batch_size", "32", "--deep_biaff_hidden_dim", "200",
        "--composite_deep_biaff_hidden_dim", "50", "--word_cutoff", "2",
        "--max_steps", "50000", "--eval_interval", "500", "--fix_eval_interval",
        "--second_lr", "0.0003",
    ],
    # The parser: Adam at 0.002 (cut by 0.8 after 500 steps without a better
    # dev score), then from step 10,000 Stanza's second stage, Adam at 0.0002
    # from the best model, until 2,000 steps bring no better dev score.
    # depparse_runner keeps a continued run in the stage it was in.
    "depparse": [
        "--batch_size", "1000", "--hidden_dim", "200",
        "--num_layers", "2", "--deep_biaff_hidden_dim", "200",
        "--char_hidden_dim", "200", "--optim", "adam", "--lr", "0.002",
        "--beta2", "0.9", "--second_optim", "adam", "--second_lr", "0.0002",
        "--second_optim_start_step", "10000", "--word_cutoff", "2",
        "--max_steps", "30000", "--eval_interval", "300",
    ],
}
# A larger tagger and parser for a machine with a GPU (--profile gpu).
GPU_STAGE_ARGS = {
    "pos": [
        "--batch_size", "250", "--deep_biaff_hidden_dim", "200",
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
    "tokenize": ("prepare_tokenizer_treebank", []),
    "mwt": ("prepare_mwt_treebank", []),
    "pos": ("prepare_pos_treebank", []),
    "lemma": ("prepare_lemma_treebank", ["--gold"]),
    "depparse": ("prepare_depparse_treebank", ["--gold"]),
}
# The prepared file whose presence means a stage's data is ready.
PREPARED = {
    "tokenize": "tokenize/en_compact.train.gold.conllu",
    "mwt": "mwt/en_compact.train.in.conllu",
    "pos": "pos/en_compact.train.in.conllu",
    "lemma": "lemma/en_compact.train.in.conllu",
    "depparse": "depparse/en_compact.train.in.conllu",
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
logger = logging.getLogger("claimtrack.train")


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


def run_logged(cmd: list[str], log: Path, env: dict[str, str], timeout: float | None = None) -> int:
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"$ {' '.join(cmd)}\n")
        handle.flush()
        process = subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, env=env)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait()
            handle.write("stopped: time limit\n")
            return 0


def prepare(work: Path, env: dict[str, str], stages: list[str], data: Path | None) -> None:
    """Stanza's data preparation for the stages whose prepared data is missing."""
    missing = [stage for stage in stages if not (work / "data" / PREPARED[stage]).is_file()]
    if not missing:
        return
    if data is None:
        raise SystemExit(f"no prepared data under {work / 'data'} for {', '.join(missing)}: give --data")
    build_treebank(data.resolve(), work)
    for stage in missing:
        module, extra = PREPARE[stage]
        cmd = [sys.executable, "-m", f"stanza.utils.datasets.{module}", TREEBANK, *extra]
        if run_logged(cmd, work / "logs" / "prepare.log", env) != 0:
            raise SystemExit(f"data preparation failed for {stage}; see {work}/logs/prepare.log")


def prepare_vectors(work: Path) -> Path:
    """The GloVe pretrain file: the 100,000 most frequent words plus every training word."""
    from claimtrack.models.vectors import build_pretrain, conllu_words

    target = work / VECTORS
    if not target.is_file():
        train = work / "ud" / TREEBANK / f"{SHORT}-ud-train.conllu"
        count = build_pretrain(target, conllu_words([train]))
        logger.info("vectors: %d words written to %s", count, target)
    return target


def loop_arguments(stage: str, work: Path, profile: str = "cpu") -> list[str]:
    """Stanza's command-line arguments for a stage that runs in the resumable loop."""
    data = work / "data" / stage
    common = ["--train_file", str(data / f"{SHORT}.train.in.conllu"),
              "--eval_file", str(data / f"{SHORT}.dev.in.conllu"),
              "--shorthand", SHORT, "--mode", "train", "--save_dir", str(work / "saved" / stage)]
    if stage == "pos":
        common += ["--lang", "en", "--wordvec_pretrain_file", str(work / VECTORS)]
    settings = GPU_STAGE_ARGS if profile == "gpu" and stage in GPU_STAGE_ARGS else STAGE_ARGS
    return common + settings[stage]


def retag_command(work: Path) -> list[str]:
    """Stanza's parser data preparation with the tags of the newly trained
    tagger instead of the gold ones (the tagger's best dev model and the
    vectors), overwriting ``data/depparse``. The training part is tagged by a
    tagger that saw it, so its tags are better than on new text (no
    jackknifing)."""
    taggers = sorted((work / "saved" / "pos").glob(MODEL_FILES["pos"]))
    if not taggers:
        raise SystemExit(f"no trained tagger under {work / 'saved' / 'pos'}: train the pos stage first")
    module, _ = PREPARE["depparse"]
    return [sys.executable, "-m", f"stanza.utils.datasets.{module}", TREEBANK, "--predicted",
            "--tagger_model", str(taggers[0]), "--wordvec_pretrain_file", str(work / VECTORS),
            "--no_charlm"]  # without it Stanza looks for (and downloads) its English charlm


def checkpoint_path(work: Path, stage: str) -> Path:
    return work / "checkpoints" / f"{stage}.pt"


def run_loop_stage(stage: str, work: Path, limits: resumable.Limits, resume: bool,
                   profile: str = "cpu", argv: list[str] | None = None) -> resumable.Progress:
    """Train the tagger or the lemmatizer in the resumable loop."""
    from claimtrack.models.stanza_tasks import LemmaTask, TaggerTask

    if stage == "pos":
        prepare_vectors(work)
    task = (TaggerTask if stage == "pos" else LemmaTask)(argv or loop_arguments(stage, work, profile))
    checkpoint = checkpoint_path(work, stage)
    shipped = SHIPPED / f"{stage}.pt"
    if resume and not checkpoint.is_file() and shipped.is_file():
        task.warm_start(shipped)
    return resumable.run(task, checkpoint, limits, resume=resume)


def stage_command(stage: str, work: Path, profile: str = "cpu", resume: bool = False,
                  parser_from: Path | None = None) -> list[str]:
    """Stanza's own training script for the tokenizer, mwt and parser."""
    runner = f"stanza.utils.training.{RUNNERS[stage]}"
    if stage == "depparse":  # Stanza's script, continuing after a retag (see the module)
        runner = "claimtrack.models.depparse_runner"
    cmd = [sys.executable, "-m", runner, TREEBANK, "--save_dir", str(work / "saved" / stage)]
    if resume:
        cmd.append("--force")
    if stage != "mwt":
        cmd.append("--no_charlm")
    settings = GPU_STAGE_ARGS if profile == "gpu" and stage in GPU_STAGE_ARGS else STAGE_ARGS
    cmd += settings[stage]
    if stage == "depparse":
        cmd += ["--checkpoint_save_name", str(checkpoint_path(work, stage).resolve())]
        # The tagger's GloVe vectors (shipped as pretrain.pt, read by both).
        cmd += ["--wordvec_pretrain_file", str((work / VECTORS).resolve())]
        if parser_from is not None:
            cmd += ["--continue_from", str(parser_from.resolve())]
    return cmd


def _log_to(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("claimtrack.train", "stanza"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)
    return handler


def run_lane(stages: list[str], work: Path, args: argparse.Namespace, deadline: float | None) -> int:
    """Run stages one after the other in this process; stop at the deadline."""
    import torch

    torch.set_num_threads(1 if args.profile == "cpu" else torch.get_num_threads())
    env = environment(work)
    for stage in stages:
        log = work / "logs" / f"{stage}.log"
        if deadline is not None and time.time() >= deadline:
            return 0
        if stage in LOOP_STAGES:
            handler = _log_to(log)
            try:
                limits = resumable.Limits(deadline=deadline, max_new_steps=args.steps)
                progress = run_loop_stage(stage, work, limits, args.resume, args.profile)
            finally:
                for name in ("claimtrack.train", "stanza"):
                    logging.getLogger(name).removeHandler(handler)
            if not progress.finished:
                return 0  # stopped by the time limit: later stages wait for the next run
            continue
        timeout = None if deadline is None else max(1.0, deadline - time.time())
        command = stage_command(stage, work, args.profile, args.resume, args.parser_from)
        if run_logged(command, log, env, timeout) != 0:
            print(f"{stage} failed; see {log}", file=sys.stderr)
            return 1
    return 0


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


def collect(work: Path, out: Path, half: tuple[str, ...] = ("pos", "depparse"), shipped: Path = SHIPPED) -> None:
    """The best dev model of each stage, as a model set claimtrack can load;
    a stage not trained in ``work`` keeps the shipped model."""
    out.mkdir(parents=True, exist_ok=True)
    for stage, pattern in MODEL_FILES.items():
        found = sorted((work / "saved" / stage).glob(pattern))
        target = out / f"{stage}.pt"
        if not found:
            if not (shipped / f"{stage}.pt").is_file():
                print(f"missing model for {stage} under {work / 'saved' / stage}", file=sys.stderr)
                continue
            shutil.copy(shipped / f"{stage}.pt", target)
            print(f"{stage}: not trained here, the shipped model {shipped / f'{stage}.pt'} -> {target}")
            continue
        src = found[0]
        shutil.copy(src, target)
        if stage in half:
            store_half_precision(target)
        print(f"{stage}: {src} -> {target} ({target.stat().st_size / 1e6:.1f} MB)")
    if (work / VECTORS).is_file():
        shutil.copy(work / VECTORS, out / "pretrain.pt")
        print(f"vectors: {work / VECTORS} -> {out / 'pretrain.pt'}")


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m claimtrack.models.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="ud-english folder (needed until the data is prepared)")
    parser.add_argument("--out", type=Path, help="copy the best models here when training ends")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"training state (default {DEFAULT_WORK})")
    parser.add_argument("--collect-only", action="store_true", help="only copy the best models to --out")
    parser.add_argument("--status", action="store_true", help="each stage's step, best dev score and time left")
    parser.add_argument("--profile", choices=["cpu", "gpu"], default="cpu",
                        help="gpu: larger tagger and parser for a machine with a GPU")
    parser.add_argument("--stages", nargs="+", choices=list(RUNNERS), default=list(RUNNERS),
                        help="train only these stages (one lane when they are all in one)")
    parser.add_argument("--resume", action="store_true",
                        help="continue each unfinished stage from its checkpoint (warm start if there is none)")
    parser.add_argument("--minutes", type=float, default=None,
                        help="stop every lane after this many minutes, with a checkpoint")
    parser.add_argument("--parser-from", type=Path, default=None,
                        help="start the parser from this saved parser model (not from its checkpoint)")
    parser.add_argument("--retag", action="store_true",
                        help="prepare the parser's data again with the trained tagger's tags (then train depparse)")
    parser.add_argument("--steps", type=int, default=None,
                        help="stop the tagger or lemmatizer after this many new steps, with a checkpoint")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = argument_parser().parse_args(argv)
    work = args.work.expanduser().resolve()
    if args.status:
        print("\n".join(status_lines(work, list(RUNNERS))))
        return 0
    if args.retag:
        prepare(work, environment(work), ["depparse"], args.data)
        if run_logged(retag_command(work), work / "logs" / "prepare.log", environment(work)) != 0:
            raise SystemExit(f"retagging failed; see {work}/logs/prepare.log")
        return 0
    if not args.collect_only:
        deadline = time.time() + args.minutes * 60 if args.minutes is not None else None
        env = environment(work)
        os.environ.update({key: env[key] for key in ("UDBASE", "DATA_ROOT", "OMP_NUM_THREADS", "MKL_NUM_THREADS")})
        prepare(work, env, args.stages, args.data)
        lanes = [[s for s in lane if s in args.stages] for lane in LANES]
        lanes = [lane for lane in lanes if lane]
        if args.profile == "gpu":
            lanes = [[stage] for stage in args.stages]
        if len(lanes) == 1:
            code = run_lane(lanes[0], work, args, deadline)
        else:
            code = _run_lanes(lanes, work, args, deadline)
        if code or not args.out:
            return code
    if not args.out:
        raise SystemExit("--collect-only needs --out")
    collect(work, args.out)
    return 0


def _run_lanes(lanes: list[list[str]], work: Path, args: argparse.Namespace, deadline: float | None) -> int:
    """One subprocess per lane, each running this script on its stages."""
    base = [sys.executable, "-m", "claimtrack.models.train", "--work", str(work), "--profile", args.profile]
    if args.resume:
        base.append("--resume")
    if args.parser_from is not None:
        base += ["--parser-from", str(args.parser_from.resolve())]
    if deadline is not None:
        base += ["--minutes", f"{max(0.0, (deadline - time.time()) / 60):.2f}"]
    if args.steps is not None:
        base += ["--steps", str(args.steps)]
    processes = [subprocess.Popen(base + ["--stages", *lane], env=environment(work)) for lane in lanes]
    codes = [process.wait() for process in processes]
    print(f"lanes finished, exit codes {codes}")
    return 1 if any(codes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
