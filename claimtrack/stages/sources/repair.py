"""Source mentions that cannot be sources, replaced before entities are built.

- A relative pronoun is never a source mention: "farmers, who spoke by
  phone, said" has the source "farmers", and "Tamsin Reed, a teacher at the
  school, who said" has "Tamsin Reed" (the noun the clause hangs on, or the
  name that noun stands in apposition to).
- A preposition phrase ("by phone", "at the clinic") and a dateline
  ("LONDON, May 2 -") are never sources: the cue's own subject is read
  instead, or the noun phrase between the last comma and a cue that ends
  the report ("..., the national agency said."); failing both, the claim
  has no source.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Claim, ClaimSource, Span
from claimtrack.stages.sources.mentions import phrase_around
from claimtrack.ud import NOUNS, PUNCT_OR_CONJUNCTION, VERBS

__all__ = ["repaired_sources"]

_BREAKS = frozenset(",;:()\"“”—–-")


def repaired_sources(claims: Sequence[Claim], document: Document, datelines: Sequence[Span]) -> list[Claim]:
    """The claims, each with a source mention that can be a source."""
    return [_repaired(claim, document, datelines) for claim in claims]


def _repaired(claim: Claim, document: Document, datelines: Sequence[Span]) -> Claim:
    source = claim.source
    if source is None:
        return claim
    words = document.within(source.start, source.end)
    if not words:
        return claim
    if len(words) == 1 and words[0].feat("PronType") == "Rel":
        span = _antecedent(words[0], document)
        return _with_source(claim, document, span) if span else claim
    in_dateline = any(line.start <= source.start and source.end <= line.end for line in datelines)
    if words[0].upos == "ADP" and len(words) > 1 and (words[0].deprel != "case" or words[-1].upos == "PROPN"):
        # "as | Judge Gass said": a subordinator before a name, not a preposition phrase
        return _with_source(claim, document, (words[1].start, words[-1].end))
    if words[0].upos != "ADP" and not in_dateline:
        return claim
    cue = document.within(claim.cue.start, claim.cue.end) if claim.cue is not None else []
    span = _subject(cue[0], document, source) or _before_cue(cue[0], document) if cue else None
    if span is None or any(line.start <= span[0] < line.end for line in datelines):
        return attrs.evolve(claim, source=None)
    return _with_source(claim, document, span)


def _with_source(claim: Claim, document: Document, span: tuple[int, int]) -> Claim:
    text = document.text[span[0] : span[1]]
    return attrs.evolve(claim, source=ClaimSource(text, span[0], span[1]))


def _antecedent(relative: Word, document: Document) -> tuple[int, int] | None:
    clause = document.head_of(relative)
    if clause is None or not clause.deprel.startswith("acl"):
        return None
    noun = document.head_of(clause)
    while noun is not None and noun.deprel.startswith("nmod") and document.head_of(noun) is not None:
        noun = document.head_of(noun)  # "a teacher | at the school, who said"
    if noun is not None and noun.deprel == "appos":
        noun = document.head_of(noun)  # "Tamsin Reed, | a teacher at the school, who said"
    if noun is None or noun.upos not in NOUNS or noun.start >= relative.start:
        return None
    start, end = phrase_around(noun, document)
    words = document.within(start, end)
    while words and words[0].upos == "ADP" or words[0].upos in PUNCT_OR_CONJUNCTION:
        words.pop(0)  # "with | Devocht, who said"
    if not words or any(word.upos in VERBS or word.upos == "PUNCT" for word in words):
        return None
    return words[0].start, words[-1].end


def _subject(cue: Word, document: Document, source: ClaimSource) -> tuple[int, int] | None:
    for child in document.children(cue):
        if child.deprel.startswith("nsubj") and child.upos in NOUNS:
            start, end = phrase_around(child, document)
            if end <= source.start or start >= source.end:
                return start, end
    return None


def _before_cue(cue: Word, document: Document) -> tuple[int, int] | None:
    """The noun phrase after the last comma before a cue ("..., the agency said")."""
    sentence = document.sentence_words(cue.sentence)
    before: list[Word] = []
    depth = 0
    for word in reversed([word for word in sentence if word.end <= cue.start]):
        depth += (word.text == ")") - (word.text == "(" and depth > 0)
        if word.text in _BREAKS and not depth and word.text != "(":
            break
        if word.text == "(" and depth == 0 and not before:
            break
        before.insert(0, word)
    while before and before[0].upos == "ADP":
        before.pop(0)
    if not before or any(word.upos in VERBS or word.upos == "SCONJ" for word in before):
        return None
    if not any(word.upos in NOUNS for word in before):
        return None
    return before[0].start, before[-1].end
