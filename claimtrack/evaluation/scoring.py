"""Scoring claimtrack's claims against the GUM gold, document by document,
and summing the scores into a :class:`Report`.

- A predicted claim and a target match when the Dice coefficient of their
  word tokens is at least 0.5 against the target's ``content_local`` (the
  annotated scope clipped to the attribution's own sentences, the README's
  advice for a sentence-level extractor) or against its whole ``content``
  (a quotation that runs on over several sentences), whichever is higher. A
  split quote (``"A," she said, "B."``) may match on all its content or on
  one piece alone, because the gold often attaches the cue to one piece.
  Pairs are taken greedily, best Dice first (:mod:`.matching`).
- A prediction that matches no target is a false positive only when it
  shares no word token with the whole annotated scope (``content``) of any
  gold attribution of any category (the discourse annotation is not
  exhaustive). ``strict_precision`` counts every unmatched prediction as
  false.

Over matched pairs: source mention (``overlap``: shares a word token with the
gold source; ``exact``: the same word tokens), cue (shares a word token with
the gold cue), kind, source type (against GUM's entity types) and source
entity, read from GUM's coreference annotation: same-source links between
claims, and whether a third-person pronoun source resolves to a name of its
gold chain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

import attrs

from claimtrack.evaluation.gum_gold import GoldAttribution, GoldDocument, Mention
from claimtrack.evaluation.matching import (
    Parts,
    Words,
    content_parts,
    content_views,
    dice,
    greedy_pairs,
    joined_text,
    unmatched,
    span_words,
)
from claimtrack.evaluation.metrics import accuracy, f1, prf, ratio
from claimtrack.model import Claim, DocumentInfo, Result, to_dict

__all__ = [
    "GUM_TYPE_OF",
    "KINDS",
    "DocumentScore",
    "FalsePositive",
    "Miss",
    "Pair",
    "Report",
    "failed_document",
    "score_document",
]

KINDS = ("direct", "mixed", "indirect")
NOT_IN_GOLD = "not in gold"

# claimtrack's source types against GUM's entity types, for type accuracy.
# This is the evaluation's convention, not extraction knowledge: a user's
# own types are simply unmapped (and count as wrong).
GUM_TYPE_OF = {
    "person": "person",
    "expert": "person",
    "witness": "person",
    "government": "organization",
    "military": "organization",
    "armed_group": "organization",
    "news_agency": "organization",
    "news_media": "organization",
    "organization": "organization",
    "social_media": "organization",
    "document": "abstract",
}


@attrs.frozen
class Pair:
    """A predicted claim matched to a gold target, with what agrees."""

    claim: str
    dice: float
    kind: str
    predicted_kind: str
    source_overlap: bool
    source_exact: bool
    cue: bool | None
    gold_type: str | None
    predicted_type: str | None
    gold_entity: str | None
    predicted_entity: str | None
    pronoun_resolved: bool | None
    gold_source: str
    predicted_source: str | None


@attrs.frozen
class Miss:
    """A gold target no prediction matched, and the nearest prediction if any."""

    kind: str
    content: str
    source: str
    cue: str | None
    cue_lemma: str | None
    nearest: str | None
    nearest_dice: float
    sentence: str


@attrs.frozen
class FalsePositive:
    kind: str
    content: str
    source: str | None
    cue: str | None
    rules: tuple[str, ...]
    sentence: str


@attrs.frozen
class DocumentScore:
    id: str
    genre: str
    gold: int
    predicted: int
    matched: int
    false_positives: int
    gold_by_kind: dict[str, int]
    matched_by_kind: dict[str, int]
    pairs: tuple[Pair, ...]
    misses: tuple[Miss, ...]
    false_positive_claims: tuple[FalsePositive, ...]
    error: str | None = None


def _sentences(document: GoldDocument, parts: Parts) -> str:
    """The text of the document's sentences that the parts touch (for error listings)."""
    touched = [
        (start, end)
        for start, end in document.sentences
        if any(start < part_end and part_start < end for part_start, part_end in parts)
    ]
    if not touched:
        return ""
    return document.text[touched[0][0] : touched[-1][1]]


def _gold_entity(source: frozenset[int], mentions: list[tuple[Mention, frozenset[int]]]) -> Mention | None:
    """The coreference mention that best covers a gold source span."""
    best = max(
        ((dice(source, tokens), -len(tokens), mention) for mention, tokens in mentions if source & tokens),
        default=None,
        key=lambda item: item[:2],
    )
    return best[2] if best else None


