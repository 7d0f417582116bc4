"""Pronoun sources: the entity a he/she/it/they source refers back to, and the
noun a relative pronoun ("the ministry, which said") stands for."""

from __future__ import annotations

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import span_of
from claimtrack.stages.sources.entities import Entities, Entity, match_entity
from claimtrack.stages.sources.mentions import Mention, analyse_mention, phrase_around
from claimtrack.stages.sources.vocabulary import PronounRule, SourceRules
from claimtrack.ud import CANDIDATE_RELATIONS, NOUNS

__all__ = ["owner_type", "pronoun_fits", "relative_antecedent", "resolve_pronoun"]


def pronoun_fits(
    pronoun: PronounRule,
    animate: bool | None,
    plural: bool,
    type_: str,
    gender: str | None,
    compiled: SourceRules,
) -> bool:
    if pronoun.gender and gender and pronoun.gender != gender:
        return False
    if pronoun.number == "singular" and plural:
        return False
    if pronoun.number == "plural" and not plural and animate is not False:
        return False
    if pronoun.animate is True:
        return animate is not False and type_ not in compiled.impersonal_types
    if pronoun.animate is False:
        return animate is not True and not plural
    return True


_LOOK_BACK = 3  # sentences before the pronoun's own searched for an antecedent


def _depth(word: Word, docwords: Document) -> int:
    return sum(1 for _ in docwords.sentence_of(word).ancestors(word))


@attrs.frozen
class _Candidate:
    """A noun phrase a pronoun may refer back to, and how likely a referent it is."""

    rank: tuple[int, int, int, int]  # sentence distance, not a subject, depth, position
    mention: Mention
    entity: Entity | None


def _candidates(
    mention: Mention, entities: Entities, text: str, docwords: Document, compiled: SourceRules
) -> list[_Candidate]:
    """Antecedent candidates, best first: nearer sentences, subjects, main clauses, earlier words.

    They are the noun phrases of the pronoun's sentence (before it) and the
    few sentences before, plus the earlier mentions of known sources.
    """
    here = docwords.sentence_at(mention.span.start)
    owner = entities.owners(docwords.sentence_span(max(0, here - _LOOK_BACK))[0], mention.span.start)
    found: list[_Candidate] = []
    for number in range(max(0, here - _LOOK_BACK), here + 1):
        for word in docwords.sentence_words(number):
            if word.start >= mention.span.start or word.upos not in NOUNS:
                continue
            if not word.deprel.split(":")[0] in CANDIDATE_RELATIONS:
                continue
            start, end = phrase_around(word, docwords)
            entity = next(
                (entity for (s, e), entity in owner.items() if s < end and start < e), None
            )
            rank = (here - number, 0 if word.deprel.startswith("nsubj") else 1, _depth(word, docwords), word.start)
            found.append(_Candidate(rank, analyse_mention(text, span_of(text, start, end), docwords, compiled), entity))
    for (start, end), entity in owner.items():
        if start < mention.span.start and here - docwords.sentence_at(start) <= _LOOK_BACK:
            words = docwords.within(start, end)
            depth = _depth(words[-1], docwords) if words else 0
            rank = (here - docwords.sentence_at(start), 0, depth, start)
            found.append(_Candidate(rank, entity.mentions[0], entity))
    return sorted(found, key=lambda candidate: candidate.rank)


def _fits(pronoun: PronounRule, candidate: _Candidate, compiled: SourceRules) -> bool:
    if candidate.entity is not None:
        entity = candidate.entity
        return pronoun_fits(pronoun, entity.animate, entity.plural, entity.type, entity.gender, compiled)
    other = candidate.mention
    if other.pronoun is not None or (other.name is None and other.animate is None):
        return False
    return pronoun_fits(pronoun, other.animate, other.plural, other.type, other.gender, compiled)


def resolve_pronoun(
    mention: Mention, entities: Entities, text: str, docwords: Document, compiled: SourceRules
) -> Entity:
    """The entity a pronoun source refers to: the best compatible candidate nearby,
    else the latest compatible source, else a new entity of its own."""
    pronoun = mention.pronoun
    if pronoun is None:
        return entities.new()  # (none: only pronouns come here)
    for candidate in _candidates(mention, entities, text, docwords, compiled):
        if not _fits(pronoun, candidate, compiled):
            continue
        if candidate.entity is not None:
            return candidate.entity
        known = match_entity(candidate.mention, entities, compiled)
        if known is not None:
            entities.add(known, candidate.mention)
            return known
        entity = entities.new()
        entities.add(entity, candidate.mention)
        return entity
    best_entity: Entity | None = None
    best_position = -1
    for entity in entities:
        positions = [other.span.start for other in entity.mentions if other.span.start < mention.span.start]
        if positions and max(positions) > best_position and pronoun_fits(
            pronoun, entity.animate, entity.plural, entity.type, entity.gender, compiled
        ):
            best_entity, best_position = entity, max(positions)
    if best_entity is not None:
        return best_entity
    return entities.new()


def owner_type(
    mention: Mention, entities: Entities, text: str, docwords: Document, compiled: SourceRules
) -> tuple[str, str] | None:
    """'Its chairman', 'their spokeswoman': a role that speaks for a body
    (``employers``), owned by a pronoun, takes the type of what the pronoun
    refers back to (a known source or a noun phrase nearby), with the
    employer rule's id. No entity is made for the owner."""
    words = docwords.within(mention.span.start, mention.span.end) or []
    roles = [compiled.employers[lemma] for lemma in (mention.head, *sorted(mention.descriptions)) if lemma in compiled.employers]
    if not words or not roles or mention.type_rule == roles[0].rule or words[0].feat("Poss") != "Yes":
        return None
    owner = analyse_mention(text, span_of(text, words[0].start, words[0].end), docwords, compiled)
    if owner.pronoun is None or not owner.pronoun.resolve:
        return None
    for candidate in _candidates(owner, entities, text, docwords, compiled):
        if not _fits(owner.pronoun, candidate, compiled):
            continue
        referent = candidate.entity or candidate.mention
        if referent.animate and not referent.plural:
            return None  # 'Her lawyer': a person's, not a body's
        return (referent.type, roles[0].rule) if referent.type in roles[0].types else None
    return None


def relative_antecedent(text: str, mention: Mention, docwords: Document, compiled: SourceRules) -> Mention | None:
    """For a relative pronoun source ("the ministry, which said ..."), the noun it stands for."""
    words = docwords.within(mention.span.start, mention.span.end)
    clause = docwords.head_of(words[0]) if len(words) == 1 and words[0].feat("PronType") == "Rel" else None
    if clause is None or not clause.deprel.startswith("acl"):
        return None
    noun = docwords.head_of(clause)
    if noun is None or noun.upos not in NOUNS or noun.start >= mention.span.start:
        return None
    start, end = phrase_around(noun, docwords)
    return analyse_mention(text, span_of(text, start, end), docwords, compiled)
