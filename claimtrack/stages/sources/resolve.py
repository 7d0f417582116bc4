"""Source resolution: group the source mentions of a document into entities,
type them, and flag the unnamed ones.

Each claim arrives with the source mention of its own sentence ("the
official", "She", "news agency AFP"). This stage decides which mentions name
the same source (full and partial names, repeated descriptions, appositions,
pronouns), gives every entity a type from ``rules/sources.yaml`` and an
anonymity flag, and writes the entity back onto every claim.

The work is split by concern: :mod:`~claimtrack.stages.sources.vocabulary` (the
compiled vocabulary), :mod:`~claimtrack.stages.sources.mentions` (one mention),
:mod:`~claimtrack.stages.sources.types` (type lookups),
:mod:`~claimtrack.stages.sources.entities` (grouping) and
:mod:`~claimtrack.stages.sources.pronouns` (pronoun antecedents); this module runs
them over a document and adds the anonymity cues.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimtrack.document import Document
from claimtrack.model import Claim, SourceEntity, span_of
from claimtrack.ruleset.loader import RuleSet
from claimtrack.stages.sources.descriptions import Descriptions
from claimtrack.stages.sources.entities import Entities, Entity, match_entity
from claimtrack.stages.findings import Findings
from claimtrack.stages.sources.mentions import Mention, analyse_mention
from claimtrack.stages.sources.pronouns import owner_type, relative_antecedent, resolve_pronoun
from claimtrack.stages.sources.repair import repaired_sources
from claimtrack.stages.sources.vocabulary import SourceRules, compiled_sources

__all__ = ["Mention", "analyse_mention", "compiled_sources", "resolve_sources"]


def resolve_sources(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """Group the claims' source mentions into entities S1, S2, ... and type them.

    Every claim with a source gets ``entity``, ``name``, ``type`` and
    ``anonymous`` filled in; the returned entities list their mentions and
    the anonymity cues found beside them, in order of first mention.
    """
    compiled = compiled_sources(rules)
    text, docwords = document.text, document
    claims = repaired_sources(found.claims, document, found.lines.datelines)
    spans = sorted(
        {(claim.source.start, claim.source.end) for claim in claims if claim.source is not None}
    )
    reach = _reach(claims, docwords)
    entities = Entities(compiled)
    descriptions = Descriptions(document, compiled)
    entity_of: dict[tuple[int, int], Entity] = {}
    analysed: dict[tuple[int, int], Mention] = {}
    for start, end in spans:
        mention = analyse_mention(text, span_of(text, start, end), docwords, compiled, reach.get((start, end)))
        analysed[(start, end)] = mention
        antecedent = relative_antecedent(text, mention, docwords, compiled)
        if antecedent is not None:
            entity = match_entity(antecedent, entities, compiled) or entities.new()
            entities.add(entity, antecedent)
        elif mention.pronoun is not None and mention.pronoun.resolve:
            entity = resolve_pronoun(mention, entities, text, docwords, compiled)
        elif mention.pronoun is not None:
            entity = entities.new()
        else:
            owned = owner_type(mention, entities, text, docwords, compiled)
            if owned is not None:
                mention = attrs.evolve(mention, type=owned[0], type_rule=owned[1])
            entity = match_entity(mention, entities, compiled) or _described(mention, entities, descriptions, compiled)
        entities.add(entity, mention)
        entity_of[(start, end)] = entity
    _attach_anonymity_cues(text, docwords, claims, entity_of, analysed, compiled)
    ordered = sorted(entities, key=lambda entity: entity.first)
    sources = []
    for number, entity in enumerate(ordered, start=1):
        sources.append(
            SourceEntity(
                entity=f"S{number}",
                name=entity.label,
                type=entity.type,
                anonymous=entity.anonymous(compiled),
                anonymity_cues=sorted(set(entity.anonymity_cues), key=lambda span: span.start),
                mentions=sorted({mention.span for mention in entity.mentions}, key=lambda span: span.start),
            )
        )
    by_entity = {id(entity): source for entity, source in zip(ordered, sources)}
    resolved = []
    for claim in claims:
        if claim.source is None:
            resolved.append(claim)
            continue
        source = by_entity[id(entity_of[(claim.source.start, claim.source.end)])]
        resolved.append(
            attrs.evolve(
                claim,
                source=attrs.evolve(
                    claim.source,
                    entity=source.entity,
                    name=source.name,
                    type=source.type,
                    anonymous=source.anonymous,
                ),
            )
        )
    return attrs.evolve(found, claims=resolved, sources=sources)


def _reach(claims: Sequence[Claim], docwords: Document) -> dict[tuple[int, int], int]:
    """For each source mention, where the words about it end: the cue after it
    in its sentence ("A video circulating online appeared to | show")."""
    reach: dict[tuple[int, int], int] = {}
    for claim in claims:
        source, cue = claim.source, claim.cue
        if source is None or cue is None or cue.start < source.end:
            continue
        if docwords.sentence_at(cue.start) == docwords.sentence_at(source.start):
            key = (source.start, source.end)
            reach[key] = max(reach.get(key, 0), cue.start)
    return reach


def _described(mention: Mention, entities: Entities, descriptions: Descriptions, compiled: SourceRules) -> Entity:
    """A new entity for a mention that joins none, or the entity of the name a
    describing mention elsewhere gives it ("Maria Lopez, the envoy, arrived.
    ... The envoy said")."""
    named = descriptions.named(mention) or descriptions.name_before(mention)
    if named is None:
        return entities.new()
    entity = match_entity(named, entities, compiled) or entities.new()
    entities.add(entity, named)
    return entity


def _attach_anonymity_cues(
    text: str,
    docwords: Document,
    claims: Sequence[Claim],
    entity_of: dict[tuple[int, int], Entity],
    analysed: dict[tuple[int, int], Mention],
    compiled: SourceRules,
) -> None:
    """Give each anonymity cue to the nearest source mention in its sentence that
    may be a person (not "tests", "the report")."""
    by_sentence: dict[int, list[tuple[int, int]]] = {}
    for start, end in entity_of:
        by_sentence.setdefault(docwords.sentence_at(start), []).append((start, end))
    for sentence, mentions in by_sentence.items():
        start, end = docwords.sentence_span(sentence)
        for regex, _rule in compiled.anonymity_cues:
            for match in regex.finditer(text, start, end):
                cue = span_of(text, match.start(), match.end())
                people = [mention for mention in mentions if analysed[mention].animate is not False]
                if not people:
                    continue
                nearest = min(people, key=lambda mention: _distance(mention, (cue.start, cue.end)))
                entity = entity_of[nearest]
                if cue not in entity.anonymity_cues:
                    entity.anonymity_cues.append(cue)


def _distance(mention: tuple[int, int], cue: tuple[int, int]) -> int:
    if cue[0] >= mention[1]:
        return cue[0] - mention[1]
    return max(0, mention[0] - cue[1])
