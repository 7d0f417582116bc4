"""Unsourced claims: sentences in the reporter's own voice that pass on hearsay.

"The ship was reportedly carrying fuel" has no source and no cue, but its
hedge (a class marked ``unsourced`` in ``rules/hedges.yaml``) says it is
second-hand. Such a sentence becomes a claim with no source when no claim's
content or cue lies in it and it is not a noise line.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate

import attrs

from claimtrack.document import Document
from claimtrack.model import Claim, Content, span_of
from claimtrack.ruleset.loader import RuleSet
from claimtrack.stages.findings import Findings, in_document_order
from claimtrack.stages.hedge_vocabulary import (
    compiled_hedges,
    hedges_in,
    without_final_punctuation,
)

__all__ = ["find_unsourced"]


class _Taken:
    """Spans already used, asked "does [start, end) overlap any?" in log time."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.reach = list(accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        # Of the spans starting before ``end``, the one reaching furthest.
        count = bisect.bisect_left(self.starts, end)
        return count > 0 and self.reach[count - 1] > start


def find_unsourced(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """The stage: add the reporter's-voice hearsay sentences as claims with no source."""
    compiled = compiled_hedges(rules)
    text = document.text
    skip = _Taken((span.start, span.end) for span in found.lines.skip)
    taken = _Taken(
        [(claim.content.start, claim.content.end) for claim in found.claims]
        + [(claim.cue.start, claim.cue.end) for claim in found.claims if claim.cue is not None]
    )
    unsourced: list[Claim] = []
    for sentence in document.sentences:
        start, end = sentence.start, sentence.end
        if skip.overlaps(start, end) or taken.overlaps(start, end):
            continue
        words = without_final_punctuation(sentence.words, compiled)
        if not words:
            continue
        hedges = [
            hedge
            for hedge in hedges_in(text, words, [(start, end)], (start, end), compiled)
            if hedge.cls in compiled.unsourced and hedge.rule not in compiled.not_unsourced
        ]
        if not hedges:
            continue
        content = span_of(text, words[0].start, words[-1].end)
        unsourced.append(
            Claim(
                id=f"u{len(unsourced) + 1}",  # provisional: numbered at the end
                kind="indirect",
                content=Content(content.text, content.start, content.end),
                rules=(hedges[0].rule,),
                heading=found.lines.heading_at(start, end),
            )
        )
    claims = in_document_order(found.claims + tuple(unsourced))
    return attrs.evolve(found, claims=tuple(claims))
