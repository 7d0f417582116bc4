"""The confirmation vocabulary of ``rules/confirmation.yaml``, compiled once per rule set.

The statuses and what each one's evidence does, the cue lemmas and phrases,
the reference nouns and topics, the verbs whose object refers back, how a
party is read: the confirmation stage and the evidence links read them here,
never as names in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Confirmation
from claimtrack.ruleset.loader import Rule, RuleSet
from claimtrack.ruleset.regex import Regex

__all__ = ["ConfirmationRules", "Link", "NounObjects", "Reference", "Status", "Topic", "compiled_confirmation"]


@attrs.frozen
class Status:
    """A status and what its evidence does (``statuses`` in the rules)."""

    name: str
    rank: int
    names_its_object: bool
    nearest_claim: bool
    marks_own_claim: bool
    links_by_party: bool
    drops_claims_cued_inside: bool
    party_shares_content: bool
    content_objects: bool

    @classmethod
    def of(cls, rule: Rule) -> Status:
        flags = (
            "names_its_object",
            "nearest_claim",
            "marks_own_claim",
            "links_by_party",
            "drops_claims_cued_inside",
            "party_shares_content",
            "content_objects",
        )
        return cls(rule.get("name"), rule.get("rank"), *(bool(rule.get(flag)) for flag in flags))


@attrs.frozen
class Link:
    min_shared: int
    min_percent: int
    of_larger: bool  # the percentage is of the larger content's words (else the smaller's)

    def holds(self, first: frozenset[str], second: frozenset[str]) -> bool:
        shared = len(first & second)
        base = max(len(first), len(second)) if self.of_larger else min(len(first), len(second))
        return base > 0 and shared >= self.min_shared and shared * 100 >= self.min_percent * base


@attrs.frozen
class Reference:
    lemmas: frozenset[str]
    cue_classes: frozenset[str]
    rule: str


@attrs.frozen
class Topic:
    """A reference phrase mentioning the topic matches a content holding it."""

    mentions: frozenset[str]
    content_lemmas: frozenset[str]
    content_upos: frozenset[str]

    def holds(self, phrase: frozenset[str], content: Sequence[Word]) -> bool:
        return bool(self.mentions & phrase) and any(
            word.lemma in self.content_lemmas or word.upos in self.content_upos for word in content
        )


@attrs.frozen
class NounObjects:
    """Verbs whose object refers back to an earlier claim ("disputed the toll")."""

    upos: frozenset[str]
    object_deprels: tuple[str, ...]
    determiners: frozenset[str]
    possessor_deprels: tuple[str, ...]
    rule: str

    def referring_objects(self, verb: Word, document: Document) -> list[Word]:
        sentence = document.sentence_of(verb)
        return [
            noun
            for noun in sentence.kids(verb, *self.object_deprels)
            if any(kid.lower in self.determiners for kid in sentence.kids(noun))
            or (self.possessor_deprels and sentence.kids(noun, *self.possessor_deprels))
        ]


@attrs.frozen
class ConfirmationRules:
    statuses: dict[str, Status]
    default_status: str
    patterns: tuple[tuple[Regex, str, str], ...]
    lemmas: dict[str, tuple[str, str]]
    references: tuple[Reference, ...]
    topics: tuple[Topic, ...]
    noun_objects: tuple[NounObjects, ...]
    content_upos: frozenset[str]
    noun_upos: frozenset[str]
    subject_deprels: tuple[str, ...]
    party_skip: tuple[str, ...]
    not_in_names: frozenset[str]
    speakers: frozenset[str]
    negations: frozenset[str]
    negation_window: int
    same_content: Link | None
    corroboration: Link | None
    corroboration_rule: str | None
    corroboration_status: str | None
    party_extensions: tuple[Regex, ...]

    def status(self, name: str) -> Status:
        return self.statuses[name]

    def rank(self, name: str) -> int:
        status = self.statuses.get(name)
        return status.rank if status is not None else len(self.statuses) + 1


def _lower(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(value.lower() for value in values or ())


def _compile(rules: RuleSet) -> ConfirmationRules:
    def section(name: str) -> tuple[Rule, ...]:
        return rules.section("confirmation", name)

    patterns: list[tuple[Regex, str, str]] = []
    lemmas: dict[str, tuple[str, str]] = {}
    for rule in section("cues"):
        if rule.get("pattern"):
            patterns.append((rule.regex("pattern"), rule.get("status"), rule.id))
        for lemma in rule.get("lemmas") or ():
            lemmas.setdefault(lemma.lower(), (rule.get("status"), rule.id))
    links = {rule.id.rsplit(".", 1)[-1]: rule for rule in section("links")}

    def link(name: str) -> Link | None:
        rule = links.get(name)
        if rule is None:
            return None
        return Link(rule.get("min_shared"), rule.get("min_percent"), rule.get("percent_of") == "larger")

    statuses = {rule.get("name"): Status.of(rule) for rule in section("statuses")}
    defaults = [rule.get("name") for rule in section("statuses") if rule.get("default")]
    parties = section("parties")
    corroboration = links.get("corroboration")
    return ConfirmationRules(
        statuses=statuses,
        default_status=defaults[-1] if defaults else Confirmation().status,
        patterns=tuple(patterns),
        lemmas=lemmas,
        references=tuple(
            Reference(_lower(rule.get("lemmas")), frozenset(rule.get("cue_classes") or ()), rule.id)
            for rule in section("references")
        ),
        topics=tuple(
            Topic(_lower(rule.get("mentions")), _lower(rule.get("content_lemmas")), frozenset(rule.get("content_upos") or ()))
            for rule in section("topics")
        ),
        noun_objects=tuple(
            NounObjects(
                frozenset(rule.get("upos")),
                tuple(rule.get("object_deprels")),
                _lower(rule.get("determiners")),
                tuple(rule.get("possessor_deprels") or ()),
                rule.id,
            )
            for rule in section("noun_objects")
        ),
        content_upos=frozenset(upos for rule in section("content_words") for upos in rule.get("upos")),
        noun_upos=frozenset(upos for rule in section("content_words") for upos in rule.get("noun_upos") or ()),
        subject_deprels=tuple(deprel for rule in parties for deprel in rule.get("subject_deprels")),
        party_skip=tuple(deprel for rule in parties for deprel in rule.get("skip_deprels") or ()),
        not_in_names=frozenset(upos for rule in parties for upos in rule.get("not_in_names") or ()),
        speakers=frozenset(lemma.lower() for rule in parties for lemma in rule.get("speakers") or ()),
        negations=frozenset(word.lower() for rule in section("negations") for word in rule.get("words")),
        negation_window=max((rule.get("window") or 0 for rule in section("negations")), default=0),
        same_content=link("same_content"),
        corroboration=link("corroboration"),
        corroboration_rule=corroboration.id if corroboration is not None else None,
        corroboration_status=corroboration.get("status") if corroboration is not None else None,
        party_extensions=tuple(rule.regex("pattern") for rule in section("party_extensions")),
    )


def compiled_confirmation(rules: RuleSet) -> ConfirmationRules:
    """The confirmation rules of ``rules``, compiled once per rule set."""
    compiled: ConfirmationRules = rules.compiled("confirmation", _compile)
    return compiled
