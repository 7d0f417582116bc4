"""Rule tests: YAML cases that say which claims a text must (and must not) yield.

A rule test file (``test_*.yaml`` or ``*.ruletest.yaml``) holds ``cases``::

    cases:
      - name: neutral verb with that-clause
        text: 'The minister said that the bridge was closed.'
        claims:
          - content: the bridge was closed
            cue: said
            source: The minister
            type: government
        absent:
          - 'Pension claims rose last year.'

Each expected claim must match a distinct found claim: the content text is
equal (white space runs count as one space), or with ``match: contains``
contained in the found content. Only the fields given are compared (see
:data:`CLAIM_FIELDS`). Every ``absent`` text must yield no claim at all;
``only: true`` says the listed claims are the only ones in ``text``;
``xfail: reason`` marks a case known to fail.

:func:`load_cases` reads a file (every problem reported as FILE:LINE:COLUMN),
:func:`run_case` runs one case with :func:`claimtrack.extract`, and
:func:`format_outcome` prints expected against found, field by field, with the
rules that fired. The pytest plugin and ``claimtrack rules test`` use these.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import yaml

from claimtrack.model import CLAIM_KINDS, CONFIRMATION_STATUSES
from claimtrack.errors import Problem
from claimtrack.ruleset.loader import RuleSet, YamlFile

if TYPE_CHECKING:
    from claimtrack.model import Claim, Result

__all__ = [
    "CLAIM_FIELDS",
    "FILE_PATTERNS",
    "Case",
    "CaseOutcome",
    "ClaimCheck",
    "ExpectedClaim",
    "FieldMismatch",
    "RuleTestError",
    "RunReport",
    "compare",
    "find_rule_test_files",
    "fired_rules",
    "format_outcome",
    "is_rule_test_file",
    "load_cases",
    "looks_like_rule_tests",
    "run_case",
    "run_files",
]

FILE_PATTERNS = ("test_*.yaml", "*.ruletest.yaml")
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
    "status": _Field(lambda claim: claim.confirmation.status, CONFIRMATION_STATUSES),
    "rules": _Field(lambda claim: list(fired_rules(claim)), "list"),
}


def fired_rules(claim: Claim) -> tuple[str, ...]:
    """Every rule id that contributed to a claim: its own, its hedges', its evidence's."""
    ids = [*claim.rules]
    ids += [hedge.rule for hedge in claim.hedges if hedge.rule]
    ids += [evidence.rule for evidence in claim.confirmation.evidence]
    return tuple(dict.fromkeys(ids))


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


# --- reading -----------------------------------------------------------------

_FILE_KEYS = ("cases", "match")
_CASE_KEYS = ("name", "text", "claims", "absent", "match", "only", "xfail")


def is_rule_test_file(path: str | Path, patterns: Iterable[str] = FILE_PATTERNS) -> bool:
    """Whether a file name fits the rule test patterns (by name only)."""
    name = Path(path).name
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def looks_like_rule_tests(path: str | Path) -> bool:
    """Whether a ``test_*.yaml`` file holds rule tests (a top-level ``cases:`` key)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return re.search(r"^cases\s*:", head, re.MULTILINE) is not None


def find_rule_test_files(paths: Iterable[str | Path], patterns: Iterable[str] = FILE_PATTERNS) -> list[Path]:
    """Rule test files: each path itself, or the matching files below a directory."""
    patterns = tuple(patterns)
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(
                file
                for file in path.rglob("*.yaml")
                if file.is_file() and is_rule_test_file(file, patterns) and looks_like_rule_tests(file)
            )
        else:
            found.append(path)
    return found


