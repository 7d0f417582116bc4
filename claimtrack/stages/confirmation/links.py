"""Which claims a piece of confirmation evidence bears on.

Evidence points back at claims by reference ("the allegation", "the
casualty figures"), by the party it names ("no immediate response from
Varland officials"), by shared content words, or, for some statuses, at the
claims of the nearest sentence before it. :class:`Linking` holds one
document's claims and their content words and answers those questions; the
vocabulary is :mod:`claimtrack.stages.confirmation.vocabulary`.
"""

from __future__ import annotations

import re
from itertools import groupby
from collections.abc import Iterable, Sequence

import attrs

from claimtrack.document import Document, Sentence, Word
from claimtrack.model import Claim
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Match
from claimtrack.stages.confirmation.vocabulary import ConfirmationRules, Link
from claimtrack.stages.sources.vocabulary import compiled_sources
from claimtrack.ud import APOSTROPHES

__all__ = ["Linking", "hosts_of", "inside", "made_by", "negated", "previous_claims"]


def _scope(claim: Claim) -> tuple[int, int]:
    """The content and, for "condemned X for Y", the object between cue and content."""
    start, end = claim.content.start, claim.content.end
    if claim.cue is not None:
        start, end = min(start, claim.cue.end), max(end, claim.cue.start)
    return start, end


def negated(word: Word, document: Document, compiled: ConfirmationRules) -> bool:
    before = document.words[max(0, word.i - compiled.negation_window) : word.i]
    nearby = [other for other in before if other.sentence == word.sentence] + document.children(word)
    return any(other.lower in compiled.negations for other in nearby)


def inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(outer_start <= start and end <= outer_end for outer_start, outer_end in spans)


