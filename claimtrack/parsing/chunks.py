"""Bounded parsing: a long text goes to Stanza in paragraph-bounded pieces.

Stanza's memory grows with the length of what it is given at once (a 1 MB
single line tried to allocate 8 GB), so :func:`paragraph_chunks` cuts a text
into pieces of about ``CHUNK_CHARS`` characters at line breaks (an over-long
line at a sentence end or a space), :func:`groups` batches pieces for one
Stanza call, and :func:`split_long_sentences` parses a sentence of more than
``MAX_SENTENCE_WORDS`` tokens in even pieces, while
:func:`join_quote_continuations` joins a quotation that ends in ``?`` or
``!`` to the lower-case words that go on its sentence and
:func:`join_after_titles` a title ("Sen.") to the name after it. Offsets are moved back into the
original text (:func:`to_original`); every cut gives a note
(start, end, message) for the result's diagnostics.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import attrs

from claimtrack.parsing.cache import intern_strings, units
from claimtrack.parsing.textprep import LINE_BREAK_CHARS, LineBreaks
from claimtrack.parsing.titles import titles_before_names

__all__ = [
    "CHUNK_CHARS", "GROUP_CHARS", "MAX_SENTENCE_WORDS", "Piece", "groups", "join_after_titles",
    "join_quote_continuations", "original_note", "paragraph_chunks",
    "pieces", "restore_token_texts", "split_long_sentences", "to_original", "tokenized_sentences",
]

CHUNK_CHARS = 10_000
GROUP_CHARS = 50_000
MAX_SENTENCE_WORDS = 200
# A quotation that ends in a question or exclamation mark ('"Is anyone
# listening?" asked the mayor.') ends the sentence for the tokenizer; when the
# next sentence starts in lower case, it goes on the quoted one. Orthography,
# not words: the marks, and straight and curly closing quotes.
QUOTE_FINAL_MARKS = frozenset("?!")
CLOSING_QUOTES = frozenset('"\'”’»')


@attrs.frozen
class Piece:
    index: int  # of the text
    offset: int  # of the piece in its text
    breaks: LineBreaks
    notes: tuple[tuple[int, int, int, str], ...] = ()


def pieces(index: int, text: str) -> Iterator[Piece]:
    for offset, chunk, note in paragraph_chunks(text):
        if chunk.strip():
            yield Piece(index, offset, LineBreaks(chunk), ((index, *note),) if note else ())


def paragraph_chunks(
    text: str, limit: int | None = None
) -> Iterator[tuple[int, str, tuple[int, int, str] | None]]:
    """``(offset, chunk, note)`` pieces of at most ``limit`` (default
    ``CHUNK_CHARS``) characters that together make ``text``, cut after a line
    break where one is in reach; a longer line is cut at a sentence end or a
    space, with a note."""
    limit = limit or CHUNK_CHARS
    start = 0
    while start < len(text):
        end = start + limit
        if end >= len(text):
            yield start, text[start:], None
            return
        cut = max(text.rfind(char, start, end) for char in LINE_BREAK_CHARS) + 1
        note = None
        if cut <= start:
            cut = _inline_cut(text, start, end)
            note = (start, cut, f"a line longer than {limit:,} characters was cut here for the parser")
        yield start, text[start:cut], note
        start = cut


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def _inline_cut(text: str, start: int, end: int) -> int:
    """Where to cut a long line: after the last sentence end in the second
    half of the window, else at the last space, else at the window's end."""
    middle = start + (end - start) // 2
    ends = [match.end() for match in _SENTENCE_END.finditer(text, middle, end)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", middle, end), text.rfind("\t", middle, end))
    return space + 1 if space > start else end


def groups(pieces: list[Piece]) -> Iterator[list[Piece]]:
    """Consecutive pieces of about ``GROUP_CHARS`` characters per Stanza call."""
    group: list[Piece] = []
    size = 0
    for piece in pieces:
        group.append(piece)
        size += len(piece.breaks.prepared)
        if size >= GROUP_CHARS:
            yield group
            group, size = [], 0
    if group:
        yield group


def split_long_sentences(sentences: list[list[dict]]) -> tuple[list[list[dict]], list[tuple[int, int, str]]]:
    """Sentences of more than ``MAX_SENTENCE_WORDS`` tokens split into even
    pieces (word ids renumbered); a (start, end, message) per split sentence,
    in the offsets of the text that was tokenized."""
    result, cuts = [], []
    for sentence in sentences:
        tokens = _token_groups(sentence)
        if len(tokens) <= MAX_SENTENCE_WORDS:
            result.append(sentence)
            continue
        count = math.ceil(len(tokens) / MAX_SENTENCE_WORDS)
        size = math.ceil(len(tokens) / count)
        for first in range(0, len(tokens), size):
            result.append(_renumbered([item for group in tokens[first : first + size] for item in group]))
        message = (
            f"a sentence of {len(tokens):,} tokens was parsed in {count} pieces of at most "
            f"{MAX_SENTENCE_WORDS} tokens"
        )
        cuts.append((tokens[0][0]["start_char"], tokens[-1][0]["end_char"], message))
    return result, cuts


def tokenized_sentences(
    sentences: list[list[dict]], text: str
) -> tuple[list[list[dict]], list[tuple[int, int, str]]]:
    """The tokenizer's sentences of ``text`` mended (a quotation going on, a
    title before a name) and bounded (:func:`split_long_sentences`)."""
    return split_long_sentences(join_after_titles(join_quote_continuations(sentences), text, titles_before_names()))


def join_quote_continuations(sentences: list[list[dict]]) -> list[list[dict]]:
    """Sentences the tokenizer ended after a quotation-final ``?"`` or ``!"``
    joined to the next one when it starts with a lower-case letter
    (``"Stop!" he shouted.``); word ids of the joined part renumbered."""
    result: list[list[dict]] = []
    for sentence in sentences:
        if result and _continues_quote(result[-1], sentence):
            result[-1] = result[-1] + _shifted(sentence, _last_word_id(result[-1]))
        else:
            result.append(sentence)
    return result


def _continues_quote(previous: list[dict], sentence: list[dict]) -> bool:
    tokens = [group[0] for group in _token_groups(previous)]
    following = [group[0].get("text", "") for group in _token_groups(sentence)]
    if len(tokens) < 2 or not following:
        return False
    texts = [token.get("text", "") for token in tokens[-2:]]
    if texts[1] in CLOSING_QUOTES and texts[0] in QUOTE_FINAL_MARKS:
        first = following[0]
    elif texts[1] in QUOTE_FINAL_MARKS and following[0] in CLOSING_QUOTES and len(following) > 1:
        first = following[1]  # the closing quote went to the next sentence
    else:
        return False
    return first[:1].islower()


def join_after_titles(sentences: list[list[dict]], text: str, titles: frozenset[str]) -> list[list[dict]]:
    """Sentences the tokenizer ended after a title and its full stop ("...
    said Sen." | "Maria Lopez, ...") joined to the next one when it starts
    with a capital on the same line; a title split from its stop ("Sen" +
    ".") made one token again. ``text`` is what was tokenized."""
    result: list[list[dict]] = []
    for sentence in sentences:
        title = _title_at_end(result[-1], titles) if result else None
        if title is not None and _name_follows(result[-1], sentence, text):
            previous = result[-1]
            if title < len(previous) - 1:  # "Sen" + "." -> "Sen."
                name, stop = previous[title], previous[-1]
                whole = {key: value for key, value in name.items() if key != "misc"} | {
                    "text": text[name["start_char"] : stop["end_char"]], "end_char": stop["end_char"],
                    **({"misc": stop["misc"]} if "misc" in stop else {}),
                }
                previous = previous[:title] + [whole]
            result[-1] = previous + _shifted(sentence, _last_word_id(previous))
        else:
            result.append(sentence)
    return result


def _title_at_end(sentence: list[dict], titles: frozenset[str]) -> int | None:
    """The index of the sentence's closing title ("Sen." or "Sen" + "."), if
    it ends in one; multi-word tokens are never titles."""
    items = sentence[-2:]
    if any(isinstance(item["id"], (list, tuple)) and len(item["id"]) > 1 for item in items):
        return None
    last = items[-1].get("text", "")
    if last.endswith(".") and last[:-1] in titles:
        return len(sentence) - 1
    if (
        last == "." and len(items) == 2 and items[0].get("text") in titles
        and items[0].get("end_char") == items[1].get("start_char")
    ):
        return len(sentence) - 2
    return None


def _name_follows(previous: list[dict], sentence: list[dict], text: str) -> bool:
    first = sentence[0]
    between = text[previous[-1].get("end_char", 0) : first.get("start_char", 0)]
    return first.get("text", "")[:1].isupper() and "\n" not in between and not between.strip()


def _last_word_id(sentence: list[dict]) -> int:
    identifier = sentence[-1]["id"]
    return identifier[-1] if isinstance(identifier, (list, tuple)) else identifier


def _shifted(items: list[dict], shift: int) -> list[dict]:
    """``items`` with ``shift`` added to every word id (a multi-word token's range too)."""
    shifted = []
    for item in items:
        identifier = item["id"]
        if isinstance(identifier, (list, tuple)):
            identifier = tuple(number + shift for number in identifier)
        else:
            identifier += shift
        shifted.append({**item, "id": identifier})
    return shifted


def _token_groups(sentence: list[dict]) -> list[list[dict]]:
    """The sentence's dicts grouped by token: a multi-word token with its words."""
    groups: list[list[dict]] = []
    covered = 0
    for item in sentence:
        identifier = item["id"]
        number = identifier[0] if isinstance(identifier, (list, tuple)) else identifier
        if number > covered or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
        if isinstance(identifier, (list, tuple)) and len(identifier) == 2:
            covered = identifier[1]
    return groups


def _renumbered(items: list[dict]) -> list[dict]:
    """``items`` with word ids from 1."""
    first = items[0]["id"]
    return _shifted(items, 1 - (first[0] if isinstance(first, (list, tuple)) else first))


def original_note(piece: Piece, cut: tuple[int, int, str]) -> tuple[int, int, str]:
    start, end, message = cut
    return (piece.offset + piece.breaks.to_original(start), piece.offset + piece.breaks.to_original(end), message)


def to_original(piece: Piece, sentences: list[list[dict]]) -> list[list[dict]]:
    """Offsets in the prepared piece mapped to the whole original text."""
    for sentence in sentences:
        for item in sentence:
            for key in ("start_char", "end_char"):
                if isinstance(item.get(key), int):
                    item[key] = piece.offset + piece.breaks.to_original(item[key])
    return intern_strings(sentences)


def restore_token_texts(sentences: list[list[dict]], text: str) -> None:
    """Make every token's text the text it spans. Stanza's tokenizer writes
    ``<UNK>`` for a token it cannot represent (a 400-character URL, say); the
    offsets are right, so the text is taken from them."""
    for sentence in sentences:
        for token in units(sentence):
            original = text[token["start_char"] : token["end_char"]]
            if token.get("text") != original:
                if not isinstance(token["id"], (list, tuple)) and token.get("lemma") == token.get("text"):
                    token["lemma"] = original
                token["text"] = original
