"""pytest plugin: YAML rule tests become test items.

Registered through the ``pytest11`` entry point, so it is active as soon as
claimtrack is installed. Files named ``test_*.yaml`` (holding a top-level
``cases:``) or ``*.ruletest.yaml`` are collected; each case is one test item,
run with :func:`claimtrack.extract` against the configured rules:

- ``--claimtrack-rules DIR`` (repeatable) on the command line, or
- ``claimtrack_rules = DIR ...`` in the ini file (paths relative to it),
- otherwise the shipped rules.

``claimtrack_rule_files`` in the ini file changes the file name patterns.
A failing case prints expected against found, field by field, and the rules
that fired (see :func:`claimtrack.ruletests.format_outcome`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimtrack import ruletests

_RULESET_KEY = pytest.StashKey[Any]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("claimtrack", "claimtrack rule tests")
    group.addoption(
        "--claimtrack-rules",
        action="append",
        metavar="DIR",
        default=None,
        help="overlay rule directory for YAML rule tests (repeatable; default: the shipped rules)",
    )
    parser.addini(
        "claimtrack_rules",
        type="linelist",
        default=[],
        help="overlay rule directories for YAML rule tests, relative to the ini file",
    )
    parser.addini(
        "claimtrack_rule_files",
        type="args",
        default=list(ruletests.FILE_PATTERNS),
        help="file name patterns of YAML rule test files (default: test_*.yaml *.ruletest.yaml)",
    )


def _rule_paths(config: pytest.Config) -> list[Path]:
    option = config.getoption("claimtrack_rules")
    if option:
        return [Path(path) for path in option]
    base = config.inipath.parent if config.inipath else config.rootpath
    return [base / path for path in config.getini("claimtrack_rules")]


def _ruleset(config: pytest.Config):
    """The rule set for this session, loaded once (a RulesError is re-raised per item)."""
    if _RULESET_KEY not in config.stash:
        from claimtrack.errors import RulesError
        from claimtrack.ruleset.loader import rules_from

        try:
            config.stash[_RULESET_KEY] = rules_from(_rule_paths(config) or None)
        except RulesError as error:
            config.stash[_RULESET_KEY] = error
    value = config.stash[_RULESET_KEY]
    if isinstance(value, Exception):
        raise value
    return value


def _statuses(config: pytest.Config) -> tuple[str, ...] | None:
    """The statuses the session's rules declare (None, the shipped ones', when the rules do not load)."""
    try:
        return tuple(_ruleset(config).names("confirmation", "statuses"))
    except Exception:  # noqa: BLE001 - the rules' own error is reported per item
        return None


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    patterns = parent.config.getini("claimtrack_rule_files")
    if file_path.suffix != ".yaml" or not ruletests.is_rule_test_file(file_path, patterns):
        return None
    if not file_path.name.endswith(".ruletest.yaml") and not ruletests.looks_like_rule_tests(file_path):
        return None
    return RuleTestFile.from_parent(parent, path=file_path)


class RuleTestFile(pytest.File):
    """A YAML file of rule test cases."""

    def collect(self):
        try:
            cases = ruletests.load_cases(self.path, _statuses(self.config))
        except ruletests.RuleTestError as error:
            raise self.CollectError(str(error)) from None
        for case in cases:
            item = RuleTestItem.from_parent(self, name=case.name, case=case)
            if case.xfail:
                item.add_marker(pytest.mark.xfail(reason=case.xfail, strict=False))
            yield item


class RuleTestFailure(Exception):
    def __init__(self, outcome: ruletests.CaseOutcome):
        super().__init__(outcome.case.name)
        self.outcome = outcome


class RuleTestItem(pytest.Item):
    """One rule test case."""

    def __init__(self, *, case: ruletests.Case, **kwargs):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        outcome = ruletests.run_case(self.case, _ruleset(self.config))
        if not outcome.passed:
            raise RuleTestFailure(outcome)

    def repr_failure(self, excinfo, style=None):
        from claimtrack.errors import RulesError

        if isinstance(excinfo.value, RuleTestFailure):
            return ruletests.format_outcome(excinfo.value.outcome)
        if isinstance(excinfo.value, RulesError):
            return "invalid rules:\n" + "\n".join(f"  {problem}" for problem in excinfo.value.problems)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, self.case.line - 1, f"rule test: {self.case.name}"
