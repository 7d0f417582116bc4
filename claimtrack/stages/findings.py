"""What the stages pass along: each stage takes the findings so far and returns new ones.

Every stage has one signature, ``stage(document, found, rules) -> found``
(:data:`Stage`); the pipeline calls them in order. ``document`` is the one
parsed view of the article (:class:`claimtrack.document.Document`), ``rules``
the rule set; a stage reads what it needs from ``found`` and adds its own
kind of annotation.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable

import attrs

from claimtrack.document import Document
from claimtrack.model import Claim, Diagnostic, DocumentEvidence, SourceEntity, Span
from claimtrack.ruleset.loader import RuleSet

__all__ = ["Findings", "Lines", "Stage", "in_document_order"]


class _Cover:
    """Whether some span of a set contains [start, end), in O(log n): the
    spans sorted by start, with the furthest end reached so far (a scan of
    every span per sentence made a text of many short lines quadratic)."""

    def __init__(self, spans: Iterable[Span]):
        ordered = sorted(spans, key=lambda span: span.start)
        self.starts = [span.start for span in ordered]
        self.reach = list(itertools.accumulate((span.end for span in ordered), max))

    def covers(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and self.reach[index] >= end


@attrs.frozen
class Lines:
    """The document's lines, sorted into kinds. All spans index the text."""

    skip: tuple[Span, ...] = ()
    provenance: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    rule_of: dict[int, str] = attrs.field(factory=dict, eq=False, repr=False)
    datelines: tuple[Span, ...] = ()

    _skip_index: _Cover = attrs.field(init=False, eq=False, repr=False)
    _heading_index: _Cover = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_skip_index", _Cover(self.skip))
        object.__setattr__(self, "_heading_index", _Cover(self.headings))

    def skipped(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a noise line."""
        return self._skip_index.covers(start, end)

    def heading_at(self, start: int, end: int) -> bool:
        return self._heading_index.covers(start, end)


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
