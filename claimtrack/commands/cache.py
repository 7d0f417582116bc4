"""``claimtrack cache info|clear|prune``: see and bound the parse cache."""

from __future__ import annotations

import argparse

EXAMPLES = """\
examples:
  claimtrack cache info
  claimtrack cache prune --max-size 500MB
  claimtrack cache clear
  CLAIMTRACK_CACHE_DIR=/shared/claimtrack-cache claimtrack cache info

The cache holds one JSON file per parsed text and model set, under
$CLAIMTRACK_CACHE_DIR/parses (default: the user cache folder, e.g.
~/.cache/claimtrack/parses). It is kept under $CLAIMTRACK_CACHE_MAX_SIZE
(default 2GB) by removing the least recently used parses.
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "cache",
        help="show, prune or clear the parse cache",
        description="Show, prune or clear the on-disk parse cache.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("info", help="location, entries, size and size cap")
    actions.add_parser("clear", help="remove every cached parse")
    prune = actions.add_parser("prune", help="remove the least recently used parses down to a size")
    prune.add_argument("--max-size", metavar="SIZE", help="e.g. 500MB, 2GB (default: the size cap)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    from claimtrack.parsing.cache import MAX_SIZE_ENV, ParseCache, format_size, max_size, parse_size

    cache = ParseCache()
    if args.action == "info":
        info = cache.info()
        print(f"location: {info.location}")
        print(f"entries:  {info.entries}")
        print(f"size:     {format_size(info.size)}")
        print(f"size cap: {format_size(info.max_size)} (${MAX_SIZE_ENV})")
        return 0
    limit = 0 if args.action == "clear" else (parse_size(args.max_size) if args.max_size else max_size())
    removed, freed = cache.prune(limit)
    left = cache.info()
    print(
        f"removed {removed} entries ({format_size(freed)}); {left.entries} entries "
        f"({format_size(left.size)}) left in {left.location}"
    )
    return 0
