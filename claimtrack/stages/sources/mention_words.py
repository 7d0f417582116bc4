"""The pieces of a source mention's words: its core ("people | who ..."),
the chunk before a preposition, a possessor ("the county's | health
director"), an apposition after it ("X, | one of the factions,"), the nouns
before a role ("a | Meridian | spokeswoman"). Cutting only, no reading:
:mod:`claimtrack.stages.sources.mentions` reads what the pieces say.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Span, span_of
from claimtrack.stages.sources.names import PHRASE_BREAKS, following_piece
from claimtrack.stages.sources.vocabulary import SourceRules
from claimtrack.ud import NOMINALS_AND_NUMBERS, NOUNS, VERBS

__all__ = [
    "MentionPieces",
    "after_possessor",
    "apposition_heads",
    "chunk_words",
    "comma_pieces",
    "core_words",
    "cut_mention",
    "nouns_before",
    "strip_article",
]


@attrs.frozen
class MentionPieces:
    """One mention's words cut into pieces: "the county's health director" has
    the possessor "the county" and the possessed "health director"."""

    words: Sequence[Word]
    core: list[Word]  # the words cut at a comma, clause or post-nominal modifier
    chunk: list[Word]  # the core cut before its first preposition
    possessor: list[Word]  # the chunk before a possessive "'s"; empty without one
    possessed: list[Word]  # the rest of the chunk, without its article: it ends at the head
    core_span: Span

    @property
    def head_word(self) -> Word:
        return self.possessed[-1]


def cut_mention(text: str, words: Sequence[Word], compiled: SourceRules) -> MentionPieces:
    core = core_words(words, compiled) or list(words)
    chunk = chunk_words(core)
    possessor, possessed = after_possessor(chunk)
    possessed = strip_article(possessed) or strip_article(chunk) or list(chunk)
    return MentionPieces(words, core, chunk, possessor, possessed, span_of(text, core[0].start, core[-1].end))


def core_words(words: Sequence[Word], compiled: SourceRules, keep_postmodifiers: bool = False) -> list[Word]:
    """Cut a mention before its first comma, relative clause, participle clause
    or post-nominal modifier ("people | familiar with the matter"); with
    ``keep_postmodifiers``, keep the modifier ("people familiar with the matter | who ...")."""
    core: list[Word] = []
    for position, word in enumerate(words):
        if position and keep_postmodifiers and _opens_postmodifier(word, core[-1], compiled):
            core.append(word)
            continue
        if position and (
            word.text in PHRASE_BREAKS
            or word.feat("PronType") == "Rel"
            or word.upos == "SCONJ"
            or (word.upos == "VERB" and not word.capitalised and not word.deprel.startswith(("amod", "compound")))
            or _opens_postmodifier(word, core[-1], compiled)
        ):
            break
        core.append(word)
    while len(core) > 1 and (
        (core[-1].upos == "PUNCT" and core[-1].text != ".") or core[-1].feat("Reflex") == "Yes"
    ):
        core.pop()
    return core


def _opens_postmodifier(word: Word, previous: Word, compiled: SourceRules) -> bool:
    """True for "familiar" in "people familiar with": a listed word right after a noun.

    The parser often takes such a word for the head noun ("familiar" NOUN).
    """
    return (
        not word.capitalised
        and previous.upos in NOMINALS_AND_NUMBERS
        and (word.lemma in compiled.postmodifiers or word.lower in compiled.postmodifiers)
    )


def chunk_words(core: Sequence[Word]) -> list[Word]:
    """The core cut before its first preposition ("Islamic Resistance | in Iraq")."""
    chunk: list[Word] = []
    for position, word in enumerate(core):
        if position and word.upos == "ADP":
            break
        chunk.append(word)
    return chunk


def after_possessor(chunk: Sequence[Word]) -> tuple[list[Word], list[Word]]:
    """Split "Prime Minister X's office" into possessor and possessed."""
    for position in range(len(chunk) - 1, 0, -1):
        if chunk[position].upos == "PART" and chunk[position].deprel == "case":
            return list(chunk[:position]), list(chunk[position + 1 :])
    return [], list(chunk)


def strip_article(words: Sequence[Word]) -> list[Word]:
    words = list(words)
    while words and words[0].upos == "DET":
        words.pop(0)
    return words


def _opens_clause(word: Word) -> bool:
    """A relative pronoun or a verb that is no modifier ("the | banking | regulator")."""
    return word.feat("PronType") == "Rel" or (word.upos in VERBS and not word.deprel.startswith(("amod", "compound")))


def apposition_heads(text: str, end: int, docwords: Document, compiled: SourceRules) -> list[str]:
    """Head lemmas of an apposition right after a mention: "X, one of the factions,"."""
    piece = following_piece(end, docwords)
    clause = next((at for at, word in enumerate(piece) if at and _opens_clause(word)), None)
    relative = _relative_start(piece, docwords)
    if relative and (clause is None or relative < clause):
        clause = relative  # "a shopkeeper | whose store stands ..." with 'whose' tagged a determiner
    piece = piece[:clause] if clause else piece  # "X, an economist | who covers shipping,", "a driver | named Y"
    if not piece or any(_opens_clause(word) for word in piece):
        return []
    piece_text = text[piece[0].start : piece[-1].end]
    if not (piece[0].upos in ("DET", "NUM") or any(regex.search(piece_text) for regex in compiled.apposition)):
        return []
    nouns = [word for word in chunk_words(piece) if word.upos in NOUNS]
    nouns = nouns or [word for word in piece if word.upos in NOUNS]
    return [nouns[-1].lemma] if nouns else []


def _relative_start(piece: Sequence[Word], docwords: Document) -> int | None:
    """Where the first relative clause inside the piece begins, by the parse."""
    if not piece:
        return None
    sentence = docwords.sentence_of(piece[0])
    positions = {word.index: at for at, word in enumerate(piece)}
    starts = [
        positions.get(sentence.subtree(word)[0].index)
        for word in piece
        if word.deprel == "acl:relcl"
    ]
    found = [at for at in starts if at]
    return min(found) if found else None


def comma_pieces(words: Sequence[Word]) -> list[list[Word]]:
    pieces: list[list[Word]] = [[]]
    for word in words:
        if word.text == ",":
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [piece for piece in pieces if piece]


def nouns_before(words: Sequence[Word]) -> list[Word]:
    """The nouns right before a role, naming whom it speaks for ("a | Meridian | spokeswoman")."""
    nouns: list[Word] = []
    for word in reversed(words):
        if word.upos not in NOUNS and not (word.capitalised and word.upos in ("ADJ", "X")):
            break
        nouns.insert(0, word)
    return nouns
