"""Articles with front matter: one reader for ``extract``, ``track`` and corpora.

Front matter is an optional YAML mapping (title, outlet, url, date and any
other keys) between two ``---`` lines at the very top of a file. The article
is the body after the closing ``---`` line: every offset claimtrack reports
counts from its first character, and the front matter becomes the document
record's ``metadata`` (which the exports use: CSV columns, ClaimReview
``appearance``, Web Annotation ``source``).

Front matter is untrusted YAML, read by the same reader as rule files
(:class:`claimtrack.ruleset.yamlfile.YamlFile`: size limit, bounded aliases
and nesting, plain tags only), and every value is kept as the text it is
written as (a list or mapping as JSON text): nothing is converted, so no
value can fail to convert (``2024-13-45``, an integer of 5,000 digits) or
expand (an alias bomb). ``date`` must be a YYYY-MM-DD date (a date and time
is cut to its date). Every problem is one :class:`InputError` line naming
the file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import yaml

from claimtrack.errors import InputError
from claimtrack.model import ARTICLE_KEYS
from claimtrack.parsing.textio import display_name, read_text
from claimtrack.ruleset.yamlfile import YamlFile, is_null

__all__ = ["FRONT_MATTER_KEYS", "iso_date", "read_article", "split_front_matter"]

FRONT_MATTER_KEYS = ARTICLE_KEYS
_FENCE = "---"


def read_article(path: str | os.PathLike[str]) -> tuple[str, dict[str, str]]:
    """The body text of an article file and its front matter."""
    name = display_name(path)
    body, meta = split_front_matter(read_text(path), name)
    if not body.strip():
        raise InputError(f"{name}: the article has no text")
    return body, meta


def split_front_matter(text: str, name: str = "<text>") -> tuple[str, dict[str, str]]:
    """Split ``text`` into its body and front matter (empty when there is none)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        return text, {}
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r\n") == _FENCE:
            header = "".join(lines[1:index])
            body = "".join(lines[index + 1 :])
            return body, _front_matter(header, name)
    raise InputError(f"{name}: front matter opened with '---' is never closed")


def _front_matter(header: str, name: str) -> dict[str, str]:
    if not header.strip():
        return {}
    reader = YamlFile(Path(name), text=header, name=name, first_line=2)
    reader.plain_yaml = "front matter is plain YAML (read with yaml.safe_load)"
    root = reader.root()
    meta: dict[str, str] = {}
    if root is not None and not is_null(root):
        if not isinstance(root, yaml.MappingNode):
            raise InputError(f"{name}: front matter must be a mapping of {', '.join(FRONT_MATTER_KEYS)}, ...")
        for key, value in root.value:
            if not isinstance(key, yaml.ScalarNode):
                reader.problem(key, "front matter keys must be plain words")
            elif key.value in meta:
                reader.problem(key, f"duplicate key {key.value!r}")
            elif not is_null(value):
                meta[key.value] = _as_text(value)
    if reader.problems:
        first = reader.problems[0]
        raise InputError(f"{name}: front matter, line {first.line} column {first.column}: {first.message}")
    if "date" in meta:
        meta["date"] = iso_date(meta["date"], name)
    return meta


def _as_text(node: yaml.Node) -> str:
    """A value as written: a scalar's text, a list or mapping as JSON text
    (the reader has bounded its size, aliases included)."""
    return node.value if isinstance(node, yaml.ScalarNode) else json.dumps(_plain(node), ensure_ascii=False)


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, yaml.MappingNode):
        return {_as_text(key): _plain(value) for key, value in node.value}
    return None if is_null(node) else node.value


def iso_date(value: Any, name: str) -> str:
    """A date (a ``date``, a ``datetime`` or a YYYY-MM-DD string) as YYYY-MM-DD."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for parse in (dt.date.fromisoformat, lambda text: dt.datetime.fromisoformat(text).date()):
        try:
            return parse(text).isoformat()
        except ValueError:
            continue
    shown = text if len(text) <= 40 else text[:40] + "..."
    raise InputError(f"{name}: date {shown!r} is not a YYYY-MM-DD date")
