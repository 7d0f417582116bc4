"""Score a model set on the UD English test sets with the CoNLL 2018 scorer.

    python -m claimtrack.models.scores --models claimtrack/models/en_compact \\
        --data ../shared/data/ud-english --out scores.json

Three runs per test set, side by side:

- ``raw``: end to end from raw text, as claimtrack parses articles. The text
  is rebuilt from each sentence's ``# text``: sentences joined by a space
  (none after ``SpaceAfter=No``), a blank line between paragraphs and
  documents (``# newpar``, ``# newdoc``), as UD's own ``.txt`` files do.
- ``gold_tokens``: the gold words given (``tokenize_pretokenized``); the
  tagger, lemmatizer and parser run.
- ``gold_tags``: gold words, UPOS, XPOS, features and lemmas kept; only the
  parser runs (``depparse_pretagged``).

Scores come from ``stanza.models.common.utils.ud_scores`` (the CoNLL 2018
shared task scorer): F1 for tokens, sentences and words, and the aligned
F1 for UPOS, XPOS, lemmas, UAS and LAS. A markdown table goes to stdout.

``--int8`` scores the models with dynamic int8 quantisation, as
``Parser(quantize=True)`` runs them; ``--compare-int8`` scores both in one
run and adds the difference (int8 minus float) per metric.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from claimtrack.errors import ClaimtrackError

__all__ = ["DEV_SETS", "METRICS", "MODES", "SETS", "TEST_SETS", "evaluate", "main", "markdown", "raw_text"]

TEST_SETS = {
    "ewt": "ewt/en_ewt-ud-test.conllu",
    "gum": "gum/en_gum-ud-test.conllu",
}
# The dev sets the training selects on, for choosing between model sets
# before the test sets are looked at (``--sets ewt-dev,gum-dev``).
DEV_SETS = {
    "ewt-dev": "ewt/en_ewt-ud-dev.conllu",
    "gum-dev": "gum/en_gum-ud-dev.conllu",
}
SETS = {**TEST_SETS, **DEV_SETS}
MODES = ("raw", "gold_tokens", "gold_tags")
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS")
MODE_METRICS = {
    "raw": METRICS,
    "gold_tokens": ("UPOS", "XPOS", "Lemmas", "UAS", "LAS"),
    "gold_tags": ("UAS", "LAS"),
}


def raw_text(sentences: list[list[dict]], comments: list[list[str]]) -> str:
    """The running text of a UD file: ``# text`` of each sentence, a space
    between sentences, a blank line at each new paragraph or document."""
    pieces: list[str] = []
    glue_after_previous = ""
    for sentence, sentence_comments in zip(sentences, comments):
        text = _comment(sentence_comments, "text") or _tokens_text(sentence)
        if pieces:
            new_block = any(c.startswith(("# newpar", "# newdoc")) for c in sentence_comments)
            pieces.append("\n\n" if new_block else glue_after_previous)
        pieces.append(text)
        glue_after_previous = "" if _space_after_no(sentence[-1]) else " "
    return "".join(pieces) + "\n"


def _comment(comments: list[str], key: str) -> str | None:
    for comment in comments:
        name, _, value = comment.lstrip("#").partition("=")
        if name.strip() == key:
            return value.strip()
    return None


def _space_after_no(token: dict) -> bool:
    return "SpaceAfter=No" in (token.get("misc") or "").split("|")


def _tokens_text(sentence: list[dict]) -> str:
    out = []
    for token in sentence:
        if isinstance(token["id"], tuple) and len(token["id"]) == 1 and _inside_mwt(sentence, token):
            continue
        out.append(token["text"] + ("" if _space_after_no(token) else " "))
    return "".join(out).strip()


def _inside_mwt(sentence: list[dict], word: dict) -> bool:
    number = word["id"][0]
    return any(len(t["id"]) == 2 and t["id"][0] <= number <= t["id"][1] for t in sentence)


def _scores(gold: Path, system_conllu: str) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores

    with tempfile.NamedTemporaryFile("w", suffix=".conllu", encoding="utf-8", delete=False) as handle:
        handle.write(system_conllu.rstrip("\n") + "\n\n")
        system = Path(handle.name)
    try:
        evaluation = ud_scores(str(gold), str(system))
    finally:
        system.unlink(missing_ok=True)
    return {metric: round(100 * evaluation[metric].f1, 2) for metric in METRICS}


def _conllu(doc: Any) -> str:
    return "{:C}".format(doc)


def _gold_document(path: Path, keep_tags: bool) -> Any:
    """The gold document with the annotation the run must predict removed."""
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_file=str(path))
    for sentence in doc.sentences:
        for word in sentence.words:
            if not keep_tags:
                word.upos = word.xpos = word.feats = word.lemma = None
            word.head, word.deprel, word.deps = None, None, None
    return doc


def evaluate(
    models: str | Path,
    data: str | Path,
    *,
    sets: tuple[str, ...] = tuple(TEST_SETS),
    modes: tuple[str, ...] = MODES,
    threads: int = 1,
    progress=None,
    quantize: bool = False,
) -> dict[str, Any]:
    """Scores of one model set on the UD test sets, per set and mode
    (``quantize``: with dynamic int8 quantisation)."""
    from claimtrack.parsing.parser import Parser, build_pipeline
    from claimtrack.parsing.runtime import import_stanza, quantize_pipeline

    import_stanza()
    import stanza
    import torch
    from stanza.utils.conll import CoNLL

    torch.set_num_threads(threads)
    golds = {name: Path(data) / SETS[name] for name in sets}
    for gold in golds.values():
        if not gold.is_file():
            raise ClaimtrackError(f"{gold}: missing (--data must be the ud-english folder)")
    parser = Parser(models, cache=False, quantize=quantize, device="cpu")
    report: dict[str, Any] = {
        "models": str(parser.models.path),
        "model_id": parser.model_id,
        "int8": quantize,
        "stanza": stanza.__version__,
        "threads": threads,
        "scorer": "CoNLL 2018 shared task (stanza.models.common.utils.ud_scores)",
        "load_seconds": {},
        "sets": {},
    }

    def built_with(processors: str, **options: Any) -> Any:
        pipeline = build_pipeline(parser.models, processors, device="cpu", **options)
        if quantize:
            quantize_pipeline(pipeline)
        return pipeline

    pipelines = {
        "raw": lambda: parser.pipeline(),
        "gold_tokens": lambda: built_with("tokenize,pos,lemma,depparse", tokenize_pretokenized=True),
        "gold_tags": lambda: built_with("depparse", depparse_pretagged=True),
    }
    built: dict[str, Any] = {}
    for name in sets:
        gold = golds[name]
        sentences, comments, _ = CoNLL.conll2dict(input_file=str(gold))
        entry: dict[str, Any] = {"file": str(gold), "sentences": len(sentences), "words": sum(
            1 for sentence in sentences for token in sentence if len(token["id"]) == 1
        )}
        for mode in modes:
            if mode not in built:
                started = time.perf_counter()
                built[mode] = pipelines[mode]()
                report["load_seconds"][mode] = round(time.perf_counter() - started, 2)
            if progress:
                progress(f"{name} {mode}: parsing {len(sentences)} sentences")
            started = time.perf_counter()
            if mode == "raw":
                doc = parser.parse(raw_text(sentences, comments), cache=False)
            else:
                doc = built[mode](_gold_document(gold, keep_tags=mode == "gold_tags"))
            seconds = time.perf_counter() - started
            scores = _scores(gold, _conllu(doc))
            entry[mode] = {
                "scores": {metric: scores[metric] for metric in MODE_METRICS[mode]},
                "seconds": round(seconds, 1),
                "sentences_per_second": round(len(doc.sentences) / seconds, 1) if seconds else None,
            }
        report["sets"][name] = entry
    return report


def set_label(name: str) -> str:
    """'ewt' -> 'EWT test', 'gum-dev' -> 'GUM dev'."""
    treebank, _, part = name.partition("-")
    return f"{treebank.upper()} {part or 'test'}"


def markdown(report: dict[str, Any]) -> str:
    """The scores as a markdown table: one row per test set and mode."""
    header = "| test set | input | " + " | ".join(METRICS) + " | sentences/s |"
    rule = "|---|---|" + "---:|" * (len(METRICS) + 1)
    rows = [header, rule]
    labels = {"raw": "raw text", "gold_tokens": "gold tokens", "gold_tags": "gold tokens + tags"}
    for name, entry in report["sets"].items():
        for mode in MODES:
            if mode not in entry:
                continue
            scores = entry[mode]["scores"]
            cells = [f"{scores[m]:.2f}" if m in scores else "" for m in METRICS]
            rate = entry[mode]["sentences_per_second"]
            rows.append(f"| {set_label(name)} | {labels[mode]} | " + " | ".join(cells) + f" | {rate or ''} |")
    return "\n".join(rows)


def difference(base: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """``other`` minus ``base`` per set, mode and metric (points), and the speed ratio."""
    out: dict[str, Any] = {}
    for name, entry in other["sets"].items():
        for mode in MODES:
            if mode not in entry or mode not in base["sets"].get(name, {}):
                continue
            mine, theirs = entry[mode], base["sets"][name][mode]
            out.setdefault(name, {})[mode] = {
                "scores": {m: round(mine["scores"][m] - theirs["scores"][m], 2) for m in mine["scores"]},
                "speed": round(mine["seconds"] and theirs["seconds"] / mine["seconds"], 2),
            }
    return out


def difference_markdown(diff: dict[str, Any]) -> str:
    """The difference as a markdown table: points per metric, and the speed-up."""
    rows = ["| test set | input | " + " | ".join(METRICS) + " | speed-up |", "|---|---|" + "---:|" * (len(METRICS) + 1)]
    for name, modes in diff.items():
        for mode, entry in modes.items():
            cells = [f"{entry['scores'][m]:+.2f}" if m in entry["scores"] else "" for m in METRICS]
            rows.append(f"| {set_label(name)} | {mode} | " + " | ".join(cells) + f" | {entry['speed']:.2f}x |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m claimtrack.models.scores",
        description=__doc__.split("\n\n")[0],
        epilog="example: python -m claimtrack.models.scores --models claimtrack/models/en_compact "
        "--data ../shared/data/ud-english --out scores.json",
    )
    parser.add_argument("--models", default="compact", help="compact (default), stanza, or a folder of .pt models")
    parser.add_argument("--data", required=True, help="the ud-english folder (ewt/ and gum/ test files)")
    parser.add_argument("--out", help="write the full report as JSON here")
    parser.add_argument("--sets", default=",".join(TEST_SETS),
                        help="comma-separated: ewt,gum (default both); ewt-dev,gum-dev to choose between model sets")
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated: {','.join(MODES)}")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--int8", action="store_true", help="score with dynamic int8 quantisation")
    which.add_argument("--compare-int8", action="store_true", help="score float and int8 side by side")
    args = parser.parse_args(argv)
    sets = tuple(item for item in args.sets.split(",") if item)
    modes = tuple(item for item in args.modes.split(",") if item)
    unknown = [item for item in sets if item not in SETS] + [item for item in modes if item not in MODES]
    if unknown:
        parser.error(f"unknown set or mode: {', '.join(unknown)}")
    runs = (False, True) if args.compare_int8 else (args.int8,)
    reports = []
    try:
        for quantize in runs:
            reports.append(evaluate(
                args.models, args.data, sets=sets, modes=modes, threads=args.threads, quantize=quantize,
                progress=lambda message, q=quantize: print(f"{'int8 ' if q else ''}{message}", file=sys.stderr, flush=True),
            ))
    except ClaimtrackError as error:
        print(f"claimtrack: {error}", file=sys.stderr)
        return 2
    report = reports[-1]
    for run in reports:
        if len(reports) > 1:
            print(f"\n{'int8' if run['int8'] else 'float'}:\n")
        print(markdown(run))
    if len(reports) > 1:
        report = {"float": reports[0], "int8": reports[1], "int8_minus_float": difference(*reports)}
        print("\nint8 minus float (points), and int8's speed-up:\n")
        print(difference_markdown(report["int8_minus_float"]))
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
