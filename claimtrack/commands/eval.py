"""``claimtrack eval GOLD``: score extraction against gold attributions.

Three gold formats: the GUM attribution set (``--format gum``, the default),
PolNeAR (``--format polnear``), read from a clone of its repository, and
expected fact-check matches (``--format factcheck``, see
:mod:`claimtrack.factcheck.evaluate`).
Problems with the input (the gold folder, a rule overlay, the models) are
raised as claimtrack's one-line errors, which ``claimtrack.cli`` prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from claimtrack.commands.extract import acts_option
from claimtrack.evaluation import EvalError
from claimtrack.evaluation.gum import PARSE_MODES, evaluate
from claimtrack.evaluation.polnear import evaluate_polnear
from claimtrack.evaluation.polnear_gold import SPLITS
from claimtrack.evaluation.polnear_report import format_polnear_errors, format_polnear_report
from claimtrack.evaluation.report import format_errors, format_report
from claimtrack.evaluation.wire import evaluate_wire, format_wire_errors, format_wire_report

FORMATS = ("gum", "polnear", "wire", "factcheck")

EXAMPLES = """\
examples:
  claimtrack eval ../shared/data/gum-attributions
  claimtrack eval ../shared/data/gum-attributions --parse model --genre news
  claimtrack eval ../shared/data/gum-attributions --docs 5 --json > eval.json
  claimtrack eval ../shared/data/gum-attributions --genre news --errors
  claimtrack eval ../shared/data/gum-attributions --rules my_rules/
  claimtrack eval ../shared/data/gum-attributions --acts statement,belief   # without the new acts
  claimtrack eval --format polnear ~/PolNeAR --split train --docs 50
  claimtrack eval --format polnear ~/PolNeAR --split train --errors > polnear_errors.txt
  claimtrack eval --format polnear ~/PolNeAR --split train --figures > polnear_train.json
  claimtrack eval --format factcheck tests/data/factcheck/expected.yaml
  claimtrack eval --format wire tests/data/wire --errors

GOLD is a gum-attributions folder (gum_attr_train.jsonl and conllu/<id>.conllu)
or, with --format polnear, a clone of github.com/networkdynamics/PolNeAR (its
texts have no data licence: claimtrack ships none). Tune on PolNeAR's train
split only; dev and test are held out. With --format wire, GOLD is a folder of
hand-annotated articles (<name>.yaml beside its text; see docs/eval.md): source
type, entity and confirmation status per claim.
"""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "eval",
        help="score extraction against gold attributions",
        description="Run extraction on every gold document and print precision, recall, F1, "
        "source accuracy over matched claims and the commonest misses and false positives, "
        "and a per-document table.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", metavar="GOLD", help="the gum-attributions folder, a PolNeAR clone, or a folder of annotated wire articles")
    parser.add_argument(
        "--format", choices=FORMATS, default="gum", help="the gold's format (default: gum)"
    )
    parser.add_argument(
        "--parse",
        choices=PARSE_MODES,
        help="gum only. gold: read each document's gold CoNLL-U (no Stanza run); "
        "model: parse the text with claimtrack's parser (cached) (default: gold). "
        "PolNeAR texts are always parsed with claimtrack's parser",
    )
    parser.add_argument(
        "--split", choices=SPLITS, help="polnear only: the split to score (default: train)"
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument(
        "--figures",
        action="store_true",
        help="polnear only: print only the figures as JSON, nothing taken from the corpus's text "
        "(PolNeAR has no data licence: this is what may be kept in bench/)",
    )
    parser.add_argument(
        "--errors", action="store_true", help="after the tables, list every miss and false positive with its sentence"
    )
    parser.add_argument(
        "--rules", metavar="DIR", action="append", help="overlay rule directory (repeatable)"
    )
    parser.add_argument("--docs", metavar="N", type=_positive, help="score only the first N documents")
    parser.add_argument("--genre", metavar="G", help="gum only: score only documents of this genre (news, ...)")
    parser.add_argument(
        "--semantic-model", metavar="PATH",
        help="factcheck only: also compare by a local sentence-transformers model (claimtrack[semantic])",
    )
    parser.add_argument(
        "--acts", type=acts_option, metavar="ACTS",
        help="score only claims of these acts, comma-separated (statement,belief: the checkable ones; default: all)",
    )
    parser.set_defaults(func=run)
    return parser


def _progress(number: int, total: int, score) -> None:
    note = f"  ERROR {score.error}" if score.error else ""
    print(f"[{number}/{total}] {score.id}: {score.matched}/{score.gold} matched{note}", file=sys.stderr, flush=True)


def _check_options(args: argparse.Namespace) -> None:
    """Options that belong to the other format are refused, not ignored."""
    if args.format == "factcheck":
        options = (("--parse", args.parse), ("--split", args.split), ("--genre", args.genre), ("--docs", args.docs))
        wrong = [name for name, value in options if value is not None]
        wrong += [name for name, value in (("--figures", args.figures), ("--errors", args.errors)) if value]
    elif args.format == "wire":
        options = (("--parse", args.parse), ("--genre", args.genre), ("--split", args.split), ("--figures", args.figures or None))
        wrong = [name for name, value in options if value is not None]
    elif args.format == "polnear":
        wrong = [name for name, value in (("--parse", args.parse), ("--genre", args.genre)) if value is not None]
    else:
        wrong = [name for name, value in (("--split", args.split), ("--figures", args.figures or None)) if value]
    if args.semantic_model and args.format != "factcheck":
        wrong.append("--semantic-model")
    if wrong:
        raise EvalError(f"{' and '.join(wrong)}: not an option of --format {args.format}")


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    if args.format == "factcheck":
        return _run_factcheck(args)
    progress = _progress if sys.stderr.isatty() else None
    report: Any
    if args.format == "wire":
        report = evaluate_wire(args.gold, rules=args.rules, docs=args.docs, progress=progress)
        text, errors = format_wire_report, format_wire_errors
    elif args.format == "polnear":
        report = evaluate_polnear(
            args.gold, split=args.split or "train", rules=args.rules, docs=args.docs, acts=args.acts, progress=progress
        )
        text, errors = format_polnear_report, format_polnear_errors
    else:
        report = evaluate(
            args.gold, parse=args.parse or "gold", rules=args.rules, docs=args.docs, genre=args.genre,
            acts=args.acts, progress=progress,
        )
        text, errors = format_report, format_errors
    if args.json or args.figures:
        data = report.figures() if args.figures else report.to_dict()
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(text(report))
        if args.errors:
            print(errors(report))
    return 0


def _run_factcheck(args: argparse.Namespace) -> int:
    """Precision and recall of fact-check matches (the misses and extra matches listed)."""
    from claimtrack.factcheck.evaluate import evaluate as evaluate_matches, format_report as matches_report

    model = None
    if args.semantic_model:
        from claimtrack.factcheck.semantic import Embedder

        model = Embedder(args.semantic_model)
    report = evaluate_matches(args.gold, rules=args.rules, model=model)
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(matches_report(report))
    return 0
