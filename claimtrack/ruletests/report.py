"""How a failed rule test reads: expected against found, field by field,
then what claimtrack found, with the rules that fired (``claimtrack explain``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimtrack.ruletests.cases import fired_rules, squeeze

if TYPE_CHECKING:
    from claimtrack.model import Claim
    from claimtrack.ruletests.runner import CaseOutcome

__all__ = ["format_outcome"]


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return repr(squeeze(value)) if isinstance(value, str) else str(value)


def _claim_line(claim: Claim) -> str:
    cue = f" cue {squeeze(claim.cue.text)!r}" if claim.cue else ""
    source = f" source {squeeze(claim.source.text)!r} ({claim.source.type})" if claim.source else " no source"
    return f"{claim.id} {claim.kind}: content {squeeze(claim.content.text)!r}{cue}{source}"


def format_outcome(outcome: CaseOutcome) -> str:
    """Expected against found, field by field, with the rules that fired."""
    from claimtrack.export.explain import explain

    case = outcome.case
    lines = [f"{case.where}: {case.name}", f"  text: {squeeze(case.text)}"]
    for number, check in enumerate(outcome.checks, 1):
        expected = check.expected
        if check.found is None:
            how = "equal to" if case.match == "equal" else "containing"
            lines.append(f"  expected claim {number} (line {expected.line}): no claim with content {how} {_show(expected.content)}")
            continue
        if not check.mismatches:
            continue
        lines.append(f"  expected claim {number} (line {expected.line}) matched {check.found.id}, but:")
        rows = [("field", "expected", "found")]
        rows += [(m.field, _show(m.expected), _show(m.found)) for m in check.mismatches]
        widths = [max(len(row[column]) for row in rows) for column in (0, 1)]
        for field, expected_value, found_value in rows:
            lines.append(f"    {field.ljust(widths[0])}  {expected_value.ljust(widths[1])}  {found_value}")
    for claim in outcome.unexpected:
        lines.append(f"  unexpected claim (only: true): {_claim_line(claim)}")
    for text, result in outcome.absent_found:
        lines.append(f"  absent text gave {len(result.claims)} claim(s): {squeeze(text)}")
        lines.extend(f"    {_claim_line(claim)}  rules: {', '.join(fired_rules(claim))}" for claim in result.claims)
    lines.append("  found (claimtrack explain):")
    report = explain(outcome.result, outcome.ruleset)
    lines.extend("    " + line if line else "" for line in report.rstrip("\n").split("\n"))
    return "\n".join(lines)

