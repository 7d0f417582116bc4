"""``claimtrack extract FILE...``: the claims in each document, as JSON or another format."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import attrs

from claimtrack.errors import ClaimtrackError, InputError

EXAMPLES = """\
examples:
  claimtrack extract seeds/baghdad_drone_strike.txt
  claimtrack extract a.txt b.txt --format jsonl -o claims.jsonl
  claimtrack extract article.txt --format csv
  claimtrack extract article.txt --format html -o pages/
  claimtrack extract article.txt --rules my_rules/ --explain
  claimtrack extract article.txt --verbose          # timings; shows a cache hit on a re-run
  claimtrack extract GUM_news_iodine.conllu          # a pre-parsed document: no parsing
  cat article.txt | claimtrack extract -

FILE is a UTF-8 text file, a CoNLL-U file (.conllu, read instead of parsed),
or - for standard input. json prints one object per document (docs/OUTPUT.md);
jsonl one line per document. Parses are cached on disk (--no-cache to skip).
Models: --models compact (shipped, default), stanza (official, if downloaded),
or a folder of .pt files; $CLAIMTRACK_MODELS sets the default.
"""

BUILTIN_FORMATS = {
    "json": "the JSON output contract, one object per document",
    "jsonl": "one JSON object per line, one line per document",
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
            found[name] = getattr(fmt, "description", "") or found.get(name, "")
    return found


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    choices = formats()
    parser = subparsers.add_parser(
        "extract",
        help="find the reported claims in text files",
        description="Find every reported claim in each FILE: the content, cue, source, "
        "hedging and confirmation, with character offsets into the file's text.",
        epilog=EXAMPLES + "\nformats:\n" + "".join(f"  {name:12} {text}\n" for name, text in choices.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", metavar="FILE", nargs="+", help="text or .conllu files (- for stdin)")
    parser.add_argument(
        "-f", "--format", dest="format", choices=tuple(choices), default="json",
        help="output format (default: json)",
    )
    parser.add_argument(
        "-o", "--out", metavar="OUT",
        help="write to this file instead of stdout (a folder for per-document formats)",
    )
    parser.add_argument("--rules", metavar="DIR", action="append", help="overlay rule directory (repeatable)")
    parser.add_argument("--models", metavar="MODELS", help="compact (default), stanza, or a folder of .pt models")
    parser.add_argument("--no-cache", action="store_true", help="parse again; do not read or write the parse cache")
    parser.add_argument("-v", "--verbose", action="store_true", help="timings on stderr: model load, parse (cache hit or not), rules")
    parser.add_argument("--explain", action="store_true", help="explain on stderr why each cue did or did not give a claim")
    parser.set_defaults(func=run)
    return parser


@attrs.frozen
class Input:
    """One document to extract from: its name, id and text (or CoNLL-U path)."""

    name: str
    doc_id: str
    text: str | None = None
    conllu: Path | None = None


def read_inputs(files: list[str]) -> list[Input]:
    """Every input read up front, so a bad path fails before any parsing."""
    from claimtrack.parsing.textio import decode, read_text

    inputs = []
    for name in files:
        if name == "-":
            inputs.append(Input(name="<stdin>", doc_id="stdin", text=decode(sys.stdin.buffer.read(), "<stdin>")))
            continue
        path = Path(name)
        if path.suffix.lower() == ".conllu":
            read_text(path)  # the same one-line errors as for text
            inputs.append(Input(name=name, doc_id=path.stem, conllu=path))
        else:
            inputs.append(Input(name=name, doc_id=path.stem, text=read_text(path)))
    return inputs


def run(args: argparse.Namespace) -> int:
    from claimtrack.parsing.parser import get_parser, parse_conllu
    from claimtrack.pipeline import extract_document
    from claimtrack.ruleset.loader import rules_from

    inputs = read_inputs(args.files)
    rules = rules_from(args.rules)
    needs_parser = any(item.text is not None for item in inputs)
    parser = get_parser(args.models, cache=not args.no_cache) if needs_parser else None
    say = _Reporter(args.verbose, len(inputs))
    results = []
    for number, item in enumerate(inputs, start=1):
        say.progress(number, item.name)
        if item.conllu is not None:
            started = time.perf_counter()
            doc = parse_conllu(item.conllu)
            say.timing(item.name, f"read CoNLL-U in {time.perf_counter() - started:.3f}s (no parsing)")
        else:
            was_loaded = parser.loaded
            doc = parser.parse(item.text, cache=not args.no_cache)
            say.parsed(item.name, parser, loaded_now=parser.loaded and not was_loaded, cache=not args.no_cache)
        started = time.perf_counter()
        result = extract_document(doc, rules=rules, doc_id=item.doc_id)
        say.timing(item.name, f"rules {time.perf_counter() - started:.3f}s, {len(result.claims)} claims")
        if args.explain:
            print(result.explain(rules), file=sys.stderr)
        results.append(result)
    _emit(results, args.format, args.out)
    return 0


class _Reporter:
    """Progress and timing lines on stderr."""

    def __init__(self, verbose: bool, total: int):
        self.verbose = verbose
        self.total = total
        self.show_progress = total > 1 and not verbose and sys.stderr.isatty()
        self.reported_import = False

    def progress(self, number: int, name: str) -> None:
        if self.show_progress:
            print(f"\r[{number}/{self.total}] {name}", end="", file=sys.stderr, flush=True)
            if number == self.total:
                print(file=sys.stderr)

    def timing(self, name: str, message: str) -> None:
        if self.verbose:
            print(f"{name}: {message}", file=sys.stderr, flush=True)

    def parsed(self, name: str, parser: Any, *, loaded_now: bool, cache: bool) -> None:
        """Import and model load times (once each), then where the parse came from."""
        if not self.reported_import:
            self.timing(name, f"stanza imported in {parser.import_seconds:.2f}s")
            self.reported_import = True
        if loaded_now:
            self.timing(name, f"model {parser.model_id} loaded in {parser.load_seconds:.2f}s")
        stats = parser.last
        how = "cache hit" if stats.cached else ("parsed, cached" if cache else "parsed, cache off")
        rate = "" if stats.cached or stats.seconds <= 0 else f", {stats.sentences / stats.seconds:.0f} sentences/s"
        self.timing(name, f"parse {stats.seconds:.3f}s ({how}; {stats.sentences} sentences, {stats.tokens} tokens{rate})")


def render(results: list, fmt: str) -> str:
    """The output for ``results`` as text (json and jsonl built in; the rest from claimtrack.export)."""
    export = _export()
    if export is not None and fmt in export.FORMATS:
        return export.render(results, fmt)
    if fmt == "json":
        return "".join(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n" for result in results)
    if fmt == "jsonl":
        return "".join(json.dumps(result.to_dict(), ensure_ascii=False) + "\n" for result in results)
    raise ClaimtrackError(f"unknown output format {fmt!r} (choose from {', '.join(formats())})")


def _per_document(fmt: str) -> bool:
    export = _export()
    return export is not None and fmt in export.FORMATS and getattr(export.FORMATS[fmt], "per_document", False)


def _emit(results: list, fmt: str, out: str | None) -> None:
    if out is not None and _per_document(fmt):
        paths = _export().write(results, fmt, out)
        print(f"wrote {len(paths)} file{'' if len(paths) == 1 else 's'} to {out}", file=sys.stderr)
        return
    text = render(results, fmt)
    if not text.endswith("\n"):
        text += "\n"
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{out}: cannot write ({error.strerror or error})") from None
