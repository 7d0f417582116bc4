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
from claimtrack.stages.claims.phrases import span_heads
from claimtrack.ud import HYPHEN_XPOS

__all__ = ["source_phrase"]

Span = tuple[int, int]

# Word classes of an apposition or a participle phrase (not a sentence adverb).
_NAMING_UPOS = ("NOUN", "PROPN", "VERB")
# Word classes a phrase does not end (or start) with: 'Brainard ,', 'analysts who'.
_EDGE_UPOS = ("PUNCT", "CCONJ", "SCONJ", "ADP")


def source_phrase(
    sent: Sent,
    mention: Span,
    taken: Sequence[Span],
    time_words: Collection[str],
    cue: Span | None = None,
    cue_lemmas: Collection[str] = (),
) -> Span:
    """The phrase around ``mention``; ``taken`` are the cue and content spans it
    must not reach. A subject set off by commas right before its cue ('Murshed
    Zaheed, acting political director of CREDO Action, said ...') takes in
    what the commas enclose, however the parse hung it."""
    found = _subtree_phrase(sent, mention, taken, time_words, sent.word_at(cue[0]) if cue else None)
    if cue is None:
        return found
    found = _with_renamed_subject(sent, found, cue, taken)
    between = [word for word in sent.words if found[1] <= word.start and word.end <= cue[0]]
    if (
        len(between) > 2
        and between[0].lower == ","
        and between[-1].lower == ","
        and any(word.upos in _NAMING_UPOS for word in between[1:-1])  # not 'Smith, however, said'
        and not any(word.lower in time_words for word in between)
        and not any(word.upos == "VERB" and word.lemma in cue_lemmas for word in between)  # another report
        and not any(start < between[-1].start and between[0].end < end for start, end in taken if (start, end) != cue)
    ):
        return found[0], between[-2].end
    return found


def _with_renamed_subject(sent: Sent, found: Span, cue: Span, taken: Sequence[Span]) -> Span:
    """'Smith, a lawyer, said': the parse may give the cue two subjects; the
    one right before the phrase, with only a comma between, is the name the
    phrase renames."""
    verb = sent.word_at(cue[0])
    before = [word for word in sent.words if word.end <= found[0]]
    if verb is None or len(before) < 2 or before[-1].lower != ",":
        return found
    for subject in sent.kids(verb, "nsubj"):
        words = [word for word in sent.subtree(subject) if word.end <= found[0] and word.upos != "PUNCT"]
        if not words or words[-1].index != before[-2].index or len(words) > 6:
            continue
        if words[0].index > 0 and sent.words[words[0].index - 1].upos != "CCONJ":
            continue  # the name opens its clause
        if any(start < words[-1].end and words[0].start < end for start, end in taken):
            continue  # the reported clause before an inverted cue ('Many of the closures, he said')
        return words[0].start, found[1]
    return found


def _subtree_phrase(
    sent: Sent, mention: Span, taken: Sequence[Span], time_words: Collection[str], cue: Word | None = None
) -> Span:
    inside = [word for word in sent.words if mention[0] <= word.start and word.end <= mention[1]]
    indices = {word.index for word in inside}
    heads = span_heads(sent, inside)
    if not heads or len({head.head_id for head in heads}) != 1:
        return mention  # several heads are one name only as subjects of one verb ('Harakat' + 'al-Nujaba')
    named = sent.head_of(heads[0])
    if len(heads) == 1 and heads[0].base_deprel == "appos" and named is not None and named.index < heads[0].index:
        heads = [named]  # 'Smith, | a lawyer': the apposition's noun and the noun it renames
    under = [word for head in heads for word in sent.subtree(head)]
    blocked: set[int] = set()
    if cue is not None:
        # the verbs that lead to the cue, where the parse hung them inside the
        # subject ('A video circulating online | appeared to show')
        own = {word.index for word in under} - {head.index for head in heads}
        for verb in [cue, *sent.ancestors(cue)]:
            if verb.index in own:
                blocked.update(w.index for w in sent.subtree(verb))
    for word in under:
        if word.lower in time_words and not _hyphenated(sent, word):
            blocked.update(w.index for w in sent.subtree(word))
            blocked.update(case.index for case in sent.kids(word, "case"))
    allowed = {
        word.index for word in under
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


def _hyphenated(sent: Sent, word: Word) -> bool:
    """A time word inside a hyphenated modifier ('a 52-year-old shopkeeper'),
    which is no time phrase."""
    around = sent.words[max(word.index - 1, 0) : word.index] + sent.words[word.index + 1 : word.index + 2]
    return any(
        other.xpos == HYPHEN_XPOS and (other.end == word.start or other.start == word.end) for other in around
    )


def _edge(word: Word) -> bool:
    return word.upos in _EDGE_UPOS or word.xpos == "POS" or word.has("PronType=Rel")
