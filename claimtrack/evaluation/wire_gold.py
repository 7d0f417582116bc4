"""Reading hand-annotated wire articles (``claimtrack eval --format wire``).

A gold folder holds article texts and, for each, an annotation file
``<name>.yaml``::

    article: calder_reservoirs.txt
    claims:
      - {cue: said, content: "traces of an industrial solvent", mention: "The Calder
         Valley Water Authority (CVWA)", entity: cvwa, type: government,
         status: confirmed, evidence: [confirmed]}
    document_evidence: [could not be reached]

Each claim is found by its cue (the words, case-insensitive; ``null`` for a
claim with no cue) and a piece of its content (words of the text, which the
claim's content must hold). ``entity`` is a label: claims with the same label
have one source entity, different labels different ones. ``mention`` is the
source's words in the claim's own sentence (optional), ``type`` the source
type, ``status`` the confirmation status and ``evidence`` the words that set
it. ``document_evidence`` lists evidence that bears on no claim.

Annotation files are untrusted YAML, read with the rule files' limits; a
problem is one line naming the file, line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from claimtrack.evaluation import EvalError
from claimtrack.ruleset.yamlfile import YamlFile

__all__ = ["WireArticle", "WireClaim", "load_wire"]

_FILE_KEYS = ("article", "claims", "document_evidence")
_CLAIM_KEYS = ("cue", "content", "mention", "entity", "type", "status", "evidence")
_REQUIRED = ("cue", "content", "entity", "type", "status")


@attrs.frozen
class WireClaim:
    """One annotated claim; ``start`` is where its content piece stands in the text."""

    cue: str | None
    content: str
    start: int
    entity: str
    type: str
    status: str
    mention: str | None = None
    evidence: tuple[str, ...] = ()
    line: int = 0


@attrs.frozen
class WireArticle:
    id: str
    text: str
    claims: tuple[WireClaim, ...]
    document_evidence: tuple[str, ...] = ()


class _AnnotationReader(YamlFile):
    def __init__(self, path: Path, statuses: Sequence[str]):
        super().__init__(path)
        self.statuses = tuple(statuses)

    def read(self) -> WireArticle | None:
        root = self.root()
        if root is None:
            if not self.problems:
                self.problem(None, "empty annotation file: expected a mapping with 'article' and 'claims'")
            return None
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "an annotation file must be a mapping with 'article' and 'claims'")
            return None
        top = self._fields(root, _FILE_KEYS, ("article", "claims"), "annotation file")
        if top is None:
            return None
        article = top["article"][1]
        if not isinstance(article, str):
            self.problem(top["article"][0], "'article' must be a file name")
            return None
        text_path = self.path.parent / article
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.problem(top["article"][0], f"cannot read article {article!r}: {error}")
            return None
        claims_node = top["claims"][0]
        if not isinstance(claims_node, yaml.SequenceNode):
            self.problem(claims_node, "'claims' must be a list")
            return None
        claims = [self._claim(node, text) for node in claims_node.value]
        document_evidence = top.get("document_evidence", (None, []))[1]
        if self.problems:
            return None
        return WireArticle(
            id=text_path.stem,
            text=text,
            claims=tuple(claim for claim in claims if claim is not None),
            document_evidence=tuple(document_evidence or ()),
        )

    def _fields(
        self, node: yaml.MappingNode, allowed: tuple[str, ...], required: tuple[str, ...], what: str
    ) -> dict[str, tuple[yaml.Node, Any]] | None:
        found = {}
        for key_node, value_node in self.pairs(node):
            if key_node.value not in allowed:
                self.problem(key_node, f"unknown key {key_node.value!r} in {what} (allowed: {', '.join(allowed)})")
                continue
            found[key_node.value] = (value_node, self.construct(value_node))
        missing = [key for key in required if key not in found]
        if missing:
            self.problem(node, f"{what} has no {', '.join(repr(key) for key in missing)}")
            return None
        return found

    def _claim(self, node: yaml.Node, text: str) -> WireClaim | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, "a claim must be a mapping")
            return None
        fields = self._fields(node, _CLAIM_KEYS, _REQUIRED, "claim")
        if fields is None:
            return None
        values = {key: value for key, (_, value) in fields.items()}
        if values["status"] not in self.statuses:
            self.problem(fields["status"][0], f"unknown status {values['status']!r} (one of {', '.join(self.statuses)})")
            return None
        content = str(values["content"])
        start = text.find(content)
        if start < 0:
            self.problem(fields["content"][0], f"content {content!r} is not in the article")
            return None
        return WireClaim(
            cue=None if values["cue"] is None else str(values["cue"]),
            content=content,
            start=start,
            entity=str(values["entity"]),
            type=str(values["type"]),
            status=values["status"],
            mention=None if values.get("mention") is None else str(values["mention"]),
            evidence=tuple(str(item) for item in values.get("evidence") or ()),
            line=node.start_mark.line + 1,
        )


def load_wire(folder: str | Path, statuses: Sequence[str], *, docs: int | None = None) -> list[WireArticle]:
    """The annotated articles of a folder, in file name order; ``statuses``
    are the confirmation statuses an annotation may use (the rule set's)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalError(f"{folder}: not a folder of annotated articles")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise EvalError(f"{folder}: no annotation files (*.yaml)")
    articles = []
    for path in files[:docs]:
        reader = _AnnotationReader(path, statuses)
        article = reader.read()
        if reader.problems:
            raise EvalError(str(reader.problems[0]))
        assert article is not None
        articles.append(article)
    return articles
