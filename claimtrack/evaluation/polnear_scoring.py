"""Scoring claimtrack's claims against PolNeAR, document by document, and
summing the scores into a :class:`PolnearReport`.

- Only outermost claims are scored (claims without a ``parent``): PolNeAR has
  no nested attributions.
- A claim and a gold attribution match when the Dice coefficient of their
  word tokens (content against content) is at least 0.5; a split quote may
  match on all its content or on one piece (:mod:`.matching`). Pairs are
  one-to-one, best Dice first.
- PolNeAR marks every attribution in an article (statements, beliefs,
  intentions ...), so every outermost claim that matches none is a false
  positive; each is labelled by what it overlaps: an attribution another
  claim already matched (a fragment or a duplicate), one no claim matched
  (a boundary disagreement), or no attribution content at all.
  ``lenient_precision`` counts only the last kind as false (the convention
  of the GUM scores, whose gold is not exhaustive).
- Two figures: all attributions, and the statement-like subset
  (:mod:`.statement`). The subset's recall counts statement-like gold
  attributions; its precision counts the claims matched to them and the
  false positives whose own cue or source is statement-like.
- Over matched pairs, the source: right when the predicted source phrase
  (``source.phrase``, the whole noun phrase; the mention when a result has
  none) and the gold source have a Dice of at least 0.5 over word tokens (or
  both are absent); token overlap and exact tokens are reported beside it.
- A quotation that continues another claim's (``continues``) is joined to it
  first, as PolNeAR annotates one attribution for the whole quotation.
- Recall by act: each gold attribution's act is the evaluation's own reading
  of its cue and content (:meth:`.StatementCues.act`); precision by act counts
  claims by their predicted ``act``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from claimtrack.document import Document, Word
from claimtrack.evaluation.matching import (
    DICE_THRESHOLD,
    Parts,
    Words,
    content_parts,
    content_views,
    dice,
    greedy_pairs,
    joined_continuations,
    joined_text,
    unmatched,
    span_words,
)
from claimtrack.evaluation.metrics import accuracy, prf, ratio
from claimtrack.evaluation.polnear_gold import PolnearAttribution, PolnearDocument
from claimtrack.evaluation.statement import StatementCues
from claimtrack.model import Claim, Result, to_dict

__all__ = [
    "OVERLAPS",
    "PolnearFalsePositive",
    "PolnearMiss",
    "PolnearPair",
    "PolnearReport",
    "PolnearScore",
    "score_polnear_document",
]

# What an unmatched claim overlaps: an attribution another claim matched, a missed one, none.
OVERLAPS = ("fragment of a matched attribution", "part of a missed attribution", "outside any attribution")


@attrs.frozen
class PolnearPair:
    claim: str
    dice: float
    statement: bool
    cue_lemma: str
    source_match: bool
    source_overlap: bool
    source_exact: bool
    gold_source: str | None
    predicted_source: str | None
    act: str = "statement"  # the gold attribution's act
    predicted_act: str = "statement"


@attrs.frozen
class PolnearMiss:
    id: str
    statement: bool
    cue_lemma: str
    cue_class: str | None
    content: str
    source: str | None
    cue: str | None
    nearest: str | None
    nearest_dice: float
    sentence: str
    act: str = "statement"


@attrs.frozen
class PolnearFalsePositive:
    claim: str
    statement: bool
    cue_lemma: str
    overlaps: str
    rules: tuple[str, ...]
    content: str
    source: str | None
    cue: str | None
    sentence: str
    act: str = "statement"  # the claim's act


@attrs.frozen
class PolnearScore:
    id: str
    gold: int
    statement_gold: int
    predicted: int
    matched: int
    statement_matched: int
    false_positives: int
    statement_false_positives: int
    pairs: tuple[PolnearPair, ...]
    misses: tuple[PolnearMiss, ...]
    false_positive_claims: tuple[PolnearFalsePositive, ...]
    error: str | None = None


class _Lookup:
    """The parsed words overlapping a character range, and what they say about a span."""

    def __init__(self, view: Document):
        self.view = view
        self.words = sorted(view.words, key=lambda word: (word.start, word.end))
        self.ends = [word.end for word in self.words]

    def overlapping(self, parts: Iterable[tuple[int, int]]) -> list[Word]:
        found: dict[int, Word] = {}
        for start, end in parts:
            index = bisect.bisect_right(self.ends, start)
            while index < len(self.words) and self.words[index].start < end:
                found[self.words[index].i] = self.words[index]
                index += 1
        return [found[i] for i in sorted(found)]

    def lemmas(self, parts: Iterable[tuple[int, int]]) -> list[str]:
        return [word.lemma for word in self.overlapping(parts)]

    def head_lemma(self, parts: Parts, text: str) -> str:
        """The lemma of the span's syntactic head (its word whose head lies
        outside it), or its lower-cased text when no parsed word lies there."""
        words = self.overlapping(parts)
        inside = {word.i for word in words}
        for word in words:
            head = self.view.head_of(word)
            if head is None or head.i not in inside:
                return word.lemma
        return " ".join(text[start:end] for start, end in parts).strip().lower() or "-"

    def sentences(self, parts: Parts) -> str:
        """The text of the sentences the parts touch (for error listings)."""
        if not parts or not self.view.sentences:
            return ""
        first = self.view.sentence_span(self.view.sentence_at(parts[0][0]))[0]
        last = self.view.sentence_span(self.view.sentence_at(max(end for _, end in parts) - 1))[1]
        return self.view.text[first:last]


def _texts(text: str, parts: Parts) -> str | None:
    return joined_text(text, parts) if parts else None


def _claim_parts(span: Any) -> Parts:
    return ((span.start, span.end),) if span is not None else ()


def _source_phrase(claim: Claim) -> Any:
    """The span a claim's source is scored on: its whole phrase, else its mention."""
    if claim.source is None:
        return None
    return claim.source.phrase or claim.source


