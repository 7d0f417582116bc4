"""Confirmation: what the text says about whether each claim holds.

Evidence comes from four places, all described in ``rules/confirmation.yaml``:

- a claim's own cue ("the ministry denied that ...", "police confirmed ..."):
  the claim carries that status, and so do the claims it bears on;
- a confirm/deny/dispute verb that is no claim's cue, with an object that
  refers back ("Residents disputed the toll.", "Police confirmed the arrest.");
- phrases in the text ("could not independently verify", "there was no
  immediate response from X", "declined to comment");
- agreement between claims: a second, independent source saying the same
  thing corroborates it.

Evidence is linked to the claims it bears on by reference ("the
allegation", "the casualty figures": by the noun, then by the content the
phrase names), by the party named (a no-response from "United States
officials" bears on the claims that accuse the United States), and by shared
content words. When evidence disagrees, the status with the lowest rank in
the rules wins. The statuses, and what each does, are declared in the rules
only: no status name is written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from claimtrack.document import Document
from claimtrack.model import Claim, Confirmation, Cue, DocumentEvidence, Evidence, SourceEntity, span_of
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Match
from claimtrack.stages.confirmation.vocabulary import (
    ConfirmationRules,
    Link,
    compiled_confirmation,
)
from claimtrack.stages.confirmation.links import (
    Linking,
    hosts_of,
    inside,
    made_by,
    negated,
    previous_claims,
)
from claimtrack.stages.findings import Findings
from claimtrack.stages.sources.vocabulary import compiled_sources

__all__ = ["set_confirmation"]


_Found = list[tuple[str, str, Evidence]]  # (claim id, status, evidence)
_Phrase = tuple[Match, str, str]  # (match, status, rule id)
_Loose = list[tuple[str, Evidence]]  # (status, evidence) that bears on no claim


def _phrase_matches(text: str, compiled: ConfirmationRules) -> list[_Phrase]:
    """Every status phrase in the text: (match, status, rule id)."""
    return [(match, status, rule) for regex, status, rule in compiled.patterns for match in regex.finditer(text)]


def _phrase_evidence(doc: Linking, matches: list[_Phrase], loose: _Loose) -> _Found:
    """(claim id, status, evidence) for every status phrase in the text; a
    phrase that bears on no claim goes to ``loose``."""
    found: _Found = []
    for match, name, rule in matches:
        status = doc.compiled.status(name)
        evidence_span = span_of(doc.text, match.start(), match.end())
        evidence = Evidence(evidence_span.text, evidence_span.start, evidence_span.end, rule)
        sentence = doc.sentence_of(match.start())
        words = doc.document.sentence_words(sentence)
        party = doc.party_of(match, words)
        own = hosts_of(doc.claims, match.start(), match.end())
        # Evidence bears neither on the phrase's own claims nor on the party's.
        hosts = own | made_by(doc.claims, party)
        outside = [word for word in words if not (match.start() <= word.start < match.end())]
        # "dismissed the report as false" names its object inside the match;
        # "did not respond to requests for comment" does not.
        referring = words if status.names_its_object else outside
        targets = doc.by_reference(referring, match.start(), hosts, party)
        if not targets and party:
            targets = doc.by_party(party, hosts)
        if not targets:
            targets = doc.by_content(doc.content_words(outside), hosts, doc.compiled.same_content)
        if not targets and status.nearest_claim:
            targets = previous_claims(doc, sentence, hosts)
        if status.marks_own_claim:
            targets += [claim for claim in doc.claims if claim.id in own and claim.cue is not None]
        if not targets:
            loose.append((name, evidence))
        found.extend((claim.id, name, evidence) for claim in targets)
    return found


def _cue_entry(cue: Cue, doc: Linking) -> tuple[str, str] | None:
    """The (status, rule) of a claim's own cue, if it confirms, denies or disputes."""
    cue_words = doc.document.within(cue.start, cue.end)
    if any(negated(word, doc.document, doc.compiled) for word in cue_words):
        return None
    lemmas = doc.compiled.lemmas
    return next((lemmas[word.lemma] for word in cue_words if word.lemma in lemmas), None) or lemmas.get(cue.lemma)


