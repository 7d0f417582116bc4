"""Who said it, as schema.org describes an author: a ``Person`` with a name
and a job title, or an organisation of the right kind.

The engine gives a source as the mention text ("The mayor", "police
spokeswoman Ina Dorn") with its entity's other mentions; this module reads a
name, a role and an honorific from those texts, using the titles, animate
head nouns and pronouns of ``rules/sources.yaml`` and the patterns in
``claimtrack/data/schema_org.yaml``:

- "The mayor, Jonas Petit" (or "The mayor" followed in the text by
  ", Jonas Petit,") -> Person, name "Jonas Petit", role "mayor";
- "Health Minister Ana Ruiz" -> Person, name "Ana Ruiz", role "Health Minister";
- "Mr Haddad" -> Person, name "Haddad", honorific "Mr";
- "the security official" (anonymous) -> Person with role "security official"
  and no name: an unnamed source is described, never given a name;
- "Prime Minister X's office" -> GovernmentOrganization (the office speaks).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import attrs
import yaml

__all__ = ["Author", "author_of", "author_of_mention", "is_pronoun", "one_line", "settings"]


@attrs.frozen
class Author:
    schema_type: str  # Person, Organization, GovernmentOrganization, ...
    source_type: str
    anonymous: bool
    mention: str  # the source as the text gives it, on one line
    name: str | None = None
    role: str | None = None
    honorific: str | None = None

    def to_json_ld(self) -> dict[str, Any]:
        item: dict[str, Any] = {"@type": self.schema_type}
        if self.name:
            item["name"] = self.name
        if self.honorific:
            item["honorificPrefix"] = self.honorific
        if self.role and self.schema_type == "Person":
            item["jobTitle"] = self.role
        item["description"] = f"{self.source_type} source" + (", anonymous" if self.anonymous else "")
        if not self.name:
            item["disambiguatingDescription"] = self.mention
        return item


@attrs.frozen
class _Reading:
    """What one mention text says: a name, a role, an honorific, whether it names a person."""

    name: str | None = None
    role: str | None = None
    honorific: str | None = None
    person: bool = False


@attrs.frozen
class _Vocabulary:
    person_types: frozenset[str]
    organization_types: dict[str, str]
    default_organization: str
    titles: tuple[tuple[tuple[str, ...], bool], ...]  # (words, honorific rather than job), longest first
    animate: frozenset[str]
    pronouns: frozenset[str]
    determiner: re.Pattern[str]
    name_word: re.Pattern[str]
    apposition: re.Pattern[str]
    possessive: re.Pattern[str]


@cache
def settings() -> dict[str, Any]:
    """``claimtrack/data/schema_org.yaml``."""
    text = resources.files("claimtrack").joinpath("data/schema_org.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def _vocabulary() -> _Vocabulary:
    from claimtrack.ruleset.loader import default_rules

    data, rules = settings(), default_rules()
    person_types = frozenset(data["person_types"])
    titles = sorted(
        (
            (tuple(words.split()), rule.get("type") in person_types)
            for rule in rules.section("sources", "titles")
            for words in rule.get("words")
        ),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    return _Vocabulary(
        person_types=person_types,
        organization_types=dict(data["organization_types"]),
        default_organization=data["default_organization_type"],
        titles=tuple(titles),
        animate=frozenset(
            lemma.lower()
            for rule in rules.section("sources", "head_nouns")
            if rule.get("animate")
            for lemma in rule.get("lemmas")
        ),
        pronouns=frozenset(
            word.lower() for rule in rules.section("sources", "pronouns") for word in rule.get("words")
        ),
        determiner=re.compile(data["determiner"], re.IGNORECASE),
        name_word=re.compile(data["name_word"]),
        apposition=re.compile(data["apposition_name"]),
        possessive=re.compile(data["possessive"]),
    )


def one_line(text: str) -> str:
    """Text as a reader sees it: line breaks and runs of spaces as one space."""
    return " ".join(text.split())


def author_of(result, source) -> Author:
    """The author of a claim whose source is ``source`` (a ClaimSource of ``result``)."""
    readings = [_read_mention(source.text, result.text[source.end :])]
    entity = _entity(result, source.entity)
    if entity is not None:
        readings += [_read_mention(m.text, result.text[m.end :]) for m in entity.mentions]
        readings.append(_read_mention(entity.name))
    mention = source.text if is_pronoun(source.text) or entity is None else entity.name
    return _author(readings, source.type, source.anonymous, mention)


def author_of_mention(mention: str, source_type: str, anonymous: bool) -> Author:
    """The author from a source's text alone (a tracked claim group keeps no more)."""
    return _author([_read_mention(mention)], source_type, anonymous, mention)


