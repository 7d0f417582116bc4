"""``claimtrack extract PATH...``: the claims in each document, streamed as they are found.

A thin layer over :mod:`claimtrack.corpus`: read the inputs lazily, extract
in batches (in worker processes with ``--jobs``, or on a Dask cluster with
``--scheduler``), write each result in input order as soon as it is done.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import attrs

from claimtrack.errors import ClaimtrackError

EXAMPLES = """\
examples:
  claimtrack extract seeds/baghdad_drone_strike.txt
  claimtrack extract articles/ --format jsonl -o claims.jsonl --progress
  claimtrack extract articles/ -o claims.jsonl --resume --errors failed.jsonl --jobs 2
  claimtrack extract corpus.jsonl --input-format jsonl -o claims.jsonl
  claimtrack extract articles/ --format parquet -o claims/      # needs claimtrack[parquet]
  claimtrack extract articles/ -o claims.jsonl --scheduler local --jobs 2
  claimtrack extract article.txt --format csv
  claimtrack extract article.txt --format html -o page.html
  claimtrack extract a.txt b.txt --format html -o pages/
  claimtrack extract article.txt --rules my_rules/ --explain
  claimtrack extract article.txt --fact-checks reviews.jsonld --format csv
  claimtrack extract article.txt --acts statement,belief   # only checkable claims
  claimtrack extract article.txt --verbose          # timings; shows a cache hit on a re-run
  claimtrack extract GUM_news_iodine.conllu          # a pre-parsed document: no parsing
  cat article.txt | claimtrack extract -

{inputs} One input file gives one JSON object with --format json,
anything else one JSON array; jsonl gives one line per document, written and
flushed as each document is done, in input order.

A document that cannot be read or extracted does not stop the run: its line
goes to stderr (and to --errors FILE), the others are written. Exit status:
0 every document extracted; 1 some documents failed; 2 nothing was extracted
(every document failed), or bad usage, rules or models.