def _cue_evidence(doc: Linking, in_phrases: list[tuple[int, int]]) -> _Found:
    """Claims whose own cue confirms, denies or disputes, and the claims they bear on."""
    found: _Found = []
    for claim in doc.claims:
        if claim.cue is None or inside(claim.cue.start, claim.cue.end, in_phrases):
            continue
        entry = _cue_entry(claim.cue, doc)
        if entry is None:
            continue
        name, rule = entry
        evidence = Evidence(claim.cue.text, claim.cue.start, claim.cue.end, rule)
        found.append((claim.id, name, evidence))
        others = {claim.id} | {
            other.id
            for other in doc.claims
            if other.source is not None and claim.source is not None and other.source.entity == claim.source.entity
        }
        source = (claim.source.start, claim.source.end) if claim.source is not None else None
        targets = doc.by_reference(doc.content_of[claim.id], claim.content.start, others, source)
        if not targets:
            targets = doc.by_content(doc.words_of[claim.id], others, doc.compiled.same_content)
        status = doc.compiled.status(name)
        if not targets and status.links_by_party and source is not None:
            targets = doc.by_party(source, others)
            if status.party_shares_content:
                party = doc.content_words(doc.document.within(*source))
                targets = [target for target in targets if (doc.words_of[target.id] & doc.words_of[claim.id]) - party]
        found.extend((target.id, name, evidence) for target in targets if target.parent != claim.id)
    return found


def _object_evidence(doc: Linking, in_phrases: list[tuple[int, int]], loose: _Loose) -> _Found:
    """A confirm/deny/dispute verb that is no claim's cue, whose object refers
    back: "Residents disputed the toll." bears on the claim giving the toll.
    With ``content_objects``, an object an earlier claim's content holds
    refers back too ("Reuters confirmed the transfers"); evidence that bears
    on no claim goes to ``loose``."""
    taken = [(claim.cue.start, claim.cue.end) for claim in doc.claims if claim.cue is not None] + in_phrases
    found: _Found = []
    for verb in doc.document.words:
        entry = doc.compiled.lemmas.get(verb.lemma)
        if entry is None:
            continue
        for frame in doc.compiled.noun_objects:
            if verb.upos not in frame.upos or inside(verb.start, verb.end, taken):
                continue
            name, rule = entry
            held = doc.compiled.status(name).content_objects
            objects = [
                noun
                for noun in frame.referring_objects(verb, doc.document)
                if doc.refers(noun) or held and doc.held_before(noun, verb.start)
            ]
            if not objects or negated(verb, doc.document, doc.compiled):
                continue
            evidence = Evidence(verb.text, verb.start, verb.end, rule)
            hosts = hosts_of(doc.claims, verb.start, verb.end)
            subject = doc.subject_of(verb)
            targets = []
            for noun in objects:
                targets += doc.by_reference([noun], verb.start, hosts, subject)
                if not doc.refers(noun):
                    targets += doc.nearest(doc.holders(noun, verb.start, hosts))
            if not targets and subject is not None and doc.compiled.status(name).links_by_party:
                # "The rebels rejected the charge": the claims about the rebels.
                targets = [claim for claim in doc.by_party(subject, hosts) if claim.content.start < verb.start]
            if not targets:
                loose.append((name, evidence))
            found.extend((claim.id, name, evidence) for claim in targets)
            break
    return found


def _alias_parties(claims: Sequence[Claim], aliases: Sequence[frozenset[str]]) -> dict[str, frozenset[int]]:
    """For each claim, the alias groups (by number) its source's text or name belongs to."""
    regexes = [
        re.compile(r"(?<![\w])(?:" + "|".join(re.escape(name) for name in group) + r")(?![\w])")
        for group in aliases
    ]
    return {
        claim.id: frozenset(
            number for number, regex in enumerate(regexes)
            if claim.source is not None and regex.search(f"{claim.source.text} {claim.source.name}")
        )
        for claim in claims
    }


def _corroborating_pairs(
    claims: Sequence[Claim], words_of: dict[str, frozenset[str]], link: Link, parties: dict[str, frozenset[int]]
) -> list[tuple[Claim, Claim]]:
    """Pairs of sourced claims (in document order) with the same content, by
    ``link``, from independent sources: different source entities, no alias
    group in common ("Iraq" and "the Iraqi government" are one party), neither
    reporting the other. Claims are grouped by their content words and by
    (entity, alias groups): the link is tested once per pair of word sets
    that share a word (an index from word to word sets), independence once
    per pair of groups, so the time grows with the pairs found, not with
    every pair of claims (a text that repeats its claims has many twins)."""
    groups: dict[frozenset[str], dict[tuple[str | None, frozenset[int]], list[int]]] = {}
    for position, claim in enumerate(claims):
        entity = claim.source.entity if claim.source is not None else None
        groups.setdefault(words_of[claim.id], {}).setdefault((entity, parties[claim.id]), []).append(position)
    sets = list(groups)
    if link.min_shared < 1 and link.min_percent <= 0:
        candidates = {(i, j) for i in range(len(sets)) for j in range(i, len(sets))}
    else:
        holders: dict[str, list[int]] = {}
        for number, words in enumerate(sets):
            for word in words:
                holders.setdefault(word, []).append(number)
        candidates = {(i, j) for numbers in holders.values() for k, i in enumerate(numbers) for j in numbers[k:]}
    pairs = []
    for i, j in candidates:
        if not link.holds(sets[i], sets[j]):
            continue
        left, right = list(groups[sets[i]].items()), list(groups[sets[j]].items())
        for k, ((entity, alias), positions) in enumerate(left):
            for (other_entity, other_alias), other_positions in right[k + 1 :] if i == j else right:
                if entity == other_entity or alias & other_alias:
                    continue
                for a in positions:
                    for b in other_positions:
                        first, second = (a, b) if a < b else (b, a)
                        if claims[first].parent != claims[second].id and claims[second].parent != claims[first].id:
                            pairs.append((first, second))
    return [(claims[first], claims[second]) for first, second in sorted(pairs)]


