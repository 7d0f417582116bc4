"""Drafts: claims before ids, kinds and nesting are settled, and what combines them.

:mod:`~claimtrack.stages.claims.attribution` makes one :class:`Draft` per
attributed cue; the functions here cut phrase clauses out of other drafts,
drop duplicates and drafts inside someone else's quotation, join quotation
continuations and turn the drafts into claims (:func:`finish`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

import attrs

from claimtrack.model import Claim, ClaimSource, Content, Cue, Part, Span, span_of
from claimtrack.parsing.textprep import is_line_break, line_break_count
from claimtrack.stages.claims.phrases import char_after, char_before, trim
from claimtrack.stages.claims.quotes import Quotes
from claimtrack.stages.findings import Lines

__all__ = [
    "Draft", "finish", "merge_overlapping", "outside_quotations", "phrases_outside", "quote_continuations",
    "without_datelines",
]


@attrs.frozen
class Draft:
    """A claim before ids, kinds and nesting are settled."""

    cue: tuple[int, int] | None
    cue_lemma: str
    cue_class: str
    source: tuple[int, int] | None
    parts: tuple[tuple[int, int], ...]
    rules: tuple[str, ...]
    heading: bool = False
    quoted: bool = False  # its content came from a quotation frame (a direct quote)
    act: str = "statement"
    phrase: tuple[int, int] | None = None  # the whole source noun phrase
    continues: tuple[tuple[int, int], ...] | None = None  # the parts of the draft whose quotation this goes on with

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


_TRAILING_PHRASES = ("pattern.clause_then_phrase", "pattern.clause_then_document")


def phrases_outside(text: str, drafts: list[Draft], quotes: Quotes) -> list[Draft]:
    """A phrase cue after its clause ('..., according to press reports', '...
    in the latest poll') attributes the whole clause, cue verbs and all: a
    claim whose cue lies in that clause ('Kasich said he would have fired
    him, according to press reports') has its content end before the
    phrase, and a quotation that the cue's claim reads before the clause
    ('"...?" Smith said at a rally, according to the Sun', the quotation
    split off by the sentence splitter) joins the phrase's content. So the
    phrase's claim holds the other, not the other way round."""
    phrases = [d for d in drafts if d.cue is not None and d.source is not None and d.rules[-1] in _TRAILING_PHRASES]
    if not phrases:
        return drafts
    changed: dict[int, Draft] = {}
    cued = sorted(((d.cue, d) for d in drafts if d.cue is not None), key=lambda pair: pair[0][0])
    cue_starts = [cue[0] for cue, _ in cued]
    for phrase in phrases:
        if phrase.cue is None:
            continue  # (none: phrases have cues)
        cut = phrase.cue[0]
        # only the drafts whose cue starts inside the phrase's claim (an index, not a pass over all)
        inside = cued[bisect.bisect_left(cue_starts, phrase.start) : bisect.bisect_right(cue_starts, phrase.end)]
        for cue, draft in inside:
            if draft is phrase or cue[1] > phrase.end:
                continue
            draft = changed.get(id(draft), draft)
            parts: list[tuple[int, int]] = []
            for start, end in draft.parts:
                piece = trim(text, start, cut, quotes) if start < cut < end else (start, end)
                if piece is not None:
                    parts.append(piece)
            if parts and tuple(parts) != draft.parts:
                changed[id(draft)] = attrs.evolve(draft, parts=tuple(parts))
            if draft.quoted and draft.end <= phrase.start and not text[draft.end : phrase.start].strip(_QUOTE_GAP):
                current = changed.get(id(phrase), phrase)
                first = (draft.start, current.parts[0][1])
                changed[id(phrase)] = attrs.evolve(current, parts=(first, *current.parts[1:]))
    return [changed.get(id(draft), draft) for draft in drafts]


_QUOTE_GAP = " \t\n,.?!\"'\u201d\u2019"


def merge_overlapping(drafts: list[Draft]) -> list[Draft]:
    """One claim per content: a later draft with the same content as an
    earlier one (two cues for one quotation) is dropped."""
    kept: list[Draft] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    for draft in sorted(drafts, key=lambda d: (d.start, d.cue or (0, 0))):
        if draft.parts in seen:
            continue
        seen.add(draft.parts)
        kept.append(draft)
    return kept


class _Containers:
    """Drafts by where they start, asked "which contain [start, end)?" without
    scanning them all: no draft is longer than the longest, so only those
    starting within that length before ``end`` can contain the span."""

    def __init__(self, drafts: list[Draft]):
        self.drafts = sorted(drafts, key=lambda d: d.start)
        self.starts = [draft.start for draft in self.drafts]
        self.longest = max((draft.end - draft.start for draft in self.drafts), default=0)

    def containing(self, start: int, end: int) -> list[Draft]:
        last = bisect.bisect_right(self.starts, start)
        first = bisect.bisect_left(self.starts, end - self.longest, hi=last)
        return [draft for draft in self.drafts[first:last] if end <= draft.end]


def without_datelines(text: str, drafts: list[Draft], datelines: Sequence[Span]) -> list[Draft]:
    """A content piece that starts in a dateline ('GENEVA (Reuters) - ...')
    starts after it: the dateline is the document's provenance."""
    if not datelines:
        return drafts
    clipped = []
    for draft in drafts:
        parts = []
        for start, end in draft.parts:
            for line in datelines:
                if line.start <= start < line.end:
                    start = line.end
                    while start < end and text[start].isspace():
                        start += 1
            if start < end:
                parts.append((start, end))
        if parts:
            clipped.append(attrs.evolve(draft, parts=tuple(parts)))
    return clipped


def outside_quotations(drafts: list[Draft], quotes: Quotes) -> list[Draft]:
    """Drop the drafts built from inside someone else's quotation: in
    '"They are blaming us," the minister said' and '"The minister said we
    would win," the aide recalled' only the quoted speaker speaks. A draft
    goes when its cue lies in another draft's quotation, or when its cue and
    its source both lie inside one closed quotation."""
    quoted = _Containers([attrs.evolve(draft, parts=(part,)) for draft in drafts if draft.quoted for part in draft.parts])
    kept = []
    for draft in drafts:
        if draft.cue is not None and any(other.cue != draft.cue for other in quoted.containing(*draft.cue)):
            continue
        if draft.cue is not None and draft.source is not None and any(
            quote.closed and quote.inner[0] <= min(draft.cue[0], draft.source[0])
            and max(draft.cue[1], draft.source[1]) <= quote.end
            for quote in quotes.touching(*draft.cue)
        ):
            continue
        kept.append(draft)
    return kept


def quote_continuations(
    text: str,
    quotes: Quotes,
    drafts: list[Draft],
    lines: Lines,
    sentence_at: Callable[[int], int] | None = None,
) -> list[Draft]:
    """A sentence or paragraph that is only a quotation, right after an
    attributed direct quote, continues it: a claim of its own with the same
    cue, source and act, which ``continues`` the first. Between the two stands
    at most one paragraph break and the rest of the cue's sentence: short,
    or, with ``sentence_at`` (offset -> sentence number), the quotation opens
    the sentence right after it ('"A," said X, a strategist who ... . "B."').
    A chain of such quotations all continue the first. A mixed quote whose
    content ends with its quotation is continued too ('Golf clubs are "just
    scratching out a profit," Mr. Hedge said. "Golf is a razor-thin
    industry."').

    The drafts come back with the continuations after them."""
    quoted = sorted((d for d in drafts if d.quoted or _ends_in_quotation(d, quotes)), key=lambda d: d.end)
    quoted_ends = [draft.end for draft in quoted]
    containers = _Containers(drafts)
    used = {part for draft in drafts for part in draft.parts}
    continuations: list[Draft] = []
    latest: tuple[Draft, int] | None = None  # the last draft continued, and where its chain now ends
    for quote in quotes:
        inner = trim(text, *quote.inner, quotes)
        if inner is None or inner in used or containers.containing(*inner):
            continue
        if lines.skipped(quote.start, quote.end):
            continue
        before, after = char_before(text, quote.start), char_after(text, quote.after)
        if before and not (before in ".!?\"\u201d" or is_line_break(before)):
            continue
        closes_sentence = text[quote.inner[0] : quote.end].rstrip()[-1:] in (".", "!", "?") and after.isupper()
        if after and not (after in ".!?" or is_line_break(after) or closes_sentence):
            continue  # but '"... of the state." She noted ...': a sentence of its own
        count = bisect.bisect_right(quoted_ends, quote.start)
        last, last_end = (quoted[count - 1], quoted[count - 1].end) if count else (None, -1)
        if latest is not None and last_end < latest[1] <= quote.start:
            last, last_end = latest
        if last is None:
            continue
        between = text[last_end : quote.start]
        if line_break_count(between) > 2:
            continue  # at most one paragraph break
        next_sentence = sentence_at is not None and sentence_at(quote.start) == sentence_at(last_end) + 1
        if len(between) > 80 and not (next_sentence and len(between) <= 400):
            continue  # no other text but the rest of the cue's sentence
        continuations.append(
            attrs.evolve(
                last, parts=(inner,), rules=(last.rules[0], "pattern.quote_continuation"), continues=last.parts,
                act=_continued_act(text, last, inner, quotes),
            )
        )
        latest = (last, inner[1])
    return drafts + continuations


def _ends_in_quotation(draft: Draft, quotes: Quotes) -> bool:
    """The draft's content ends with a closed quotation that opens inside it."""
    start, end = draft.parts[-1]
    return any(quote.closed and quote.start >= start and quote.end <= end <= quote.after for quote in quotes.touching(start, end))


def _continued_act(text: str, first: Draft, inner: tuple[int, int], quotes: Quotes) -> str:
    """A continuation's act: the first quotation's, but a question by its own
    construction when the first was made one only by its question mark."""
    if first.act == "question" and "cue.construction.quoted_question" in first.rules:
        return first.act if text[inner[0] : inner[1]].rstrip().endswith("?") else "statement"
    return first.act


def _kind(text: str, parts: Sequence[tuple[int, int]], quotes: Quotes) -> str:
    """direct when every letter or digit of the content lies inside a quotation,
    mixed when some do, else indirect."""
    total = covered = 0
    for start, end in parts:
        total += _letters(text, start, end)
        for quote in quotes.touching(start, end):
            inside_start, inside_end = max(start, quote.inner[0]), min(end, quote.end)
            if inside_start < inside_end:
                covered += _letters(text, inside_start, inside_end)
    if total and covered == total:
        return "direct"
    return "mixed" if covered else "indirect"


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for char in text[start:end] if char.isalnum())


def finish(text: str, drafts: list[Draft], quotes: Quotes) -> list[Claim]:
    """Claims in document order with provisional ids, kinds and parents."""
    ordered = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    ids = {id(draft): f"d{number}" for number, draft in enumerate(ordered, 1)}  # provisional: numbered at the end
    by_parts = {draft.parts: ids[id(draft)] for draft in ordered if draft.continues is None}
    containers = _Containers(ordered)
    claims = []
    for draft in ordered:
        parent = None
        if draft.cue is not None:
            holders = [
                other for other in containers.containing(*draft.cue)
                if other is not draft and not (other.start == draft.start and other.end == draft.end)
            ]
            if holders:
                parent = ids[id(min(holders, key=lambda d: d.end - d.start))]
        start, end = draft.start, draft.end
        content = Content(
            text=text[start:end],
            start=start,
            end=end,
            parts=tuple(Part(s, e) for s, e in draft.parts) if len(draft.parts) > 1 else (),
        )
        cue = None
        if draft.cue is not None:
            span = span_of(text, *draft.cue)
            cue = Cue(text=span.text, start=span.start, end=span.end, lemma=draft.cue_lemma, cls=draft.cue_class)
        source = None
        if draft.source is not None:
            span = span_of(text, *draft.source)
            phrase = span_of(text, *draft.phrase) if draft.phrase is not None else span
            source = ClaimSource(text=span.text, start=span.start, end=span.end, phrase=phrase)
        claims.append(
            Claim(
                id=ids[id(draft)],
                kind=_kind(text, draft.parts, quotes),
                content=content,
                cue=cue,
                source=source,
                parent=parent,
                rules=tuple(rule for rule in draft.rules if rule),
                heading=draft.heading,
                act=draft.act,
                continues=by_parts.get(draft.continues) if draft.continues is not None else None,
            )
        )
    return claims