Parses are cached on disk (--no-cache to skip; `claimtrack cache info`).
Models: --models compact (shipped, default), stanza (official, if downloaded),
or a folder of .pt files; $CLAIMTRACK_MODELS sets the default. --int8 parses
with int8-quantised models on the CPU ($CLAIMTRACK_INT8=1; MODEL_CARD.md gives
the trade-off); --device cuda parses on a GPU when there is one.
"""

BUILTIN_FORMATS = {
    "json": "the JSON output contract: one object per document (an array for several)",
    "jsonl": "one JSON object per line, one line per document, streamed",
    "parquet": "one row per claim, partitioned Parquet files in a folder (claimtrack[parquet])",
}


def _export() -> Any | None:
    """``claimtrack.export`` when it is installed with ``render`` and ``FORMATS``."""
    try:
        from claimtrack import export
    except ImportError:
        return None
    if not (hasattr(export, "render") and hasattr(export, "FORMATS")):
        return None
    return export


def formats() -> dict[str, str]:
    """Every output format, name -> description."""
    found = dict(BUILTIN_FORMATS)
    export = _export()
    if export is not None:
        for name, fmt in export.FORMATS.items():
            if name not in BUILTIN_FORMATS:
                found[name] = getattr(fmt, "description", "")
    return found


INPUTS_HELP = """\
PATH is a UTF-8 text file, a CoNLL-U file (.conllu, read instead of parsed),
a JSONL corpus (.jsonl: one {"id", "text", ...metadata} per line), a folder
(searched recursively for --glob, default *.txt *.md *.conllu), or - for
standard input."""


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """The inputs ``extract`` reads, for every command that reads documents
    (``extract``, ``track add``): PATH..., ``--input-format``, ``--glob``."""
    from claimtrack.corpus.records import INPUT_FORMATS

    parser.add_argument("files", metavar="PATH", nargs="+", help="files, folders, .jsonl corpora (- for stdin)")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="auto", help="how to read the inputs (default: by suffix)")
    parser.add_argument("--glob", metavar="PATTERN", action="append", help="file names to take from folders (repeatable)")


def read_inputs(args: argparse.Namespace, *, counted: bool = False) -> tuple[Any, int | None]:
    """The records that ``args``' inputs hold, read lazily, and how many
    there are when ``counted`` and that is cheap to know."""
    from claimtrack.corpus.records import DEFAULT_GLOBS, count_records, read_records

    globs = tuple(args.glob or DEFAULT_GLOBS)
    total = count_records(args.files, input_format=args.input_format, globs=globs) if counted else None
    return read_records(args.files, input_format=args.input_format, globs=globs), total


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    choices = formats()
    parser = subparsers.add_parser(
        "extract",
        help="find the reported claims in text files, folders or corpora",
        description="Find every reported claim in each document: the content, cue, source, "
        "hedging and confirmation, with character offsets into the document's text.",
        epilog=EXAMPLES.replace("{inputs}", INPUTS_HELP) + "\nformats:\n" + "".join(f"  {name:12} {text}\n" for name, text in choices.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    parser.add_argument(
        "-f", "--format", dest="format", choices=tuple(choices), default=None,
        help="output format (default: json; jsonl when --output ends in .jsonl)",
    )
    parser.add_argument(
        "-o", "--out", "--output", dest="out", metavar="OUT",
        help="write to this file instead of stdout (a folder for per-document formats and parquet)",
    )
    parser.add_argument(
        "--include-text", action="store_true",
        help="json/jsonl: put each document's text in the output (\"text\"), so that claimtrack.load() gives it back",
    )
    parser.add_argument("--resume", action="store_true", help="skip documents already in the --output JSONL file")
    parser.add_argument("--errors", metavar="FILE", help="write one JSON line per failed document (path, id, error)")
    parser.add_argument("--fail-fast", action="store_true", help="stop at the first document that fails")
    parser.add_argument("-j", "--jobs", type=_count, default=1, metavar="N", help="worker processes (default 1; 0: every core)")
    parser.add_argument("--batch-size", type=_positive, default=4, metavar="N", help="documents per Stanza call and per task (default 4)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (ADDRESS, or 'local' for a LocalCluster of --jobs workers)")
    parser.add_argument("--progress", action="store_true", help="show progress (documents, tokens/s, ETA) even when stderr is not a terminal")
    parser.add_argument("--rules", metavar="DIR", action="append", help="overlay rule directory (repeatable)")
    parser.add_argument("--models", metavar="MODELS", help="compact (default), stanza, or a folder of .pt models")
    parser.add_argument("--no-cache", action="store_true", help="parse again; do not read or write the parse cache")
    parser.add_argument(
        "--int8", action=argparse.BooleanOptionalAction, default=None,
        help="int8-quantised tagger, lemmatiser and parser on the CPU (default: $CLAIMTRACK_INT8, else off)",
    )
    parser.add_argument(
        "--device", metavar="DEVICE", help="cpu (default, or $CLAIMTRACK_DEVICE) or cuda[:N]: parse on a GPU when there is one",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="timings on stderr: model load, parse (cache hit or not), rules")
    parser.add_argument("--explain", action="store_true", help="explain on stderr why each cue did or did not give a claim")
    add_fact_check_options(parser)
    parser.add_argument(
        "--acts", type=acts_option, metavar="ACTS",
        help="keep only claims of these acts, comma-separated: statement, belief, intention, directive, question (default: all)",
    )
    parser.set_defaults(func=run)
    return parser


def add_fact_check_options(parser: argparse.ArgumentParser) -> None:
    """``--fact-checks FEED`` and ``--semantic-model PATH`` (extract and track add)."""
    parser.add_argument(
        "--fact-checks", metavar="FEED", action="append",
        help="match every claim against these published fact-checks (ClaimReview JSON-LD, JSONL or "
        "Fact Check Tools API files, or a folder of them; repeatable)",
    )
    parser.add_argument(
        "--semantic-model", metavar="PATH",
        help="with --fact-checks: also compare by a local sentence-transformers model (claimtrack[semantic])",
    )


def fact_checking(args: argparse.Namespace, rules: Any, *, dated: bool = False) -> Any:
    """A function that adds each claim's matching fact-checks to a result, or
    None without --fact-checks; ``dated``: it takes the article's date too."""
    if not args.fact_checks:
        if args.semantic_model:
            raise ClaimtrackError("--semantic-model needs --fact-checks FEED")
        return None
    from claimtrack.factcheck import FactChecks, annotate
    from claimtrack.factcheck.settings import settings_from

    settings_from(rules)  # a broken factcheck.yaml overlay fails before any work
    checks = FactChecks.load(*args.fact_checks)
    for line in checks.skipped:
        print(f"claimtrack: {line}", file=sys.stderr)
    model = None
    if args.semantic_model:
        from claimtrack.factcheck.semantic import Embedder

        model = Embedder(args.semantic_model)
    if dated:
        return lambda result, date: annotate(result, checks, rules=rules, model=model, date=date)
    return lambda result: annotate(result, checks, rules=rules, model=model)


