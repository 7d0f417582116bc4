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

import attrs

__all__ = ["Quote", "Quotes", "find_quotes"]


@attrs.frozen
class Quote:
    """A quotation: ``start``/``end`` are the opening and closing marks' offsets
    (the interior is ``text[start + 1:end]``); ``closed`` is False when the
    paragraph ended before a closing mark."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end

    def contains(self, offset: int) -> bool:
        return self.start < offset < self.end


class Quotes(Sequence[Quote]):
    """The document's quotations in text order, with lookups by offset."""

    def __init__(self, quotes: Sequence[Quote]):
        self._quotes = tuple(quotes)
        self._starts = [quote.start for quote in self._quotes]
        self._ends = [quote.end for quote in self._quotes]

    def __getitem__(self, index):
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


def find_quotes(text: str, pairs: Sequence[tuple[str, str, str]]) -> list[Quote]:
    """Quotation spans, paired within a paragraph.

    Straight quotes alternate open/close; curly ones say which they are. A
    quote still open at the end of a paragraph continues only if the next
    paragraph opens with a quotation mark (the newspaper convention for a
    quote running over paragraphs); otherwise it is closed at the paragraph's
    end and marked unclosed, so one stray mark never swallows the article.
    """
    openers = {pair[0]: pair for pair in pairs}
    quotes: list[Quote] = []
    open_at: int | None = None
    open_pair = None
    paragraphs = _paragraphs(text)
    for number, (p_start, p_end) in enumerate(paragraphs):
        if open_at is not None:
            continued = text[p_start:p_end].lstrip()[:1] == open_pair[0]
            if not continued:
                quotes.append(Quote(open_at, paragraphs[number - 1][1], closed=False))
                open_at = None
        for index in range(p_start, p_end):
            char = text[index]
            if open_at is None:
                if char in openers and _can_open(text, index, openers[char]):
                    open_at, open_pair = index, openers[char]
            elif char == open_pair[1] and _can_close(text, index, open_pair):
                quotes.append(Quote(open_at, index))
                open_at = None
            # Another opening mark inside an open quote (a paragraph's
            # continuation mark, or a stray one) changes nothing.
    if open_at is not None:
        quotes.append(Quote(open_at, paragraphs[-1][1] if paragraphs else len(text), closed=False))
    return [quote for quote in quotes if quote.end > quote.start + 1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((start, start + len(body)))
        start += len(line)
    return spans


def _can_open(text: str, index: int, pair) -> bool:
    if pair[0] != pair[1]:
        return True
    following = text[index + 1 : index + 2]
    return bool(following) and not following.isspace()


def _can_close(text: str, index: int, pair) -> bool:
    """A closing mark follows text, and is no apostrophe inside a word (don\u2019t)."""
    following = text[index + 1 : index + 2]
    if following.isalnum():
        return False
    if pair[0] != pair[1]:
        return True
    previous = text[index - 1 : index]
    return bool(previous) and not previous.isspace()
