"""Matching predicted claims to gold attributions by their word tokens.

Word tokens are the ``\\w+`` runs of the document text, so a score does not
depend on the parser's tokenisation. A prediction and a gold span match when
the Dice coefficient of their word tokens is at least ``DICE_THRESHOLD``;
pairs are taken greedily, best Dice first, each side at most once. Both gold
formats (GUM, PolNeAR) match this way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from claimtrack.model import Claim

__all__ = [
    "DICE_THRESHOLD", "Parts", "Words", "content_parts", "content_views", "dice", "greedy_pairs", "span_words", "unmatched",
]

DICE_THRESHOLD = 0.5

Parts = tuple[tuple[int, int], ...]

_Target = TypeVar("_Target")
_WORD = re.compile(r"\w+")


class Words:
    """The word tokens (``\\w+``) of a text, to turn spans into token sets."""

    def __init__(self, text: str):
        found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def of(self, parts: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Indices of the word tokens that overlap any of the parts."""
        indices: set[int] = set()
        for start, end in parts:
            first = bisect.bisect_right(self.ends, start)
            last = bisect.bisect_left(self.starts, end)
            indices.update(range(first, last))
        return frozenset(indices)


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def content_parts(claim: Claim) -> Parts:
    """The character ranges of a claim's content: its parts, or the whole content."""
    return claim.content.ranges


def content_views(words: Words, claim: Claim) -> list[frozenset[int]]:
    """The word tokens a claim can match on: all its content, and each piece
    of a split quote alone (the gold may attach the cue to one piece only)."""
    parts = content_parts(claim)
    whole = words.of(parts)
    return [whole] + ([words.of((part,)) for part in parts] if len(parts) > 1 else [])


def span_words(words: Words, span: object | None) -> frozenset[int]:
    """The word tokens of a predicted span (cue, source), none for a missing one."""
    return words.of(((span.start, span.end),)) if span is not None else frozenset()


def greedy_pairs(scores: list[list[float]]) -> list[tuple[int, int, float]]:
    """One-to-one (prediction, gold, dice) pairs at or above the threshold,
    best first, from a prediction x gold matrix of Dice scores."""
    candidates = sorted(
        (-score, p, g) for p, row in enumerate(scores) for g, score in enumerate(row) if score >= DICE_THRESHOLD
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for negative, p, g in candidates:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            pairs.append((p, g, -negative))
    return pairs


def nearest(scores: list[list[float]], g: int) -> tuple[int | None, float]:
    """The prediction closest to gold ``g`` (for an error listing) and its
    Dice; (None, 0.0) when there are no predictions."""
    best = max(range(len(scores)), key=lambda p: scores[p][g], default=None)
    return best, scores[best][g] if best is not None else 0.0


def unmatched(
    targets: Sequence[_Target], matched: set[int], scores: list[list[float]], claims: Sequence[Claim]
) -> Iterator[tuple[int, _Target, str | None, float]]:
    """The gold targets no prediction matched: (number, target, the content of
    the nearest prediction if it overlaps at all, its Dice rounded)."""
    for g, target in enumerate(targets):
        if g in matched:
            continue
        near, near_score = nearest(scores, g)
        yield g, target, claims[near].content.text if near is not None and near_score > 0 else None, round(near_score, 3)


def joined_text(text: str, parts: Parts) -> str:
    """The text of a discontinuous span, its pieces joined by ' ... '."""
    return " ... ".join(text[start:end] for start, end in parts)