def _count(value: str) -> int:
    number = int(value) if value.isdigit() else -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (0 or more)")
    return number


def acts_option(value: str) -> tuple[str, ...]:
    """``--acts statement,belief`` read and checked (extract and eval share it)."""
    from claimtrack.model import checked_acts

    try:
        acts = checked_acts(act.strip() for act in value.split(",") if act.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not acts:
        raise argparse.ArgumentTypeError("no act given (statement, belief, intention, directive, question)")
    return acts


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
    return number


@attrs.define
class Tally:
    extracted: int = 0
    failed: int = 0
    skipped: int = 0
    claims: int = 0


def run(args: argparse.Namespace) -> int:
    from claimtrack.corpus import output
    from claimtrack.corpus.progress import Progress
    from claimtrack.ruleset.loader import rules_from

    fmt = args.format or ("jsonl" if args.out and args.out.endswith(".jsonl") else "json")
    parse_settings(args)
    rules = rules_from(args.rules)  # a broken overlay fails before any work
    checking = fact_checking(args, rules)  # so does a missing feed
    several = several_documents(args.files, args.input_format)
    output.check_output(fmt, args.out, several)
    output.check_inputs(args.files, {"-o": args.out, "--errors": args.errors})
    if args.resume and (fmt != "jsonl" or args.out is None):
        raise ClaimtrackError("--resume needs --format jsonl and an --output file")
    done = output.finished(args.out) if args.resume else output.Done()
    tally = Tally()
    show = args.progress or (sys.stderr.isatty() and not args.verbose)
    inputs, total = read_inputs(args, counted=show)
    progress = Progress(show, total)
    records = _skipping(inputs, done, tally, progress)
    writer = output.open_writer(fmt, args.out, single=not several, resume=args.resume, include_text=args.include_text)
    errors = output.ErrorLog(args.errors)  # on --resume too: every failed document is tried again
    try:
        for outcome in _outcomes(records, args, progress):
            if checking is not None and outcome.result is not None:
                outcome = attrs.evolve(outcome, result=checking(outcome.result))
            if not _take(outcome, writer, errors, progress, tally, args, rules):
                break
    finally:
        progress.close()
        errors.close()
        writer.close()
    return _finish(tally, args)


def parse_settings(args: argparse.Namespace) -> None:
    """--int8 and --device, as the environment every worker process inherits."""
    from claimtrack.parsing.parser import DEVICE_ENV, INT8_ENV, resolve_device

    if args.int8 is not None:
        os.environ[INT8_ENV] = "1" if args.int8 else "0"
    if args.device is not None:
        os.environ[DEVICE_ENV] = resolve_device(args.device)


def several_documents(files: list[str], input_format: str) -> bool:
    """Whether the output is for several documents (a JSON array, a folder of pages)."""
    if len(files) != 1 or files[0] == "-" and input_format != "jsonl":
        return len(files) != 1
    path = Path(files[0])
    return path.is_dir() or input_format == "jsonl" or (input_format == "auto" and path.suffix.lower() == ".jsonl")


def _skipping(records, done, tally: Tally, progress):
    """The records not already in the output; a record whose id is there
    with another text (the input changed since) fails with a line saying so,
    instead of being written a second time."""
    from claimtrack.corpus.output import changed, is_done

    for record in records:
        if done and is_done(record, done):
            tally.skipped += 1
            progress.advance()
            continue
        if done and changed(record, done):
            message = (
                f"{record.name}: changed since it was extracted into the output (another sha256 for id "
                f"{record.doc_id!r}); not written twice: remove its line from the output to extract it again"
            )
            record = attrs.evolve(record.without_text(), error=message)
        yield record


def _outcomes(records, args: argparse.Namespace, progress):
    from claimtrack.corpus.work import Settings
    from claimtrack.corpus.workers import batches, default_jobs, run_batches

    settings = Settings(models=args.models, cache=not args.no_cache, rules=args.rules)
    jobs = default_jobs(args.jobs)
    if args.scheduler:
        from claimtrack.dask import run_on_cluster

        yield from run_on_cluster(records, settings, scheduler=args.scheduler, jobs=jobs, batch_size=args.batch_size)
        return
    follow = progress.parsed if progress.bar is not None else None
    for outcomes in run_batches(batches(records, args.batch_size), settings, jobs, follow):
        yield from outcomes


def _take(outcome, writer, errors, progress, tally: Tally, args: argparse.Namespace, rules) -> bool:
    """Write one outcome; False when the run must stop (``--fail-fast``)."""
    record = outcome.record
    result = outcome.result
    if outcome.error is None:
        try:
            result = result if args.acts is None else result.with_acts(args.acts)
            writer.write(result, record)
        except (ClaimtrackError, BrokenPipeError):
            raise  # the output itself cannot be written (disk full): the run stops
        except Exception as error:  # noqa: BLE001 - the failure boundary: this document fails alone
            outcome = attrs.evolve(outcome, error=f"{record.name}: cannot write its result ({type(error).__name__}: {error})")
    if outcome.error is not None:
        tally.failed += 1
        progress.write(f"claimtrack: {' '.join(outcome.error.split())}")
        errors.write(record, outcome.error)
        progress.advance()
        return not args.fail_fast
    tally.extracted += 1
    tally.claims += len(result.claims)
    progress.advance(tokens=outcome.tokens)
    if args.verbose:
        for line in _timings(outcome, cache=not args.no_cache):
            progress.write(f"{record.name}: {line}")
    if args.explain:
        from claimtrack.export.explain import explain

        progress.write(explain(result, rules))
    return True


def _timings(outcome, *, cache: bool) -> list[str]:
    lines = [outcome.loaded] if outcome.loaded else []
    if outcome.how == "CoNLL-U":
        lines.append(f"read CoNLL-U in {outcome.parse_seconds:.3f}s (no parsing)")
    elif outcome.how:
        how = "cache hit" if outcome.how == "cache hit" else ("parsed, cached" if cache else "parsed, cache off")
        lines.append(f"parse {outcome.parse_seconds:.3f}s ({how}; {outcome.tokens} tokens)")
    lines.append(f"rules {outcome.rules_seconds:.3f}s, {len(outcome.result.claims)} claims")
    return lines


def _finish(tally: Tally, args: argparse.Namespace) -> int:
    """The summary line (when useful) and the documented exit status."""
    seen = tally.extracted + tally.failed
    if tally.failed and seen > 1 or args.progress:
        parts = [f"{tally.extracted} extracted", f"{tally.failed} failed"]
        if tally.skipped:
            parts.append(f"{tally.skipped} already done")
        where = f" (see {args.errors})" if tally.failed and args.errors else ""
        print(f"claimtrack: {seen + tally.skipped} documents: {', '.join(parts)}, {tally.claims} claims{where}", file=sys.stderr)
    if not tally.failed:
        return 0
    return 1 if tally.extracted else 2


def render(results: list, fmt: str) -> str:
    """The output for ``results`` as text (json and jsonl built in; the rest from claimtrack.export)."""
    export = _export()
    if export is not None and fmt in export.FORMATS and fmt not in ("json", "jsonl"):
        return export.render(results, fmt)
    if fmt == "json":
        return "".join(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n" for result in results)
    if fmt == "jsonl":
        return "".join(json.dumps(result.to_dict(), ensure_ascii=False) + "\n" for result in results)
    raise ClaimtrackError(f"unknown output format {fmt!r} (choose from {', '.join(formats())})")
