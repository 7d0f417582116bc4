"""claimtrack's own errors: each carries one line that says what is wrong and where.

The CLI prints ``str(error)`` for any :class:`ClaimtrackError` and exits
non-zero, with no traceback. Rule-file problems have their own class,
:class:`claimtrack.ruleset.loader.RulesError`, which lists every problem found.
"""

from __future__ import annotations

__all__ = ["ClaimtrackError", "ConlluError", "InputError", "ModelError"]


class ClaimtrackError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class InputError(ClaimtrackError):
    """An input file cannot be read as text (missing, empty, binary, not UTF-8, ...)."""


class ConlluError(InputError):
    """A CoNLL-U input is malformed or does not line up with its text."""


class ModelError(ClaimtrackError):
    """A parsing model set is missing or cannot be loaded."""
