"""Phrases set off by a comma that the compact parser reads as clauses.

After a cue, "..., the agency said, ending a blockade" and "..., Sanders
said, a policy that ..." go on with the sentence: neither is what was said.
Before it, "..., the poll found." is a past tense tagged as a participle and
hung on its own subject. Both are read from the words' order and the parse,
so the frames and the cue finder share one reading. After a report, "...,
adding that X" is a second report, not part of the first.
"""

from __future__ import annotations

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.ud import NOUNS

__all__ = ["before_added_report", "before_set_off_participle", "closing_cue", "set_off_by_comma"]


def set_off_by_comma(sent: Sent, word: Word) -> bool:
    """A phrase with no subject, copula or subordinator that opens right
    after a comma: an -ing participle headed by its first word ('..., the
    agency said, | ending a blockade') or a noun phrase ('..., Sanders said,
    | a policy that could ...')."""
    first = _opening_after_comma(sent, word)
    if first is None or sent.kids(word, "nsubj", "nsubj:pass", "mark"):
        return False
    if word.xpos == "VBG":
        return first.index == word.index
    return word.upos in NOUNS and not sent.kids(word, "cop")


def _opening_after_comma(sent: Sent, word: Word) -> Word | None:
    """The first word of the word's phrase, when a comma stands right before it."""
    first = next(w for w in sent.subtree(word) if w.upos != "PUNCT")
    return first if first.index > 0 and sent.words[first.index - 1].lower == "," else None


def before_set_off_participle(sent: Sent, words: list[Word], with_clause: bool = False) -> list[Word]:
    """``words`` up to the first -ing participle after them set off by a
    comma (with ``with_clause``, only one with a clause of its own, and it
    may open with a subordinator: 'promised to build a wall, | while also
    suggesting that ...'): 'her call for an end to subsidies, | calling
    them "welfare"'."""
    for position, word in enumerate(words):
        if position and word.xpos == "VBG" and (
            set_off_by_comma(sent, word) if not with_clause else sent.kids(word, "ccomp") and _marked_after_comma(sent, word)
        ):
            opening = sent.subtree(word)[0].index  # 'while also | suggesting'
            return [w for w in words[:position] if w.index < opening]
    return words


def _marked_after_comma(sent: Sent, word: Word) -> bool:
    """A participle with no subject whose phrase, subordinator and adverbs
    first, opens right after a comma."""
    first = _opening_after_comma(sent, word)
    return (
        first is not None
        and not sent.kids(word, "nsubj", "nsubj:pass")
        and all(w.upos in ("SCONJ", "ADV") for w in sent.words[first.index : word.index])
    )


def before_added_report(sent: Sent, words: list[Word]) -> list[Word]:
    """The words of a report up to a participle set off by a comma with a
    clause of its own: 'said the talks would resume, | adding that no date
    had been set' tells what the speaker said next (a report of its own),
    not what the first clause said."""
    return before_set_off_participle(sent, words, with_clause=True)


def closing_cue(sent: Sent, word: Word) -> bool:
    """'..., the poll found.': a verb with no auxiliary and only punctuation
    after it, whose subject (or the noun it was hung on as a participle: 'a
    USA TODAY investigation | found') stands right before it and opens after
    a comma (or after a quotation's closing marks that follow one). The
    parser's participle is the inverted report's cue."""
    if sent.kids(word, "aux", "aux:pass") or any(w.upos != "PUNCT" for w in sent.words[word.index + 1 :]):
        return False
    head = sent.head_of(word)
    modified = [head] if head is not None and word.base_deprel == "acl" else []
    for subject in sent.kids(word, "nsubj", "nsubj:pass") + modified:
        first = next(w for w in sent.subtree(subject) if w.upos != "PUNCT")
        if subject.index == word.index - 1 and _after_comma(sent, first):
            return True
    return False


def _after_comma(sent: Sent, word: Word) -> bool:
    """A comma stands right before the word, or before the closing marks of
    a quotation right before it ('... in a "burn bag," | the Times')."""
    for before in reversed(sent.words[: word.index]):
        if before.lower == ",":
            return True
        if before.upos != "PUNCT":
            return False
    return False
