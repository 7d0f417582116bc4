"""Rule test cases: what a case holds, and the claim fields a case may check.

A case gives a text and the claims it must yield (only the fields given are
compared), texts that must yield no claim (``absent``), and how to match
contents (``match: equal`` or ``contains``). See :mod:`claimtrack.ruletests`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.errors import Problem
from claimtrack.model import CLAIM_KINDS

if TYPE_CHECKING:
    from claimtrack.model import Claim

__all__ = ["CLAIM_FIELDS", "MATCH_MODES", "Case", "ExpectedClaim", "RuleTestError", "fired_rules", "squeeze"]

MATCH_MODES = ("equal", "contains")


def _text(claim: Claim, attribute: str) -> str | None:
    part = getattr(claim, attribute)
    return None if part is None else part.text


def _source_type(claim: Claim) -> str | None:
    return None if claim.source is None else claim.source.type


# Each field a rule test may check: how to read it from a found claim, and
# the type of its expected value ("str", "bool", "list", or a tuple of choices).
@attrs.frozen
class _Field:
    read: Callable[[Claim], Any]
    kind: Any = "str"


CLAIM_FIELDS: dict[str, _Field] = {
    "content": _Field(lambda claim: claim.content.text),
    "kind": _Field(lambda claim: claim.kind, CLAIM_KINDS),
    "cue": _Field(lambda claim: _text(claim, "cue")),
    "cue_class": _Field(lambda claim: None if claim.cue is None else claim.cue.cls),
    "source": _Field(lambda claim: _text(claim, "source")),
    "source_name": _Field(lambda claim: None if claim.source is None else claim.source.name),
    "type": _Field(_source_type),
    "anonymous": _Field(lambda claim: None if claim.source is None else claim.source.anonymous, "bool"),
    "hedged": _Field(lambda claim: claim.hedged, "bool"),
    "hedges": _Field(lambda claim: sorted(hedge.text for hedge in claim.hedges), "list"),
    "hedge_classes": _Field(lambda claim: sorted({hedge.cls for hedge in claim.hedges}), "list"),
    "status": _Field(lambda claim: claim.confirmation.status, "status"),  # one the rules declare
    "rules": _Field(lambda claim: list(fired_rules(claim)), "list"),
}


def fired_rules(claim: Claim) -> tuple[str, ...]:
    """Every rule id that contributed to a claim: its own, its hedges', its evidence's."""
    ids = [*claim.rules]
    ids += [hedge.rule for hedge in claim.hedges if hedge.rule]
    ids += [evidence.rule for evidence in claim.confirmation.evidence]
    return tuple(dict.fromkeys(ids))


def squeeze(text: str | None) -> str | None:
    """White space runs as one space: how rule tests compare and show texts."""
    return None if text is None else " ".join(text.split())


class RuleTestError(ValueError):
    """A rule test file is malformed; ``problems`` lists every problem."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@attrs.frozen
class ExpectedClaim:
    """One expected claim: only the fields the test gives."""

    fields: Mapping[str, Any]
    line: int = 0

    @property
    def content(self) -> str:
        return self.fields["content"]


@attrs.frozen
class Case:
    name: str
    text: str
    claims: tuple[ExpectedClaim, ...] = ()
    absent: tuple[str, ...] = ()
    match: str = "equal"
    only: bool = False
    xfail: str | None = None
    file: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

