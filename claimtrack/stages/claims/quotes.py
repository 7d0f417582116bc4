"""Quotations: where they open and close, and an index to find them by offset.

Quotation marks come from ``rules/cues.yaml`` (``quotes``: open, close).
Quotations are found on the raw text, before any sentence is looked at, so a
quote can run over several sentences or into the next paragraph. They never
overlap, so their starts and ends are both in text order, and
:class:`Quotes` answers "which quotations near here?" by bisection.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import overload

import attrs

from claimtrack.parsing.textprep import line_spans

__all__ = ["Quote", "QuotePair", "Quotes", "find_quotes"]


@attrs.frozen
class Quote:
    """A quotation: ``start``/``end`` are the opening and closing marks' offsets
    (the interior is ``text[start + open_width:end]``; a mark may be two
    characters, as the doubled apostrophes of newspaper archives);
    ``closed`` is False when the paragraph ended before a closing mark."""

    start: int
    end: int
    closed: bool = True
    open_width: int = 1
    close_width: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.open_width, self.end

    @property
    def after(self) -> int:
        """The offset right after the closing mark."""
        return self.end + self.close_width

    def contains(self, offset: int) -> bool:
        return self.inner[0] <= offset < self.end


class Quotes(Sequence[Quote]):
    """The document's quotations in text order, with lookups by offset."""

    def __init__(self, quotes: Sequence[Quote]):
        self._quotes = tuple(quotes)
        self._starts = [quote.start for quote in self._quotes]
        self._ends = [quote.end for quote in self._quotes]

    @overload
    def __getitem__(self, index: int) -> Quote: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Quote, ...]: ...

    def __getitem__(self, index: int | slice) -> Quote | tuple[Quote, ...]:
        return self._quotes[index]

    def __len__(self) -> int:
        return len(self._quotes)

    def __iter__(self) -> Iterator[Quote]:
        return iter(self._quotes)

    def touching(self, start: int, end: int) -> tuple[Quote, ...]:
        """Quotations that end at or after ``start`` and open before ``end``."""
        return self._quotes[bisect.bisect_left(self._ends, start) : bisect.bisect_left(self._starts, end)]

    def ending_in(self, start: int, end: int) -> tuple[Quote, ...]:
        """Quotations whose closing mark lies in [start, end)."""
        return self._quotes[bisect.bisect_left(self._ends, start) : bisect.bisect_left(self._ends, end)]

    def opening_in(self, start: int, end: int) -> tuple[Quote, ...]:
        """Quotations whose opening mark lies in (start, end]."""
        return self._quotes[bisect.bisect_right(self._starts, start) : bisect.bisect_right(self._starts, end)]

    def within(self, start: int, end: int) -> tuple[Quote, ...]:
        """Quotations lying inside [start, end] (opening at or after ``start``,
        closing at or before ``end``)."""
        return self._quotes[bisect.bisect_left(self._starts, start) : bisect.bisect_right(self._ends, end)]


@attrs.frozen
class QuotePair:
    """Opening and closing marks from ``rules/cues.yaml``; ``paired_only``
    marks (straight single quotes, which are also apostrophes) count only
    when they close in the same paragraph."""

    open: str
    close: str
    rule: str
    paired_only: bool = False
    also_close: tuple[str, ...] = ()  # other marks that close it: web text mixes "straight” and “curly"

    @property
    def closers(self) -> tuple[str, ...]:
        return (self.close, *self.also_close)


def find_quotes(text: str, pairs: Sequence[QuotePair]) -> list[Quote]:
    """Quotation spans, paired within a paragraph.

    Straight quotes alternate open/close; curly ones say which they are. A
    quote still open at the end of a paragraph continues only if the next
    paragraph opens with a quotation mark (the newspaper convention for a
    quote running over paragraphs); otherwise it is closed at the paragraph's
    end and marked unclosed, so one stray mark never swallows the article.
    Longer marks are tried first (two apostrophes before one).
    """
    symmetric = {pair.open for pair in pairs if pair.open == pair.close}  # marks that both open and close
    closer_starts = {pair.rule: "".join({mark[0] for mark in pair.closers}) for pair in pairs}
    by_first: dict[str, list[QuotePair]] = {}
    for each in sorted(pairs, key=lambda each: -len(each.open)):
        by_first.setdefault(each.open[:1], []).append(each)
    quotes: list[Quote] = []
    open_at: int | None = None
    open_pair: QuotePair  # set whenever open_at is
    paragraphs = _paragraphs(text)
    for number, (p_start, p_end) in enumerate(paragraphs):
        if open_at is not None:
            continued = text[p_start:p_end].lstrip().startswith(open_pair.open)
            if not continued:
                if not open_pair.paired_only:
                    quotes.append(_quote(open_at, paragraphs[number - 1][1], open_pair))
                open_at = None
        index = p_start
        while index < p_end:
            if open_at is None:
                pair = next(
                    (pair for pair in by_first.get(text[index], ()) if text.startswith(pair.open, index)
                     and _can_open(text, index, pair)),
                    None,
                )
                if pair is not None:
                    open_at, open_pair = index, pair
                    index += len(pair.open)
                    continue
            else:
                starts = closer_starts[open_pair.rule]
                if text[index] not in starts:
                    # skip to the next character that could close the quotation
                    found = [at for at in (text.find(char, index, p_end) for char in starts) if at >= 0]
                    index = min(found) if found else p_end
                    continue
                closer = next(
                    (
                        mark for mark in open_pair.closers
                        if text.startswith(mark, index) and _can_close(text, index, mark, mark in symmetric)
                    ),
                    None,
                )
                if closer is not None:
                    quotes.append(_quote(open_at, index, open_pair, len(closer)))
                    open_at = None
                    index += len(closer)
                    continue
            # Another opening mark inside an open quote (a paragraph's
            # continuation mark, or a stray one) changes nothing.
            index += 1
    if open_at is not None and not open_pair.paired_only:
        quotes.append(_quote(open_at, paragraphs[-1][1] if paragraphs else len(text), open_pair))
    return [quote for quote in quotes if quote.end > quote.inner[0]]


def _quote(start: int, end: int, pair: QuotePair, close_width: int = 0) -> Quote:
    return Quote(start, end, close_width > 0, len(pair.open), close_width)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end in line_spans(text) if text[start:end].strip()]


def _can_open(text: str, index: int, pair: QuotePair) -> bool:
    """A symmetric mark opens before text; a paired-only one also only at the
    start of a word ('We ..., not students' union)."""
    following = text[index + len(pair.open) : index + len(pair.open) + 1]
    if pair.open != pair.close:
        return True
    if pair.paired_only:
        previous = text[index - 1 : index]
        if previous and (previous.isalnum() or previous == pair.open[-1]):
            return False
        return following.isalnum()
    return bool(following) and not following.isspace()


def _can_close(text: str, index: int, mark: str, symmetric: bool) -> bool:
    """A closing mark follows text, and is no apostrophe inside a word
    (don\u2019t); a mark that also opens (a straight one) closes only right
    after text."""
    following = text[index + len(mark) : index + len(mark) + 1]
    if following.isalnum():
        return False
    if len(mark) > 1 and mark == following * len(mark):
        # "bomb them,''' said": the run closes with its last two
        # apostrophes; the first closes the quotation inside.
        return False
    if not symmetric:
        return True
    previous = text[index - 1 : index]
    if previous == " ":
        # '"... someone says, 'keep it alive,' " said X': a space between
        # the inner quotation's closing mark and the outer one.
        return text[: index - 1].rstrip()[-1:] in ("'", "\u2019")
    return bool(previous) and not previous.isspace()
