"""Loading rule files: YAML (``safe_load`` semantics only) into a RuleSet.

A rules directory holds files named after their kind (``cues.yaml``,
``noise.yaml``, ``sources.yaml``, ``hedges.yaml``, ``confirmation.yaml``).
Each file is a mapping from section names to lists of entries; every entry
has an ``id``. Any file may also hold ``disable: [ids]``.

Overlays: :func:`load_rules` starts from the shipped defaults and applies
each user directory in order. An entry with a new id is added, an entry with
an existing id replaces it, and ``disable`` switches entries off.

Problems are collected, not raised one by one: a :class:`RulesError` carries
every problem found, each as ``FILE:LINE:COLUMN: message``. Rule files are
untrusted input: they are read as plain YAML with limits
(:mod:`claimtrack.ruleset.yamlfile`), and their regular expressions are
compiled with RE2, which matches in linear time (:mod:`claimtrack.ruleset.regex`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import yaml

from claimtrack.errors import Problem, RulesError
from claimtrack.ruleset.regex import Regex, compile_pattern, program_budget
from claimtrack.ruleset.schema import ONE_OF, REF_NAMES, SCHEMA, FieldSpec
from claimtrack.ruleset.yamlfile import (
    MAX_RULE_FILE_BYTES,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    YamlFile,
    is_null,
    mark,
)

__all__ = [
    "MAX_RULE_FILE_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "Problem",
    "Rule",
    "RuleSet",
    "RulesError",
    "check_rules",
    "default_rules",
    "default_rules_dir",
    "load_rules",
    "rules_from",
]


def _frozen_mapping(value: Mapping) -> Mapping:
    return MappingProxyType(dict(value))


@attrs.frozen
class Rule:
    """One rule entry: its id, where it came from, and its fields.

    ``marks`` holds the (line, column) of each key's value in the file, so a
    problem found after loading (an unknown class) can point at it.
    """

    id: str
    kind: str
    section: str
    data: Mapping[str, Any] = attrs.field(converter=_frozen_mapping)
    file: str = ""
    line: int = 0
    column: int = 0
    marks: Mapping[str, tuple[int, int]] = attrs.field(
        factory=dict, converter=_frozen_mapping, eq=False, repr=False
    )

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    def regex(self, key: str = "pattern") -> Regex:
        """The regular expression under ``key``, compiled with RE2 once per pattern
        (case-insensitive where the schema says so). Stages use this, never ``re``."""
        spec = SCHEMA[self.kind][self.section][key]
        return compile_pattern(self.data[key], ignore_case=spec.ignore_case)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def problem(self, key: str | None, message: str) -> Problem:
        line, column = self.marks.get(key, (self.line, self.column)) if key else (self.line, self.column)
        return Problem(self.file, line, column, message)


@attrs.define(eq=False)
class RuleSet:
    """The effective rules: defaults plus overlays, minus disabled entries.

    Stages compile what they need once per rule set through :meth:`compiled`
    (lemma indexes, regular expressions) and reuse it for every document.
    ``replaced`` maps an id to the entry an overlay replaced; ``disabled_at``
    maps a disabled id to the ``disable`` entry that switched it off.
    """

    rules: dict[str, Rule]
    disabled: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()
    replaced: dict[str, Rule] = attrs.field(factory=dict)
    disabled_at: dict[str, str] = attrs.field(factory=dict)
    _compiled: dict[str, Any] = attrs.field(factory=dict, repr=False)

    def section(self, kind: str, section: str) -> tuple[Rule, ...]:
        key = f"section:{kind}.{section}"
        if key not in self._compiled:
            self._compiled[key] = tuple(
                rule for rule in self.rules.values() if rule.kind == kind and rule.section == section
            )
        return self._compiled[key]

    def names(self, kind: str, section: str) -> tuple[str, ...]:
        """The names a section declares, in file order: ``names("confirmation",
        "statuses")`` are the confirmation statuses of this rule set."""
        return tuple(rule.get("name") for rule in self.section(kind, section))

    def get(self, rule_id: str) -> Rule:
        return self.rules[rule_id]

    def find(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None (claims also cite engine pattern names)."""
        return self.rules.get(rule_id)

    def compiled(self, key: str, build: Callable[[RuleSet], Any]) -> Any:
        if key not in self._compiled:
            self._compiled[key] = build(self)
        return self._compiled[key]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self.rules


def default_rules_dir() -> Path:
    """The rules shipped with claimtrack (the repository's ``rules/``)."""
    return Path(str(resources.files("claimtrack.default_rules")))


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""



