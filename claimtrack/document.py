"""A read-only view of one parsed sentence: words with character offsets,
their dependency children, and spans of subtrees.

Stanza words inside a multi-word token ("don't" -> do + n't) carry no
offsets of their own; they take the offsets of their token.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Sent", "Word"]


class Word:
    __slots__ = ("id", "text", "lemma", "upos", "xpos", "feats", "head", "deprel", "start", "end", "index")

    def __init__(self, word, index: int):
        self.id = word.id
        self.index = index
        self.text = word.text
        self.lemma = (word.lemma or word.text).lower()
        self.upos = word.upos or ""
        self.xpos = word.xpos or ""
        self.feats = word.feats or ""
        self.head = word.head or 0
        self.deprel = word.deprel or "dep"
        start = word.start_char if word.start_char is not None else word.parent.start_char
        end = word.end_char if word.end_char is not None else word.parent.end_char
        self.start, self.end = start, end

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def base_deprel(self) -> str:
        return self.deprel.split(":")[0]

    def __repr__(self) -> str:
        return f"Word({self.id} {self.text!r} {self.upos} {self.deprel}->{self.head})"


class Sent:
    """One sentence of a parsed document."""

    def __init__(self, sentence, index: int):
        self.index = index
        self.words = [Word(word, i) for i, word in enumerate(sentence.words)]
        self.by_id = {word.id: word for word in self.words}
        self.children: dict[int, list[Word]] = {word.id: [] for word in self.words}
        self.children[0] = []
        for word in self.words:
            self.children.setdefault(word.head, []).append(word)
        self.start = self.words[0].start if self.words else 0
        self.end = self.words[-1].end if self.words else 0

    def head_of(self, word: Word) -> Word | None:
        return self.by_id.get(word.head)

    def kids(self, word: Word, *deprels: str) -> list[Word]:
        found = self.children.get(word.id, [])
        if not deprels:
            return list(found)
        return [kid for kid in found if kid.deprel in deprels or kid.base_deprel in deprels]

    def subtree(self, word: Word, skip: Iterable[str] = ()) -> list[Word]:
        """The word and its descendants, minus the subtrees of ``skip`` relations."""
        skip = set(skip)
        result, stack = [], [word]
        while stack:
            current = stack.pop()
            result.append(current)
            for kid in self.children.get(current.id, []):
                if kid.deprel not in skip and kid.base_deprel not in skip:
                    stack.append(kid)
        return sorted(result, key=lambda w: w.index)

    def words_between(self, start: int, end: int) -> list[Word]:
        return [word for word in self.words if word.start >= start and word.end <= end]

    def word_at(self, offset: int) -> Word | None:
        for word in self.words:
            if word.start <= offset < word.end:
                return word
        return None

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end
