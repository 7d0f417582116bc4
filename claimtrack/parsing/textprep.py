"""Prepare raw text for Stanza so that every line is its own paragraph.

News text often has lines without final punctuation (datelines, headlines,
subheadings). Stanza's tokenizer would run such a line into the next
sentence; it does, however, always break sentences at a blank line. So the
text sent to Stanza has each single line break doubled, and the offsets
Stanza returns are mapped back to the original text afterwards.
"""

from __future__ import annotations

import bisect

__all__ = ["LineBreaks"]


class LineBreaks:
    """The text with doubled line breaks, and the way back to original offsets."""

    def __init__(self, text: str):
        self.original = text
        pieces = []
        self._inserted_at: list[int] = []  # prepared-text offsets of inserted newlines
        for index, char in enumerate(text):
            pieces.append(char)
            if char == "\n" and not _blank_follows(text, index):
                self._inserted_at.append(index + 1 + len(self._inserted_at))
                pieces.append("\n")
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


def _blank_follows(text: str, index: int) -> bool:
    """True when the newline at ``index`` already starts a blank line."""
    following = index + 1
    while following < len(text) and text[following] in " \t\r":
        following += 1
    return following < len(text) and text[following] == "\n" or (
        index > 0 and text[index - 1] == "\n"
    )