def _is_statement(cues: StatementCues, lookup: _Lookup, text: str, cue: Parts, source: Parts) -> bool:
    return cues.is_statement(_texts(text, cue) or "", lookup.lemmas(cue), lookup.lemmas(source))


def _source_agreement(gold: frozenset[int], predicted: frozenset[int]) -> tuple[bool, bool, bool]:
    """(Dice >= 0.5, overlap, exact) of two sources; two absent sources agree."""
    if not gold and not predicted:
        return True, True, True
    return dice(gold, predicted) >= DICE_THRESHOLD, bool(gold & predicted), gold == predicted


def _overlap_label(tokens: frozenset[int], matched: list[frozenset[int]], missed: list[frozenset[int]]) -> str:
    if any(tokens & gold for gold in matched):
        return OVERLAPS[0]
    if any(tokens & gold for gold in missed):
        return OVERLAPS[1]
    return OVERLAPS[2]


def score_polnear_document(
    document: PolnearDocument, result: Result, view: Document, cues: StatementCues, error: str | None = None
) -> PolnearScore:
    """Match one article's outermost claims to its gold attributions and score them."""
    text = document.text
    words = Words(text)
    lookup = _Lookup(view)
    targets: list[PolnearAttribution] = list(document.attributions)
    claims: list[Claim] = joined_continuations([claim for claim in result.claims if claim.parent is None], text)
    statement = [_is_statement(cues, lookup, text, t.cue, t.source) for t in targets]
    acts = [
        cues.act(_texts(text, t.cue) or "", lookup.lemmas(t.cue), lookup.lemmas(t.source), _texts(text, t.content) or "")
        for t in targets
    ]
    gold = [words.of(target.content) for target in targets]
    views = [content_views(words, claim) for claim in claims]
    scores = [[max(dice(view, target) for view in claim_views) for target in gold] for claim_views in views]
    pairs = greedy_pairs(scores)
    matched_p = {p for p, _, _ in pairs}
    matched_g = {g for _, g, _ in pairs}

    scored = []
    for p, g, score in pairs:
        claim, target = claims[p], targets[g]
        agreement = _source_agreement(words.of(target.source), span_words(words, _source_phrase(claim)))
        scored.append(
            PolnearPair(
                claim=claim.id,
                dice=round(score, 3),
                statement=statement[g],
                cue_lemma=lookup.head_lemma(target.cue, text),
                source_match=agreement[0],
                source_overlap=agreement[1],
                source_exact=agreement[2],
                gold_source=_texts(text, target.source),
                predicted_source=_source_phrase(claim).text if claim.source else None,
                act=acts[g],
                predicted_act=claim.act,
            )
        )

    misses = _misses(text, targets, matched_g, claims, scores, statement, lookup, cues, acts)

    matched_gold = [gold[g] for g in sorted(matched_g)]
    missed_gold = [gold[g] for g in range(len(targets)) if g not in matched_g]
    false_positives = [
        PolnearFalsePositive(
            claim=claim.id,
            statement=_is_statement(cues, lookup, text, _claim_parts(claim.cue), _claim_parts(claim.source)),
            cue_lemma=lookup.head_lemma(_claim_parts(claim.cue), text) if claim.cue else "-",
            overlaps=_overlap_label(views[p][0], matched_gold, missed_gold),
            rules=claim.rules,
            content=claim.content.text,
            source=claim.source.text if claim.source else None,
            cue=claim.cue.text if claim.cue else None,
            sentence=lookup.sentences(content_parts(claim)),
            act=claim.act,
        )
        for p, claim in enumerate(claims)
        if p not in matched_p
    ]
    return PolnearScore(
        id=document.id,
        gold=len(targets),
        statement_gold=sum(statement),
        predicted=len(claims),
        matched=len(pairs),
        statement_matched=sum(pair.statement for pair in scored),
        false_positives=len(false_positives),
        statement_false_positives=sum(fp.statement for fp in false_positives),
        pairs=tuple(scored),
        misses=tuple(misses),
        false_positive_claims=tuple(false_positives),
        error=error,
    )


