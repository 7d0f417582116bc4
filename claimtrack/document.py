"""One read-only view of a parsed article, built once and shared by every stage.

Like spaCy's ``Doc``/``Span``/``Token``: a :class:`Document` owns the words
of the whole article; each :class:`Sentence` is a view over a slice of them;
each :class:`Word` knows its sentence, its position in the sentence and in
the document, and its character offsets into the original text. No stage
wraps the parse again.

Conventions, the same everywhere:

- ``word.i`` is the word's position in the document, ``word.index`` its
  position in its sentence, ``word.id`` Stanza's 1-based id in the sentence.
- ``word.head_id`` is Stanza's head id (0 for the root); the head *word* is
  ``sentence.head_of(word)`` (``None`` for the root or a head that does not
  exist).
- ``word.lemma`` is lower-cased (rules are matched on it); ``word.raw_lemma``
  keeps the parser's case.
- A word of a multi-word token ("don't" -> do + n't) without offsets of its
  own takes its token's.

Trees from outside (a CoNLL-U file, a damaged cache entry) may be broken:
heads that point nowhere or form a cycle. Every walk here (``subtree``,
``ancestors``) visits each word at most once, so a broken tree gives an odd
answer, never a hang.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

__all__ = ["Document", "Sentence", "Word"]


class Word:
    """One syntactic word."""

    __slots__ = (
        "i", "index", "id", "sentence", "text", "lower", "lemma", "raw_lemma", "upos", "xpos",
        "feats", "head_id", "deprel", "base_deprel", "start", "end",
    )

    def __init__(
        self, *, i: int, index: int, id: int, sentence: int, text: str, lemma: str | None,
        upos: str | None, xpos: str | None, feats: str | None, head: int | None,
        deprel: str | None, start: int, end: int,
    ):
        self.i = i
        self.index = index
        self.id = id
        self.sentence = sentence
        self.text = text
        self.lower = text.lower()
        self.raw_lemma = lemma or text
        self.lemma = self.raw_lemma.lower()
        self.upos = upos or "X"
        self.xpos = xpos or ""
        self.feats = feats or ""
        self.head_id = head or 0
        self.deprel = deprel or "dep"
        self.base_deprel = self.deprel.split(":")[0]
        self.start = start
        self.end = end

    def feat(self, name: str) -> str | None:
        """The value of one morphological feature ('Person' -> '3'), or None."""
        for item in self.feats.split("|") if self.feats else ():
            key, _, value = item.partition("=")
            if key == name:
                return value
        return None

    def has(self, feature: str) -> bool:
        """True when the word carries ``feature`` ('VerbForm=Part')."""
        return feature in self.feats.split("|")

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    def __repr__(self) -> str:
        return f"Word({self.i} {self.text!r} {self.upos} {self.deprel}->{self.head_id})"


class Sentence:
    """A view over the words of one sentence."""

    def __init__(self, document: Document, number: int, words: list[Word]):
        self.document = document
        self.number = number
        self.words = words
        self.by_id = {word.id: word for word in words}
        self.children: dict[int, list[Word]] = {word.id: [] for word in words}
        self.children[0] = []
        for word in words:
            self.children.setdefault(word.head_id, []).append(word)
        self.start = words[0].start if words else 0
        self.end = words[-1].end if words else 0
        self._starts = [word.start for word in words]

    @property
    def index(self) -> int:
        return self.number

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    def head_of(self, word: Word) -> Word | None:
        head = self.by_id.get(word.head_id)
        return head if head is not word else None

    def kids(self, word: Word, *deprels: str) -> list[Word]:
        """The word's dependents, optionally only those with one of ``deprels``
        (a full label such as 'aux:pass' or a base label such as 'obl')."""
        found = self.children.get(word.id, [])
        if not deprels:
            return [kid for kid in found if kid is not word]
        return [kid for kid in found if kid is not word and (kid.deprel in deprels or kid.base_deprel in deprels)]

    def subtree(self, word: Word, skip: Iterable[str] = ()) -> list[Word]:
        """The word and its descendants in sentence order, minus the subtrees
        of ``skip`` relations. Each word is visited once, cycles included."""
        skip = set(skip)
        seen = {word.id}
        result, stack = [], [word]
        while stack:
            current = stack.pop()
            result.append(current)
            for kid in self.children.get(current.id, ()):
                if kid.id in seen or kid.deprel in skip or kid.base_deprel in skip:
                    continue
                seen.add(kid.id)
                stack.append(kid)
        return sorted(result, key=lambda w: w.index)

    def ancestors(self, word: Word) -> Iterator[Word]:
        """The word's head, its head's head, ... up to the root (each once)."""
        seen = {word.id}
        current = self.head_of(word)
        while current is not None and current.id not in seen:
            yield current
            seen.add(current.id)
            current = self.head_of(current)

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words lying inside [start, end)."""
        return _inside(self.words, self._starts, start, end)

    def word_at(self, offset: int) -> Word | None:
        position = bisect.bisect_right(self._starts, offset) - 1
        for word in self.words[max(0, position - 1) : position + 1]:
            if word.start <= offset < word.end:
                return word
        return None

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def __repr__(self) -> str:
        return f"Sentence({self.number} {self.start}:{self.end})"


