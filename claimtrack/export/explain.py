"""Why each claim was found, and why some cue words gave none.

``explain(result)`` (also :meth:`claimtrack.model.Result.explain` and
``claimtrack extract --explain``) renders, for every claim, its sentence with
the source, cue and content marked::

    C1 indirect in sentence 0: cue 'said' (neutral), source 'The minister' (government), unconfirmed
      [SOURCE The minister] <CUE said> that {CONTENT the bridge was closed}.
      rules:
        cue.verb.say              rules/cues.yaml:59:5
        pattern.verb_complement   (engine pattern)

followed by the rules of its hedges and confirmation evidence, and finally
one "why not" line for each cue word that gave no claim (the engine's
:class:`~claimtrack.model.Diagnostic` entries).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrack.model import Claim, Result
    from claimtrack.ruleset.loader import RuleSet

__all__ = ["display_path", "explain", "explain_claim", "mark", "rule_origin", "sentence_around"]

# Ids the engine gives to its own constructions (not rule file entries).
ENGINE_PREFIX = "pattern."

# A sentence ends at . ! or ? (and any closing quotes or brackets) followed by
# white space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+|\n")


def explain(result: Result, rules=None) -> str:
    """The text report for ``result``; ``rules`` is the rule set (or overlay
    directories) that produced it, used to say where each rule id is defined."""
    from claimtrack.ruleset.loader import rules_from

    ruleset = rules_from(rules)
    blocks = [explain_claim(result.text, claim, ruleset) for claim in result.claims]
    if not blocks:
        blocks.append("No claims found.")
    if result.diagnostics:
        lines = ["No claim from these cue words:"]
        for diagnostic in result.diagnostics:
            origin = _origin_note(diagnostic.rule, ruleset) if diagnostic.rule else ""
            lines.append(f"  {diagnostic.cue.text!r}{origin}: {diagnostic.reason}")
            lines.append(f"    in: {_flat(diagnostic.sentence.text)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def explain_claim(text: str, claim: Claim, ruleset: RuleSet) -> str:
    """One claim: a summary line, its marked sentence, and the rules that fired."""
    lines = [_summary(claim), "  " + _flat(_marked_sentence(text, claim))]
    for hedge in claim.hedges:
        lines.append(f"  hedge {hedge.text!r} ({hedge.cls})")
    for evidence in claim.confirmation.evidence:
        lines.append(f"  {claim.confirmation.status} by {_flat(evidence.text)!r}")
    fired = list(dict.fromkeys([*claim.rules, *_extra_rules(claim)]))
    if fired:
        lines.append("  rules:")
        width = max(len(rule_id) for rule_id in fired)
        for rule_id in fired:
            lines.append(f"    {rule_id.ljust(width)}  {rule_origin(rule_id, ruleset)}")
    return "\n".join(lines)


def _summary(claim: Claim) -> str:
    where = f" in sentence {claim.sentence.index}" if claim.sentence is not None else ""
    parts = [f"{claim.id} {claim.kind}{where}:"]
    details = []
    if claim.cue is not None:
        details.append(f"cue {_flat(claim.cue.text)!r} ({claim.cue.cls})")
    if claim.source is not None:
        anonymous = ", anonymous" if claim.source.anonymous else ""
        name = f" = {claim.source.name!r}" if claim.source.name and claim.source.name != claim.source.text else ""
        details.append(f"source {_flat(claim.source.text)!r}{name} ({claim.source.type}{anonymous})")
    else:
        details.append("no source")
    if claim.hedged:
        details.append("hedged")
    details.append(claim.confirmation.status)
    if claim.parent:
        details.append(f"inside {claim.parent}")
    return " ".join(parts) + " " + ", ".join(details)


def _extra_rules(claim: Claim) -> Iterable[str]:
    for hedge in claim.hedges:
        if hedge.rule:
            yield hedge.rule
    for evidence in claim.confirmation.evidence:
        yield evidence.rule


def rule_origin(rule_id: str, ruleset: RuleSet) -> str:
    """Where a rule id is defined (``rules/cues.yaml:59:5``), or what it is."""
    rule = ruleset.find(rule_id)
    if rule is not None:
        return f"{display_path(rule.file)}:{rule.line}:{rule.column}"
    if rule_id in ruleset.disabled:
        return "(disabled)"
    if rule_id.startswith(ENGINE_PREFIX):
        return "(engine pattern)"
    return "(not in these rules)"


def _origin_note(rule_id: str, ruleset: RuleSet) -> str:
    return f" ({rule_id}, {rule_origin(rule_id, ruleset)})"


def display_path(path: str) -> str:
    """A rule file's path relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else str(Path(relative))


def _spans(claim: Claim) -> list[tuple[int, int, str]]:
    spans = []
    if claim.source is not None:
        spans.append((claim.source.start, claim.source.end, "SOURCE"))
    if claim.cue is not None:
        spans.append((claim.cue.start, claim.cue.end, "CUE"))
    spans.extend((start, end, "CONTENT") for start, end in claim.content.ranges)
    return spans


def _marked_sentence(text: str, claim: Claim) -> str:
    """The claim's parsed sentence (``claim.sentence``), widened to whole
    sentences where its content runs beyond it; without one, the sentences
    around the spans by punctuation."""
    spans = _spans(claim)
    low, high = min(s for s, _, _ in spans), max(e for _, e, _ in spans)
    start, end = sentence_around(text, low, high)
    if claim.sentence is not None and claim.sentence.end <= len(text):
        start = claim.sentence.start if low >= claim.sentence.start else start
        end = claim.sentence.end if high <= claim.sentence.end else end
    return mark(text, start, end, spans)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence(s) holding ``text[start:end]``."""
    left = 0
    for match in _SENTENCE_END.finditer(text, 0, start):
        left = match.end()
    following = _SENTENCE_END.search(text, max(end - 1, left))
    right = following.start() + len(following.group().rstrip()) if following else len(text)
    return left, max(right, end)


_OPEN = {"SOURCE": "[SOURCE ", "CUE": "<CUE ", "CONTENT": "{CONTENT "}
_CLOSE = {"SOURCE": "]", "CUE": ">", "CONTENT": "}"}


def mark(text: str, start: int, end: int, spans: Iterable[tuple[int, int, str]]) -> str:
    """``text[start:end]`` with each (start, end, label) span bracketed:
    ``[SOURCE ...]``, ``<CUE ...>``, ``{CONTENT ...}``."""
    events: list[tuple[int, int, int, str]] = []
    for span_start, span_end, label in spans:
        if start <= span_start < span_end <= end:
            # at one offset, closing marks come first; of two spans opening at
            # the same offset the longer opens first, so marks nest
            events.append((span_start, 1, -(span_end - span_start), _OPEN[label]))
            events.append((span_end, 0, span_end - span_start, _CLOSE[label]))
    events.sort()
    pieces, position = [], start
    for offset, _, _, marker in events:
        pieces.append(text[position:offset])
        pieces.append(marker)
        position = offset
    pieces.append(text[position:end])
    return "".join(pieces)


def _flat(text: str) -> str:
    return " ".join(text.split())
