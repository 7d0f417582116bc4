"""Finding and reading rule test files (``test_*.yaml``, ``*.ruletest.yaml``).

Files are untrusted YAML, read with the same limits as rule files
(:class:`claimtrack.ruleset.yamlfile.YamlFile`); every problem is reported as
FILE:LINE:COLUMN, all at once, in a :class:`RuleTestError`.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from claimtrack.ruleset.yamlfile import YamlFile, is_null
from claimtrack.ruletests.cases import (
    CLAIM_FIELDS,
    MATCH_MODES,
    Case,
    ExpectedClaim,
    RuleTestError,
)

__all__ = ["FILE_PATTERNS", "find_rule_test_files", "is_rule_test_file", "load_cases", "looks_like_rule_tests"]

FILE_PATTERNS = ("test_*.yaml", "*.ruletest.yaml")
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
    def __init__(self, path: Path, statuses: Sequence[str]):
        super().__init__(path)
        self.statuses = tuple(statuses)

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
        before = len(self.problems)
        value = self.construct(node)
        if len(self.problems) > before:  # the value could not be built: that one problem says why
            return default
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
            choices = self.statuses if kind == "status" else kind
            ok = value in choices
            message = f"{key!r} must be one of {', '.join(map(str, choices))}; got {value!r}"
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
                nullable = key in ("cue", "cue_class", "source", "source_name", "type") and is_null(value_node)
                fields[key] = None if nullable else self._value(fields_pairs, key, kind)
            if "content" not in fields_pairs:
                self.problem(node, "an expected claim needs 'content'")
                continue
            claims.append(ExpectedClaim(fields, node.start_mark.line + 1))
        return tuple(claims)


def load_cases(path: str | Path, statuses: Sequence[str] | None = None) -> list[Case]:
    """The cases in one rule test file; :class:`RuleTestError` lists every problem.
    An expected ``status`` must be one of ``statuses``: those the rules under
    test declare (default: the shipped rules')."""
    if statuses is None:
        from claimtrack.ruleset.loader import default_rules

        statuses = default_rules().names("confirmation", "statuses")
    reader = _CaseReader(Path(path), statuses)
    cases = reader.read()
    if reader.problems:
        raise RuleTestError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    return cases