@attrs.define
class Linking:
    text: str
    document: Document
    claims: Sequence[Claim]
    compiled: ConfirmationRules
    rules: RuleSet
    content_of: dict[str, list[Word]] = attrs.field(init=False)
    words_of: dict[str, frozenset[str]] = attrs.field(init=False)
    extensions: list[tuple[str, str]] = attrs.field(init=False)
    named: dict[re.Pattern[str], list[Claim]] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.content_of = {
            claim.id: [word for start, end in claim.content.ranges for word in self.document.within(start, end)]
            for claim in self.claims
        }
        self.words_of = {claim_id: self.content_words(words) for claim_id, words in self.content_of.items()}
        # (party, alias) for each "the US-led coalition" in the text, found
        # once: reading the whole text for every party was quadratic.
        self.extensions = [
            (match.group("party"), match.group("alias"))
            for regex in self.compiled.party_extensions
            for match in regex.finditer(self.text)
        ]

    def content_words(self, words: Iterable[Word]) -> frozenset[str]:
        return frozenset(word.lemma for word in words if word.upos in self.compiled.content_upos)

    def sentence_of(self, offset: int) -> int:
        return self.document.sentence_at(offset)

    def nearest(self, claims: Sequence[Claim]) -> list[Claim]:
        """The claims of the latest sentence among ``claims``."""
        if not claims:
            return []
        last = max(self.sentence_of(claim.content.start) for claim in claims)
        return [claim for claim in claims if self.sentence_of(claim.content.start) == last]

    def by_reference(
        self, words: Sequence[Word], before: int, hosts: set[str], party: tuple[int, int] | None = None
    ) -> list[Claim]:
        """Claims pointed back at by "the allegation", "the report", "the casualty figures".

        A reference with ``cue_classes`` ("the charge": accusations) prefers
        the earlier claims with those cues, and, when there are none, the
        claims about ``party`` (who denies the charge). Then, among the
        candidates, those whose source or cue has the noun ("the report"
        after "a newspaper reported"), else those whose content the noun's
        phrase names (shared words, or a topic: "the casualty figures" and
        "40 people were killed"), else all; the nearest of them.
        """
        for word in words:
            references = [reference for reference in self.compiled.references if word.lemma in reference.lemmas]
            if not references:
                continue
            earlier = [claim for claim in self.claims if claim.id not in hosts and claim.content.start < before]
            if not earlier:
                return []
            possessor = self._possessor(word)
            owned = self._claims_of(possessor, earlier) if possessor else []
            if owned:
                # "the army's account", "the audit's figures": what that source said.
                return self._named_by_phrase(word, owned, skip=possessor) or owned
            classes = {cls for reference in references for cls in reference.cue_classes}
            if classes and all(reference.cue_classes for reference in references):
                preferred = [claim for claim in earlier if claim.cue is not None and claim.cue.cls in classes]
                about = [claim for claim in self.by_party(party, hosts) if claim.content.start < before] if party else []
                # With neither, "the allegation" is the one the story opens
                # with: its first claim after the headline, and the headline.
                if not (preferred or about):
                    opening = [claim for claim in earlier if not claim.heading][:1]
                    return [claim for claim in earlier if claim.heading] + opening
                earlier = preferred or about
            elif classes:
                # "the claim" is an allegation or a plain report: allegations first.
                earlier = [claim for claim in earlier if claim.cue is not None and claim.cue.cls in classes] or earlier
            named = [claim for claim in earlier if word.lemma in self._claim_lemmas(claim)]
            return self.nearest(named or self._named_by_phrase(word, earlier) or self.adjacent(earlier, before))
        return []

    def adjacent(self, claims: Sequence[Claim], at: int) -> list[Claim]:
        """The claims of the nearest sentence, when it is the sentence at ``at``
        or the one before: evidence is not forced onto a claim further back
        (what it speaks of may be no claim: "Photographs showed ... The AP
        could not verify the photographs")."""
        nearest = self.nearest(claims)
        if nearest and self.sentence_of(at) - self.sentence_of(nearest[0].content.start) > 1:
            return []
        return nearest

    def refers(self, noun: Word) -> bool:
        """Whether the noun is one of the references ("the report", "the charge")."""
        return any(noun.lemma in reference.lemmas for reference in self.compiled.references)

    def _claim_lemmas(self, claim: Claim) -> set[str]:
        spans = [claim.source, claim.cue]
        return {
            word.lemma
            for span in spans
            if span is not None
            for word in self.document.within(span.start, span.end)
        }

    def _noun_phrase(self, word: Word) -> list[Word]:
        """The whole noun phrase a reference noun stands in ("casualty" -> "the casualty figures")."""
        sentence = self.document.sentence_of(word)
        top = word
        for head in sentence.ancestors(word):
            if head.upos not in self.compiled.noun_upos:
                break
            top = head
        return sentence.subtree(top)

    def _possessor(self, word: Word) -> list[Word]:
        """The words of a reference's possessor ("the army's | account")."""
        deprels = tuple(deprel for frame in self.compiled.noun_objects for deprel in frame.possessor_deprels)
        sentence = self.document.sentence_of(word)
        owners = sentence.kids(word, *deprels) if deprels else []
        if deprels and not owners:
            # "the rebels' statement" with the apostrophe tagged a closing
            # quotation mark and "rebels" a compound
            owners = [kid for kid in sentence.kids(word, "compound") if self._apostrophe_after(sentence, kid)]
        return [other for owner in owners for other in sentence.subtree(owner)]

    @staticmethod
    def _apostrophe_after(sentence: Sentence, word: Word) -> bool:
        following = sentence.words[word.index + 1 : word.index + 2]
        return bool(following) and following[0].text in APOSTROPHES and word.lower.endswith("s")

    def _claims_of(self, possessor: Sequence[Word], claims: Sequence[Claim]) -> list[Claim]:
        """The claims of the sources a possessor names: its nouns in a source
        mention or name ("Brandt's figures": "CDU secretary Leona Brandt"),
        and every claim of those sources."""
        nouns = {word.lemma for word in possessor if word.upos in self.compiled.noun_upos}
        nouns |= {word.lower for word in possessor if word.upos in self.compiled.noun_upos}
        entities = {
            claim.source.entity
            for claim in claims
            if claim.source is not None
            and nouns & (self._claim_lemmas(claim) | set((claim.source.name or "").lower().split()))
        }
        return [claim for claim in claims if claim.source is not None and claim.source.entity in entities]

    def _named_by_phrase(self, word: Word, claims: Sequence[Claim], skip: Sequence[Word] = ()) -> list[Claim]:
        """The claims sharing most words or topics with the reference's phrase
        (less ``skip``: a possessor names the source, not the content)."""
        phrase = self.content_words(other for other in self._noun_phrase(word) if other not in skip)
        scored = []
        for claim in claims:
            content = self.content_of[claim.id]
            score = len(phrase & self.words_of[claim.id]) + sum(
                topic.holds(phrase, content) for topic in self.compiled.topics
            )
            if score:
                scored.append((score, claim))
        best = max((score for score, _ in scored), default=0)
        return [claim for score, claim in scored if score == best]

    def held_before(self, noun: Word, before: int) -> bool:
        """Whether an earlier claim's content holds the noun ("confirmed the transfers")."""
        return bool(self.holders(noun, before, set()))

    def holders(self, noun: Word, before: int, hosts: set[str]) -> list[Claim]:
        return [
            claim
            for claim in self.claims
            if claim.id not in hosts and claim.content.end <= before and noun.lemma in self.words_of[claim.id]
        ]

    def by_content(self, words: frozenset[str], hosts: set[str], link: Link | None) -> list[Claim]:
        if link is None or not words:
            return []
        return [
            claim
            for claim in self.claims
            if claim.id not in hosts and link.holds(words, self.words_of[claim.id])
        ]

    def by_party(self, party: tuple[int, int], hosts: set[str]) -> list[Claim]:
        """Claims whose content names the party (or what it leads), not made by it.

        The party is named by its proper names and their aliases ("United
        States officials": United States, US, Washington ...), else by its
        head noun ("The army did not respond": the army), or what the head
        speaks for ("A ministry spokesman": the ministry).
        """
        regex = self._party_regex(self.document.within(*party))
        if regex is None:
            return []
        if regex not in self.named:
            # Every claim naming the party, found once per party: a text
            # that names it often asks for it often.
            self.named[regex] = [claim for claim in self.claims if self._names(regex, claim)]
        return [claim for claim in self.named[regex] if claim.id not in hosts]

    def _names(self, regex: re.Pattern[str], claim: Claim) -> bool:
        """Whether the claim's content (or the object of "condemned X for Y")
        names the party, and its source does not."""
        if claim.source is not None and (
            regex.search(claim.source.text) or (claim.source.name and regex.search(claim.source.name))
        ):
            return False
        start, end = _scope(claim)
        if claim.source is not None and start <= claim.source.start < end:
            scope = self.text[start : claim.source.start] + " " + self.text[claim.source.end : end]
        else:
            scope = self.text[start:end]
        return bool(regex.search(scope))

    def _party_regex(self, words: Sequence[Word]) -> re.Pattern[str] | None:
        names = self._name_runs(words)
        if names:
            party_text = self.text[words[0].start : words[-1].end]
            for group in compiled_sources(self.rules).aliases:
                if any(re.search(_whole(name), party_text) for name in group):
                    names |= group
            terms = sorted(names, key=len, reverse=True)
            led = sorted(self._led_by(names))
            pattern = "|".join(re.escape(term) for term in terms)
            if led:
                pattern += "|(?i:" + "|".join(re.escape(word) for word in led) + ")"
            return re.compile(_whole_group(pattern))
        head = self._head_noun(words)
        if head is None:
            return None
        nouns = [head]
        if head.lemma in self.compiled.speakers:
            # "A ministry spokesman": the ministry.
            nouns = [word for word in words if word.upos in self.compiled.content_upos and word is not head] or nouns
        terms = sorted({term for noun in nouns for term in (noun.lower, noun.lemma)}, key=len, reverse=True)
        return re.compile(_whole_group("|".join(re.escape(term) for term in terms)), re.IGNORECASE)

    def _head_noun(self, words: Sequence[Word]) -> Word | None:
        """The noun heading a phrase ("The depot owner", "The army"): the one
        whose head lies outside it, else the last."""
        nouns = [word for word in words if word.upos in self.compiled.noun_upos]
        inside = {(word.sentence, word.id) for word in words}
        heads = [noun for noun in nouns if (noun.sentence, noun.head_id) not in inside]
        if heads:
            return heads[0]
        return nouns[-1] if nouns else None

    def _name_runs(self, words: Sequence[Word]) -> set[str]:
        """Runs of capitalised words that are not articles or pronouns: the names in a phrase."""
        runs = (
            list(run)
            for named, run in groupby(words, key=lambda w: w.capitalised and w.upos not in self.compiled.not_in_names)
            if named
        )
        names = {self.text[run[0].start : run[-1].end] for run in runs}
        return {name for name in names if len(name) > 1}

    def _led_by(self, names: set[str]) -> set[str]:
        return {alias for party, alias in self.extensions if party in names}

    def party_of(self, match: Match, words: Sequence[Word]) -> tuple[int, int] | None:
        """Who gave no answer: the 'party' group, else the subject of the verb in
        the match, with its dependents ("A spokesman for Delmar")."""
        if "party" in match.re.groupindex and match.group("party"):
            return match.span("party")
        inside = [word for word in words if match.start() <= word.start < match.end()]
        heads = {word.id for word in inside} | {word.head_id for word in inside if word.head_id}
        for word in words:
            if word.head_id in heads and word.start < match.start() and word.deprel in self.compiled.subject_deprels:
                return self._phrase_before(word, match.start())
        return None

    def subject_of(self, verb: Word) -> tuple[int, int] | None:
        """The span of the verb's subject phrase ("The rebels" rejected the charge)."""
        for word in self.document.sentence_of(verb).kids(verb, *self.compiled.subject_deprels):
            if word.start < verb.start:
                return self._phrase_before(word, verb.start)
        return None

    def _phrase_before(self, word: Word, end: int) -> tuple[int, int]:
        sentence = self.document.sentence_of(word)
        phrase = [other for other in sentence.subtree(word, skip=self.compiled.party_skip) if other.start < end]
        return phrase[0].start, phrase[-1].end


def _whole(name: str) -> str:
    return _whole_group(re.escape(name))


def _whole_group(alternatives: str) -> str:
    return r"(?<![\w])(?:" + alternatives + r")(?![\w])"


def hosts_of(claims: Sequence[Claim], start: int, end: int) -> set[str]:
    """Claims the evidence belongs to rather than bears on (it is their content or cue)."""
    hosts = set()
    for claim in claims:
        if claim.content.start <= start and end <= claim.content.end or claim.cue is not None and start <= claim.cue.start and claim.cue.end <= end:
            hosts.add(claim.id)
    return hosts


def made_by(claims: Sequence[Claim], party: tuple[int, int] | None) -> set[str]:
    """Claims whose source mention overlaps the party's phrase."""
    if party is None:
        return set()
    start, end = party
    return {claim.id for claim in claims if claim.source is not None and claim.source.start < end and start < claim.source.end}


def previous_claims(doc: Linking, sentence: int, hosts: set[str]) -> list[Claim]:
    """The claims of the nearest sentence at or before ``sentence`` (the host's own excluded)."""
    before = [claim for claim in doc.claims if claim.id not in hosts and doc.sentence_of(claim.content.start) <= sentence]
    return doc.adjacent(before, doc.document.sentence_span(sentence)[0])
