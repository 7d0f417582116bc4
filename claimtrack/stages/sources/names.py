"""Proper names in and around a source mention: the name a mention ends
with ("Environment Minister | Paul Okafor"), and a name in apposition before
or after a description ("Daniel Okafor, | an economist", "The mayor, | Jonas
Petit,")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from claimtrack.document import Document, Word
from claimtrack.ruleset.regex import Regex
from claimtrack.stages.sources.vocabulary import SourceRules
from claimtrack.stages.sources.types import title_at_start

__all__ = ["PHRASE_BREAKS", "earlier_phrase", "following_name", "following_piece", "full_name", "is_name_word", "name_of", "preceding_name"]

# Punctuation that ends the noun phrase of a mention (not the hyphen of
# "al-Sudani" nor the full stop of "Gen.").
PHRASE_BREAKS = frozenset(",;:()[]{}\"“”«»—–")


def is_name_word(word: Word, sentence_first: bool) -> bool:
    if not word.capitalised or word.upos in ("DET", "PRON", "PUNCT", "NUM"):
        return False
    return word.upos == "PROPN" or not sentence_first


def name_of(
    text: str, words: Sequence[Word], docwords: Document, compiled: SourceRules
) -> tuple[str | None, Word | None, tuple[str | None, str | None]]:
    """The proper name ending at the head word, without its title
    ("Environment Minister | Paul Okafor").

    Returns (name, first word of the title-less name, (title type, title rule)).
    """
    if not words:
        return None, None, (None, None)
    head = words[-1]
    first_of_sentence = docwords.sentence_words(head.sentence)[0].i
    if not is_name_word(head, head.i == first_of_sentence):
        return None, None, (None, None)
    if head.i == first_of_sentence and head.lower != head.lemma.lower() and head.lemma.lower() in compiled.heads:
        return None, None, (None, None)  # 'Neighbours said': a plural the tagger took for a name at the start
    begin = len(words) - 1
    while begin > 0:
        previous = words[begin - 1]
        joins = previous.text == "-" or (not previous.capitalised and previous.upos == "PROPN")
        if joins or is_name_word(previous, previous.i == first_of_sentence):
            begin -= 1
        else:
            break
    title_type, title_rule = None, None
    for title, type_, rule in compiled.titles:
        size = len(title)
        if begin >= size and tuple(word.text for word in words[begin - size : begin]) == title:
            title_type, title_rule = type_, rule
            break
    run = list(words[begin:])
    skip = 0
    for position in range(len(run)):
        if position < skip:  # inside a title already read ("Inspector | General")
            continue
        size, run_title_type, run_title_rule = title_at_start(run[position:], compiled)
        if run_title_type is not None:
            skip, title_type, title_rule = position + size, run_title_type, run_title_rule
    if skip >= len(run):
        return None, None, (title_type, title_rule)
    while skip < len(run) and run[skip].text == "-":
        skip += 1
    first = run[skip]
    return text[first.start : head.end], first, (title_type, title_rule)


def following_piece(end: int, docwords: Document) -> list[Word]:
    """The words of ", X," (or ", X." at the end of the sentence) right after a
    mention (empty when there is none)."""
    following = [word for word in docwords.sentence_words(docwords.sentence_at(end)) if word.start >= end]
    closing = next((at for at, word in enumerate(following[:5]) if word.text == ")"), None)
    if following and following[0].text == "(" and closing is not None:
        following = following[closing + 1 :]  # "The Sahel Defence Forces (SDF), a militia ..."
    if len(following) < 3 or following[0].text != ",":
        return []
    piece: list[Word] = []
    for position, word in enumerate(following[1:], start=1):
        if word.text in PHRASE_BREAKS:
            return piece
        if position == len(following) - 1 and word.upos == "PUNCT":
            return piece
        piece.append(word)
    return []


def following_name(end: int, docwords: Document, naming: Sequence[Regex] = ()) -> list[Word]:
    """A name in apposition after a description: "The depot operator, Dorvan
    Logistics,"; or the name a naming phrase gives ("An SDF commander, who
    gave his name only as Musa,")."""
    piece = following_piece(end, docwords)
    if piece:
        text = docwords.text[piece[0].start : piece[-1].end]
        for regex in naming:
            found = regex.match(text)
            if found is not None and found.end() > 0:
                piece = [word for word in piece if word.start >= piece[0].start + found.end()]
                break
    if not piece or not any(word.upos == "PROPN" for word in piece):
        return []
    if all(word.capitalised or word.text == "-" or word.upos == "PROPN" for word in piece):
        return piece
    return []


def preceding_name(start: int, docwords: Document) -> list[Word]:
    """A name that a description stands in apposition to: "Daniel Okafor, | an economist"."""
    sentence = docwords.sentence_words(docwords.sentence_at(start))
    before = [word for word in sentence if word.end <= start]
    if len(before) < 2 or before[-1].text != ",":
        return []
    piece: list[Word] = []
    for word in reversed(before[:-1]):
        if word.text in PHRASE_BREAKS:
            break
        piece.insert(0, word)
    while piece and piece[0].upos == "DET":
        piece.pop(0)  # "The Tarsk Brigade, | a militia"
    if piece and all(word.upos == "PROPN" or word.text == "-" for word in piece):
        return piece
    return []


_NAME_WORD = r"[A-Z](?:[a-z]{0,2}\.|[\w&'-]*)"  # a word of a name, or an abbreviation ("Sen.")
_LINK_WORD = r"(?:of|for|and|the|on|de|del|la|al)"


def full_name(name: str, text: str) -> tuple[int, int] | None:
    """Where the document spells out a short name: an acronym's full name
    before it in parentheses ("the National Disaster Management Agency
    (NDMA)"), or, for a one-word name, a longer name that starts or ends with
    it ("Meridian Terminals" for "Meridian", "Senator Dana Whitfield" for
    "Whitfield"). The offsets of the full name, or None."""
    escaped = re.escape(name)
    if name.replace(".", "").isupper():
        patterns = [rf"({_NAME_WORD}(?:\s+(?:{_LINK_WORD}\s+)*{_NAME_WORD})+)\s*\({escaped}\)"]
    elif " " not in name.strip():
        patterns = [rf"\b({escaped}(?:\s+{_NAME_WORD})+)", rf"\b((?:{_NAME_WORD}\s+){{1,3}}{escaped})\b"]
    else:
        return None
    for pattern in patterns:
        match = re.search(pattern, text)
        if match:
            return match.start(1), match.end(1)
    return None


def earlier_phrase(noun: str, before: int, text: str) -> tuple[int, int] | None:
    """The latest phrase before ``before`` that ends in ``noun`` after one or
    two modifiers ("the defence | ministry"), for a bare noun that refers back."""
    found = None
    for match in re.finditer(rf"\b((?:[\w-]+\s+){{1,2}}){re.escape(noun)}\b", text[:before], re.IGNORECASE):
        found = match
    return (found.start(), found.end()) if found else None
