"""The matching settings, read from ``rules/factcheck.yaml`` (and any overlay).

``scores`` must hold exactly one entry (an overlay replaces it by its id,
``factcheck.scores.default``); its numbers are per cent. ``verdicts`` turn a
rating into a verdict; ``claimants`` say which source types fit a
claimant's schema.org type; ``quantities`` are number words, compared
as the tracker compares numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from claimtrack.errors import Problem, RulesError

__all__ = ["MatchSettings", "settings_from"]


@attrs.frozen
class MatchSettings:
    """Thresholds and weights (0 to 1), the rating -> verdict table, claimant types."""

    min_score: float
    min_content: float
    min_overlap: float
    claimant_agrees: float
    claimant_type_agrees: float
    claimant_differs: float
    later_checked: float
    max_matches: int
    min_semantic: float
    scores_rule: str
    verdicts: Mapping[str, tuple[str, str]]  # lower-cased rating -> (verdict, rule id)
    alerts: frozenset[str]  # verdicts the tracker flags when their claim appears again
    claimant_types: Mapping[str, frozenset[str]]  # schema.org type -> claimtrack source types
    quantities: frozenset[str] = frozenset()  # number words: "half", "third", "doubled"

    def verdict(self, rating: str | None) -> tuple[str | None, str | None]:
        """The verdict of a rating and the rule that gives it ((None, None) when no rule does)."""
        if rating is None:
            return None, None
        return self.verdicts.get(" ".join(rating.lower().split()).rstrip("."), (None, None))


def settings_from(rules: object) -> MatchSettings:
    """The settings of a :class:`~claimtrack.ruleset.loader.RuleSet`, cached on it."""
    return rules.compiled("factcheck.settings", _build)  # type: ignore[attr-defined, no-any-return]


# Keys of the scores entry that are per cent, with the range each may take.
_PER_CENT = {
    "min_score": (0, 100),
    "min_content": (0, 100),
    "min_overlap": (1, 100),
    "claimant_agrees": (0, 100),
    "claimant_type_agrees": (0, 100),
    "claimant_differs": (-100, 0),
    "later_checked": (-100, 100),
    "min_semantic": (0, 100),
}


def _build(rules: object) -> MatchSettings:
    scores = rules.section("factcheck", "scores")  # type: ignore[attr-defined]
    if len(scores) != 1:
        where = scores[-1].problem(None, "") if scores else Problem("factcheck.yaml", 1, 1, "")
        message = (
            f"'scores' must hold exactly one entry, found {len(scores)} "
            "(to change it, give an entry with the id factcheck.scores.default)"
        )
        raise RulesError([attrs.evolve(where, message=message)])
    (entry,) = scores
    problems = [
        entry.problem(key, f"{key!r} must be between {low} and {high} (per cent), got {entry.get(key)}")
        for key, (low, high) in _PER_CENT.items()
        if entry.get(key) is not None and not low <= entry.get(key) <= high
    ]
    if entry.get("max_matches") < 1:
        problems.append(entry.problem("max_matches", f"'max_matches' must be 1 or more, got {entry.get('max_matches')}"))
    if problems:
        raise RulesError(problems)
    verdicts: dict[str, tuple[str, str]] = {}
    alerts = set()
    for rule in rules.section("factcheck", "verdicts"):  # type: ignore[attr-defined]
        for rating in rule.get("ratings"):
            verdicts[" ".join(rating.lower().split())] = (rule.get("name"), rule.id)
        if rule.get("alert"):
            alerts.add(rule.get("name"))
    claimant_types: dict[str, set[str]] = {}
    for rule in rules.section("factcheck", "claimants"):  # type: ignore[attr-defined]
        for schema_type in rule.get("schema_types"):
            claimant_types.setdefault(schema_type, set()).update(rule.get("source_types"))
    quantities = frozenset(
        word.lower() for rule in rules.section("factcheck", "quantities") for word in rule.get("words")  # type: ignore[attr-defined]
    )
    return MatchSettings(
        min_score=entry.get("min_score") / 100,
        min_content=entry.get("min_content") / 100,
        min_overlap=entry.get("min_overlap") / 100,
        claimant_agrees=entry.get("claimant_agrees") / 100,
        claimant_type_agrees=entry.get("claimant_type_agrees") / 100,
        claimant_differs=entry.get("claimant_differs") / 100,
        later_checked=entry.get("later_checked") / 100,
        max_matches=entry.get("max_matches"),
        min_semantic=entry.get("min_semantic", 75) / 100,
        scores_rule=entry.id,
        verdicts=verdicts,
        alerts=frozenset(alerts),
        claimant_types={key: frozenset(value) for key, value in claimant_types.items()},
        quantities=quantities,
    )
