"""Line classification: which lines are article content, which are noise
("Also read: ...", "(With inputs from agencies)"), which are credit lines kept
as provenance, and which are headings (short lines without final punctuation).
"""

from __future__ import annotations

import re

import attrs

from claimtrack.model import Span, span_of
from claimtrack.ruleset.loader import RuleSet

__all__ = ["Lines", "classify"]


@attrs.frozen
class Lines:
    """The document's lines, sorted into kinds. All spans index the text."""

    skip: tuple[Span, ...] = ()
    provenance: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    rule_of: dict[int, str] = attrs.field(factory=dict, eq=False, repr=False)

    def skipped(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside a noise line."""
        return any(span.start <= start and end <= span.end for span in self.skip)

    def heading_at(self, start: int, end: int) -> bool:
        return any(span.start <= start and end <= span.end for span in self.headings)


@attrs.frozen
class _Compiled:
    lines: tuple[tuple[str, re.Pattern[str], bool], ...]
    heading_max_words: int
    heading_final: re.Pattern[str] | None
    heading_rule: str | None


def _compile(rules: RuleSet) -> _Compiled:
    lines = tuple(
        (rule.id, re.compile(rule.get("pattern")), bool(rule.get("provenance")))
        for rule in rules.section("noise", "lines")
    )
    headings = rules.section("noise", "headings")
    if not headings:
        return _Compiled(lines, 0, None, None)
    rule = headings[0]
    return _Compiled(lines, int(rule.get("max_words")), re.compile(rule.get("final_punctuation")), rule.id)


def _line_spans(text: str):
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        if stripped:
            begin = start + lead
            yield begin, begin + len(stripped)
        start += len(line)


def classify(text: str, rules: RuleSet) -> Lines:
    compiled = rules.compiled("noise", _compile)
    skip, provenance, headings = [], [], []
    rule_of: dict[int, str] = {}
    for start, end in _line_spans(text):
        line = text[start:end]
        for rule_id, pattern, is_provenance in compiled.lines:
            if pattern.search(line):
                span = span_of(text, start, end)
                skip.append(span)
                rule_of[start] = rule_id
                if is_provenance:
                    provenance.append(span)
                break
        else:
            if compiled.heading_final is None:
                continue
            words = len(line.split())
            if words <= compiled.heading_max_words and not compiled.heading_final.search(line):
                headings.append(span_of(text, start, end))
                rule_of[start] = compiled.heading_rule
    return Lines(tuple(skip), tuple(provenance), tuple(headings), rule_of)
