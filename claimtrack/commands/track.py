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

    add = commands.add_parser("add", help="extract articles and add them to DB (created if missing)")
    add.add_argument("db", metavar="DB", help="tracker database file")
    add.add_argument("files", metavar="FILE", nargs="+", help="article text files")
    add.add_argument("--rules", metavar="DIR", action="append", help="overlay rule directory (repeatable)")
    add.add_argument("--no-cache", action="store_true", help="do not use the parse cache")
    default = attrs.fields(TrackerSettings).threshold.default
    add.add_argument(
        "--threshold", type=_fraction, help=f"grouping similarity threshold, 0-1 (default {default})"
    )
    for key in ARTICLE_KEYS:
        add.add_argument(f"--{key}", help=f"the article's {key} (overrides front matter)")
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
    from claimtrack.ruleset.loader import rules_from
    from claimtrack.parsing.textio import display_name
    from claimtrack.tracker.database import DatabaseUnusable

    rules = rules_from(args.rules)
    meta = {key: getattr(args, key) for key in ARTICLE_KEYS}
    if any(meta.values()) and len(args.files) > 1:
        return _fail("--title, --outlet, --url and --date describe one article; give a single FILE")
    failures, done = 0, []
    with _open(args.db, must_exist=False, threshold=args.threshold) as tracker:
        total = len(args.files)
        for number, path in enumerate(args.files, 1):
            try:
                added = tracker.add_file(path, rules=rules, cache=not args.no_cache, **meta)
            except DatabaseUnusable:
                raise  # no later file can be stored either: stop with the database's own message
            except ClaimtrackError as error:
                failures += 1
                print(f"[{number}/{total}] {error}", file=sys.stderr, flush=True)
                continue
            what = (
                f"added ({added.claims} claims, {added.new_groups} new groups)"
                if added.added
                else "already stored"
            )
            print(f"[{number}/{total}] {display_name(path)}: {what}", file=sys.stderr, flush=True)
            done.append({"file": display_name(path), **to_dict(added)})
    json.dump(done, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 1 if failures else 0


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
        }
        for a in group.appearances
    ]
    head = f"{group.id} [{group.status}] {group.label}"
    return (
        head + "\n" + _table(("date", "outlet", "claim", "source", "type", "cue", "status", "content"), rows)
    )


def _csv(columns, rows) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
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