class Document:
    """A parsed article: its text, sentences and words, with offset lookups."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sequence[dict[str, Any]]],
        entities: Sequence[tuple[int, int, str]] = (),
        comments: Sequence[Sequence[str]] = (),
    ):
        self.text = text
        self.words: list[Word] = []
        self.sentences: list[Sentence] = []
        self.entities = tuple(entities)
        self.comments = tuple(tuple(c) for c in comments)
        with _collector_paused():
            for rows in sentences:
                words = self._words(rows, len(self.sentences))
                if words:
                    self.sentences.append(Sentence(self, len(self.sentences), words))
        self._starts = [word.start for word in self.words]
        self._sentence_starts = [sentence.start for sentence in self.sentences]

    def _words(self, rows: Sequence[dict[str, Any]], number: int) -> list[Word]:
        words: list[Word] = []
        token_span: tuple[int, Any, Any] | None = None  # last id, start, end of a multi-word token
        for row in rows:
            ident: Any = row.get("id")
            if isinstance(ident, (tuple, list)):
                token_span = (int(ident[-1]), row.get("start_char"), row.get("end_char"))
                continue
            if ident is None:
                continue
            start, end = row.get("start_char"), row.get("end_char")
            if (start is None or end is None) and token_span is not None and int(ident) <= token_span[0]:
                start, end = token_span[1], token_span[2]
            if start is None or end is None:
                continue
            words.append(
                Word(
                    i=len(self.words) + len(words), index=len(words), id=int(ident), sentence=number,
                    text=row.get("text") or "", lemma=row.get("lemma"), upos=row.get("upos"),
                    xpos=row.get("xpos"), feats=row.get("feats"), head=row.get("head"),
                    deprel=row.get("deprel"), start=int(start), end=int(end),
                )
            )
        self.words.extend(words)
        return words

    @classmethod
    def from_stanza(cls, doc: Any) -> Document:
        """The view of a stanza ``Document``."""
        if isinstance(doc, Document):
            return doc
        return cls(doc.text, [_stanza_rows(sentence) for sentence in doc.sentences], _stanza_entities(doc))

    @classmethod
    def from_dicts(
        cls, text: str, sentences: Sequence[Sequence[dict[str, Any]]], comments: Sequence[Sequence[str]] = ()
    ) -> Document:
        """The view of stanza's ``Document.to_dict()`` output (what the parse
        cache stores), without importing stanza."""
        return cls(text, sentences, _bioes_entities(sentences), comments)

    # ------------------------------------------------------------ lookups

    def sentence_of(self, word: Word) -> Sentence:
        return self.sentences[word.sentence]

    def head_of(self, word: Word) -> Word | None:
        return self.sentences[word.sentence].head_of(word)

    def children(self, word: Word) -> list[Word]:
        return self.sentences[word.sentence].kids(word)

    def within(self, start: int, end: int) -> list[Word]:
        """The words lying inside [start, end)."""
        return _inside(self.words, self._starts, start, end)

    def sentence_at(self, offset: int) -> int:
        """The number of the sentence holding ``offset`` (or the one before it)."""
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def sentence_span(self, number: int) -> tuple[int, int]:
        sentence = self.sentences[number]
        return sentence.start, sentence.end

    def sentence_words(self, number: int) -> list[Word]:
        return self.sentences[number].words


def _inside(words: list[Word], starts: list[int], start: int, end: int) -> list[Word]:
    """The words (in offset order, ``starts`` their start offsets) inside [start, end)."""
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end, lo=first)
    return [word for word in words[first:last] if word.end <= end]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the view is built.

    Building it allocates a few objects per word and frees none; each full
    collection on the way walks every live object, the stanza parse
    included, so for a long article the collections grow with the square of
    its length. The view holds no reference cycles that need the collector
    sooner.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stanza_rows(sentence: Any) -> list[dict[str, Any]]:
    """One stanza sentence as rows like ``to_dict()``'s, read straight from
    its words (``to_dict`` builds far more than the view needs)."""
    rows = []
    for word in sentence.words:
        token = word.parent
        start = word.start_char if word.start_char is not None else token.start_char
        end = word.end_char if word.end_char is not None else token.end_char
        rows.append({
            "id": word.id, "text": word.text, "lemma": word.lemma, "upos": word.upos, "xpos": word.xpos,
            "feats": word.feats, "head": word.head, "deprel": word.deprel, "start_char": start, "end_char": end,
        })
    return rows


def _stanza_entities(doc: Any) -> tuple[tuple[int, int, str], ...]:
    """(start, end, label) of the parser's named entities, when its models have NER."""
    try:
        entities = doc.ents or ()
    except (AttributeError, TypeError):
        return ()
    found = []
    for entity in entities:
        start, end, label = getattr(entity, "start_char", None), getattr(entity, "end_char", None), entity.type
        if start is not None and end is not None and label:
            found.append((start, end, label))
    return tuple(found)


def _bioes_entities(sentences: Sequence[Sequence[dict[str, Any]]]) -> tuple[tuple[int, int, str], ...]:
    """Entities from the tokens' BIOES ``ner`` tags (present only with an NER model)."""
    found: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    for rows in sentences:
        for row in rows:
            tag = row.get("ner")
            if not tag or row.get("start_char") is None:
                continue
            prefix, _, label = tag.partition("-")
            if prefix in ("S", "B"):
                open_at = (row["start_char"], label)
            if open_at is not None and prefix in ("S", "E"):
                found.append((open_at[0], row["end_char"], label))
                open_at = None
            if prefix == "O":
                open_at = None
    return tuple(found)
