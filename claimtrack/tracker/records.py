"""What the tracker hands back: documents, claim groups with their appearances, sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from claimtrack.model import Confirmation, FactCheckMatch, to_dict
from claimtrack.tracker import TrackerError

__all__ = [
    "Added",
    "Appearance",
    "ClaimGroup",
    "DocumentRecord",
    "TrackedSource",
    "current_status",
    "group_key",
]


@attrs.frozen
class Added:
    """What :meth:`Tracker.add_result` did: ``added`` is False for a document already stored."""

    document: int
    doc_id: str
    added: bool
    claims: int = 0
    new_groups: int = 0


@attrs.frozen
class DocumentRecord:
    id: int
    doc_id: str
    sha256: str
    title: str | None
    outlet: str | None
    url: str | None
    date: str | None
    path: str | None
    added_at: str


@attrs.frozen
class Appearance:
    """One claim of a group, in one document."""

    document: DocumentRecord
    claim: str
    kind: str
    content: str
    start: int
    end: int
    cue: str | None
    cue_class: str | None
    source: str | None
    source_id: int | None
    source_type: str | None
    anonymous: bool
    hedged: bool
    status: str
    fact_checks: tuple[FactCheckMatch, ...] = attrs.field(
        converter=tuple, factory=tuple, metadata={"json_omit_empty": True}
    )


@attrs.frozen
class ClaimGroup:
    """Claims about the same thing across documents, in the order they appeared."""

    id: str
    label: str
    status: str
    first: Appearance
    appearances: tuple[Appearance, ...] = attrs.field(converter=tuple)

    @property
    def later(self) -> tuple[Appearance, ...]:
        return self.appearances[1:]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


@attrs.frozen
class TrackedSource:
    """A source merged across documents."""

    id: int
    name: str
    type: str
    anonymous: bool
    aliases: tuple[str, ...] = attrs.field(converter=tuple)
    documents: int
    claims: int


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
