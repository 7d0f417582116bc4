"""The sources vocabulary of ``rules/sources.yaml``, compiled once per rule set.

Every other sources module reads the rules through :func:`compiled_sources`,
so the YAML is turned into lookups (dicts by lemma, name regexes, titles
longest first) in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Regex

__all__ = ["UNKNOWN", "EmployerRule", "HeadNoun", "PronounRule", "SourceRules", "compiled_sources"]

UNKNOWN = "unknown"


@attrs.frozen
class HeadNoun:
    type: str
    animate: bool | None
    rule: str
    joins: frozenset[str] = frozenset()  # a generic noun ("the group"): the named bodies' types it joins

    @property
    def generic(self) -> bool:
        return bool(self.joins)


@attrs.frozen
class PronounRule:
    number: str
    animate: bool | None
    rule: str
    resolve: bool = True
    gender: str | None = None


@attrs.frozen
class EmployerRule:
    """A role ("spokeswoman") that takes the type of the body it speaks for."""

    links: frozenset[str]  # prepositions that attach the body: "for the airline"
    types: frozenset[str]  # the body types passed on to the role
    rule: str


@attrs.frozen
class SourceRules:
    types: frozenset[str]
    gazetteer: tuple[tuple[re.Pattern[str], str, str], ...]  # (names regex, type, rule)
    metonymy: dict[str, tuple[str, str]]
    aliases: tuple[frozenset[str], ...]
    endings: tuple[tuple[str, str, str], ...]  # (ending, type, rule), longest first
    titles: tuple[tuple[tuple[str, ...], str, str], ...]  # (words, type, rule), longest first
    title_gender: dict[str, str]  # title rule id -> gender
    heads: dict[str, HeadNoun]
    patterns: tuple[tuple[Regex, str, str, bool], ...]  # (regex, type, rule, whole mention)
    apposition: tuple[Regex, ...]
    naming: tuple[Regex, ...]  # ", who gave his name only as | Musa,": the name follows the match
    name_defaults: tuple[tuple[Regex, str, str], ...]
    ner_types: dict[str, tuple[str, str]]  # NER label -> (type, rule)
    animate_types: frozenset[str]  # types whose head nouns all name people
    pronouns: dict[str, PronounRule]
    anonymous_heads: frozenset[str]
    anonymity_cues: tuple[tuple[Regex, str], ...]
    postmodifiers: frozenset[str]  # lemmas that end a noun phrase: "people | familiar with"
    employers: dict[str, EmployerRule]  # role lemma -> rule
    fallback_rules: frozenset[str]  # ids of the rules that type a name nothing else knows
    pattern_rules: frozenset[str] = frozenset()  # ids of the phrase patterns ("the defence ministry")
    pronoun_type: str | None = None  # the type of a source named by a personal pronoun ('she said')
    impersonal_types: frozenset[str] = frozenset()  # types 'he' and 'she' never refer to


def _names_regex(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _compile(rules: RuleSet) -> SourceRules:
    heads = _head_nouns(rules)
    pronouns = _pronouns(rules)
    metonymy: dict[str, tuple[str, str]] = {}
    for rule in rules.section("sources", "metonymy"):
        for name in rule.get("names"):
            metonymy.setdefault(name, (rule.get("type"), rule.id))
    endings = sorted(
        ((word, rule.get("type"), rule.id) for rule in rules.section("sources", "name_endings") for word in rule.get("words")),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    titles = sorted(
        (
            (tuple(word.split()), rule.get("type"), rule.id)
            for rule in rules.section("sources", "titles")
            for word in rule.get("words")
        ),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    return SourceRules(
        types=frozenset(rule.get("name") for rule in rules.section("sources", "types")),
        pronoun_type=next(
            (rule.get("name") for rule in rules.section("sources", "types") if rule.get("of_personal_pronoun")), None
        ),
        impersonal_types=frozenset(
            rule.get("name") for rule in rules.section("sources", "types") if rule.get("personal_pronouns") is False
        ),
        gazetteer=tuple(
            (_names_regex(rule.get("names")), rule.get("type"), rule.id)
            for rule in rules.section("sources", "gazetteer")
        ),
        metonymy=metonymy,
        aliases=tuple(frozenset(rule.get("names")) for rule in rules.section("sources", "aliases")),
        endings=tuple(endings),
        titles=tuple(titles),
        title_gender={
            rule.id: rule.get("gender") for rule in rules.section("sources", "titles") if rule.get("gender")
        },
        heads=heads,
        patterns=tuple(
            (rule.regex("pattern"), rule.get("type"), rule.id, rule.get("scope") == "mention")
            for rule in rules.section("sources", "patterns")
        ),
        apposition=tuple(
            rule.regex("pattern") for rule in rules.section("sources", "apposition_heads")
        ),
        naming=tuple(rule.regex("pattern") for rule in rules.section("sources", "naming_phrases")),
        ner_types={
            label: (rule.get("type"), rule.id)
            for rule in rules.section("sources", "ner_labels")
            for label in rule.get("labels")
        },
        name_defaults=tuple(
            (rule.regex("pattern"), rule.get("type"), rule.id)
            for rule in rules.section("sources", "name_defaults")
        ),
        animate_types=frozenset(
            type_
            for type_ in {head.type for head in heads.values()}
            if all(head.animate for head in heads.values() if head.type == type_)
        ),
        pronouns=pronouns,
        anonymous_heads=frozenset(
            lemma.lower() for rule in rules.section("sources", "anonymous_heads") for lemma in rule.get("lemmas")
        ),
        anonymity_cues=tuple(
            (rule.regex("pattern"), rule.id)
            for rule in rules.section("sources", "anonymity_cues")
        ),
        postmodifiers=frozenset(
            lemma.lower() for rule in rules.section("sources", "postmodifiers") for lemma in rule.get("lemmas")
        ),
        employers=_employers(rules),
        fallback_rules=frozenset(
            rule.id for section in ("ner_labels", "name_defaults") for rule in rules.section("sources", section)
        ),
        pattern_rules=frozenset(rule.id for rule in rules.section("sources", "patterns")),
    )


def _head_nouns(rules: RuleSet) -> dict[str, HeadNoun]:
    heads: dict[str, HeadNoun] = {}
    for rule in rules.section("sources", "head_nouns"):
        for lemma in rule.get("lemmas"):
            heads.setdefault(
                lemma.lower(), HeadNoun(rule.get("type"), rule.get("animate"), rule.id, frozenset(rule.get("joins") or ()))
            )
    return heads


def _pronouns(rules: RuleSet) -> dict[str, PronounRule]:
    pronouns: dict[str, PronounRule] = {}
    for rule in rules.section("sources", "pronouns"):
        for word in rule.get("words"):
            pronouns.setdefault(
                word.lower(),
                PronounRule(
                    rule.get("number", "any"), rule.get("animate"), rule.id, rule.get("resolve", True), rule.get("gender")
                ),
            )
    return pronouns


def _employers(rules: RuleSet) -> dict[str, EmployerRule]:
    employers: dict[str, EmployerRule] = {}
    for rule in rules.section("sources", "employers"):
        employer = EmployerRule(frozenset(rule.get("links")), frozenset(rule.get("types")), rule.id)
        for role in rule.get("roles"):
            employers.setdefault(role.lower(), employer)
    return employers


def compiled_sources(rules: RuleSet) -> SourceRules:
    compiled: SourceRules = rules.compiled("sources", _compile)
    return compiled
