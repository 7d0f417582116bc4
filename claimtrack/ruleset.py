"""Loading rule files: YAML (``safe_load`` semantics only) into a RuleSet.

A rules directory holds files named after their kind (``cues.yaml``,
``noise.yaml``, ``sources.yaml``, ``hedges.yaml``, ``confirmation.yaml``).
Each file is a mapping from section names to lists of entries; every entry
has an ``id``. Any file may also hold ``disable: [ids]``.

Overlays: :func:`load_rules` starts from the shipped defaults and applies
each user directory in order. An entry with a new id is added, an entry with
an existing id replaces it, and ``disable`` switches entries off.

Problems are collected, not raised one by one: a :class:`RulesError` carries
every problem found, each as ``FILE:LINE:COLUMN: message``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import yaml

from claimtrack.ruleschema import SCHEMA, FieldSpec

__all__ = [
    "Problem",
    "Rule",
    "RuleSet",
    "RulesError",
    "check_rules",
    "default_rules_dir",
    "load_rules",
]

MAX_RULE_FILE_BYTES = 5_000_000


@attrs.frozen
class Problem:
    file: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class RulesError(ValueError):
    """One or more rule files are invalid; ``problems`` lists every one."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@attrs.frozen
class Rule:
    """One rule entry: its id, where it came from, and its fields."""

    id: str
    kind: str
    section: str
    data: Mapping[str, Any] = attrs.field(converter=lambda d: MappingProxyType(dict(d)))
    file: str = ""
    line: int = 0
    column: int = 0

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@attrs.define(eq=False)
class RuleSet:
    """The effective rules: defaults plus overlays, minus disabled entries.

    Stages compile what they need once per rule set through :meth:`compiled`
    (lemma indexes, regular expressions) and reuse it for every document.
    """

    rules: dict[str, Rule]
    disabled: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()
    _compiled: dict[str, Any] = attrs.field(factory=dict, repr=False)

    def section(self, kind: str, section: str) -> tuple[Rule, ...]:
        key = f"section:{kind}.{section}"
        if key not in self._compiled:
            self._compiled[key] = tuple(
                rule
                for rule in self.rules.values()
                if rule.kind == kind and rule.section == section
            )
        return self._compiled[key]

    def get(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def compiled(self, key: str, build: Callable[[RuleSet], Any]) -> Any:
        if key not in self._compiled:
            self._compiled[key] = build(self)
        return self._compiled[key]

    def __iter__(self):
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)


