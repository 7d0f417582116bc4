"""Which attributions are statement-like: the classes of ``statement_cues.yaml``.

A statement-like attribution is one a fact-checker would check as a claim:
its cue is a word of saying, reporting, finding or denying (but not a
directive such as "call for"), a phrase such as "according to", or punctuation alone (a colon or dash cue), or its source is
a document-like noun (a poll, a report). The word classes are data, read from
the YAML file, so the subset can be argued about without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs
import yaml

from claimtrack.evaluation import EvalError

__all__ = ["STATEMENT_CUES", "StatementCues", "load_statement_cues"]

STATEMENT_CUES = "statement_cues.yaml"

_WORD = re.compile(r"\w+")


@attrs.frozen
class StatementCues:
    """The cue lemmas by class, cue phrases and source nouns of the subset."""

    cue_classes: dict[str, frozenset[str]]
    phrases: tuple[tuple[str, ...], ...]
    source_nouns: frozenset[str]
    not_statement: tuple[tuple[str, ...], ...] = ()
    acts: tuple[tuple[str, frozenset[str]], ...] = ()  # in the order they are tried
    directive_needs_infinitive: frozenset[str] = frozenset()
    directive_otherwise: frozenset[str] = frozenset()  # question cues that direct when they ask nothing
    question_openers: frozenset[str] = frozenset()

    def act(self, cue_text: str, cue_lemmas: Iterable[str], source_lemmas: Iterable[str], content_text: str) -> str:
        """The act of a gold attribution (the file's ``acts``): statement,
        belief, intention, directive, question, or ``other``. The lemmas are
        read in their order ("call for" is a phrase, "for ... call" is not)."""
        ordered = tuple(cue_lemmas)
        lemmas = set(ordered)
        words = [word.lower() for word in _WORD.findall(content_text)]
        asks = content_text.rstrip(" \t\n\"'\u201d\u2019").endswith("?")
        by_lemma = dict(self.acts)
        opens = bool(words) and words[0] in self.question_openers
        if lemmas & by_lemma.get("question", frozenset()) and (opens or asks):
            return "question"
        if asks:
            return "question"
        if lemmas & self.directive_otherwise or any(_holds(ordered, phrase) for phrase in self.not_statement):
            return "directive"
        for name, members in self.acts:
            found = lemmas & members
            if not found or name == "question":
                continue
            if name == "directive" and found <= self.directive_needs_infinitive and "to" not in words[:4]:
                continue
            return name
        return "statement" if self.is_statement(cue_text, ordered, source_lemmas) else "other"

    def cue_class(self, cue_text: str, cue_lemmas: Iterable[str]) -> str | None:
        """The class that makes a cue statement-like (a class name, ``phrase``
        or ``punctuation``), or None."""
        words = tuple(word.lower() for word in _WORD.findall(cue_text))
        if cue_text.strip() and not words:
            return "punctuation"
        if any(_holds(words, phrase) for phrase in self.phrases):
            return "phrase"
        lemmas = tuple(cue_lemmas)
        if any(_holds(lemmas, phrase) for phrase in self.not_statement):
            return None
        return next((name for name, members in self.cue_classes.items() if set(lemmas) & members), None)

    def is_statement(self, cue_text: str, cue_lemmas: Iterable[str], source_lemmas: Iterable[str]) -> bool:
        return self.cue_class(cue_text, cue_lemmas) is not None or bool(set(source_lemmas) & self.source_nouns)


def _holds(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    return any(words[i : i + len(phrase)] == phrase for i in range(len(words) - len(phrase) + 1))


def _words(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise EvalError(f"{where}: expected a list of words")
    return [item.strip().lower() for item in value]


def load_statement_cues(path: str | Path | None = None) -> StatementCues:
    """The subset's definition: the packaged ``statement_cues.yaml`` or another file."""
    if path is None:
        source = resources.files("claimtrack.evaluation").joinpath(STATEMENT_CUES)
        name = STATEMENT_CUES
    else:
        source, name = Path(path), str(path)
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise EvalError(f"{name}: cannot read ({' '.join(str(error).split())})") from None
    if not isinstance(data, dict) or not isinstance(data.get("cue_lemmas"), dict):
        raise EvalError(f"{name}: expected a mapping with cue_lemmas, cue_phrases and source_nouns")
    return StatementCues(
        cue_classes={
            str(cls): frozenset(_words(words, f"{name}: cue_lemmas.{cls}")) for cls, words in data["cue_lemmas"].items()
        },
        phrases=tuple(tuple(phrase.split()) for phrase in _words(data.get("cue_phrases", []), f"{name}: cue_phrases")),
        source_nouns=frozenset(_words(data.get("source_nouns", []), f"{name}: source_nouns")),
        not_statement=tuple(
            tuple(phrase.split()) for phrase in _words(data.get("not_statement_phrases", []), f"{name}: not_statement_phrases")
        ),
        acts=tuple(
            (str(act), frozenset(_words(words, f"{name}: acts.{act}"))) for act, words in (data.get("acts") or {}).items()
        ),
        directive_needs_infinitive=frozenset(
            _words(data.get("directive_needs_infinitive", []), f"{name}: directive_needs_infinitive")
        ),
        directive_otherwise=frozenset(_words(data.get("directive_otherwise", []), f"{name}: directive_otherwise")),
        question_openers=frozenset(_words(data.get("question_openers", []), f"{name}: question_openers")),
    )
