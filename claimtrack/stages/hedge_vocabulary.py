"""The hedge vocabulary of ``rules/hedges.yaml``, compiled once per rule set,
and the hedges it finds among some words.

Two stages read it: :mod:`claimtrack.stages.hedging` (the hedges of each
claim) and :mod:`claimtrack.stages.unsourced` (sentences in the reporter's
own voice that pass on hearsay). Neither imports the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from claimtrack.document import Word
from claimtrack.model import Hedge, span_of
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Match, Regex

__all__ = ["HedgeVocabulary", "compiled_hedges", "hedges_in", "without_final_punctuation"]

_GOVERNS = "governs"  # the group of a hedge pattern naming the word the hedge bears on


@attrs.frozen
class WordCue:
    cls: str
    rule: str
    upos: frozenset[str]


@attrs.frozen
class HedgeVocabulary:
    unsourced: frozenset[str]  # classes whose hedges make a claim with no source
    not_unsourced: frozenset[str]  # cue rules that never do
    words: dict[str, WordCue]
    lemmas: dict[str, WordCue]
    patterns: tuple[tuple[Regex, str, str], ...]
    cue_classes: dict[str, tuple[str, str]]
    cue_dependents: tuple[str, ...]  # "reportedly told", "could have said"
    cue_governed_as: tuple[str, ...]  # "appeared to show"
    sentence_ends: frozenset[str]


def _compile(rules: RuleSet) -> HedgeVocabulary:
    words: dict[str, WordCue] = {}
    lemmas: dict[str, WordCue] = {}
    patterns = []
    cue_classes: dict[str, tuple[str, str]] = {}
    for rule in rules.section("hedges", "cues"):
        cue = WordCue(rule.get("class"), rule.id, frozenset(rule.get("upos") or ()))
        for word in rule.get("words") or ():
            words.setdefault(word.lower(), cue)
        for lemma in rule.get("lemmas") or ():
            lemmas.setdefault(lemma.lower(), cue)
        if rule.get("pattern"):
            patterns.append((rule.regex("pattern"), rule.get("class"), rule.id))
        for cue_class in rule.get("cue_classes") or ():
            cue_classes.setdefault(cue_class, (rule.get("class"), rule.id))
    unsourced = frozenset(
        rule.get("name") for rule in rules.section("hedges", "classes") if rule.get("unsourced")
    )
    not_unsourced = frozenset(
        rule.id for rule in rules.section("hedges", "cues") if rule.get("unsourced") is False
    )
    links = rules.section("hedges", "cue_links")
    return HedgeVocabulary(
        unsourced,
        not_unsourced,
        words,
        lemmas,
        tuple(patterns),
        cue_classes,
        cue_dependents=tuple(deprel for rule in links for deprel in rule.get("dependents")),
        cue_governed_as=tuple(deprel for rule in links for deprel in rule.get("governed_as")),
        sentence_ends=frozenset(mark for rule in rules.section("hedges", "sentence_ends") for mark in rule.get("marks")),
    )


def _word_hedge(word: Word, compiled: HedgeVocabulary) -> WordCue | None:
    cue = compiled.words.get(word.text.lower()) or compiled.lemmas.get(word.lemma)
    if cue is None or (cue.upos and word.upos not in cue.upos):
        return None
    return cue


def hedges_in(
    text: str,
    words: Iterable[Word],
    ranges: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
    compiled: HedgeVocabulary,
) -> list[Hedge]:
    """Hedge words among ``words`` and hedge phrases overlapping ``ranges``.

    Overlapping finds keep the longest ("is likely to" over "likely").
    """
    found: list[Hedge] = []
    words = list(words)
    for word in words:
        cue = _word_hedge(word, compiled)
        if cue is not None:
            found.append(Hedge(text[word.start : word.end], word.start, word.end, cue.cls, cue.rule))
    # A phrase that ends in a preposition hedges nothing: 'was reported to | police' ('to' ADP), not 'is
    # said to | have' ('to' the infinitive's marker).
    prepositions = {word.end for word in words if word.upos == "ADP"}
    for regex, cls, rule in compiled.patterns:
        for match in regex.finditer(text, sentence[0], sentence[1]):
            if _bears_on(match, ranges) and match.end() not in prepositions:
                span = span_of(text, match.start(), match.end())
                found.append(Hedge(span.text, span.start, span.end, cls, rule))
    return _longest_first(found)


def _bears_on(match: Match, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether a hedge phrase touches the claim: its reported text, or the word
    its group 'governs' names ("appeared to show": the cue "show"), whatever
    the parse made of them."""
    spans = [match.span()]
    if _GOVERNS in match.re.groupindex and match.span(_GOVERNS)[0] >= 0:
        spans.append(match.span(_GOVERNS))
    return any(first < end and start < last for first, last in spans for start, end in ranges)


def _longest_first(found: Iterable[Hedge]) -> list[Hedge]:
    kept: list[Hedge] = []
    for hedge in sorted(found, key=lambda hedge: (hedge.start - hedge.end, hedge.start)):
        if not any(hedge.start < other.end and other.start < hedge.end for other in kept):
            kept.append(hedge)
    return sorted(kept, key=lambda hedge: hedge.start)


def without_final_punctuation(words: Sequence[Word], compiled: HedgeVocabulary) -> list[Word]:
    """The words without the sentence's final marks (``sentence_ends`` in the rules)."""
    words = list(words)
    while words and words[-1].text in compiled.sentence_ends:
        words.pop()
    return words


def compiled_hedges(rules: RuleSet) -> HedgeVocabulary:
    """The hedge vocabulary of ``rules``, compiled once per rule set."""
    compiled: HedgeVocabulary = rules.compiled("hedges", _compile)
    return compiled
