"""Reading the GUM attribution gold: ``gum_attr_train.jsonl`` plus one gold
CoNLL-U file per document.

Targets (what recall counts) follow the gold's README: attributions with
``category == "speech"``, positive polarity, not in a caption, cue not
inside a quotation, source not a predicate. Coreference mentions come from
the ``Entity=`` brackets (CorefUD notation) in the MISC column of the gold
CoNLL-U, read through claimtrack's own CoNLL-U reader.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.evaluation import EvalError
from claimtrack.evaluation.matching import Parts

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

__all__ = [
    "CONLLU_DIR",
    "GOLD_FILE",
    "GoldAttribution",
    "GoldDocument",
    "Mention",
    "load_gold",
    "read_gold_parse",
    "read_mentions",
]

GOLD_FILE = "gum_attr_train.jsonl"
CONLLU_DIR = "conllu"

_ENTITY_BRACKET = re.compile(r"\((?P<open>[^()]+)(?P<single>\))?|(?P<close>[^()]+)\)")
_TOKEN_RANGE = re.compile(r"(?:^|\|)TokenRange=(\d+):(\d+)(?:\||$)")
_ENTITY = re.compile(r"(?:^|\|)Entity=([^|]*)")
_PRONOUN = "PRON"


@attrs.frozen
class Mention:
    """A coreference mention of the gold CoNLL-U: its entity and its characters."""

    entity: str
    start: int
    end: int
    pronoun: bool


@attrs.frozen
class GoldAttribution:
    """One gold attribution; ``target`` says whether recall counts it."""

    category: str
    polarity: str
    kind: str
    content: Parts
    scope: Parts
    source: Parts
    cue: Parts
    cue_lemma: str | None
    source_type: str | None
    source_pronoun: bool  # a third-person pronoun
    target: bool


@attrs.frozen
class GoldDocument:
    id: str
    genre: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    conllu: Path
    sentences: Parts = ()

    @property
    def targets(self) -> tuple[GoldAttribution, ...]:
        return tuple(a for a in self.attributions if a.target)


def _parts(value: Any) -> Parts:
    return tuple((int(start), int(end)) for start, end in value or ())


def _is_target(record: dict[str, Any]) -> bool:
    flags = record["flags"]
    return (
        record["category"] == "speech"
        and record["polarity"] == "positive"
        and not flags["in_caption"]
        and not flags["cue_in_quote"]
        and not flags["source_is_predicate"]
    )


def _third_person_pronoun(flags: dict[str, Any]) -> bool:
    """Pronoun resolution is scored on he/she/it/they sources; an "I" or "you"
    stands for the speaker or the addressee, which news resolution leaves alone."""
    return bool(
        flags.get("source_pronoun") and not flags.get("source_first_person") and not flags.get("source_second_person")
    )


def _gold_attribution(record: dict[str, Any]) -> GoldAttribution:
    return GoldAttribution(
        category=record["category"],
        polarity=record["polarity"],
        kind=record["kind"],
        content=_parts(record["content_local_parts"]),
        scope=_parts(record["content_parts"]),
        source=_parts(record["source_parts"]),
        cue=_parts(record["cue_parts"]),
        cue_lemma=record.get("cue_lemma"),
        source_type=record.get("source_entity_type"),
        source_pronoun=_third_person_pronoun(record["flags"]),
        target=_is_target(record),
    )


def _gold_document(record: dict[str, Any], folder: Path) -> GoldDocument:
    return GoldDocument(
        id=record["id"],
        genre=record["genre"],
        text=record["text"],
        attributions=tuple(_gold_attribution(a) for a in record["attributions"]),
        conllu=folder / CONLLU_DIR / f"{record['id']}.conllu",
        sentences=_parts(record.get("sentences")),
    )


def load_gold(folder: str | Path, *, docs: int | None = None, genre: str | None = None) -> list[GoldDocument]:
    """The documents of a gum-attributions folder: all, those of one
    ``genre``, or the first ``docs`` of them."""
    folder = Path(folder)
    path = folder / GOLD_FILE
    if not folder.is_dir():
        raise EvalError(f"{folder}: not a directory (expected the gum-attributions folder)")
    if not path.is_file():
        raise EvalError(f"{path}: missing (the gold folder must hold {GOLD_FILE} and {CONLLU_DIR}/)")
    documents = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise EvalError(f"{path}: cannot read ({error})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            document = _gold_document(json.loads(line), folder)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise EvalError(f"{path}:{number}: not a gold document record ({type(error).__name__}: {error})") from None
        if genre is None or document.genre == genre:
            documents.append(document)
    if not documents:
        wanted = f" of genre {genre!r}" if genre is not None else ""
        raise EvalError(f"{path}: no document{wanted}")
    return documents[:docs] if docs is not None else documents


def read_gold_parse(document: GoldDocument) -> Document:
    """The document's gold CoNLL-U, its offsets pointing into the gold text."""
    from claimtrack.parsing.parser import parse_conllu

    if not document.conllu.is_file():
        raise EvalError(f"{document.conllu}: missing gold CoNLL-U file")
    return parse_conllu(document.conllu, text=document.text)


def _token_range(misc: str, word_id: object, path: Path | str) -> tuple[int, int]:
    found = _TOKEN_RANGE.search(misc)
    if found is None:
        raise EvalError(f"{path}: word {word_id} has no TokenRange=START:END in its MISC column")
    return int(found.group(1)), int(found.group(2))


def read_mentions(doc: Document, path: Path | str = "<conllu>") -> list[Mention]:
    """Coreference mentions from the ``Entity=`` brackets of a parsed gold
    document whose words carry ``TokenRange=START:END`` in MISC.

    A mention is a pronoun when every word in it is tagged PRON."""
    mentions = []
    opened: dict[str, list[tuple[int, int]]] = defaultdict(list)  # entity -> (start, first word) stack
    tags: list[str] = []
    for sentence in doc.sentences:
        for word in sentence.words:
            tags.append(word.upos or "_")
            misc = word.misc or ""
            entity = _ENTITY.search(misc)
            if entity is None:
                continue
            start, end = _token_range(misc, word.id, path)
            for bracket in _ENTITY_BRACKET.finditer(entity.group(1)):
                if bracket["open"]:
                    name = bracket["open"].split("-", 1)[0]
                    if bracket["single"]:
                        mentions.append(Mention(name, start, end, word.upos == _PRONOUN))
                    else:
                        opened[name].append((start, len(tags) - 1))
                elif opened.get(bracket["close"]):
                    first, first_word = opened[bracket["close"]].pop()
                    pronoun = all(tag == _PRONOUN for tag in tags[first_word:])
                    mentions.append(Mention(bracket["close"], first, end, pronoun))
    return mentions