def _corroboration(doc: Linking) -> _Found:
    """Two claims from independent sources with the same content (headings only restate)."""
    link, rule, name = doc.compiled.corroboration, doc.compiled.corroboration_rule, doc.compiled.corroboration_status
    if link is None or rule is None or name is None:
        return []
    found = []
    sourced = [claim for claim in doc.claims if claim.source is not None and claim.source.entity and not claim.heading]
    parties = _alias_parties(sourced, compiled_sources(doc.rules).aliases)
    for first, second in _corroborating_pairs(sourced, doc.words_of, link, parties):
        for claim, other in ((first, second), (second, first)):
            found.append((claim.id, name, Evidence(other.content.text, other.content.start, other.content.end, rule)))
    return found


# --------------------------------------------------------------------------
# claims that are no claims: "did not respond to a request to comment on ..."


def _silenced(found: Findings, matches: list[_Phrase], compiled: ConfirmationRules) -> Findings:
    """Drop the claims whose cue lies inside a phrase of a status that says the
    party gave no answer, with their source mentions; parents that go are cleared."""
    spans = [
        (match.start(), match.end())
        for match, name, _ in matches
        if compiled.status(name).drops_claims_cued_inside
    ]
    dropped = [
        claim for claim in found.claims if claim.cue is not None and inside(claim.cue.start, claim.cue.end, spans)
    ]
    if not dropped:
        return found
    gone = {claim.id for claim in dropped}
    kept = [claim for claim in found.claims if claim.id not in gone]
    kept = [attrs.evolve(claim, parent=None) if claim.parent in gone else claim for claim in kept]
    still_cited = {(claim.source.start, claim.source.end) for claim in kept if claim.source is not None}
    silent = {(claim.source.start, claim.source.end) for claim in dropped if claim.source is not None} - still_cited
    return attrs.evolve(found, claims=tuple(kept), sources=_without_mentions(found.sources, silent))


def _without_mentions(entities: Sequence[SourceEntity], spans: set[tuple[int, int]]) -> tuple[SourceEntity, ...]:
    """The entities less the mentions at ``spans``; an entity left with none goes."""
    kept = []
    for entity in entities:
        mentions = tuple(mention for mention in entity.mentions if (mention.start, mention.end) not in spans)
        if mentions:
            kept.append(entity if len(mentions) == len(entity.mentions) else attrs.evolve(entity, mentions=mentions))
        elif not entity.mentions:
            kept.append(entity)
    return tuple(kept)


# --------------------------------------------------------------------------
# the stage


def set_confirmation(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """The stage: set ``confirmation`` (status and evidence) on every claim."""
    compiled = compiled_confirmation(rules)
    matches = _phrase_matches(document.text, compiled)
    found = _silenced(found, matches, compiled)
    linking = Linking(document.text, document, found.claims, compiled, rules)
    loose: _Loose = []
    phrases = _phrase_evidence(linking, matches, loose)
    in_phrases = [(match.start(), match.end()) for match, _, _ in matches]
    links = phrases + _cue_evidence(linking, in_phrases) + _object_evidence(linking, in_phrases, loose)
    links += _corroboration(linking)
    by_claim: dict[str, list[tuple[str, Evidence]]] = {}
    for claim_id, status, evidence in links:
        by_claim.setdefault(claim_id, []).append((status, evidence))
    confirmed = []
    for claim in found.claims:
        entries = by_claim.get(claim.id, [])
        status = min((name for name, _ in entries), key=compiled.rank, default=compiled.default_status)
        listed = sorted(
            {evidence for entry_status, evidence in entries if entry_status == status},
            key=lambda item: (item.start, item.end, item.rule),
        )
        confirmed.append(attrs.evolve(claim, confirmation=Confirmation(status, tuple(listed))))
    unlinked = sorted(
        (DocumentEvidence(evidence.text, evidence.start, evidence.end, evidence.rule, status) for status, evidence in loose),
        key=lambda item: (item.start, item.end),
    )
    return attrs.evolve(found, claims=tuple(confirmed), evidence=tuple(unlinked))