class _FileReader(YamlFile):
    """Reads one rule file into entries, collecting problems as it goes."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.kind = path.name[: -len(".yaml")] if path.name.endswith(".yaml") else path.stem
        self.entries: list[Rule] = []
        self.disabled: list[tuple[str, Problem]] = []

    def read(self) -> None:
        if self.kind not in SCHEMA:
            known = ", ".join(f"{kind}.yaml" for kind in SCHEMA)
            self.problem(None, f"unknown rule file name {self.path.name!r}: expected one of {known}{_suggest(self.kind, SCHEMA)}")
            return
        root = self.root()
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "a rule file must be a mapping of section names to lists of entries")
            return
        sections = SCHEMA[self.kind]
        for key_node, value_node in self.pairs(root):
            section = key_node.value
            if section == "disable":
                self._read_disable(value_node)
            elif section not in sections:
                self.problem(key_node, f"unknown section {section!r} in {self.kind}.yaml{_suggest(section, [*sections, 'disable'])}")
            elif is_null(value_node):
                continue
            elif not isinstance(value_node, yaml.SequenceNode):
                self.problem(value_node, f"section {section!r} must be a list of entries")
            else:
                for item in value_node.value:
                    self._read_entry(section, sections[section], item)

    def _read_disable(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, "'disable' must be a list of rule ids")
            return
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
                self.problem(item, "'disable' entries must be rule ids")
            else:
                line, column = mark(item)
                self.disabled.append((item.value, Problem(self.name, line, column, "")))

    def _read_entry(self, section: str, fields: Mapping[str, FieldSpec], node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"an entry of {section!r} must be a mapping with an 'id'")
            return
        values: dict[str, Any] = {}
        marks: dict[str, tuple[int, int]] = {}
        misspelt: set[str] = set()
        ok = True
        for key_node, value_node in self.pairs(node):
            key = key_node.value
            spec = fields.get(key)
            if key != "id" and spec is None:
                close = difflib.get_close_matches(key, [*fields, "id"], n=1)
                misspelt.update(close)
                self.problem(key_node, f"unknown key {key!r} in {section!r}{_suggest(key, close)}")
                ok = False
                continue
            before = len(self.problems)
            value = self.construct(value_node)
            built = len(self.problems) == before  # else that one problem says why, not a type check too
            message = spec.check(key, value) if spec is not None and built else None
            ok = ok and built
            if message:
                self.problem(value_node, message)
                ok = False
            values[key] = value
            marks[key] = mark(value_node)
        rule_id = values.pop("id", None)
        if rule_id is None:
            self.problem(node, f"entry in {section!r} has no 'id'")
            return
        if not isinstance(rule_id, str) or not rule_id.strip():
            self.problem(node, "'id' must be a non-empty string")
            return
        for key, spec in fields.items():
            if spec.required and key not in values and key not in misspelt:
                self.problem(node, f"entry {rule_id!r} is missing required key {key!r}")
                ok = False
        needed = ONE_OF.get((self.kind, section))
        if needed and not any(key in values for key in needed):
            self.problem(node, f"entry {rule_id!r} needs one of {', '.join(repr(key) for key in needed)}")
            ok = False
        if ok:
            line, column = mark(node)
            self.entries.append(Rule(rule_id, self.kind, section, values, self.name, line, column, marks))


def _rule_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.yaml") if p.is_file())


@attrs.define
class _Layer:
    """One rules directory (or file), read."""

    entries: list[Rule] = attrs.field(factory=list)
    disabled: list[tuple[str, Problem]] = attrs.field(factory=list)
    problems: list[Problem] = attrs.field(factory=list)


def _read_layer(path: Path) -> _Layer:
    layer = _Layer()
    if not path.exists():
        layer.problems.append(Problem(str(path), 1, 1, "no such rules file or directory"))
        return layer
    files = _rule_files(path)
    if not files:
        layer.problems.append(Problem(str(path), 1, 1, "no rule files (*.yaml) in this directory"))
    seen: dict[str, Rule] = {}
    for file in files:
        reader = _FileReader(file)
        reader.read()
        layer.problems.extend(reader.problems)
        for rule in reader.entries:
            if rule.id in seen:
                message = f"duplicate id {rule.id!r} (first defined at {seen[rule.id].where})"
                layer.problems.append(rule.problem(None, message))
                continue
            seen[rule.id] = rule
            layer.entries.append(rule)
        layer.disabled.extend(reader.disabled)
    return layer


def _check_refs(rules: Mapping[str, Rule]) -> list[Problem]:
    """Keys with ``ref=`` must name an entry of the referenced section."""
    names: dict[str, set[str]] = {}
    for rule in rules.values():
        if "name" in rule.data:
            names.setdefault(f"{rule.kind}.{rule.section}", set()).add(rule.get("name"))
    problems = []
    for rule in rules.values():
        for key, spec in SCHEMA[rule.kind][rule.section].items():
            if spec.ref is None or key not in rule.data:
                continue
            known = names.get(spec.ref, set())
            for value in spec.values(rule.get(key)):
                if value not in known:
                    what = REF_NAMES.get(spec.ref, spec.ref)
                    message = f"unknown {what} {value!r} in {key!r}{_suggest(value, known)}"
                    problems.append(rule.problem(key, message))
    return problems


def _layers(paths: Iterable[str | Path] | None, defaults: bool) -> list[Path]:
    layers = [default_rules_dir()] if defaults else []
    for path in paths or ():
        path = Path(path)
        if not any(_same(path, layer) for layer in layers):
            layers.append(path)
    return layers


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _build(layers: list[Path]) -> tuple[RuleSet, list[Problem]]:
    """The rule set of ``layers``; their regular expressions share one total
    RE2 budget (:data:`claimtrack.ruleset.regex.MAX_PROGRAM_SIZE`)."""
    with program_budget():
        return _build_layers(layers)


def _build_layers(layers: list[Path]) -> tuple[RuleSet, list[Problem]]:
    rules: dict[str, Rule] = {}
    replaced: dict[str, Rule] = {}
    disabled: dict[str, Problem] = {}
    problems: list[Problem] = []
    for path in layers:
        layer = _read_layer(path)
        problems.extend(layer.problems)
        for rule in layer.entries:
            old = rules.get(rule.id)
            if old is not None and (old.kind, old.section) != (rule.kind, rule.section):
                message = (
                    f"id {rule.id!r} is a {old.kind}.{old.section} entry ({old.where}); "
                    f"a replacement must be in the same section"
                )
                problems.append(rule.problem(None, message))
                continue
            if old is not None:
                replaced[rule.id] = old
            rules[rule.id] = rule
        disabled.update(layer.disabled)
    for rule_id, where in disabled.items():
        if rule_id not in rules:
            message = f"cannot disable unknown rule id {rule_id!r}{_suggest(rule_id, rules)}"
            problems.append(attrs.evolve(where, message=message))
    effective = {rule_id: rule for rule_id, rule in rules.items() if rule_id not in disabled}
    problems.extend(_check_refs(effective))
    problems.sort(key=lambda problem: (problem.file, problem.line, problem.column))
    ruleset = RuleSet(
        effective,
        frozenset(disabled),
        tuple(str(layer) for layer in layers),
        replaced,
        {rule_id: f"{where.file}:{where.line}:{where.column}" for rule_id, where in disabled.items()},
    )
    return ruleset, problems


def check_rules(paths: Iterable[str | Path] | None = None, *, defaults: bool = True) -> list[Problem]:
    """Every problem in the given rule files or directories, applied as
    overlays on the shipped defaults (so references to default classes and
    types resolve). With no paths, the defaults alone are checked.

    Beyond what loading refuses, this also refuses a pattern that would
    backtrack catastrophically in Python's ``re`` and other backtracking
    engines (:mod:`claimtrack.ruleset.portability`): rule files are shared,
    though claimtrack itself matches them with RE2 in linear time."""
    from claimtrack.ruleset.portability import portability_problem

    layers = _layers(paths, defaults)
    ruleset, problems = _build(layers)
    # The patterns of the files being checked: an overlay's, or the defaults' when checked alone.
    named = layers[1:] if defaults and len(layers) > 1 else layers
    files = {str(file) for layer in named if layer.exists() for file in _rule_files(layer)}
    for rule in ruleset:
        for key, spec in SCHEMA[rule.kind][rule.section].items():
            if rule.file in files and spec.type == "regex" and key in rule.data:
                message = portability_problem(rule.data[key], ignore_case=spec.ignore_case)
                if message:
                    problems.append(rule.problem(key, f"{key!r}: {message}"))
    problems.sort(key=lambda problem: (problem.file, problem.line, problem.column))
    return problems


_CACHE: dict[tuple, RuleSet] = {}
_CACHE_SIZE = 8


def _fingerprint(layers: list[Path]) -> tuple:
    """Names, sizes and modification times of every rule file in ``layers``."""
    items: list[tuple] = []
    for layer in layers:
        try:
            files = _rule_files(layer) if layer.exists() else []
            items.append((str(layer), tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)))
        except OSError:
            return ()
    return tuple(items)


def load_rules(paths: Iterable[str | Path] | None = None, *, defaults: bool = True) -> RuleSet:
    """The shipped rules with each of ``paths`` applied on top, in order.

    The result is cached while the files stay unchanged, so its compiled
    indexes are built once and reused. Raises :class:`RulesError` listing
    every problem found.
    """
    layers = _layers(paths, defaults)
    key = _fingerprint(layers)
    if key and key in _CACHE:
        return _CACHE[key]
    ruleset, problems = _build(layers)
    if problems:
        raise RulesError(problems)
    if key:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = ruleset
    return ruleset


def default_rules() -> RuleSet:
    """The shipped rule set, loaded and compiled once per process (reloaded if a file changed)."""
    return load_rules()


RulesArg = RuleSet | Iterable[str | Path] | str | Path | None


def rules_from(rules: RulesArg) -> RuleSet:
    """A RuleSet from what the API accepts: None (the defaults), a RuleSet,
    or overlay directories/files applied on top of the defaults."""
    if rules is None:
        return default_rules()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, (str, Path)):
        return load_rules([rules])
    return load_rules(list(rules))
