"""Running rule tests: extract from each case's text and compare with what
the case expects. Each expected claim must match a distinct found claim (see
:func:`compare`); :func:`run_files` loads and runs every file under some paths.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.errors import Problem
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruletests.cases import (
    CLAIM_FIELDS,
    Case,
    ExpectedClaim,
    RuleTestError,
    squeeze,
)
from claimtrack.ruletests.reading import find_rule_test_files, load_cases

if TYPE_CHECKING:
    from claimtrack.model import Claim, Result

__all__ = ["CaseOutcome", "ClaimCheck", "FieldMismatch", "RunReport", "compare", "run_case", "run_files"]


@attrs.frozen
class FieldMismatch:
    field: str
    expected: Any
    found: Any


@attrs.frozen
class ClaimCheck:
    """One expected claim and what was found for it."""

    expected: ExpectedClaim
    found: Claim | None = None
    mismatches: tuple[FieldMismatch, ...] = ()

    @property
    def ok(self) -> bool:
        return self.found is not None and not self.mismatches


@attrs.frozen
class CaseOutcome:
    """The result of one case: each expected claim's check, unexpected claims
    (with ``only: true``), and absent texts that yielded claims."""

    case: Case
    result: Result
    checks: tuple[ClaimCheck, ...] = ()
    unexpected: tuple[Claim, ...] = ()
    absent_found: tuple[tuple[str, Result], ...] = ()
    ruleset: RuleSet | None = None

    @property
    def passed(self) -> bool:
        return all(check.ok for check in self.checks) and not self.unexpected and not self.absent_found


def _content_matches(expected: str, found: str, mode: str) -> bool:
    expected, found = squeeze(expected), squeeze(found)
    return expected == found if mode == "equal" else expected in found


def _same(key: str, expected: Any, found: Any, claim: Claim) -> bool:
    if key == "content":
        return True  # matched already
    if key == "source" and expected is not None and claim.source is not None:
        return squeeze(expected) in (squeeze(claim.source.text), squeeze(claim.source.name))
    if key == "rules":
        return set(expected) <= set(found)
    if key in ("hedges", "hedge_classes"):
        return sorted(expected) == found
    if isinstance(expected, str) and isinstance(found, str):
        return squeeze(expected) == squeeze(found)
    return expected == found


def _mismatches(expected: ExpectedClaim, claim: Claim) -> tuple[FieldMismatch, ...]:
    out = []
    for key, value in expected.fields.items():
        found = CLAIM_FIELDS[key].read(claim)
        if not _same(key, value, found, claim):
            out.append(FieldMismatch(key, value, found))
    return tuple(out)


def compare(case: Case, result: Result) -> tuple[tuple[ClaimCheck, ...], tuple[Claim, ...]]:
    """Match each expected claim to a distinct found claim; (checks, claims left over)."""
    left = list(result.claims)
    checks = []
    for expected in case.claims:
        candidates = [claim for claim in left if _content_matches(expected.content, claim.content.text, case.match)]
        if not candidates:
            checks.append(ClaimCheck(expected))
            continue
        best = min(candidates, key=lambda claim: len(_mismatches(expected, claim)))
        left.remove(best)
        checks.append(ClaimCheck(expected, best, _mismatches(expected, best)))
    return tuple(checks), tuple(left)


def run_case(case: Case, rules: Any = None, *, extract: Callable[..., Result] | None = None) -> CaseOutcome:
    """Run one case: extract from its text (and each absent text) and compare."""
    from claimtrack.pipeline import extract as default_extract
    from claimtrack.ruleset.loader import rules_from

    ruleset = rules_from(rules)
    run = extract or default_extract
    result = run(case.text, rules=ruleset)
    checks, left = compare(case, result)
    absent_found = []
    for text in case.absent:
        absent_result = run(text, rules=ruleset)
        if absent_result.claims:
            absent_found.append((text, absent_result))
    return CaseOutcome(case, result, checks, left if case.only else (), tuple(absent_found), ruleset)



@attrs.frozen
class RunReport:
    """What :func:`run_files` did: outcomes, and files that could not be read."""

    outcomes: tuple[CaseOutcome, ...] = ()
    errors: tuple[Problem, ...] = ()

    @property
    def failed(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.passed and not o.case.xfail)

    @property
    def xpassed(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if o.passed and o.case.xfail)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors


def run_files(
    paths: Iterable[str | Path],
    rules: Any = None,
    *,
    progress: Callable[[CaseOutcome], None] | None = None,
    extract: Callable[..., Result] | None = None,
) -> RunReport:
    """Load and run every rule test under ``paths``. Malformed files are
    reported in ``errors``; a :class:`RulesError` from the rules propagates."""
    from claimtrack.ruleset.loader import rules_from

    ruleset = rules_from(rules)
    outcomes: list[CaseOutcome] = []
    errors: list[Problem] = []
    files = find_rule_test_files(paths)
    for path in paths:
        if not Path(path).exists():
            errors.append(Problem(str(path), 1, 1, "no such file or directory"))
    for file in files:
        if not file.exists():
            continue
        try:
            cases = load_cases(file, ruleset.names("confirmation", "statuses"))
        except RuleTestError as error:
            errors.extend(error.problems)
            continue
        for case in cases:
            outcome = run_case(case, ruleset, extract=extract)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return RunReport(tuple(outcomes), tuple(errors))
