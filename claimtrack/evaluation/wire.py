"""Scoring claimtrack on hand-annotated wire articles (``--format wire``).

Each gold claim (:mod:`claimtrack.evaluation.wire_gold`) is paired with the
predicted claim that has the same cue words and whose content holds the gold
content piece; each side is paired at most once. Over the pairs:

- **type**: the predicted source type equals the annotated one;
- **coreference**: the earlier claims that share the claim's entity are the
  same in the prediction as in the annotation (a claim with no predicted
  source is wrong); ``later_mentions`` counts only claims whose entity was
  annotated on an earlier claim;
- **confirmation**: the predicted status equals the annotated one;
  ``evidence`` whether, for a right status other than the default, each
  annotated evidence text lies in a predicted evidence span or holds one;
- **mention**: the predicted source mention's words equal the annotated ones
  (where a mention is annotated).

``document_evidence`` counts the annotated document-level evidence found in
the result's ``document_evidence``. Recall is the share of gold claims paired.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs

from claimtrack.errors import ClaimtrackError
from claimtrack.evaluation.metrics import accuracy, ratio
from claimtrack.evaluation.wire_gold import WireArticle, WireClaim, load_wire
from claimtrack.model import Claim, Result
from claimtrack.pipeline import extract
from claimtrack.ruleset.loader import rules_from

__all__ = ["WireReport", "WireScore", "evaluate_wire", "format_wire_errors", "format_wire_report", "score_article"]

ATTRIBUTES = ("type", "coreference", "later_mentions", "confirmation", "evidence", "mention")


@attrs.frozen
class WirePair:
    gold: WireClaim
    claim: Claim
    values: dict[str, bool | None]


@attrs.frozen
class WireScore:
    id: str
    gold: int
    predicted: int
    pairs: tuple[WirePair, ...]
    missed: tuple[WireClaim, ...]
    document_evidence: tuple[int, int] = (0, 0)
    error: str | None = None


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _holds(claim: Claim, gold: WireClaim) -> bool:
    parts = [(part.start, part.end) for part in claim.content.parts] or [(claim.content.start, claim.content.end)]
    return any(start <= gold.start < end for start, end in parts)


def _cue_fits(claim: Claim, gold: WireClaim) -> bool:
    if gold.cue is None:
        return claim.cue is None
    return claim.cue is not None and (_norm(claim.cue.text) + " ").startswith(_norm(gold.cue) + " ")


def _paired(result: Result, golds: Iterable[WireClaim]) -> tuple[list[tuple[WireClaim, Claim]], list[WireClaim]]:
    taken: set[str] = set()
    pairs, missed = [], []
    for gold in golds:
        found = next(
            (claim for claim in result.claims if claim.id not in taken and _cue_fits(claim, gold) and _holds(claim, gold)),
            None,
        )
        if found is None:
            missed.append(gold)
        else:
            taken.add(found.id)
            pairs.append((gold, found))
    return pairs, missed


def _evidence_fits(gold: WireClaim, claim: Claim) -> bool | None:
    if gold.status != claim.confirmation.status or not gold.evidence:
        return None
    found = [_norm(item.text) for item in claim.confirmation.evidence]
    return all(any(_norm(text) in item or item in _norm(text) for item in found) for text in gold.evidence)


def _entity(claim: Claim) -> str | None:
    return claim.source.entity if claim.source is not None else None


def score_article(article: WireArticle, result: Result) -> WireScore:
    pairs, missed = _paired(result, article.claims)
    pairs.sort(key=lambda pair: pair[0].start)
    scored = []
    for index, (gold, claim) in enumerate(pairs):
        earlier = pairs[:index]
        same_gold = {number for number, (other, _) in enumerate(earlier) if other.entity == gold.entity}
        entity = _entity(claim)
        same_predicted = {number for number, (_, other) in enumerate(earlier) if entity and _entity(other) == entity}
        coreference = entity is not None and same_gold == same_predicted
        source = claim.source
        values: dict[str, bool | None] = {
            "type": source is not None and source.type == gold.type,
            "coreference": coreference,
            "later_mentions": coreference if same_gold else None,
            "confirmation": claim.confirmation.status == gold.status,
            "evidence": _evidence_fits(gold, claim),
            "mention": None if gold.mention is None else source is not None and _norm(source.text) == _norm(gold.mention),
        }
        scored.append(WirePair(gold=gold, claim=claim, values=values))
    found = [_norm(item.text) for item in getattr(result, "document_evidence", ())]
    listed = sum(any(_norm(text) in item for item in found) for text in article.document_evidence)
    return WireScore(
        id=article.id,
        gold=len(article.claims),
        predicted=len(result.claims),
        pairs=tuple(scored),
        missed=tuple(missed),
        document_evidence=(listed, len(article.document_evidence)),
    )


@attrs.frozen
class WireReport:
    articles: tuple[WireScore, ...]

    def summary(self) -> dict[str, Any]:
        pairs = [pair for score in self.articles for pair in score.pairs]
        gold = sum(score.gold for score in self.articles)
        listed = sum(score.document_evidence[0] for score in self.articles)
        wanted = sum(score.document_evidence[1] for score in self.articles)
        return {
            "articles": len(self.articles),
            "claims": {"gold": gold, "matched": len(pairs), "recall": ratio(len(pairs), gold)},
            **{name: accuracy(pair.values[name] for pair in pairs) for name in ATTRIBUTES},
            "document_evidence": {"found": listed, "n": wanted},
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "articles": [
                {
                    "id": score.id,
                    "gold": score.gold,
                    "matched": len(score.pairs),
                    "error": score.error,
                    **{name: accuracy(pair.values[name] for pair in score.pairs) for name in ATTRIBUTES},
                }
                for score in self.articles
            ],
        }

    def figures(self) -> dict[str, Any]:
        return self.to_dict()


def evaluate_wire(
    folder: str | Path,
    *,
    rules: Any = None,
    docs: int | None = None,
    progress: Callable[[int, int, WireScore], None] | None = None,
) -> WireReport:
    """Extract from every annotated article and score it; an article whose
    extraction raises is scored as all missed, with its error."""
    ruleset = rules_from(rules)
    articles = load_wire(folder, ruleset.names("confirmation", "statuses"), docs=docs)
    scores = []
    for number, article in enumerate(articles, start=1):
        try:
            score = score_article(article, extract(article.text, rules=ruleset, doc_id=article.id))
        except ClaimtrackError:
            raise
        except Exception as error:  # recorded per article, see the docstring
            score = WireScore(article.id, len(article.claims), 0, (), article.claims, error=f"{type(error).__name__}: {error}")
        scores.append(score)
        if progress is not None:
            progress(number, len(articles), score)
    return WireReport(articles=tuple(scores))


def _figure(value: dict[str, Any]) -> str:
    shown = "-" if value["accuracy"] is None else f"{value['accuracy']:.3f}"
    return f"{shown} (n={value['n']})"


def format_wire_report(report: WireReport) -> str:
    summary = report.summary()
    claims = summary["claims"]
    lines = [
        f"{summary['articles']} articles, {claims['gold']} gold claims, {claims['matched']} matched "
        f"(recall {claims['recall']})",
        "",
        "attribute        accuracy over matched claims",
    ]
    lines += [f"{name:<16} {_figure(summary[name])}" for name in ATTRIBUTES]
    document = summary["document_evidence"]
    lines += [f"{'document_evidence':<16} {document['found']} of {document['n']}", "", "article                 matched  type   coref  status"]
    for row in report.to_dict()["articles"]:
        cells = [_figure(row[name]).split(" ")[0] for name in ("type", "coreference", "confirmation")]
        note = f"  ERROR {row['error']}" if row["error"] else ""
        lines.append(f"{row['id']:<24}{row['matched']:>3}/{row['gold']:<4} {cells[0]:<6} {cells[1]:<6} {cells[2]}{note}")
    return "\n".join(lines)


def format_wire_errors(report: WireReport) -> str:
    """Every miss and every wrong attribute, with the annotation's line."""
    lines = []
    for score in report.articles:
        for gold in score.missed:
            lines.append(f"{score.id}:{gold.line}: missed  {gold.cue!r} {gold.content!r}")
        for pair in score.pairs:
            wrong = [name for name in ("type", "coreference", "confirmation", "mention") if pair.values[name] is False]
            if not wrong:
                continue
            source = pair.claim.source
            said = (
                f"source {source.text!r} {source.entity} {source.type}" if source is not None else "no source"
            )
            lines.append(
                f"{score.id}:{pair.gold.line}: {', '.join(wrong)}  {pair.gold.content!r}: gold {pair.gold.mention!r} "
                f"{pair.gold.entity} {pair.gold.type} {pair.gold.status}; got {said} {pair.claim.confirmation.status} "
                f"{[item.text for item in pair.claim.confirmation.evidence]}"
            )
    return "\n".join(lines)
