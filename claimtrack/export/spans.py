"""Every span of a result, labelled with its role, for the span-level exports
(webanno, brat, html) and for checking offsets.

Roles: ``source``, ``cue``, ``content`` (one per piece of a split quote),
``hedge``, ``evidence`` and ``anonymity`` (an anonymity cue of a source).
"""

from __future__ import annotations

import attrs

from claimtrack.model import Claim, Result

__all__ = ["ROLES", "Marked", "claim_summary", "marked_spans"]

ROLES = ("source", "cue", "content", "hedge", "evidence", "anonymity")


@attrs.frozen
class Marked:
    """One span of the text with what it is: ``id`` is unique in the document
    (``C1.cue``, ``C1.content.2``, ``S1.anonymity.1``)."""

    id: str
    role: str
    text: str
    start: int
    end: int
    claim: str | None = None
    piece: int = 0  # index of a content piece within its claim
    details: tuple[tuple[str, str], ...] = attrs.field(converter=tuple, factory=tuple)


def marked_spans(result: Result) -> list[Marked]:
    """All spans of ``result`` in claim order, then the sources' anonymity cues."""
    spans: list[Marked] = []
    for claim in result.claims:
        spans.extend(_claim_spans(result.text, claim))
    for source in result.sources:
        for number, cue in enumerate(source.anonymity_cues, 1):
            spans.append(
                Marked(
                    f"{source.entity}.anonymity.{number}",
                    "anonymity",
                    cue.text,
                    cue.start,
                    cue.end,
                    details=[("source", source.name), ("type", source.type), ("anonymous", "yes")],
                )
            )
    return spans


def claim_summary(claim: Claim) -> list[tuple[str, str]]:
    """The facts about a claim shown with each of its spans."""
    source = claim.source
    facts = [
        ("claim", claim.id),
        ("kind", claim.kind),
        ("status", claim.confirmation.status),
        ("source name", (source.name or source.text) if source else "none"),
    ]
    if source is not None:
        facts += [("type", source.type), ("anonymous", "yes" if source.anonymous else "no")]
    facts.append(("hedges", ", ".join(f"{hedge.text} ({hedge.cls})" for hedge in claim.hedges) or "none"))
    if claim.parent:
        facts.append(("parent", claim.parent))
    facts.append(("rules", ", ".join(claim.rules) or "none"))
    return facts


def _claim_spans(text: str, claim: Claim) -> list[Marked]:
    summary = claim_summary(claim)
    spans = []
    if claim.source is not None:
        source = claim.source
        spans.append(
            Marked(
                f"{claim.id}.source",
                "source",
                source.text,
                source.start,
                source.end,
                claim.id,
                details=summary,
            )
        )
    if claim.cue is not None:
        cue = claim.cue
        details = [("lemma", cue.lemma), ("class", cue.cls), *summary]
        spans.append(
            Marked(f"{claim.id}.cue", "cue", cue.text, cue.start, cue.end, claim.id, details=details)
        )
    for number, (start, end) in enumerate(claim.content.ranges, 1):
        spans.append(
            Marked(
                f"{claim.id}.content.{number}",
                "content",
                text[start:end],
                start,
                end,
                claim.id,
                number - 1,
                summary,
            )
        )
    for number, hedge in enumerate(claim.hedges, 1):
        details = [("hedge", hedge.cls), ("rule", hedge.rule or "none"), ("claim", claim.id)]
        spans.append(
            Marked(
                f"{claim.id}.hedge.{number}",
                "hedge",
                hedge.text,
                hedge.start,
                hedge.end,
                claim.id,
                details=details,
            )
        )
    for number, evidence in enumerate(claim.confirmation.evidence, 1):
        details = [("status", claim.confirmation.status), ("rule", evidence.rule), ("claim", claim.id)]
        spans.append(
            Marked(
                f"{claim.id}.evidence.{number}",
                "evidence",
                evidence.text,
                evidence.start,
                evidence.end,
                claim.id,
                details=details,
            )
        )
    return spans
