"""A claim group's timeline read against fact-checks: when a claim already
rated False (or another verdict marked ``alert`` in ``rules/factcheck.yaml``)
appears again.
"""

from __future__ import annotations

from typing import Any

from claimtrack.factcheck.settings import settings_from
from claimtrack.model import FactCheckMatch

__all__ = ["rated_before"]


def rated_before(group: Any, rules: Any = None) -> list[FactCheckMatch | None]:
    """For each appearance of a tracked claim group, the earliest alert-verdict
    fact-check that any appearance of the group matched and that was published
    before this appearance (None when there is none): the claim appears again
    after it was rated False."""
    from claimtrack.ruleset.loader import rules_from

    alerts = settings_from(rules_from(rules)).alerts
    rated = sorted(
        (match for appearance in group.appearances for match in appearance.fact_checks
         if match.verdict in alerts and match.published),
        key=lambda match: (match.published, match.url or ""),
    )
    found: list[FactCheckMatch | None] = []
    for appearance in group.appearances:
        day = appearance.document.date or appearance.document.added_at[:10]
        found.append(next((match for match in rated if match.published < day), None))
    return found
