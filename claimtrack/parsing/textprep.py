"""Where lines and paragraphs end, one definition for Stanza and every stage.

A line ends where Python's :meth:`str.splitlines` ends it: ``\\r\\n``,
``\\n``, ``\\r``, VT, FF, the separators U+001C-U+001E, NEL (U+0085), LINE
SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). Word processors and
web pages use VT, NEL and U+2028 for manual line breaks, so they are line
breaks like ``\\n``, not spaces.

In claimtrack every non-blank line is a paragraph. News text often has lines
without final punctuation (datelines, headlines, subheadings); Stanza's
tokenizer would run such a line into the next sentence, but it always breaks
at a blank line (``\\n``, whitespace, ``\\n``) and nowhere else. So the text
sent to Stanza (:class:`LineBreaks`) has every line break written as ``\\n``
and followed by a second ``\\n``, and the offsets Stanza returns are mapped
back to the original text afterwards. The stages ask :func:`line_spans`,
:func:`paragraph_spans` and :func:`is_line_break` and so see the same
paragraphs as the parser.

Text from the API may also hold lone surrogates (U+D800-U+DFFF), which no
UTF-8 encoder accepts; :func:`replace_surrogates` swaps each for U+FFFD,
one character for one, so every offset stays valid.
"""

from __future__ import annotations

import bisect
import re

import attrs

__all__ = [
    "LINE_BREAK_CHARS",
    "LineBreaks",
    "Replaced",
    "is_line_break",
    "line_break_count",
    "line_spans",
    "paragraph_spans",
    "replace_surrogates",
]

# Exactly the boundaries of str.splitlines(); "\r\n" is one break.
LINE_BREAK_CHARS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK = re.compile(r"\r\n|[" + re.escape(LINE_BREAK_CHARS) + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def is_line_break(char: str) -> bool:
    """True when ``char`` (one character) ends a line, and so a paragraph."""
    return len(char) == 1 and char in LINE_BREAK_CHARS


def line_break_count(text: str) -> int:
    """How many line breaks ``text`` holds (``\\r\\n`` counts once)."""
    return sum(1 for _ in _BREAK.finditer(text))


def line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, blank ones included, without its line
    break; ``text[start:end]`` are the items of ``text.splitlines()``."""
    spans, start = [], 0
    for match in _BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph, i.e. every non-blank line, without
    the whitespace around it: the units Stanza parses one by one."""
    spans = []
    for start, end in line_spans(text):
        line = text[start:end]
        body = line.strip()
        if body:
            begin = start + len(line) - len(line.lstrip())
            spans.append((begin, begin + len(body)))
    return spans


@attrs.frozen
class Replaced:
    """Text after a clean-up, and how many characters the clean-up changed."""

    text: str
    count: int


def replace_surrogates(text: str) -> Replaced:
    """``text`` with every surrogate code point (U+D800-U+DFFF) replaced by
    U+FFFD. Same length, so offsets into the result index the input too."""
    cleaned, count = _SURROGATE.subn("\ufffd", text)
    return Replaced(cleaned, count)


class LineBreaks:
    """The text as Stanza should see it, and the way back to original offsets.

    Each line break becomes ``\\n`` (``\\r\\n`` keeps its ``\\r``) and, unless
    a blank line is already there, one ``\\n`` is inserted after it. Only
    insertions change offsets; a replaced break keeps its position.
    """

    def __init__(self, text: str):
        self.original = text
        pieces: list[str] = []
        self._inserted_at: list[int] = []  # prepared-text offsets of inserted newlines
        done = 0
        breaks = list(_BREAK.finditer(text))
        for number, match in enumerate(breaks):
            start, end = match.span()
            pieces.append(text[done:start])
            pieces.append("\r\n" if end - start == 2 else "\n")
            done = end
            if not _blank_around(text, breaks, number):
                self._inserted_at.append(end + len(self._inserted_at))
                pieces.append("\n")
        pieces.append(text[done:])
        self.prepared = "".join(pieces)

    def to_original(self, offset: int) -> int:
        """The original offset of a prepared-text offset (token boundaries only)."""
        return offset - bisect.bisect_right(self._inserted_at, offset - 1)

    def restore(self, doc) -> None:
        """Rewrite a Stanza document's offsets and text to the original text."""
        for sentence in doc.sentences:
            for token in sentence.tokens:
                # Token offsets are read-only properties in Stanza.
                token._start_char = self.to_original(token.start_char)
                token._end_char = self.to_original(token.end_char)
                for word in token.words:
                    if word.start_char is not None:
                        word.start_char = self.to_original(word.start_char)
                        word.end_char = self.to_original(word.end_char)
        doc.text = self.original


def _blank_around(text: str, breaks: list[re.Match[str]], number: int) -> bool:
    """True when the break ``number`` ends or starts a blank line: the text
    already has a paragraph break there."""
    start, end = breaks[number].span()
    if number > 0 and not text[breaks[number - 1].end() : start].strip():
        return True
    following = breaks[number + 1].start() if number + 1 < len(breaks) else None
    return following is not None and not text[end:following].strip()