class _CaseReader(YamlFile):
    def read(self) -> list[Case]:
        if not self.path.is_file():
            self.problem(None, "no such rule test file")
            return []
        root = self.root()
        if root is None:
            if not self.problems:
                self.problem(None, "empty rule test file: expected a mapping with 'cases'")
            return []
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "a rule test file must be a mapping with 'cases'")
            return []
        top = self._mapping(root, _FILE_KEYS, "rule test file")
        match = self._value(top, "match", MATCH_MODES, "equal")
        cases_node = top.get("cases")
        if cases_node is None:
            self.problem(root, "rule test file has no 'cases'")
            return []
        if not isinstance(cases_node[1], yaml.SequenceNode):
            self.problem(cases_node[1], "'cases' must be a list of cases")
            return []
        self.names: dict[str, int] = {}
        cases = [self._case(node, match) for node in cases_node[1].value]
        return [case for case in cases if case is not None]

    def _mapping(self, node: yaml.MappingNode, allowed: Iterable[str], what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        allowed = tuple(allowed)
        found = {}
        for key_node, value_node in self.pairs(node):
            key = key_node.value
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(key_node, f"unknown key {key!r} in {what}{hint}")
                continue
            found[key] = (key_node, value_node)
        return found

    def _value(self, pairs: Mapping, key: str, kind: Any, default: Any = None) -> Any:
        if key not in pairs:
            return default
        node = pairs[key][1]
        value = self.construct(node)
        if kind == "str":
            ok = isinstance(value, str) and bool(value.strip())
            message = f"{key!r} must be a non-empty string"
        elif kind == "bool":
            ok = isinstance(value, bool)
            message = f"{key!r} must be true or false"
        elif kind == "list":
            ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
            message = f"{key!r} must be a list of strings"
        else:
            ok = value in kind
            message = f"{key!r} must be one of {', '.join(map(str, kind))}; got {value!r}"
        if not ok:
            self.problem(node, message)
            return default
        return value

    def _case(self, node: yaml.Node, file_match: str) -> Case | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "a case must be a mapping with 'name' and 'text'")
            return None
        before = len(self.problems)
        pairs = self._mapping(node, _CASE_KEYS, "a case")
        name = self._value(pairs, "name", "str")
        text = self._value(pairs, "text", "str")
        line = node.start_mark.line + 1
        if name in self.names:
            self.problem(node, f"duplicate case name {name!r} (first at line {self.names[name]})")
        elif name is not None:
            self.names[name] = line
        for key in ("name", "text"):
            if key not in pairs:
                self.problem(node, f"case has no {key!r}")
        claims = self._claims(pairs.get("claims"))
        absent = self._value(pairs, "absent", "list", [])
        if any(not item.strip() for item in absent):
            self.problem(pairs["absent"][1], "'absent' texts must not be empty")
        match = self._value(pairs, "match", MATCH_MODES, file_match)
        only = self._value(pairs, "only", "bool", False)
        xfail = self._xfail(pairs.get("xfail"))
        if len(self.problems) > before:
            return None
        return Case(
            name=name,
            text=text,
            claims=claims,
            absent=tuple(absent),
            match=match,
            only=only,
            xfail=xfail,
            file=self.name,
            line=line,
        )

    def _xfail(self, pair: tuple[yaml.Node, yaml.Node] | None) -> str | None:
        if pair is None:
            return None
        value = self.construct(pair[1])
        if value is False or value is None:
            return None
        if value is True:
            return "expected to fail"
        if isinstance(value, str) and value.strip():
            return value
        self.problem(pair[1], "'xfail' must be a reason (a string) or true")
        return None

    def _claims(self, pair: tuple[yaml.Node, yaml.Node] | None) -> tuple[ExpectedClaim, ...]:
        if pair is None:
            return ()
        if not isinstance(pair[1], yaml.SequenceNode):
            self.problem(pair[1], "'claims' must be a list of expected claims")
            return ()
        claims = []
        for node in pair[1].value:
            if not isinstance(node, yaml.MappingNode):
                self.problem(node, "an expected claim must be a mapping with 'content'")
                continue
            fields_pairs = self._mapping(node, CLAIM_FIELDS, "an expected claim")
            fields = {}
            for key, (_, value_node) in fields_pairs.items():
                kind = CLAIM_FIELDS[key].kind
                nullable = key in ("cue", "cue_class", "source", "source_name", "type") and _is_null(value_node)
                fields[key] = None if nullable else self._value(fields_pairs, key, kind)
            if "content" not in fields_pairs:
                self.problem(node, "an expected claim needs 'content'")
                continue
            claims.append(ExpectedClaim(fields, node.start_mark.line + 1))
        return tuple(claims)


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def load_cases(path: str | Path) -> list[Case]:
    """The cases in one rule test file; :class:`RuleTestError` lists every problem."""
    reader = _CaseReader(Path(path))
    cases = reader.read()
    if reader.problems:
        raise RuleTestError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    return cases


# --- running -----------------------------------------------------------------


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


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _content_matches(expected: str, found: str, mode: str) -> bool:
    expected, found = _norm(expected), _norm(found)
    return expected == found if mode == "equal" else expected in found


def _same(key: str, expected: Any, found: Any, claim: Claim) -> bool:
    if key == "content":
        return True  # matched already
    if key == "source" and expected is not None and claim.source is not None:
        return _norm(expected) in (_norm(claim.source.text), _norm(claim.source.name))
    if key == "rules":
        return set(expected) <= set(found)
    if key in ("hedges", "hedge_classes"):
        return sorted(expected) == found
    if isinstance(expected, str) and isinstance(found, str):
        return _norm(expected) == _norm(found)
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


# --- reporting ---------------------------------------------------------------


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return repr(_norm(value)) if isinstance(value, str) else str(value)


def _claim_line(claim: Claim) -> str:
    cue = f" cue {_norm(claim.cue.text)!r}" if claim.cue else ""
    source = f" source {_norm(claim.source.text)!r} ({claim.source.type})" if claim.source else " no source"
    return f"{claim.id} {claim.kind}: content {_norm(claim.content.text)!r}{cue}{source}"


def format_outcome(outcome: CaseOutcome) -> str:
    """Expected against found, field by field, with the rules that fired."""
    from claimtrack.export.explain import explain

    case = outcome.case
    lines = [f"{case.where}: {case.name}", f"  text: {_norm(case.text)}"]
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
        lines.append(f"  absent text gave {len(result.claims)} claim(s): {_norm(text)}")
        lines.extend(f"    {_claim_line(claim)}  rules: {', '.join(fired_rules(claim))}" for claim in result.claims)
    lines.append("  found (claimtrack explain):")
    report = explain(outcome.result, outcome.ruleset)
    lines.extend("    " + line if line else "" for line in report.rstrip("\n").split("\n"))
    return "\n".join(lines)


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
            cases = load_cases(file)
        except RuleTestError as error:
            errors.extend(error.problems)
            continue
        for case in cases:
            outcome = run_case(case, ruleset, extract=extract)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return RunReport(tuple(outcomes), tuple(errors))

