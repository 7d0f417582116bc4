"""The whole noun phrase that names a claim's source (``source.phrase``).

The source mention is the name or the pronoun ("Lael Brainard", "She"); its
phrase is the mention's head with everything the parse hangs on it that
stands next to it: apposition, relative clause, participle, title and
of-phrase ("Lael Brainard, a Fed governor"; "Two people briefed on the
talks"; "the chair of the state's election board"). It stops at the cue and
the content, before a time phrase (``source_cuts`` with ``phrase_end``), and
never ends in a comma or a dangling function word.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word

__all__ = ["source_phrase"]

Span = tuple[int, int]

# Word classes a phrase does not end (or start) with: 'Brainard ,', 'analysts who'.
_EDGE_UPOS = ("PUNCT", "CCONJ", "SCONJ", "ADP")


def source_phrase(sent: Sent, mention: Span, taken: Sequence[Span], time_words: Collection[str]) -> Span:
    """The phrase around ``mention``; ``taken`` are the cue and content spans it must not reach."""
    inside = [word for word in sent.words if mention[0] <= word.start and word.end <= mention[1]]
    indices = {word.index for word in inside}
    heads = [word for word in inside if (sent.head_of(word) is None or sent.head_of(word).index not in indices)]
    if len(heads) != 1:
        return mention
    blocked: set[int] = set()
    for word in sent.subtree(heads[0]):
        if word.lower in time_words:
            blocked.update(w.index for w in sent.subtree(word))
            blocked.update(case.index for case in sent.kids(word, "case"))
    allowed = {
        word.index for word in sent.subtree(heads[0])
        if word.index not in blocked and not any(start < word.end and word.start < end for start, end in taken)
    } | indices
    first, last = min(indices), max(indices)
    while first - 1 in allowed:
        first -= 1
    while last + 1 in allowed:
        last += 1
    words = sent.words[first : last + 1]
    while len(words) > 1 and words[-1].index > max(indices) and _edge(words[-1]):
        words = words[:-1]
    while len(words) > 1 and words[0].index < min(indices) and _edge(words[0]):
        words = words[1:]
    return min(words[0].start, mention[0]), max(words[-1].end, mention[1])


def _edge(word: Word) -> bool:
    return word.upos in _EDGE_UPOS or word.xpos == "POS" or word.has("PronType=Rel")
