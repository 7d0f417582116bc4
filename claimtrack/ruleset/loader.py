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
untrusted input: only plain YAML tags are accepted, a file over
:data:`MAX_RULE_FILE_BYTES` is refused before it is read, aliases may not
expand a file beyond :data:`MAX_YAML_NODES` nodes, and regular expressions
that could backtrack catastrophically are refused (see
:func:`claimtrack.ruleset.schema.regex_problem`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import yaml

from claimtrack.errors import Problem, RulesError
from claimtrack.ruleset.schema import ONE_OF, REF_NAMES, SCHEMA, FieldSpec

__all__ = [
    "MAX_RULE_FILE_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "Problem",
    "Rule",
    "RuleSet",
    "RulesError",
    "YamlFile",
    "check_rules",
    "default_rules",
    "default_rules_dir",
    "load_rules",
]

MAX_RULE_FILE_BYTES = 1_000_000
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 50
_BRACKET = re.compile(r"[\[\]{}]")
_QUOTED = re.compile(r"'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"")
_DEEP_INDENT = re.compile(r"^ {%d,}\S" % (2 * MAX_YAML_DEPTH), re.MULTILINE)
_SAFE_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None)
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"




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


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG_PREFIX) :] if tag.startswith(_YAML_TAG_PREFIX) else tag


class YamlFile:
    """One untrusted YAML file read as nodes (with line marks), problems collected.

    Used for rule files and rule test files: the size limit, UTF-8, plain tags
    only, bounded aliases and nesting, duplicate keys reported.
    """

    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line, column = _mark(node) if node is not None else (1, 1)
        self.problems.append(Problem(self.name, line, column, message))

    def root(self) -> yaml.Node | None:
        """The document's root node, or None (an empty file, or problems)."""
        text = self._text()
        if text is None or self._too_deep(text):
            return None
        root = self._compose(text)
        if root is None or not self._plain(root):
            return None
        return root

    def _text(self) -> str | None:
        try:
            size = self.path.stat().st_size
            if size > MAX_RULE_FILE_BYTES:
                self.problem(None, f"file is {size:,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}")
                return None
            return self.path.read_bytes().decode("utf-8")
        except OSError as error:
            self.problem(None, f"cannot read file: {error.strerror}")
        except UnicodeDecodeError as error:
            self.problem(None, f"file is not UTF-8 text (byte {error.start})")
        return None

    def _too_deep(self, text: str) -> bool:
        """Refuse deep nesting before YAML sees it (PyYAML's scanner is slow on it)."""
        depth = 0
        for match in _BRACKET.finditer(_QUOTED.sub(lambda m: " " * len(m.group()), text)):
            depth += 1 if match.group() in "[{" else -1
            if depth > MAX_YAML_DEPTH:
                break
        else:
            match = _DEEP_INDENT.search(text)
            if match is None:
                return False
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        message = f"YAML is nested more than {MAX_YAML_DEPTH} levels deep; refused"
        self.problems.append(Problem(self.name, line, column, message))
        return True

    def _compose(self, text: str) -> yaml.Node | None:
        loader = yaml.SafeLoader(text)
        try:
            return loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self.problems.append(Problem(self.name, line, column, f"invalid YAML: {error.problem or error.context}"))
        except yaml.YAMLError as error:
            self.problem(None, f"invalid YAML: {error}")
        except RecursionError:
            self.problem(None, f"YAML is nested more than {MAX_YAML_DEPTH} levels deep; refused")
        finally:
            loader.dispose()
        return None

    def _plain(self, root: yaml.Node) -> bool:
        """Refuse unsafe tags and alias bombs before constructing any value."""
        sizes: dict[int, int] = {}
        refused = False

        def walk(node: yaml.Node, depth: int) -> int:
            nonlocal refused
            if id(node) in sizes:
                return sizes[id(node)]
            if depth > MAX_YAML_DEPTH:
                raise RecursionError
            if node.tag not in _SAFE_TAGS:
                unsafe = "python/" in node.tag
                what = "unsafe" if unsafe else "unknown"
                self.problem(node, f"{what} YAML tag {_tag_name(node.tag)!r} refused: rule files are plain YAML (read with yaml.safe_load)")
                refused = True
            size = 1
            if isinstance(node, yaml.SequenceNode):
                size += sum(walk(item, depth + 1) for item in node.value)
            elif isinstance(node, yaml.MappingNode):
                size += sum(walk(key, depth + 1) + walk(value, depth + 1) for key, value in node.value)
            sizes[id(node)] = min(size, MAX_YAML_NODES + 1)
            return sizes[id(node)]

        try:
            total = walk(root, 0)
        except RecursionError:
            self.problem(root, f"YAML is nested more than {MAX_YAML_DEPTH} levels deep; refused")
            return False
        if total > MAX_YAML_NODES:
            self.problem(root, f"YAML aliases expand this file to more than {MAX_YAML_NODES:,} values; refused")
            return False
        return not refused

    def _pairs(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        """A mapping's key/value nodes, reporting keys that are not strings or repeat."""
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _YAML_TAG_PREFIX + "str":
                self.problem(key_node, "keys must be plain words")
                continue
            if key_node.value in seen:
                line, column = _mark(seen[key_node.value])
                self.problem(key_node, f"duplicate key {key_node.value!r} (first at line {line})")
                continue
            seen[key_node.value] = key_node
            yield key_node, value_node

    def _construct(self, node: yaml.Node) -> Any:
        """Build a plain value from a node with the safe constructor only."""
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_document(node)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or node.start_mark
            problem = getattr(error, "problem", None) or str(error)
            self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, f"invalid value: {problem}"))
            return None
        finally:
            loader.dispose()

    def pairs(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        return self._pairs(node)

    def construct(self, node: yaml.Node) -> Any:
        return self._construct(node)


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
        for key_node, value_node in self._pairs(root):
            section = key_node.value
            if section == "disable":
                self._read_disable(value_node)
            elif section not in sections:
                self.problem(key_node, f"unknown section {section!r} in {self.kind}.yaml{_suggest(section, [*sections, 'disable'])}")
            elif _is_null(value_node):
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
                line, column = _mark(item)
                self.disabled.append((item.value, Problem(self.name, line, column, "")))

    def _read_entry(self, section: str, fields: Mapping[str, FieldSpec], node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"an entry of {section!r} must be a mapping with an 'id'")
            return
        values: dict[str, Any] = {}
        marks: dict[str, tuple[int, int]] = {}
        misspelt: set[str] = set()
        ok = True
        for key_node, value_node in self._pairs(node):
            key = key_node.value
            spec = fields.get(key)
            if key != "id" and spec is None:
                close = difflib.get_close_matches(key, [*fields, "id"], n=1)
                misspelt.update(close)
                self.problem(key_node, f"unknown key {key!r} in {section!r}{_suggest(key, close)}")
                ok = False
                continue
            value = self._construct(value_node)
            message = spec.check(key, value) if spec is not None else None
            if message:
                self.problem(value_node, message)
                ok = False
            values[key] = value
            marks[key] = _mark(value_node)
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
            line, column = _mark(node)
            self.entries.append(Rule(rule_id, self.kind, section, values, self.name, line, column, marks))


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _YAML_TAG_PREFIX + "null"


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
    types resolve). With no paths, the defaults alone are checked."""
    return _build(_layers(paths, defaults))[1]


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


def compile_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


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
