"""What an attribution frame reads and what it returns: the cue in its
sentence (:class:`CueContext`) and the content it found (:class:`FrameMatch`).
The frames themselves are :mod:`claimtrack.stages.claims.frames` (statements)
and :mod:`claimtrack.stages.claims.act_frames` (the other acts).
"""

from __future__ import annotations

import attrs

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.ruleset.loader import Rule
from claimtrack.stages.claims.cues import Lexicon
from claimtrack.stages.claims.quotes import Quotes

__all__ = ["CueContext", "FrameMatch", "Span"]

Span = tuple[int, int]


@attrs.frozen
class CueContext:
    """What a frame looks at: the cue word in its sentence, the document's
    quotations, the cue lexicon and the cue's rule."""

    text: str
    sentence: Sent
    cue: Word
    last: Word  # the cue's last word (its particle, if it has one)
    quotes: Quotes
    lexicon: Lexicon
    rule: Rule

    @property
    def reportable(self) -> bool:
        return self.lexicon.reportable(self.rule.get("class"))


@attrs.frozen
class FrameMatch:
    """The content a frame found (one span, or the pieces of a split quote),
    the id of the pattern that read it, and the source when the frame finds
    it itself (``sourced``)."""

    parts: tuple[Span, ...]
    pattern: str
    source: Span | None = None
    sourced: bool = False
    quoted: bool = False  # the content is a quotation (a direct quote)
    frame: str = ""  # the name of the frame that read it (set by first_match)