def _entity(result, entity_id: str | None):
    for entity in result.sources:
        if entity.entity == entity_id:
            return entity
    return None


def _author(readings: list[_Reading], source_type: str, anonymous: bool, mention: str) -> Author:
    words = _vocabulary()
    name = None if anonymous else _longest(r.name for r in readings)
    role = _longest(r.role for r in readings)
    honorific = _longest(r.honorific for r in readings)
    person = source_type in words.person_types or any(r.person for r in readings)
    if person:
        schema_type = "Person"
    else:
        schema_type = words.organization_types.get(source_type, words.default_organization)
        name = None if anonymous else one_line(mention)
        honorific = None
    return Author(schema_type, source_type, anonymous, one_line(mention), name, role, honorific)


def _first(values) -> str | None:
    return next((value for value in values if value), None)


def _longest(values) -> str | None:
    """The fullest of several readings ("police spokeswoman" over "spokeswoman"); the first on a tie."""
    return max((value for value in values if value), key=len, default=None)


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in _vocabulary().pronouns


def _read_mention(text: str, following: str = "") -> _Reading:
    """Name, role and honorific in one mention ("The mayor, Jonas Petit"), with
    a name in apposition right after it in ``following`` (", Jonas Petit,")."""
    words = _vocabulary()
    text = one_line(text)
    if not text or is_pronoun(text):
        return _Reading()
    parts = [_read_part(part) for part in text.split(", ")]
    after = words.apposition.match(following)
    if after:
        parts.append(_read_part(one_line(after.group(1))))
    return _Reading(
        name=_first(p.name for p in parts),
        role=_first(p.role for p in parts),
        honorific=_first(p.honorific for p in parts),
        person=any(p.person for p in parts),
    )


def _read_part(part: str) -> _Reading:
    """One piece of an apposition: "police spokeswoman Ina Dorn", "Mr Haddad"."""
    words = _vocabulary()
    tokens = words.determiner.sub("", part).split()
    owners = [i for i, token in enumerate(tokens[:-1]) if words.possessive.search(token)]
    if owners:  # "the minister's office": the head after the possessive speaks
        tokens = tokens[owners[-1] + 1 :]
    if not tokens:
        return _Reading()
    start = len(tokens)
    while start > 0 and words.name_word.match(tokens[start - 1]):
        start -= 1
    title = _title_before(tokens, start)
    if title is not None:
        _, title_end, honorific = title
        name = " ".join(tokens[title_end:]) or None
        label = " ".join(tokens[:title_end])
        if honorific:
            return _Reading(name=name, honorific=label, person=True)
        return _Reading(name=name, role=label, person=True)
    name = " ".join(tokens[start:]) or None
    role = " ".join(tokens[:start]) or None
    return _Reading(name=name, role=role, person=_animate(role))


def _title_before(tokens: list[str], name_start: int) -> tuple[int, int, bool] | None:
    """A title just before a name, or at the start of a run of capitalised words
    ("Health Minister Ana Ruiz"): its start, end and whether it is an honorific.
    A title needs a name after it: "Ministry of Justice" has none."""
    for words, honorific in _vocabulary().titles:
        for at in range(max(0, name_start - len(words)), len(tokens) - len(words)):
            if tuple(tokens[at : at + len(words)]) == words and at + len(words) >= name_start:
                return at, at + len(words), honorific
    return None


def _animate(role: str | None) -> bool:
    """Whether the role's head noun names a person ("police spokeswoman", "officials")."""
    if not role:
        return False
    head = role.split()[-1].lower()
    animate = _vocabulary().animate
    return head in animate or head.removesuffix("s") in animate or head.removesuffix("es") in animate
