"""claimtrack's own errors: each carries one line that says what is wrong and where.

The CLI prints :meth:`ClaimtrackError.lines` for any :class:`ClaimtrackError`
and exits non-zero, with no traceback (:func:`claimtrack.commands.run`, the
one place). Rule-file problems have their own class, :class:`RulesError`,
which lists every :class:`Problem` found (file, line, column, message).
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["ClaimtrackError", "ConlluError", "InputError", "ModelError", "Problem", "ResultError", "RulesError"]


class ClaimtrackError(Exception):
    """Base class: a problem the user can fix, described in one line."""

    def lines(self) -> list[str]:
        """What to tell the user, a line each."""
        return [str(self)]


class InputError(ClaimtrackError):
    """An input file cannot be read as text (missing, empty, binary, not UTF-8, ...)."""


class ConlluError(InputError):
    """A CoNLL-U input is malformed or does not line up with its text."""


class ModelError(ClaimtrackError):
    """A parsing model set is missing or cannot be loaded."""


class ResultError(ClaimtrackError):
    """Saved result JSON does not fit the output contract; names the file, line and field path."""


@attrs.frozen
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class RulesError(ClaimtrackError, ValueError):
    """One or more rule files are invalid; ``problems`` lists every one.
    (Still a ``ValueError``, as it was before it was a ``ClaimtrackError``.)"""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]
