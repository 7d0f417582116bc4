"""Line classification: which lines are article content, which are noise
("Also read: ...", "(With inputs from agencies)"), which are credit lines kept
as provenance, and which are headings (short lines without final punctuation,
and a first line in title case, whatever its last character).
"""

from __future__ import annotations

import attrs

from claimtrack.document import Document
from claimtrack.model import span_of
from claimtrack.parsing.textprep import paragraph_spans
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Regex
from claimtrack.stages.findings import Findings, Lines

__all__ = ["classify", "classify_lines"]


@attrs.frozen
class _Compiled:
    lines: tuple[tuple[str, Regex, bool], ...]
    heading_max_words: int
    heading_final: Regex | None
    heading_rule: str | None
    datelines: tuple[Regex, ...] = ()
    title: Regex | None = None


def _compile(rules: RuleSet) -> _Compiled:
    lines = tuple(
        (rule.id, rule.regex("pattern"), bool(rule.get("provenance")))
        for rule in rules.section("noise", "lines")
    )
    datelines = tuple(rule.regex("pattern") for rule in rules.section("noise", "datelines"))
    headings = rules.section("noise", "headings")
    if not headings:
        return _Compiled(lines, 0, None, None, datelines)
    rule = headings[0]
    title = rule.regex("title_pattern") if rule.get("title_pattern") else None
    return _Compiled(lines, int(rule.get("max_words")), rule.regex("final_punctuation"), rule.id, datelines, title)


def classify(text: str, rules: RuleSet) -> Lines:
    compiled = rules.compiled("noise", _compile)
    skip, provenance, headings, datelines = [], [], [], []
    rule_of: dict[int, str] = {}
    for number, (start, end) in enumerate(paragraph_spans(text)):
        line = text[start:end]
        for pattern in compiled.datelines:
            match = pattern.search(line)
            if match is not None:
                datelines.append(span_of(text, start, start + len(line[: match.end()].rstrip())))
                break
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
            title = number == 0 and compiled.title is not None and compiled.title.search(line) is not None
            if words <= compiled.heading_max_words and (title or not compiled.heading_final.search(line)):
                headings.append(span_of(text, start, end))
                rule_of[start] = compiled.heading_rule
    provenance = sorted(provenance + datelines, key=lambda span: span.start)
    return Lines(tuple(skip), tuple(provenance), tuple(headings), rule_of, tuple(datelines))


def classify_lines(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """The stage: sort the document's lines into content, noise, credits and headings."""
    return attrs.evolve(found, lines=classify(document.text, rules))
