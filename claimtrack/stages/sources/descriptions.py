"""Describing mentions outside the claims: "Maria Lopez, the United Nations
envoy, arrived on Monday." says who "the envoy" of a later claim is, though
the sentence itself claims nothing.

The document is indexed once: every noun that stands next to a comma, by its
lemma. Only a definite description that joins no entity looks its lemma up;
the latest such noun before it is read as a mention, and if a proper name
stands in apposition to it, that reading names the description's entity.
"""

from __future__ import annotations

import bisect

from claimtrack.document import Document, Word
from claimtrack.model import span_of
from claimtrack.stages.sources.mentions import Mention, analyse_mention, phrase_around
from claimtrack.stages.sources.vocabulary import SourceRules

__all__ = ["Descriptions"]


class Descriptions:
    """Nouns in apposition, by lemma, in document order."""

    def __init__(self, document: Document, compiled: SourceRules):
        self.document = document
        self.compiled = compiled
        self.by_lemma: dict[str, list[tuple[int, Word]]] = {}
        self.names_by_last: dict[str, list[tuple[int, int]]] = {}  # "bank" -> spans of "Velora Bank"
        for sentence in document.sentences:
            words = sentence.words
            run: list[Word] = []
            for word in [*words, None]:
                if word is not None and word.upos == "PROPN" and word.capitalised:
                    run.append(word)
                    continue
                if len(run) > 1:
                    self.names_by_last.setdefault(run[-1].lower, []).append((run[0].start, run[-1].end))
                run = []
            for word in words:
                if word.upos == "NOUN" and _beside_comma(word, words, document):
                    self.by_lemma.setdefault(word.lemma, []).append((word.start, word))

    def named(self, mention: Mention) -> Mention | None:
        """The latest describing mention before ``mention`` with the same head
        and a proper name in apposition, if any."""
        if mention.name or mention.pronoun is not None or not mention.definite:
            return None
        for form in sorted(mention.forms or {mention.head}):
            found = self.by_lemma.get(form, [])
            at = bisect.bisect_left(found, mention.span.start, key=lambda item: item[0]) - 1
            if at < 0:
                continue
            start, end = phrase_around(found[at][1], self.document)
            reading = analyse_mention(self.document.text, span_of(self.document.text, start, end), self.document, self.compiled)
            if reading.name and reading.proper and mention.modifiers <= reading.modifiers | reading.descriptions:
                return reading
        return None

    def name_before(self, mention: Mention) -> Mention | None:
        """The latest name before a bare body description that ends in its
        head noun: "Velora Bank customers ..." names a later "the bank"."""
        if mention.name or mention.pronoun is not None or not mention.definite or mention.modifiers:
            return None
        if mention.animate is not False:
            return None
        found = [span for span in self.names_by_last.get(mention.head, []) if span[1] <= mention.span.start]
        if not found:
            return None
        start, end = found[-1]
        reading = analyse_mention(self.document.text, span_of(self.document.text, start, end), self.document, self.compiled)
        return reading if reading.name and reading.proper else None


def _beside_comma(word: Word, words: list[Word], document: Document) -> bool:
    """True when the noun phrase of ``word`` has a comma right before or after it."""
    start, end = phrase_around(word, document)
    first = word.index
    while first > 0 and words[first - 1].start >= start:
        first -= 1
    last = word.index
    while last + 1 < len(words) and words[last + 1].end <= end:
        last += 1
    return (first > 0 and words[first - 1].text == ",") or (last + 1 < len(words) and words[last + 1].text == ",")