def _name_mention(result: Result, claim: Claim) -> tuple[int, int] | None:
    """Where the predicted source entity's name stands in the text."""
    if claim.source is None or claim.source.entity is None:
        return None
    try:
        entity = result.source(claim.source.entity)
    except KeyError:
        return None
    for mention in sorted(entity.mentions, key=lambda mention: mention.text != entity.name):
        inside = mention.text.find(entity.name)
        if inside >= 0:
            return (mention.start + inside, mention.start + inside + len(entity.name))
    return None


def _pronoun_resolved(
    result: Result, claim: Claim, gold: Mention | None, mentions: list[tuple[Mention, frozenset[int]]], words: Words
) -> bool | None:
    """For a pronoun source whose gold chain has a name: does the predicted
    entity's name stand on a non-pronoun mention of that chain?"""
    if gold is None:
        return None
    names = [tokens for mention, tokens in mentions if mention.entity == gold.entity and not mention.pronoun]
    if not names:
        return None
    where = _name_mention(result, claim)
    if where is None:
        return False
    found = words.of((where,))
    return any(found & tokens for tokens in names)


def _pair(
    result: Result,
    claim: Claim,
    target: GoldAttribution,
    score: float,
    words: Words,
    chain: list[tuple[Mention, frozenset[int]]],
) -> Pair:
    gold_source = words.of(target.source)
    predicted_source = span_words(words, claim.source)
    gold_mention = _gold_entity(gold_source, chain)
    return Pair(
        claim=claim.id,
        dice=round(score, 3),
        kind=target.kind,
        predicted_kind=claim.kind,
        source_overlap=bool(gold_source & predicted_source),
        source_exact=bool(gold_source) and gold_source == predicted_source,
        cue=bool(words.of(target.cue) & span_words(words, claim.cue)) if target.cue else None,
        gold_type=target.source_type,
        predicted_type=claim.source.type if claim.source else None,
        gold_entity=gold_mention.entity if gold_mention else None,
        predicted_entity=claim.source.entity if claim.source else None,
        pronoun_resolved=_pronoun_resolved(result, claim, gold_mention, chain, words) if target.source_pronoun else None,
        gold_source=joined_text(result.text, target.source),
        predicted_source=claim.source.text if claim.source else None,
    )


def score_document(document: GoldDocument, result: Result, mentions: list[Mention] = ()) -> DocumentScore:
    """Match one document's predicted claims to its gold targets and score them."""
    text = document.text
    words = Words(text)
    targets = document.targets
    claims = list(result.claims)
    gold = [(words.of(target.content), words.of(target.scope)) for target in targets]
    views = [content_views(words, claim) for claim in claims]
    scores = [
        [max(dice(view, target) for view in claim_views for target in both) for both in gold] for claim_views in views
    ]
    covered = [words.of(a.scope) for a in document.attributions]
    chain = [(mention, words.of(((mention.start, mention.end),))) for mention in mentions]
    pairs = greedy_pairs(scores)
    matched_p = {p for p, _, _ in pairs}
    matched_g = {g for _, g, _ in pairs}

    scored = [_pair(result, claims[p], targets[g], score, words, chain) for p, g, score in pairs]

    misses = []
    for _, target, near_text, near_dice in unmatched(targets, matched_g, scores, claims):
        misses.append(
            Miss(
                kind=target.kind,
                content=joined_text(text, target.content),
                source=joined_text(text, target.source),
                cue=joined_text(text, target.cue) if target.cue else None,
                cue_lemma=target.cue_lemma,
                nearest=near_text,
                nearest_dice=near_dice,
                sentence=_sentences(document, target.content),
            )
        )

    false_positives = [
        FalsePositive(
            kind=claim.kind,
            content=claim.content.text,
            source=claim.source.text if claim.source else None,
            cue=claim.cue.text if claim.cue else None,
            rules=claim.rules,
            sentence=_sentences(document, content_parts(claim)),
        )
        for p, claim in enumerate(claims)
        if p not in matched_p and not any(views[p][0] & tokens for tokens in covered)
    ]
    return DocumentScore(
        id=document.id,
        genre=document.genre,
        gold=len(targets),
        predicted=len(claims),
        matched=len(pairs),
        false_positives=len(false_positives),
        gold_by_kind=dict(Counter(target.kind for target in targets)),
        matched_by_kind=dict(Counter(targets[g].kind for g in matched_g)),
        pairs=tuple(scored),
        misses=tuple(misses),
        false_positive_claims=tuple(false_positives),
    )


