"""The ``claimtrack`` command line: one subcommand per module in ``claimtrack.commands``.

Each command module exposes ``register(subparsers)``, which adds its parser
and sets ``func(args) -> int`` as the parser default. Modules are registered
from a fixed list, and only those that exist in this installation.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys

from claimtrack._version import __version__
from claimtrack.commands import run

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS = ("extract", "models", "rules", "eval", "track", "cache")

EXAMPLES = """\
examples:
  claimtrack extract seeds/baghdad_drone_strike.txt
  claimtrack extract article.txt --format jsonl -o claims.jsonl
  claimtrack extract *.txt --format csv --verbose
  claimtrack extract gold.conllu --explain
  claimtrack models
  claimtrack extract --help

Output is JSON on stdout (the contract in docs/OUTPUT.md). Parses are cached
on disk, so running again with other rules (--rules DIR) skips parsing.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimtrack",
        description="Find reported claims in English news text: who said what, the cue, "
        "the source, hedging and confirmation.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"claimtrack {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module_name = f"claimtrack.commands.{name}"
        if importlib.util.find_spec(module_name) is not None:
            importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the exit status (0 success, 1 failure, 2 usage or input error)."""
    _output_policy()
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    return run(args)


def _output_policy() -> None:
    """Standard output and error as every output file: UTF-8 where the
    stream allows, and a character the encoder refuses (a lone surrogate)
    written as a backslash escape instead of ending the run."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass

