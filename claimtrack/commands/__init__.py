"""The CLI's subcommands: one module each, registered by :mod:`claimtrack.cli`.

A command module defines ``register(subparsers)``, which adds its parser and
sets ``func(args) -> int`` with ``parser.set_defaults(func=...)``; a command
may set ``error_prefix`` there too ("claimtrack track"). Every command runs
through :func:`run`, the one place where errors become messages: any
:class:`~claimtrack.errors.ClaimtrackError` is printed as its one line (a
rules error as one line per problem) with exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from claimtrack.errors import ClaimtrackError

__all__ = ["fail", "run"]


def run(args: argparse.Namespace) -> int:
    """Run the command ``args.func`` chose; the exit status (0 success, 1
    failure, 2 usage or input error, 130 interrupted)."""
    prefix = getattr(args, "error_prefix", "claimtrack")
    try:
        status: int = args.func(args)
        return status
    except ClaimtrackError as error:
        for line in error.lines():
            fail(line, prefix)
        return 2
    except KeyboardInterrupt:
        fail("interrupted", prefix)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly, as Python's docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def fail(message: str, prefix: str = "claimtrack") -> None:
    """Print one error line on stderr: the prefix, then the message on one line."""
    print(f"{prefix}: {' '.join(message.split())}", file=sys.stderr)