def _misses(
    text: str,
    targets: list[PolnearAttribution],
    matched_g: set[int],
    claims: list[Claim],
    scores: list[list[float]],
    statement: list[bool],
    lookup: _Lookup,
    cues: StatementCues,
    acts: list[str],
) -> list[PolnearMiss]:
    """The gold attributions no claim matched, each with its nearest claim."""
    misses = []
    for g, target, near_text, near_dice in unmatched(targets, matched_g, scores, claims):
        misses.append(
            PolnearMiss(
                id=target.id,
                statement=statement[g],
                cue_lemma=lookup.head_lemma(target.cue, text),
                cue_class=cues.cue_class(_texts(text, target.cue) or "", lookup.lemmas(target.cue)),
                content=_texts(text, target.content) or "",
                source=_texts(text, target.source),
                cue=_texts(text, target.cue),
                nearest=near_text,
                nearest_dice=near_dice,
                sentence=lookup.sentences(target.content),
                act=acts[g],
            )
        )
    return misses


def _figures(
    gold: int, matched: int, false_positives: list[PolnearFalsePositive], pairs: list[PolnearPair]
) -> dict[str, Any]:
    row = prf(gold, matched + len(false_positives), matched, len(false_positives))
    del row["strict_precision"]  # every unmatched claim is a false positive: the same figure
    outside = sum(fp.overlaps == OVERLAPS[-1] for fp in false_positives)
    return {
        **row,
        "lenient_precision": ratio(matched, matched + outside),
        "source": accuracy(pair.source_match for pair in pairs),
        "source_overlap": accuracy(pair.source_overlap for pair in pairs),
        "source_exact": accuracy(pair.source_exact for pair in pairs),
    }


def _recall_by_act(pairs: list[PolnearPair], misses: list[PolnearMiss]) -> dict[str, dict[str, Any]]:
    gold = Counter([pair.act for pair in pairs] + [miss.act for miss in misses])
    matched = Counter(pair.act for pair in pairs)
    return {act: {"gold": gold[act], "matched": matched[act], "recall": ratio(matched[act], gold[act])} for act in sorted(gold)}


def _precision_by_act(pairs: list[PolnearPair], false_positives: list[PolnearFalsePositive]) -> dict[str, dict[str, Any]]:
    matched = Counter(pair.predicted_act for pair in pairs)
    wrong = Counter(fp.act for fp in false_positives)
    return {
        act: {"predicted": matched[act] + wrong[act], "matched": matched[act], "precision": ratio(matched[act], matched[act] + wrong[act])}
        for act in sorted(matched | wrong)
    }


@attrs.frozen
class PolnearReport:
    split: str
    models: str
    documents: tuple[PolnearScore, ...]

    def summary(self) -> dict[str, Any]:
        docs = list(self.documents)
        pairs = [pair for score in docs for pair in score.pairs]
        misses = [miss for score in docs for miss in score.misses]
        false_positives = [fp for score in docs for fp in score.false_positive_claims]
        return {
            "format": "polnear",
            "split": self.split,
            "models": self.models,
            "documents": len(docs),
            "failed_documents": [s.id for s in docs if s.error],
            "predicted": sum(s.predicted for s in docs),
            "all": _figures(sum(s.gold for s in docs), len(pairs), false_positives, pairs),
            "statement_like": _figures(
                sum(s.statement_gold for s in docs),
                sum(s.statement_matched for s in docs),
                [fp for fp in false_positives if fp.statement],
                [pair for pair in pairs if pair.statement],
            ),
            "recall_by_act": _recall_by_act(pairs, misses),
            "precision_by_act": _precision_by_act(pairs, false_positives),
            "false_positives_by_overlap": {name: sum(fp.overlaps == name for fp in false_positives) for name in OVERLAPS},
            "false_positives_by_rule": dict(
                Counter(fp.rules[0] if fp.rules else "-" for fp in false_positives).most_common()
            ),
            "misses_by_cue_lemma": dict(Counter(miss.cue_lemma for miss in misses).most_common()),
            "statement_misses_by_cue_lemma": dict(
                Counter(miss.cue_lemma for miss in misses if miss.statement).most_common()
            ),
        }

    def figures(self) -> dict[str, Any]:
        """The summary without anything taken from the corpus's text (document
        names, cue lemmas): PolNeAR has no data licence, so only these
        numbers may be kept in the repository (``bench/``)."""
        summary = self.summary()
        for key in ("misses_by_cue_lemma", "statement_misses_by_cue_lemma"):
            del summary[key]
        summary["failed_documents"] = len(summary["failed_documents"])
        return summary

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "documents": to_dict(self.documents)}