def default_rules_dir() -> Path:
    """The rules shipped with claimtrack (the repository's ``rules/``)."""
    return Path(str(resources.files("claimtrack.default_rules")))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _FileReader:
    """Reads one rule file into entries, collecting problems as it goes."""

    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)
        self.kind = path.stem
        self.problems: list[Problem] = []
        self.entries: list[Rule] = []
        self.disabled: list[str] = []

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line, column = _mark(node) if node is not None else (1, 1)
        self.problems.append(Problem(self.name, line, column, message))

    def read(self) -> None:
        if self.kind not in SCHEMA:
            known = ", ".join(f"{kind}.yaml" for kind in SCHEMA)
            self.problem(None, f"unknown rule file name {self.path.name!r}: expected one of {known}{_suggest(self.kind, SCHEMA)}")
            return
        try:
            size = self.path.stat().st_size
        except OSError as error:
            self.problem(None, f"cannot read rule file: {error.strerror}")
            return
        if size > MAX_RULE_FILE_BYTES:
            self.problem(None, f"rule file is {size:,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}")
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            self.problem(None, f"rule file is not UTF-8 text (byte {error.start})")
            return
        root = self._compose(text)
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "a rule file must be a mapping of section names to lists of entries")
            return
        sections = SCHEMA[self.kind]
        for key_node, value_node in root.value:
            section = key_node.value
            if section == "disable":
                self._read_disable(value_node)
            elif section not in sections:
                self.problem(key_node, f"unknown section {section!r} in {self.kind}.yaml{_suggest(section, list(sections) + ['disable'])}")
            elif not isinstance(value_node, yaml.SequenceNode):
                self.problem(value_node, f"section {section!r} must be a list of entries")
            else:
                for item in value_node.value:
                    self._read_entry(section, sections[section], item)

    def _compose(self, text: str) -> yaml.Node | None:
        loader = yaml.SafeLoader(text)
        try:
            return loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(Problem(self.name, line, column, f"invalid YAML: {error.problem or error.context}"))
        except yaml.YAMLError as error:
            self.problems.append(Problem(self.name, 1, 1, f"invalid YAML: {error}"))
        finally:
            loader.dispose()
        return None

    def _construct(self, node: yaml.Node) -> Any:
        """Build a plain value from a node with the safe constructor only."""
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_document(node)
        except yaml.constructor.ConstructorError as error:
            mark = error.problem_mark or node.start_mark
            self.problems.append(
                Problem(self.name, mark.line + 1, mark.column + 1, f"refused: {error.problem}")
            )
            return None
        finally:
            loader.dispose()

    def _read_disable(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'disable' must be a list of rule ids")
            return
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not item.value:
                self.problem(item, "'disable' entries must be rule ids")
            else:
                self.disabled.append(item.value)

    def _read_entry(self, section: str, fields: Mapping[str, FieldSpec], node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"an entry of {section!r} must be a mapping with an 'id'")
            return
        line, column = _mark(node)
        values: dict[str, Any] = {}
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value
            if key == "id":
                values["id"] = self._construct(value_node)
                continue
            spec = fields.get(key)
            if spec is None:
                self.problem(key_node, f"unknown key {key!r} in {section!r}{_suggest(key, list(fields) + ['id'])}")
                ok = False
                continue
            value = self._construct(value_node)
            message = spec.check(key, value)
            if message:
                self.problem(value_node, message)
                ok = False
            values[key] = value
        rule_id = values.pop("id", None)
        if not isinstance(rule_id, str) or not rule_id.strip():
            self.problem(node, f"entry in {section!r} has no 'id'" if rule_id is None else "'id' must be a non-empty string")
            return
        for key, spec in fields.items():
            if spec.required and key not in values:
                self.problem(node, f"entry {rule_id!r} is missing required key {key!r}")
                ok = False
        if ok:
            self.entries.append(Rule(rule_id, self.kind, section, values, self.name, line, column))


def _rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.yaml") if p.is_file())


def _read_layer(path: Path) -> tuple[list[Rule], list[str], list[Problem]]:
    entries: list[Rule] = []
    disabled: list[str] = []
    problems: list[Problem] = []
    if not path.exists():
        return entries, disabled, [Problem(str(path), 1, 1, "no such rules file or directory")]
    seen: dict[str, Rule] = {}
    for file in _rule_files(path):
        reader = _FileReader(file)
        reader.read()
        problems.extend(reader.problems)
        for rule in reader.entries:
            if rule.id in seen:
                first = seen[rule.id]
                problems.append(Problem(rule.file, rule.line, rule.column, f"duplicate id {rule.id!r} (first defined at {first.where})"))
                continue
            seen[rule.id] = rule
            entries.append(rule)
        disabled.extend(reader.disabled)
    return entries, disabled, problems


def check_rules(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem in the given rule files or directories (no overlay)."""
    problems: list[Problem] = []
    for path in paths:
        problems.extend(_read_layer(Path(path))[2])
    return problems


def load_rules(
    paths: Iterable[str | Path] | None = None, *, defaults: bool = True
) -> RuleSet:
    """The shipped rules with each of ``paths`` applied on top, in order."""
    layers = ([default_rules_dir()] if defaults else []) + [Path(p) for p in paths or ()]
    rules: dict[str, Rule] = {}
    disabled: set[str] = set()
    problems: list[Problem] = []
    for layer in layers:
        entries, layer_disabled, layer_problems = _read_layer(layer)
        problems.extend(layer_problems)
        for rule in entries:
            rules[rule.id] = rule
        disabled.update(layer_disabled)
    for rule_id in sorted(disabled - set(rules)):
        problems.append(Problem("disable", 1, 1, f"cannot disable unknown rule id {rule_id!r}"))
    if problems:
        raise RulesError(problems)
    effective = {rule_id: rule for rule_id, rule in rules.items() if rule_id not in disabled}
    return RuleSet(effective, frozenset(disabled), tuple(str(layer) for layer in layers))


_DEFAULT: RuleSet | None = None


def default_rules() -> RuleSet:
    """The shipped rule set, loaded and compiled once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_rules()
    return _DEFAULT


def compile_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
