"""The one reader of untrusted YAML: rule files, rule test files and the
front matter of articles, read as nodes.

Nodes keep their line and column, so every problem can be reported as
FILE:LINE:COLUMN. The YAML is untrusted: its size is limited before it is
read, it must be UTF-8 without control characters, only plain YAML tags are
accepted (what ``yaml.safe_load`` builds), aliases may not expand it beyond
:data:`MAX_YAML_NODES` nodes, and nesting is limited to :data:`MAX_YAML_DEPTH`
levels before PyYAML's scanner sees it. Building a value from a node
(:meth:`YamlFile.construct`) turns every failure of PyYAML's constructors
(an invalid date, an integer of thousands of digits) into a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from claimtrack.errors import Problem

__all__ = ["MAX_RULE_FILE_BYTES", "MAX_YAML_DEPTH", "MAX_YAML_NODES", "YamlFile", "is_null", "mark"]

MAX_RULE_FILE_BYTES = 1_000_000
MAX_YAML_NODES = 200_000
MAX_YAML_DEPTH = 50
_BRACKET = re.compile(r"[\[\]{}]")
_QUOTED = re.compile(r"'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"")
_DEEP_INDENT = re.compile(rf"^ {{{2 * MAX_YAML_DEPTH},}}\S", re.MULTILINE)
_SAFE_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None)
_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG_PREFIX) :] if tag.startswith(_YAML_TAG_PREFIX) else tag


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _YAML_TAG_PREFIX + "null"


class YamlFile:
    """One untrusted YAML file read as nodes (with line marks), problems collected.

    Used for rule files and rule test files: the size limit, UTF-8, plain tags
    only, bounded aliases and nesting, duplicate keys reported.
    """

    plain_yaml = "rule files are plain YAML (read with yaml.safe_load)"  # why a tag is refused

    def __init__(self, path: Path, *, text: str | None = None, name: str | None = None, first_line: int = 1):
        """``text``: YAML already read (front matter), whose first line is
        line ``first_line`` of the file ``name``; else the file at ``path``."""
        self.path = path
        self.name = str(path) if name is None else name
        self.problems: list[Problem] = []
        self._given = text
        self._offset = first_line - 1

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line, column = mark(node) if node is not None else (1 - self._offset, 1)
        self._add(line, column, message)

    def _add(self, line: int, column: int, message: str) -> None:
        """A problem at ``line`` of the YAML text (shifted to the file's line)."""
        self.problems.append(Problem(self.name, line + self._offset, column, message))

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
        if self._given is not None:
            size = len(self._given.encode("utf-8", "surrogatepass"))
            if size > MAX_RULE_FILE_BYTES:
                self.problem(None, f"YAML is {size:,} bytes; the limit is {MAX_RULE_FILE_BYTES:,}")
                return None
            return self._given
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
        self._add(line, column, f"YAML is nested more than {MAX_YAML_DEPTH} levels deep; refused")
        return True

    def _compose(self, text: str) -> yaml.Node | None:
        try:
            loader = yaml.SafeLoader(text)
        except yaml.reader.ReaderError as error:
            self._unprintable(text, error)
            return None
        try:
            return loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            self._add(line, column, f"invalid YAML: {error.problem or error.context}")
        except yaml.YAMLError as error:
            self.problem(None, f"invalid YAML: {error}")
        except RecursionError:
            self.problem(None, f"YAML is nested more than {MAX_YAML_DEPTH} levels deep; refused")
        finally:
            loader.dispose()
        return None

    def _unprintable(self, text: str, error: yaml.reader.ReaderError) -> None:
        """A control character (NUL, ESC...): YAML allows none in a file."""
        at = error.position
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        escape = f"\\x{error.character:02x}" if error.character < 0x100 else f"\\u{error.character:04x}"
        message = (
            f"control character U+{error.character:04X} is not allowed in YAML; "
            f"remove it, or write it as {escape} inside double quotes"
        )
        self._add(line, column, message)

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
                self.problem(node, f"{what} YAML tag {_tag_name(node.tag)!r} refused: {self.plain_yaml}")
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

    def pairs(self, node: yaml.MappingNode) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        """A mapping's key/value nodes, reporting keys that are not strings or repeat."""
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _YAML_TAG_PREFIX + "str":
                self.problem(key_node, "keys must be plain words")
                continue
            if key_node.value in seen:
                line, _ = mark(seen[key_node.value])
                self.problem(key_node, f"duplicate key {key_node.value!r} (first at line {line})")
                continue
            seen[key_node.value] = key_node
            yield key_node, value_node

    def construct(self, node: yaml.Node) -> Any:
        """Build a plain value from a node with the safe constructor only."""
        loader = yaml.SafeLoader("")
        try:
            return loader.construct_document(node)
        except yaml.YAMLError as error:
            where = getattr(error, "problem_mark", None) or node.start_mark
            problem = getattr(error, "problem", None) or str(error)
            self._add(where.line + 1, where.column + 1, f"invalid value: {problem}")
        except (ValueError, OverflowError, RecursionError) as error:
            # PyYAML's constructors raise these as they are: a date such as
            # 2024-13-45, an integer of thousands of digits, deep nesting
            line, column = mark(node)
            self._add(line, column, f"invalid value: {' '.join(str(error).split())[:200]}")
        finally:
            loader.dispose()
        return None
