"""``claimtrack track``: follow claims across articles in a tracker database."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import attrs

from claimtrack.commands import fail, run
from claimtrack.errors import ClaimtrackError
from claimtrack.model import ARTICLE_KEYS, to_dict
from claimtrack.tracker.grouping import TrackerSettings

EXAMPLES = """\
examples:
  claimtrack track add story.db examples/story/*.txt
  claimtrack track add story.db articles/ --glob '*.txt'
  claimtrack track add story.db corpus.jsonl       # one {"id", "text", "date", ...} per line
  claimtrack track add checks.db examples/factcheck/*.txt --fact-checks examples/factcheck/feed/
  claimtrack track claims story.db
  claimtrack track claims story.db --status unconfirmed --format table
  claimtrack track claims story.db --source-type armed_group --format csv
  claimtrack track show story.db G1 --format table
  claimtrack track claims story.db --format html --out story-html/
  claimtrack track sources story.db --format table
  claimtrack track export story.db --format brat --out story-brat/

An article file may start with front matter between two '---' lines
(title, outlet, url, date: YYYY-MM-DD). Adding the same text twice changes
nothing; each article is stored in one transaction.
"""

CLAIMS_FORMATS = ("json", "jsonl", "csv", "table", "claimreview", "html")
SHOW_FORMATS = ("json", "table", "claimreview", "html")
SOURCES_FORMATS = ("json", "csv", "table")


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "track",
        help="follow claims across articles (SQLite tracker database)",
        description="Store articles and their claims in a tracker database, group claims about the "
        "same thing across articles, and follow each group's status over time.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(error_prefix=PREFIX)
    commands = parser.add_subparsers(dest="track_command", metavar="COMMAND", required=True)

    from claimtrack.commands.extract import INPUTS_HELP, add_input_options

    add = commands.add_parser(
        "add",
        help="extract articles and add them to DB (created if missing)",
        description="Extract each document and store it in DB. " + INPUTS_HELP
        + " JSONL keys title, outlet, url and date describe the article, as front matter does.",
    )
    add.add_argument("db", metavar="DB", help="tracker database file")
    add_input_options(add)
    add.add_argument("--rules", metavar="DIR", action="append", help="overlay rule directory (repeatable)")
    add.add_argument("--no-cache", action="store_true", help="do not use the parse cache")
    default = attrs.fields(TrackerSettings).threshold.default
    add.add_argument(
        "--threshold", type=_fraction, help=f"grouping similarity threshold, 0-1 (default {default})"
    )
    for key in ARTICLE_KEYS:
        add.add_argument(f"--{key}", help=f"the article's {key} (overrides front matter)")
    from claimtrack.commands.extract import add_fact_check_options

    add_fact_check_options(add)
    add.set_defaults(func=run_add)

    claims = commands.add_parser("claims", help="list the claim groups in DB")
    claims.add_argument("db", metavar="DB")
    claims.add_argument(
        "--status", metavar="STATUS", help="only groups with this current status (a status the rules declare)"
    )
    claims.add_argument("--source-type", metavar="TYPE", help="only groups with a source of this type")
    _output_options(claims, CLAIMS_FORMATS)
    claims.set_defaults(func=run_claims)

    show = commands.add_parser("show", help="one claim group with its timeline")
    show.add_argument("db", metavar="DB")
    show.add_argument("claim", metavar="CLAIM_ID", help="a group id from 'track claims' (e.g. G3)")
    _output_options(show, SHOW_FORMATS)
    show.set_defaults(func=run_show)

    sources = commands.add_parser("sources", help="the sources merged across all articles")
    sources.add_argument("db", metavar="DB")
    _output_options(sources, SOURCES_FORMATS)
    sources.set_defaults(func=run_sources)

    from claimtrack.export import FORMATS

    export = commands.add_parser("export", help="export every stored article (all extract formats)")
    export.add_argument("db", metavar="DB")
    _output_options(export, tuple(FORMATS))
    export.set_defaults(func=run_export)
    return parser


def _output_options(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument(
        "--format", choices=formats, default=formats[0], help=f"output format (default {formats[0]})"
    )
    parser.add_argument("--out", metavar="DIR", help="folder for formats that write files (html, brat)")


def _fraction(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {number}")
    return number


PREFIX = "claimtrack track"


def _fail(message: str) -> int:
    fail(message, PREFIX)
    return 2


def _open(db: str, must_exist: bool = True, **settings):
    from claimtrack.tracker.store import Tracker

    if must_exist and not Path(db).exists():
        raise _Usage(f"{db}: no such tracker database (create it with 'claimtrack track add {db} FILE...')")
    return Tracker(db, **{key: value for key, value in settings.items() if value is not None})


class _Usage(ClaimtrackError):
    """A command line that cannot be carried out (one line, exit status 2)."""


def run_add(args: argparse.Namespace) -> int:
    """Every document ``extract`` would read from the same PATHs (files,
    folders, ``--glob``, JSONL corpora, ``-``), added one at a time."""
    from claimtrack.commands.extract import read_inputs, several_documents
    from claimtrack.commands.extract import fact_checking
    from claimtrack.parsing.textio import display_name
    from claimtrack.ruleset.loader import rules_from
    from claimtrack.tracker.database import DatabaseUnusable

    rules = rules_from(args.rules)
    checking = fact_checking(args, rules, dated=True)
    meta = {key: getattr(args, key) for key in ARTICLE_KEYS}
    if any(meta.values()) and several_documents(args.files, args.input_format):
        return _fail("--title, --outlet, --url and --date describe one article; give a single FILE")
    records, total = read_inputs(args, counted=True)
    failures, done = 0, []
    with _open(args.db, must_exist=False, threshold=args.threshold) as tracker:
        for number, record in enumerate(records, 1):
            where = f"[{number}/{total}]" if total else f"[{number}]"
            name = display_name(record.name)
            try:
                added = _add_record(tracker, record, rules, cache=not args.no_cache, annotate=checking, **meta)
            except DatabaseUnusable:
                raise  # no later file can be stored either: stop with the database's own message
            except ClaimtrackError as error:
                failures += 1
                print(f"{where} {error}", file=sys.stderr, flush=True)
                continue
            what = (
                f"added ({added.claims} claims, {added.new_groups} new groups)"
                if added.added
                else "already stored"
            )
            print(f"{where} {name}: {what}", file=sys.stderr, flush=True)
            done.append({"file": name, **to_dict(added)})
    json.dump(done, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 1 if failures else 0


def _add_record(tracker, record, rules, *, cache: bool, annotate=None, **options: str | None):
    """Store one input record: its title, outlet, url and date from front
    matter or JSONL keys, overridden by the command-line options; ``annotate``
    as in :meth:`Tracker.add_text`."""
    from claimtrack.errors import InputError
    from claimtrack.parsing.textio import display_name

    if record.error is not None:
        raise InputError(record.error)
    meta = {key: record.metadata.get(key) for key in ARTICLE_KEYS}
    meta = {key: value if isinstance(value, str) else None for key, value in meta.items()}
    meta.update({key: value for key, value in options.items() if value is not None})
    doc_id, path = display_name(record.doc_id), display_name(record.name)
    if record.conllu is not None:
        from claimtrack.pipeline import extract_file

        result = extract_file(record.conllu, rules=rules)
        if annotate is not None:
            result = annotate(result, meta.get("date"))
        return tracker.add_result(result, path=path, **meta)
    return tracker.add_text(record.text, doc_id=doc_id, path=path, rules=rules, cache=cache, annotate=annotate, **meta)


def run_claims(args: argparse.Namespace) -> int:
    with _open(args.db) as tracker:
        groups = tracker.groups(status=args.status, source_type=args.source_type)
        return _emit_groups(tracker, groups, args)


def run_show(args: argparse.Namespace) -> int:
    with _open(args.db) as tracker:
        group = tracker.group(args.claim)
        if args.format == "json":
            return _print(json.dumps(group.to_dict(), indent=2, ensure_ascii=False))
        if args.format == "table":
            return _print(timeline_table(group))
        return _emit_groups(tracker, [group], args)


def _emit_groups(tracker, groups, args: argparse.Namespace) -> int:
    fmt = args.format
    if fmt == "json":
        return _print(json.dumps([group.to_dict() for group in groups], indent=2, ensure_ascii=False))
    if fmt == "jsonl":
        return _print(
            "".join(json.dumps(group.to_dict(), ensure_ascii=False) + "\n" for group in groups), end=""
        )
    if fmt == "csv":
        return _print(groups_csv(groups), end="")
    if fmt == "table":
        return _print(groups_table(groups))
    if fmt == "claimreview":
        from claimtrack.export.claimreview import render_groups

        return _print(render_groups(groups), end="")
    from claimtrack.export.html import write_groups

    if not args.out:
        raise _Usage("--format html writes a page per claim group; give an output folder with --out DIR")
    paths = write_groups(groups, tracker.articles(), args.out)
    print(f"wrote {len(paths)} files to {args.out} (open {paths[0]})", file=sys.stderr)
    return 0


def run_sources(args: argparse.Namespace) -> int:
    import attrs

    with _open(args.db) as tracker:
        sources = tracker.sources()
    if args.format == "json":
        return _print(json.dumps([to_dict(source) for source in sources], indent=2, ensure_ascii=False))
    rows = [
        {
            **attrs.asdict(source),
            "anonymous": str(source.anonymous).lower(),
            "aliases": "|".join(source.aliases),
        }
        for source in sources
    ]
    columns = ("id", "name", "type", "anonymous", "documents", "claims", "aliases")
    if args.format == "csv":
        return _print(_csv(columns, rows), end="")
    return _print(_table(columns, rows))


def run_export(args: argparse.Namespace) -> int:
    from claimtrack.export import FORMATS, render, write

    with _open(args.db) as tracker:
        articles = tracker.articles()
    if args.out:
        paths = write(articles, args.format, args.out)
        print(f"wrote {len(paths)} files to {args.out}", file=sys.stderr)
        return 0
    if FORMATS[args.format].per_document and len(articles) != 1:
        raise _Usage(
            f"--format {args.format} writes files per document; give an output folder with --out DIR"
        )
    return _print(render(articles, args.format), end="")


# ---------------------------------------------------------------- text output

GROUP_COLUMNS = (
    "id",
    "status",
    "first_seen",
    "appearances",
    "first_source",
    "first_source_type",
    "first_url",
    "claim",
)


def _group_row(group) -> dict[str, object]:
    first = group.first
    return {
        "id": group.id,
        "status": group.status,
        "first_seen": first.document.date or first.document.added_at[:10],
        "appearances": len(group.appearances),
        "first_source": first.source or "",
        "first_source_type": first.source_type or "",
        "first_url": first.document.url or "",
        "claim": group.label,
    }


def groups_csv(groups) -> str:
    return _csv(GROUP_COLUMNS, [_group_row(group) for group in groups])


def groups_table(groups) -> str:
    columns = ("id", "status", "first_seen", "appearances", "first_source", "claim")
    return _table(columns, [_group_row(group) for group in groups])


def timeline_table(group) -> str:
    """The group's appearances in date order; with fact-checks (``track add
    --fact-checks``), what each matched and whether the claim was already
    rated False (or another alert verdict) when it appeared."""
    from claimtrack.factcheck.timeline import rated_before

    rows = [
        {
            "date": a.document.date or a.document.added_at[:10],
            "outlet": a.document.outlet or a.document.doc_id,
            "claim": a.claim,
            "source": a.source or "",
            "type": (a.source_type or "") + (", anonymous" if a.anonymous else ""),
            "cue": a.cue or "",
            "status": a.status,
            "content": a.content,
            "fact-checks": "; ".join(f"{m.rating} ({m.fact_checker}, {m.published})" for m in a.fact_checks),
            "rated before": f"{rated.rating} ({rated.fact_checker}, {rated.published})" if rated else "",
        }
        for a, rated in zip(group.appearances, rated_before(group))
    ]
    head = f"{group.id} [{group.status}] {group.label}"
    columns = ("date", "outlet", "claim", "source", "type", "cue", "status", "content")
    if any(a.fact_checks for a in group.appearances):
        columns += ("fact-checks", "rated before")
    return head + "\n" + _table(columns, rows)


def _csv(columns, rows) -> str:
    """CSV with formula-safe cells, as every CSV claimtrack writes (export.csv.safe_cell)."""
    import csv
    import io

    from claimtrack.export.csv import safe_cell

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
    return out.getvalue()


def _table(columns, rows, width: int = 60) -> str:
    def cell(value: object) -> str:
        text = " ".join(str(value).split())
        return text if len(text) <= width else text[: width - 1] + "…"

    cells = [[cell(row[column]) for column in columns] for row in rows]
    widths = [max([len(column), *(len(line[i]) for line in cells)]) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(w) for column, w in zip(columns, widths)).rstrip()]
    lines += ["  ".join(value.ljust(w) for value, w in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


def _print(text: str, end: str = "\n") -> int:
    sys.stdout.write(text + end)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run ``track`` on its own: ``python -m claimtrack.commands.track claims DB``."""
    parser = argparse.ArgumentParser(prog="claimtrack")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["track", *(sys.argv[1:] if argv is None else argv)])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
