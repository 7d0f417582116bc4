"""Which published fact-checks match a claim, with a score and the reasons.

A fact-check matches a claim when three things together say so:

- content: the tracker's lexical similarity of the claim's content and the
  reviewed claim (:func:`claimtrack.tracker.grouping.similarity`: the
  token-sort ratio of their content words, 0 when they state different
  numbers, in figures or in words ("half", "a third": ``quantities`` in
  the rules), or name different people); with a sentence-embedding model
  (:mod:`claimtrack.factcheck.semantic`), the larger of that and the cosine
  of the two embeddings, under the same number and name checks;
- claimant: the fact-check's claimant against the claim's source entity
  (its name and aliases: "Hale" is "Senator Maria Hale"), or, for a source
  with no name, against its type ("Person" fits an expert);
- dates: a fact-check published on or before the article's date counts as
  it is; one published after it is "later checked".

The weights and thresholds are in ``rules/factcheck.yaml``.

Comparing every claim with every fact-check would grow with the feed, so
candidates come from an inverted index of content words (:class:`LexicalIndex`,
built once per :class:`~claimtrack.factcheck.reviews.FactChecks`): only
fact-checks sharing enough content words with the claim (``min_overlap``)
are compared, and, with a model, those whose embeddings are close.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.export.authors import author_of
from claimtrack.factcheck.settings import MatchSettings, settings_from
from claimtrack.model import Claim, FactCheckMatch, Result, SourceEntity
from claimtrack.tracker.grouping import Gist, agree, alias_key, content_words, similarity, source_aliases

if TYPE_CHECKING:  # only named in annotations: FactChecks.match calls this module
    from claimtrack.factcheck.reviews import FactCheck, FactChecks

__all__ = ["LexicalIndex", "annotate", "brute_force", "match"]


class LexicalIndex:
    """An inverted index of the fact-checks' content words with prefix filtering.

    A claim's candidates are the fact-checks whose content words have a
    Jaccard similarity of at least ``overlap`` with the claim's. Each set of
    words is put in one global order, rarest first; two sets that reach the
    overlap must share a word among the first ``n - ceil(overlap * n) + 1``
    of each (the prefix filter of set-similarity joins), so only those
    prefixes are indexed and looked up, and the common words, whose lists
    are long, mostly are not.
    """

    def __init__(self, checks: Sequence[FactCheck], overlap: float):
        self.checks = checks
        self.overlap = overlap
        self.words = [content_words(check.claim_reviewed) for check in checks]
        self.frequency = Counter(word for words in self.words for word in words)
        self.postings: dict[str, list[int]] = {}
        for number, words in enumerate(self.words):
            for word in self._prefix(words):
                self.postings.setdefault(word, []).append(number)
        self._gists: dict[int, Gist] = {}

    def _prefix(self, words: frozenset[str]) -> list[str]:
        ordered = sorted(words, key=lambda word: (self.frequency.get(word, 0), word))
        return ordered[: len(ordered) - math.ceil(self.overlap * len(ordered)) + 1]

    def candidates(self, text: str) -> set[int]:
        words = content_words(text)
        found: set[int] = set()
        for word in self._prefix(words):
            found.update(self.postings.get(word, ()))
        return {number for number in found if _jaccard(words, self.words[number]) >= self.overlap}

    def gist(self, number: int) -> Gist:
        if number not in self._gists:
            self._gists[number] = Gist.of(self.checks[number].claim_reviewed)
        return self._gists[number]


def _jaccard(words: frozenset[str], other: frozenset[str]) -> float:
    union = len(words | other)
    return len(words & other) / union if union else 0.0


def lexical_index(fact_checks: FactChecks, overlap: float) -> LexicalIndex:
    return fact_checks.cached(  # type: ignore[no-any-return]
        f"lexical:{overlap}", lambda checks: LexicalIndex(checks.items, overlap)
    )


def match(
    result: Result,
    fact_checks: FactChecks,
    *,
    rules: Any = None,
    date: str | None = None,
    model: Any = None,
) -> dict[str, tuple[FactCheckMatch, ...]]:
    """The fact-checks that match each claim of ``result``, best first, by claim id
    (every claim has an entry; an empty tuple when nothing matches).

    ``date`` is the article's date (YYYY-MM-DD); by default the ``date`` in
    the result's document metadata (front matter, a JSONL field). ``rules``:
    a rule set, overlay folders, or None for the shipped rules. ``model``: a
    :class:`~claimtrack.factcheck.semantic.Embedder` for semantic similarity.
    """
    settings = settings_from(_ruleset(rules))
    index = lexical_index(fact_checks, settings.min_overlap)
    semantic = model.similar(result, fact_checks, settings) if model is not None else {}
    day = date or _article_date(result)
    found = {}
    for claim in result.claims:
        gist = Gist.of(claim.content.text)
        close = semantic.get(claim.id, {})
        numbers = index.candidates(claim.content.text) | set(close)
        matches = []
        for number in sorted(numbers):
            content = similarity(gist, index.gist(number))
            how = "lexical"
            if close.get(number, 0.0) > content and agree(gist, index.gist(number)):
                content, how = close[number], "semantic"
            if content < settings.min_content or not _same_quantities(claim.content.text, index, number, settings):
                continue
            found_match = _scored(fact_checks[number], content, how, claim, result, day, settings)
            if found_match.score >= settings.min_score:
                matches.append(found_match)
        matches.sort(key=lambda item: (-item.score, item.published or "", item.url or ""))
        found[claim.id] = tuple(matches[: settings.max_matches])
    return found


def _same_quantities(text: str, index: LexicalIndex, number: int, settings: MatchSettings) -> bool:
    """False when both texts state a quantity in words and the words differ
    ("half of all new homes" is not "one in ten new homes"): the tracker's
    number check, for numbers written as words."""
    ours = content_words(text) & settings.quantities
    theirs = index.words[number] & settings.quantities
    return not (ours and theirs and ours != theirs)


def annotate(result: Result, fact_checks: FactChecks, **options: Any) -> Result:
    """``result`` with each claim's ``fact_checks`` filled in (options as for :func:`match`)."""
    found = match(result, fact_checks, **options)
    claims = [attrs.evolve(claim, fact_checks=found[claim.id]) for claim in result.claims]
    return attrs.evolve(result, claims=claims)


