"""Source entities: groups of mentions that name the same source, and the
index that finds the earlier entity a new mention joins.

A mention joins by name (full and partial names, alias groups) or by a
definite description with the same head noun; pronouns are left to
:mod:`claimtrack.stages.sources.pronouns`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator

import attrs

from claimtrack.model import Span
from claimtrack.stages.sources.mentions import Mention
from claimtrack.stages.sources.vocabulary import UNKNOWN, SourceRules

__all__ = ["Entities", "Entity", "match_entity"]

_Earlier = Callable[[list["Entity"]], list["Entity"]]  # the candidates that came before a mention


@attrs.define
class Entity:
    mentions: list[Mention]
    anonymity_cues: list[Span] = attrs.field(factory=list)
    number: int = 0  # order of creation (ties in the searches below keep it)

    @property
    def last(self) -> int:
        return max(mention.span.start for mention in self.mentions)

    @property
    def first(self) -> int:
        return min(mention.span.start for mention in self.mentions)

    @property
    def named(self) -> list[Mention]:
        return [mention for mention in self.mentions if mention.name]

    @property
    def descriptions(self) -> set[str]:
        return {lemma for mention in self.mentions for lemma in mention.descriptions}

    @property
    def modifiers(self) -> set[str]:
        return {lemma for mention in self.mentions for lemma in mention.modifiers}

    @property
    def plural(self) -> bool:
        return any(mention.plural for mention in self.mentions if not mention.pronoun)

    @property
    def animate(self) -> bool | None:
        for mention in self._informative():
            if mention.animate is not None:
                return mention.animate
        return None

    @property
    def gender(self) -> str | None:
        return next((mention.gender for mention in self.mentions if mention.gender), None)

    @property
    def type(self) -> str:
        for mention in self._informative():
            if mention.type != UNKNOWN:
                return mention.type
        return UNKNOWN

    @property
    def best(self) -> Mention:
        return self._informative()[0]

    @property
    def label(self) -> str:
        """The entity's name as output: the best mention's text, or the proper
        name an apposition beside it gives ("The mayor" + ", Jonas Petit," ->
        "Jonas Petit")."""
        best = self.best
        if best.name and best.proper and best.name not in best.span.text:
            return best.name
        return best.span.text

    @property
    def role(self) -> str | None:
        """What the source is, as the text describes it ("mayor", "health director")."""
        return next((mention.role for mention in self._informative() if mention.role), None)

    def _informative(self) -> list[Mention]:
        """Mentions, most informative first: names, then longer descriptions, pronouns last."""
        return sorted(
            self.mentions,
            key=lambda mention: (
                mention.pronoun is not None,
                mention.name is None,
                not mention.proper,
                -len((mention.name or (mention.phrase or mention.core).text).split()),
                -len((mention.phrase or mention.core).text),
                mention.span.start,
            ),
        )

    def anonymous(self, compiled: SourceRules) -> bool:
        if self.anonymity_cues:
            return True
        described = [mention for mention in self.mentions if not mention.pronoun]
        return bool(described) and all(mention.unnamed for mention in described)


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(token for token in re.split(r"[\s\-]+", name) if token)


def initials(name: str) -> str | None:
    """The acronym a name is known by: itself when it is one ("WHO", "U.N."),
    else the initials of its capitalised words ("World Health Organization")."""
    letters = name.replace(".", "")
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters
    capitals = [token[0] for token in name_tokens(name) if token[:1].isupper()]
    return "".join(capitals) if len(capitals) >= 2 else None


def _acronym_of(first: str, second: str) -> bool:
    """True when one name is the acronym of the other: "WHO" / "World Health Organization"."""
    shorter, longer = sorted((first, second), key=len)
    return shorter.replace(".", "").isupper() and initials(longer) == initials(shorter) and " " in longer


def same_name(first: str, second: str, compiled: SourceRules) -> bool:
    """Full and partial names of one referent: "Ana Ruiz" / "Ruiz", "Halden Re" / "Halden".

    The shorter name must start or end the longer one; a name with a
    lower-case linking word ("Islamic Resistance in Iraq") only by its start.
    """
    if first == second:
        return True
    if any(first in group and second in group for group in compiled.aliases):
        return True
    (shorter, _), (longer, longer_name) = sorted(
        ((name_tokens(first), first), (name_tokens(second), second)), key=lambda item: len(item[0])
    )
    if not any(token[:1].isupper() for token in shorter):
        return False
    if longer[: len(shorter)] == shorter:
        return True
    linked = any(token.isalpha() and token.islower() for token in longer_name.split())
    return not linked and longer[-len(shorter) :] == shorter


class Entities:
    """The entities found so far, with indexes so that a new mention is
    compared only with the entities that can match it (by a shared name
    word, alias group or description), not with every entity."""

    def __init__(self, compiled: SourceRules):
        self.compiled = compiled
        self.items: list[Entity] = []
        self.by_key: dict[tuple[str, str], list[Entity]] = {}
        self.named: list[Entity] = []
        self.records: list[tuple[int, int, int, int, Entity]] = []  # start, end, entity no., position
        self.starts: list[int] = []
        self.longest = 0

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.items)

    def new(self) -> Entity:
        entity = Entity([], number=len(self.items))
        self.items.append(entity)
        return entity

    def add(self, entity: Entity, mention: Mention) -> None:
        entity.mentions.append(mention)
        keys = {("description", lemma) for lemma in mention.descriptions}
        if mention.name:
            if not any(other.name for other in entity.mentions[:-1]):
                self.named.append(entity)
            keys |= {("name", token) for token in name_tokens(mention.name)} | {("exact", mention.name)}
            keys |= {("alias", str(n)) for n, group in enumerate(self.compiled.aliases) if mention.name in group}
            keys |= set(_initials_keys(mention, self.compiled))
        for key in keys:
            holders = self.by_key.setdefault(key, [])
            if (not holders or holders[-1] is not entity) and entity not in holders:
                holders.append(entity)
        start, end = (mention.extent or mention.span).start, (mention.extent or mention.span).end
        record = (start, end, entity.number, len(entity.mentions) - 1, entity)
        at = bisect.bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.records.insert(at, record)
        self.longest = max(self.longest, end - start)

    def with_key(self, *keys: tuple[str, str]) -> list[Entity]:
        found = {id(entity): entity for key in keys for entity in self.by_key.get(key, ())}
        return sorted(found.values(), key=lambda entity: entity.number)

    def owners(self, start: int, end: int) -> dict[tuple[int, int], Entity]:
        """Mention spans starting in [start, end) (and any long enough to reach
        into it), each with the entity that holds it, in entity order."""
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        owner: dict[tuple[int, int], Entity] = {}
        for s, e, _, _, entity in sorted(self.records[first:last], key=lambda r: (r[2], r[3])):
            owner[(s, e)] = entity
        return owner


def _body(mention: Mention, compiled: SourceRules) -> bool:
    """A mention read as no person, or one whose animacy is open but whose
    type is a body's ("The Eastern Liberation Front", an armed group)."""
    return mention.animate is False or (mention.animate is None and mention.type not in compiled.animate_types)