def failed_document(document: GoldDocument, error: str) -> DocumentScore:
    """The score of a document whose extraction raised: every target missed."""
    empty = Result(text=document.text, document=DocumentInfo.for_text(document.text, document.id))
    return attrs.evolve(score_document(document, empty), error=error)



def _links(scores: Iterable[DocumentScore]) -> dict[str, Any]:
    """Same-source links between matched claims of a document, gold entity
    chains against predicted entities: precision, recall, F1 of "same source"."""
    both = gold_only = predicted_only = agree = total = 0
    for score in scores:
        known = [pair for pair in score.pairs if pair.gold_entity is not None]
        for a, b in combinations(known, 2):
            gold_same = a.gold_entity == b.gold_entity
            predicted_same = a.predicted_entity is not None and a.predicted_entity == b.predicted_entity
            both += gold_same and predicted_same
            gold_only += gold_same and not predicted_same
            predicted_only += predicted_same and not gold_same
            agree += gold_same == predicted_same
            total += 1
    precision = ratio(both, both + predicted_only)
    recall = ratio(both, both + gold_only)
    return {
        "link_precision": precision,
        "link_recall": recall,
        "link_f1": f1(precision, recall),
        "pair_agreement": ratio(agree, total),
        "claim_pairs": total,
    }


def _type_scores(pairs: list[Pair]) -> dict[str, Any]:
    known = [pair for pair in pairs if pair.gold_type is not None]
    right = sum(GUM_TYPE_OF.get(pair.predicted_type or "") == pair.gold_type for pair in known)
    confusion = Counter(f"{pair.gold_type} -> {pair.predicted_type}" for pair in known)
    return {
        "accuracy": ratio(right, len(known)),
        "n": len(known),
        "mapping": "claimtrack type -> GUM entity type: " + ", ".join(f"{k}={v}" for k, v in GUM_TYPE_OF.items()),
        "confusion": dict(confusion.most_common()),
    }


def _recall_table(scores: list[DocumentScore], key: Callable[[DocumentScore], Iterable[tuple[str, int, int]]]):
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for score in scores:
        for name, n_gold, n_found in key(score):
            gold[name] += n_gold
            found[name] += n_found
    return {name: {"gold": gold[name], "matched": found[name], "recall": ratio(found[name], gold[name])} for name in gold}



@attrs.frozen
class Report:
    parse: str
    documents: tuple[DocumentScore, ...]
    models: str = "gold"

    def summary(self) -> dict[str, Any]:
        docs = list(self.documents)
        pairs = [pair for score in docs for pair in score.pairs]
        totals = prf(
            sum(s.gold for s in docs),
            sum(s.predicted for s in docs),
            sum(s.matched for s in docs),
            sum(s.false_positives for s in docs),
        )
        return {
            "parse": self.parse,
            "models": self.models,
            "documents": len(docs),
            "failed_documents": [s.id for s in docs if s.error],
            **totals,
            "source_mention": {
                "overlap": accuracy(pair.source_overlap for pair in pairs),
                "exact": accuracy(pair.source_exact for pair in pairs),
            },
            "cue": accuracy(pair.cue for pair in pairs),
            "kind": accuracy(pair.kind == pair.predicted_kind for pair in pairs),
            "recall_by_kind": _recall_table(
                docs, lambda s: ((k, s.gold_by_kind.get(k, 0), s.matched_by_kind.get(k, 0)) for k in KINDS)
            ),
            "recall_by_genre": _recall_table(docs, lambda s: ((s.genre, s.gold, s.matched),)),
            "source_entity": {
                **_links(docs),
                "pronoun_resolution": accuracy(pair.pronoun_resolved for pair in pairs),
            },
            "source_type": _type_scores(pairs),
            "anonymity": NOT_IN_GOLD,
            "hedge": NOT_IN_GOLD,
            "status": NOT_IN_GOLD,
            "false_positives_by_rule": dict(
                Counter(fp.rules[0] if fp.rules else "-" for s in docs for fp in s.false_positive_claims).most_common()
            ),
            "misses_by_cue_lemma": dict(Counter(miss.cue_lemma or "-" for s in docs for miss in s.misses).most_common()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "documents": to_dict(self.documents)}

