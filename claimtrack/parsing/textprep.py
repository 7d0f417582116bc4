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

Newspaper archives and LaTeX write a double quotation mark as two
apostrophes or two backticks: 3,593 doubled apostrophes and 8 straight
double quotes in the New York Times articles of PolNeAR's training part.
Stanza's tokenizer learnt quotation marks from ``"``: it glued the doubled
mark to the next word (an ``I`` after it tagged AUX) and missed sentence
breaks between two quotations; a single and a double mark closing together
(``case,'" Mr. Putin said``) it read as one word, which the taggers took for
the speaker's name. :class:`QuoteMarks` shows Stanza ``"`` for a doubled
mark and a space between stacked marks, and maps the offsets back, so a
quote token spans both original characters.

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
    "QuoteMarks",
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
# Exactly two apostrophes or backticks, or three apostrophes (a single
# quotation mark beside a double one); longer runs are left alone. Also a
# single mark closing right before a double one (straight or curly), which
# the tokenizer reads as one word.
_REWRITTEN_QUOTES = re.compile(r"(?<!')'{2,3}(?!')|(?<!`)``(?!`)|(?<=\S)['\u2019](?=[\"\u201d])")


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
    insertions change offsets; a replaced break keeps its position. Doubled
    quotation marks are rewritten first (:class:`QuoteMarks`).
    """

    def __init__(self, text: str):
        self.original = text
        self.quotes = QuoteMarks(text)
        text = self.quotes.prepared
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
        return self.quotes.to_original(offset - bisect.bisect_right(self._inserted_at, offset - 1))

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


class QuoteMarks:
    """The text with each doubled quotation mark (two apostrophes or two
    backticks) written as ``"``, and the way back to original offsets.

    Three apostrophes after a non-space character close a quotation inside a
    quotation and become an apostrophe, a space and ``"``; elsewhere they open
    one and become ``"``, a space and an apostrophe (without the space the
    tokenizer reads the two marks as one word, which the tagger took for a
    name). A single mark that closes right before a double one gets a space
    after it too. Every rewritten ``"`` stands for two original characters,
    every added space for none.
    """

    def __init__(self, text: str):
        self.original = text
        self._removed_at: list[int] = []  # prepared offsets of a '"' that stands for two characters
        self._inserted_at: list[int] = []  # prepared offsets of an added space
        pieces: list[str] = []
        done = shift = 0  # shift: prepared offset minus original offset so far
        for match in _REWRITTEN_QUOTES.finditer(text):
            start, end = match.span()
            pieces.append(text[done:start])
            at = start + shift
            if end - start == 1:  # a single closing mark before a double one
                mark = match[0] + " "
            elif end - start == 2:
                mark = '"'
            elif start > 0 and not text[start - 1].isspace():
                mark = "' \""
            else:
                mark = "\" '"
            if '"' in mark:
                self._removed_at.append(at + mark.index('"'))
            if " " in mark:
                self._inserted_at.append(at + mark.index(" "))
            shift += len(mark) - (end - start)
            pieces.append(mark)
            done = end
        pieces.append(text[done:])
        self.prepared = "".join(pieces)

    def to_original(self, offset: int) -> int:
        """The original offset of a prepared-text offset (token boundaries only)."""
        return (offset + bisect.bisect_right(self._removed_at, offset - 1)
                - bisect.bisect_right(self._inserted_at, offset - 1))


def _blank_around(text: str, breaks: list[re.Match[str]], number: int) -> bool:
    """True when the break ``number`` ends or starts a blank line: the text
    already has a paragraph break there."""
    start, end = breaks[number].span()
    if number > 0 and not text[breaks[number - 1].end() : start].strip():
        return True
    following = breaks[number + 1].start() if number + 1 < len(breaks) else None
    return following is not None and not text[end:following].strip()
