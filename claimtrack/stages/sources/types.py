"""Type lookups for one source mention: gazetteer names, titles, head nouns,
the parser's NER label and the defaults for names nothing else types.

Each returns the type with the id of the rule that gave it, or ``None``s;
:mod:`claimtrack.stages.sources.mentions` tries them in the order
``rules/sources.yaml`` documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from claimtrack.document import Document, Word
from claimtrack.stages.sources.vocabulary import SourceRules

__all__ = ["description_type", "gazetteer_type", "name_default", "ner_type", "title_at_start", "title_before"]


def title_at_start(words: Sequence[Word], compiled: SourceRules) -> tuple[int, str | None, str | None]:
    texts = tuple(word.text for word in words)
    for title, type_, rule in compiled.titles:
        if texts[: len(title)] == title:
            return len(title), type_, rule
    return 0, None, None


def title_before(first: Word, docwords: Document, compiled: SourceRules) -> tuple[str | None, str | None]:
    """A title standing just before a mention ("Mayor | Elena Brandt said")."""
    sentence = docwords.sentence_words(first.sentence)
    before = tuple(word.text for word in sentence if word.i < first.i)
    for title, type_, rule in compiled.titles:
        if before[-len(title) :] == title:
            return type_, rule
    return None, None


def gazetteer_type(core_text: str, compiled: SourceRules) -> tuple[str | None, str | None, str | None]:
    best: tuple[str | None, str | None, str | None] = (None, None, None)
    best_length = 0
    for regex, type_, rule in compiled.gazetteer:
        for match in regex.finditer(core_text):
            if len(match.group()) > best_length:
                best, best_length = (type_, rule, match.group()), len(match.group())
    return best


def ner_type(head: Word, docwords: Document, compiled: SourceRules) -> tuple[str | None, str | None]:
    """The type the parser's named-entity recogniser gives the name's head, if any."""
    for start, end, label in docwords.entities:
        if start <= head.start and head.end <= end and label in compiled.ner_types:
            return compiled.ner_types[label]
    return None, None


def name_default(name: str, compiled: SourceRules) -> tuple[str | None, str | None, bool | None]:
    """The type of a name no other rule knows: the first matching name default."""
    for regex, type_, rule in compiled.name_defaults:
        if regex.search(name):
            return type_, rule, type_ in compiled.animate_types
    return None, None, None


def description_type(lemmas: Iterable[str], compiled: SourceRules) -> tuple[str | None, bool | None, str | None]:
    """The type of the first noun the vocabulary knows; a noun of the type of
    "no other role" (the personal pronouns' type: "a mother") gives way to a
    later one with a role ("One resident, Aisha Toure, a mother of five")."""
    found = None
    for lemma in lemmas:
        head = compiled.heads.get(lemma) or compiled.heads.get(lemma.lower())
        if head is None:
            continue
        if head.type != compiled.pronoun_type:
            return head.type, head.animate, head.rule
        found = found or (head.type, head.animate, head.rule)
    return found or (None, None, None)
