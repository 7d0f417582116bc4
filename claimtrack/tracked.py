"""What the tracker hands back: a stored document, a claim group and its
appearances, a source merged across documents, and what adding a result did.

:mod:`claimtrack.tracker` stores and reads them; the exports render them. They
are values of the data model's layer (beside :mod:`claimtrack.model`, whose
:func:`~claimtrack.model.to_dict` serialises them), so that the exports can
type what they render without importing the tracker.
"""

from __future__ import annotations

from typing import Any

import attrs

from claimtrack.model import FactCheckMatch, to_dict

__all__ = ["Added", "Appearance", "ClaimGroup", "DocumentRecord", "TrackedSource"]


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
        data: dict[str, Any] = to_dict(self)
        return data


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