def _initials_keys(mention: Mention, compiled: SourceRules) -> list[tuple[str, str]]:
    """Acronym keys, for bodies only (an "AP" is not "Ana Perez"; "The
    Eastern Liberation Front" is "The ELF")."""
    acronym = initials(mention.name) if mention.name and _body(mention, compiled) else None
    return [("initials", acronym)] if acronym else []


def match_entity(mention: Mention, entities: Entities, compiled: SourceRules) -> Entity | None:
    """The earlier entity this (non-pronoun) mention refers to, if any.

    A name joins the entity holding the same, a longer or a shorter name, or
    its acronym; a description joins the latest entity it describes. A
    description around a name ("the United Nations envoy") is tried as a
    description first, so that it joins the envoy rather than the UN.
    """

    def earlier(candidates: list[Entity]) -> list[Entity]:
        return sorted(
            (entity for entity in candidates if entity.first < mention.span.start), key=lambda entity: -entity.last
        )

    if mention.name and not mention.proper and not mention.indefinite:
        described = _by_description(mention, entities, earlier)
        if described is not None:
            return described
    if mention.name:
        return _by_name(mention, mention.name, entities, earlier, compiled)
    if _looks_like_name(mention):
        named = _by_name(mention, mention.core.text, entities, earlier, compiled)
        if named is not None:
            return named
    if mention.indefinite:
        return None
    described = _by_description(mention, entities, earlier)
    if described is not None:
        return described
    bare = not mention.modifiers
    if bare and mention.animate is False and mention.type != UNKNOWN:
        head = compiled.heads.get(mention.head)
        joins = head.joins if head is not None else frozenset()
        for entity in earlier(entities.named):
            if not entity.named or entity.animate is not False or entity.plural:
                continue
            if entity.type in joins:
                return entity  # "the group" after "The Tarsk Brigade, a militia, said"
            if entity.type == mention.type and not _called_otherwise(entity, mention, compiled):
                return entity
    return None


def _called_otherwise(entity: Entity, mention: Mention, compiled: SourceRules) -> bool:
    """Whether a body is already described by another specific noun, so that a
    specific description does not fit it ("The depot operator, Dorvan
    Logistics" is no "union"); a generic one ("the company") fits any."""
    head = compiled.heads.get(mention.head)
    if head is None or head.generic:
        return False
    return any(
        lemma != mention.head and lemma in compiled.heads and not compiled.heads[lemma].generic
        for lemma in entity.descriptions
    )


def _by_name(
    mention: Mention, name: str, entities: Entities, earlier: _Earlier, compiled: SourceRules
) -> Entity | None:
    keys = [("name", token) for token in name_tokens(name)] + [("exact", name)]
    keys += [("alias", str(n)) for n, group in enumerate(compiled.aliases) if name in group]
    keys += _initials_keys(mention, compiled)
    for entity in earlier(entities.with_key(*keys)):
        for other in entity.named:
            other_name = other.name or ""  # (a named mention's is never empty)
            if same_name(name, other_name, compiled):
                return entity
            if _body(mention, compiled) and _body(other, compiled) and _acronym_of(name, other_name):
                return entity
    return None


def _by_description(mention: Mention, entities: Entities, earlier: _Earlier) -> Entity | None:
    forms = mention.forms or frozenset({mention.head})
    for entity in earlier(entities.with_key(*(("description", form) for form in sorted(forms)))):
        if (
            forms & entity.descriptions
            and mention.modifiers <= entity.modifiers
            and mention.plural == entity.plural
        ):
            return entity
    return None


def _looks_like_name(mention: Mention) -> bool:
    """A capitalised word the parser did not call a name ("Petit" as a noun at
    the start of a sentence), tried against the names already seen."""
    if mention.pronoun is not None or mention.definite or mention.indefinite:
        return False
    tokens = name_tokens(mention.core.text)
    return bool(tokens) and all(token[:1].isupper() for token in tokens)
