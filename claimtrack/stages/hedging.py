"""Hedging: the words that weaken a claim ("may", "reportedly", "appeared to").

A hedge counts for a claim when it stands in the claim's content, in its cue,
or governs the cue ("appeared to show", "is believed to"); a cue of a
distancing class ("claimed", "alleged") hedges its own claim. The vocabulary
and the classes are in ``rules/hedges.yaml``, compiled by
:mod:`claimtrack.stages.hedge_vocabulary`.

The same rules find sentences in the reporter's own voice that pass on
hearsay: :mod:`claimtrack.stages.unsourced`.
"""

from __future__ import annotations

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Claim, Hedge
from claimtrack.ruleset.loader import RuleSet
from claimtrack.stages.findings import Findings
from claimtrack.stages.hedge_vocabulary import HedgeVocabulary, compiled_hedges, hedges_in

__all__ = ["find_hedges", "mark_hedges"]


def _cue_words(claim: Claim, docwords: Document, compiled: HedgeVocabulary) -> list[Word]:
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
    compiled = compiled_hedges(rules)
    content = claim.content.ranges
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
