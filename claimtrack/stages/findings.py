"""What the stages pass along: each stage takes the findings so far and returns new ones.

Every stage has one signature, ``stage(document, found, rules) -> found``
(:data:`Stage`); the pipeline calls them in order. ``document`` is the one
parsed view of the article (:class:`claimtrack.document.Document`), ``rules``
the rule set; a stage reads what it needs from ``found`` and adds its own
kind of annotation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from claimtrack.document import Document
from claimtrack.model import Claim, Diagnostic, DocumentEvidence, SourceEntity, Span
from claimtrack.ruleset.loader import RuleSet

__all__ = ["Findings", "Lines", "Stage", "in_document_order"]


@attrs.frozen
class Lines:
    """The document's lines, sorted into kinds. All spans index the text."""

    skip: tuple[Span, ...] = ()
    provenance: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    rule_of: dict[int, str] = attrs.field(factory=dict, eq=False, repr=False)
    datelines: tuple[Span, ...] = ()

    def skipped(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a noise line."""
        return any(span.start <= start and end <= span.end for span in self.skip)

    def heading_at(self, start: int, end: int) -> bool:
        return any(span.start <= start and end <= span.end for span in self.headings)


def _claims(items: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(items)


def _sources(items: Iterable[SourceEntity]) -> tuple[SourceEntity, ...]:
    return tuple(items)


def _diagnostics(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(items)


def _evidence(items: Iterable[DocumentEvidence]) -> tuple[DocumentEvidence, ...]:
    return tuple(items)


@attrs.frozen
class Findings:
    """Claims, source entities and diagnostics found so far, and the line kinds."""

    lines: Lines = Lines()
    claims: tuple[Claim, ...] = attrs.field(converter=_claims, factory=tuple)
    sources: tuple[SourceEntity, ...] = attrs.field(converter=_sources, factory=tuple)
    diagnostics: tuple[Diagnostic, ...] = attrs.field(converter=_diagnostics, factory=tuple)
    evidence: tuple[DocumentEvidence, ...] = attrs.field(converter=_evidence, factory=tuple)  # bears on no claim


Stage = Callable[[Document, Findings, RuleSet], Findings]


def in_document_order(claims: Iterable[Claim]) -> list[Claim]:
    """Claims sorted by where their content starts, the longer first (stable)."""
    return sorted(claims, key=lambda c: (c.content.start, -(c.content.end - c.content.start)))
