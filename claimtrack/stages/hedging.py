"""Hedging: the words that weaken a claim ("may", "reportedly", "appeared to").

A hedge counts for a claim when it stands in the claim's content, in its cue,
or governs the cue ("appeared to show", "is believed to"); a cue of a
distancing class ("claimed", "alleged") hedges its own claim. The vocabulary
and the classes are in ``rules/hedges.yaml``.

The same rules find sentences in the reporter's own voice that pass on
hearsay: :mod:`claimtrack.stages.unsourced`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Claim, Hedge, span_of
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Match, Regex
from claimtrack.stages.findings import Findings

__all__ = ["compiled_hedges", "find_hedges", "hedges_in", "mark_hedges", "without_final_punctuation"]

_GOVERNS = "governs"  # the group of a hedge pattern naming the word the hedge bears on


@attrs.frozen
class _WordCue:
    cls: str
    rule: str
    upos: frozenset[str]


@attrs.frozen
class _Compiled:
    unsourced: frozenset[str]  # classes whose hedges make a claim with no source
    not_unsourced: frozenset[str]  # cue rules that never do
    words: dict[str, _WordCue]
    lemmas: dict[str, _WordCue]
    patterns: tuple[tuple[Regex, str, str], ...]
    cue_classes: dict[str, tuple[str, str]]
    cue_dependents: tuple[str, ...]  # "reportedly told", "could have said"
    cue_governed_as: tuple[str, ...]  # "appeared to show"
    sentence_ends: frozenset[str]


def _compile(rules: RuleSet) -> _Compiled:
    words: dict[str, _WordCue] = {}
    lemmas: dict[str, _WordCue] = {}
    patterns = []
    cue_classes: dict[str, tuple[str, str]] = {}
    for rule in rules.section("hedges", "cues"):
        cue = _WordCue(rule.get("class"), rule.id, frozenset(rule.get("upos") or ()))
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
    return _Compiled(
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


def _word_hedge(word: Word, compiled: _Compiled) -> _WordCue | None:
    cue = compiled.words.get(word.text.lower()) or compiled.lemmas.get(word.lemma)
    if cue is None or (cue.upos and word.upos not in cue.upos):
        return None
    return cue


def hedges_in(
    text: str,
    words: Iterable[Word],
    ranges: Sequence[tuple[int, int]],
    sentence: tuple[int, int],
    compiled: _Compiled,
) -> list[Hedge]:
    """Hedge words among ``words`` and hedge phrases overlapping ``ranges``.

    Overlapping finds keep the longest ("is likely to" over "likely").
    """
    found: list[Hedge] = []
    for word in words:
        cue = _word_hedge(word, compiled)
        if cue is not None:
            found.append(Hedge(text[word.start : word.end], word.start, word.end, cue.cls, cue.rule))
    for regex, cls, rule in compiled.patterns:
        for match in regex.finditer(text, sentence[0], sentence[1]):
            if _bears_on(match, ranges):
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


def _content_ranges(claim: Claim) -> list[tuple[int, int]]:
    if claim.content.parts:
        return [(part.start, part.end) for part in claim.content.parts]
    return [(claim.content.start, claim.content.end)]


def _cue_words(claim: Claim, docwords: Document, compiled: _Compiled) -> list[Word]:
    """The cue's words, the auxiliaries and adverbs on them, and the verb governing them."""
    if claim.cue is None:
        return []
    cue = docwords.within(claim.cue.start, claim.cue.end)
    found = {word.i: word for word in cue}
    for word in cue:
        for child in docwords.children(word):
            if child.deprel in compiled.cue_dependents or child.base_deprel in compiled.cue_dependents:
                found[child.i] = child
        head = docwords.head_of(word)
        if head is not None and (word.deprel in compiled.cue_governed_as or word.base_deprel in compiled.cue_governed_as):
            found[head.i] = head
    return [found[index] for index in sorted(found)]


def find_hedges(text: str, docwords: Document, claim: Claim, rules: RuleSet) -> list[Hedge]:
    """Every hedge that counts for ``claim``, in text order."""
    compiled = rules.compiled("hedges", _compile)
    content = _content_ranges(claim)
    words = [word for start, end in content for word in docwords.within(start, end)]
    cue_words = _cue_words(claim, docwords, compiled)
    ranges = list(content) + [(word.start, word.end) for word in cue_words]
    if claim.source is not None:
        ranges.append((claim.source.start, claim.source.end))
    sentence = docwords.sentence_span(docwords.sentence_at(claim.content.start))
    if claim.cue is not None:
        cue_sentence = docwords.sentence_span(docwords.sentence_at(claim.cue.start))
        sentence = (min(sentence[0], cue_sentence[0]), max(sentence[1], cue_sentence[1]))
    sentence = (min(sentence[0], claim.content.start), max(sentence[1], claim.content.end))
    hedges = hedges_in(text, [*words, *cue_words], ranges, sentence, compiled)
    if claim.cue is not None and claim.cue.cls in compiled.cue_classes:
        cls, rule = compiled.cue_classes[claim.cue.cls]
        cue = claim.cue
        hedges = [hedge for hedge in hedges if not (hedge.start < cue.end and cue.start < hedge.end)]
        hedges.append(Hedge(cue.text, cue.start, cue.end, cls, rule))
    return sorted(hedges, key=lambda hedge: (hedge.start, hedge.end))


def mark_hedges(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """The stage: fill ``hedged`` and ``hedges`` on every claim."""
    hedged = []
    for claim in found.claims:
        hedges = find_hedges(document.text, document, claim, rules)
        hedged.append(attrs.evolve(claim, hedged=bool(hedges), hedges=tuple(hedges)))
    return attrs.evolve(found, claims=tuple(hedged))


def without_final_punctuation(words: Sequence[Word], compiled: _Compiled) -> list[Word]:
    """The words without the sentence's final marks (``sentence_ends`` in the rules)."""
    words = list(words)
    while words and words[-1].text in compiled.sentence_ends:
        words.pop()
    return words


def compiled_hedges(rules: RuleSet) -> _Compiled:
    """The hedge vocabulary of ``rules``, compiled once per rule set."""
    compiled: _Compiled = rules.compiled("hedges", _compile)
    return compiled