def brute_force(result: Result, fact_checks: FactChecks, *, rules: Any = None) -> dict[str, list[int]]:
    """The fact-checks (their positions) whose content reaches ``min_content``
    for each claim, comparing every pair: what the index must find (tests, benchmark)."""
    settings = settings_from(_ruleset(rules))
    gists = [Gist.of(check.claim_reviewed) for check in fact_checks]
    found = {}
    for claim in result.claims:
        gist = Gist.of(claim.content.text)
        found[claim.id] = [number for number, other in enumerate(gists) if similarity(gist, other) >= settings.min_content]
    return found


def _scored(
    check: FactCheck,
    content: float,
    how: str,
    claim: Claim,
    result: Result,
    day: str | None,
    settings: MatchSettings,
) -> FactCheckMatch:
    reasons = [f"content {content:.2f} ({how})"]
    bonus, claimant_reason = _claimant(check, claim, result, settings)
    if claimant_reason:
        reasons.append(claimant_reason)
    later = bool(day and check.published and check.published > day)
    if later:
        bonus += settings.later_checked
        reasons.append(f"later checked: published {check.published}, after the article ({day})")
    elif day and check.published:
        reasons.append(f"checked {check.published}, before the article ({day})")
    verdict, verdict_rule = settings.verdict(check.rating)
    return FactCheckMatch(
        claim_reviewed=check.claim_reviewed,
        score=round(min(1.0, max(0.0, content + bonus)), 3),
        rating=check.rating,
        verdict=verdict,
        fact_checker=check.fact_checker,
        url=check.url,
        published=check.published,
        claimant=check.claimant,
        later_checked=later,
        reasons=reasons,
        rules=[settings.scores_rule, *([verdict_rule] if verdict_rule else [])],
    )


def _claimant(check: FactCheck, claim: Claim, result: Result, settings: MatchSettings) -> tuple[float, str | None]:
    """The score adjustment for the claimant, and the reason (None when either side is unknown).

    The claim's source is read as the claimreview export reads it, as a
    schema.org author (:func:`~claimtrack.export.authors.author_of`), so
    both sides are in the same vocabulary.
    """
    if check.claimant is None or claim.source is None:
        return 0.0, None
    entity = _entity(claim, result)
    author = author_of(result, claim.source)
    shown = author.name or entity.name
    claimant = alias_key(check.claimant).split()
    for alias in source_aliases(entity):
        words = alias.split()
        if claimant and (set(claimant) <= set(words) or set(words) <= set(claimant) and words[-1] == claimant[-1]):
            return settings.claimant_agrees, f"claimant agrees: {check.claimant} is the source ({shown})"
    if author.name and not author.anonymous and _is_name(author.name):
        return settings.claimant_differs, f"claimant differs: {check.claimant}, not the source ({shown})"
    fits = check.claimant_type == author.schema_type or entity.type in settings.claimant_types.get(
        check.claimant_type or "", ()
    )
    if fits:
        reason = f"claimant type fits: {check.claimant} ({check.claimant_type}), source {shown} ({entity.type})"
        return settings.claimant_type_agrees, reason
    return 0.0, None


def _entity(claim: Claim, result: Result) -> SourceEntity:
    source = claim.source
    assert source is not None
    for entity in result.sources:
        if entity.entity == source.entity:
            return entity
    return SourceEntity(entity="", name=source.name or source.text, type=source.type, anonymous=source.anonymous)


def _is_name(text: str) -> bool:
    """A name rather than a description: a capitalised word after the first
    ("Tom Byrne", "the Hospitality Council"), or one capitalised word."""
    words = text.split()
    return any(word[:1].isupper() for word in words[1:]) or len(words) == 1 and words[0][:1].isupper()


def _article_date(result: Result) -> str | None:
    value = result.document.metadata.get("date")
    return str(value)[:10] if value else None


def _ruleset(rules: Any) -> Any:
    from claimtrack.ruleset.loader import rules_from

    return rules_from(rules)
