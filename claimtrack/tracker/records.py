"""Tracker logic on its records: a group id as users write it, and a group's
current status. The records themselves (documents, claim groups and their
appearances, sources) are values of the data model (:mod:`claimtrack.tracked`),
so that the exports can type what they render."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimtrack.model import Confirmation
from claimtrack.tracked import Appearance
from claimtrack.tracker import TrackerError

__all__ = ["current_status", "group_key"]


def group_key(group_id: str | int) -> int:
    """The row id of a group id as shown to users (``G3`` or ``3``)."""
    text = str(group_id).strip()
    number = text[1:] if text[:1] in ("G", "g") else text
    if not (number.isascii() and number.isdigit()):
        raise TrackerError(f"not a claim group id: {text!r} (expected e.g. G3)")
    return int(number)


# The status of a claim that nothing confirms or denies: the model's default.
_SAYS_NOTHING: str = attrs.fields(Confirmation).status.default


def current_status(appearances: Sequence[Appearance]) -> str:
    """The status set by the latest appearance that says anything (``unconfirmed`` when none does)."""
    for appearance in reversed(appearances):
        if appearance.status != _SAYS_NOTHING:
            return appearance.status
    return _SAYS_NOTHING
