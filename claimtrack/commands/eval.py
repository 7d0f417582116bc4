"""``claimtrack eval GOLD``: score extraction against gold attributions.

Problems with the input (the gold folder, a rule overlay, the models) are
raised as claimtrack's one-line errors, which ``claimtrack.cli`` prints.
"""

from __future__ import annotations

import argparse
import json
import sys

from claimtrack.evaluation.gum import PARSE_MODES, evaluate, format_errors, format_report

EXAMPLES = """\
examples:
  claimtrack eval ../shared/data/gum-attributions
  claimtrack eval ../shared/data/gum-attributions --parse model --genre news
  claimtrack eval ../shared/data/gum-attributions --docs 5 --json > eval.json
  claimtrack eval ../shared/data/gum-attributions --genre news --errors
  claimtrack eval ../shared/data/gum-attributions --rules my_rules/

GOLD is a gum-attributions folder: gum_attr_train.jsonl and conllu/<id>.conllu.
Recall counts positive reported speech (category "speech", not in captions);
a prediction is a false positive only where it overlaps no gold attribution.
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
        "source, cue and kind accuracy over matched claims, recall by kind and genre, "
        "and a per-document table.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", metavar="GOLD", help="the gum-attributions folder")
    parser.add_argument(
        "--parse",
        choices=PARSE_MODES,
        default="gold",
        help="gold: read each document's gold CoNLL-U (no Stanza run); "
        "model: parse the text with claimtrack's parser (cached) (default: gold)",
    )
    parser.add_argument("--json", action="store_true", help="print the full report as JSON")
    parser.add_argument(
        "--errors", action="store_true", help="after the tables, list every miss and false positive with its sentence"
    )
    parser.add_argument(
        "--rules", metavar="DIR", action="append", help="overlay rule directory (repeatable)"
    )
    parser.add_argument("--docs", metavar="N", type=_positive, help="score only the first N documents")
    parser.add_argument("--genre", metavar="G", help="score only documents of this genre (news, interview, ...)")
    parser.set_defaults(func=run)
    return parser


def _progress(number: int, total: int, score) -> None:
    note = f"  ERROR {score.error}" if score.error else ""
    print(f"[{number}/{total}] {score.id}: {score.matched}/{score.gold} matched{note}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    report = evaluate(
        args.gold,
        parse=args.parse,
        rules=args.rules,
        docs=args.docs,
        genre=args.genre,
        progress=_progress if sys.stderr.isatty() else None,
    )
    if args.json:
        json.dump(report.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(format_report(report))
        if args.errors:
            print(format_errors(report))
    return 0
