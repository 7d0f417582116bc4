"""Confirmation: what the text says about whether each claim holds.

Evidence comes from three places, all described in ``rules/confirmation.yaml``:

- a claim's own cue ("the ministry denied that ...", "police confirmed ..."):
  the claim carries that status, and so do the claims it bears on;
- phrases in the text ("could not independently verify", "there was no
  immediate response from X", "declined to comment");
- agreement between claims: a second, independent source saying the same
  thing corroborates it.

Evidence is linked to the claims it bears on by reference ("the
allegation", "the report"), by the party named (a no-response from "United
States officials" bears on the claims that accuse the United States), and
by shared content words. When evidence disagrees, the status with the
lowest rank in the rules wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from claimtrack.model import Claim, Confirmation, Evidence, span_of
from claimtrack.document import Document, Word
from claimtrack.stages.sources import compiled_sources
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Regex
from claimtrack.stages.findings import Findings

__all__ = ["set_confirmation"]

_CONTENT_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_NAMES_ITS_OBJECT = frozenset({"denied", "disputed", "confirmed"})
_NEGATION_WINDOW = 3  # words before a cue verb searched for a negation ("did not confirm")


@attrs.frozen
class _Link:
    min_shared: int
    min_percent: int
    of_larger: bool  # the percentage is of the larger content's words (else the smaller's)

    def holds(self, first: frozenset[str], second: frozenset[str]) -> bool:
        shared = len(first & second)
        base = max(len(first), len(second)) if self.of_larger else min(len(first), len(second))
        return base > 0 and shared >= self.min_shared and shared * 100 >= self.min_percent * base


@attrs.frozen
class _Reference:
    lemmas: frozenset[str]
    cue_classes: frozenset[str]
    rule: str


@attrs.frozen
class _Compiled:
    ranks: dict[str, int]
    patterns: tuple[tuple[Regex, str, str], ...]
    lemmas: dict[str, tuple[str, str]]
    references: tuple[_Reference, ...]
    negations: frozenset[str]
    same_content: _Link | None
    corroboration: _Link | None
    corroboration_rule: str | None
    party_extensions: tuple[Regex, ...]


def _compile(rules: RuleSet) -> _Compiled:
    patterns, lemmas = [], {}
    for rule in rules.section("confirmation", "cues"):
        if rule.get("pattern"):
            patterns.append((rule.regex("pattern"), rule.get("status"), rule.id))
        for lemma in rule.get("lemmas") or ():
            lemmas.setdefault(lemma.lower(), (rule.get("status"), rule.id))
    links = {rule.id.rsplit(".", 1)[-1]: rule for rule in rules.section("confirmation", "links")}

    def link(name: str) -> _Link | None:
        rule = links.get(name)
        if rule is None:
            return None
        return _Link(rule.get("min_shared"), rule.get("min_percent"), rule.get("percent_of") == "larger")

    ranks = {rule.get("name"): rule.get("rank") for rule in rules.section("confirmation", "statuses")}
    return _Compiled(
        ranks=ranks,
        patterns=tuple(patterns),
        lemmas=lemmas,
        references=tuple(
            _Reference(
                frozenset(lemma.lower() for lemma in rule.get("lemmas")),
                frozenset(rule.get("cue_classes") or ()),
                rule.id,
            )
            for rule in rules.section("confirmation", "references")
        ),
        negations=frozenset(
            word.lower() for rule in rules.section("confirmation", "negations") for word in rule.get("words")
        ),
        same_content=link("same_content"),
        corroboration=link("corroboration"),
        corroboration_rule=links["corroboration"].id if "corroboration" in links else None,
        party_extensions=tuple(
            rule.regex("pattern") for rule in rules.section("confirmation", "party_extensions")
        ),
    )


# --------------------------------------------------------------------------
# reading claims


def _content_words(words: Iterable[Word]) -> frozenset[str]:
    return frozenset(word.lemma for word in words if word.upos in _CONTENT_UPOS)


def _claim_words(claim: Claim, docwords: Document) -> frozenset[str]:
    ranges = [(part.start, part.end) for part in claim.content.parts] or [(claim.content.start, claim.content.end)]
    return _content_words(word for start, end in ranges for word in docwords.within(start, end))


def _scope(claim: Claim) -> tuple[int, int]:
    """The content and, for "condemned X for Y", the object between cue and content."""
    start, end = claim.content.start, claim.content.end
    if claim.cue is not None:
        start, end = min(start, claim.cue.end), max(end, claim.cue.start)
    return start, end


def _negated(word: Word, docwords: Document, compiled: _Compiled) -> bool:
    before = docwords.words[max(0, word.i - _NEGATION_WINDOW) : word.i]
    nearby = [other for other in before if other.sentence == word.sentence] + docwords.children(word)
    return any(other.text.lower() in compiled.negations for other in nearby)


# --------------------------------------------------------------------------
# linking evidence to claims


@attrs.define
class _Linking:
    text: str
    docwords: Document
    claims: Sequence[Claim]
    compiled: _Compiled
    rules: RuleSet
    words_of: dict[str, frozenset[str]] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.words_of = {claim.id: _claim_words(claim, self.docwords) for claim in self.claims}

    def sentence_of(self, offset: int) -> int:
        return self.docwords.sentence_at(offset)

    def by_reference(self, words: Sequence[Word], before: int, hosts: set[str]) -> list[Claim]:
        """Claims pointed back at by "the allegation", "the report", "the video"."""
        for word in words:
            lemma = word.lemma
            for reference in self.compiled.references:
                if lemma not in reference.lemmas:
                    continue
                earlier = [
                    claim
                    for claim in self.claims
                    if claim.id not in hosts
                    and claim.content.start < before
                    and (not reference.cue_classes or (claim.cue is not None and claim.cue.cls in reference.cue_classes))
                ]
                named = [claim for claim in earlier if lemma in self._claim_lemmas(claim)]
                chosen = named or earlier
                if chosen:
                    last = max(self.sentence_of(claim.content.start) for claim in chosen)
                    return [claim for claim in chosen if self.sentence_of(claim.content.start) == last]
        return []

    def _claim_lemmas(self, claim: Claim) -> set[str]:
        spans = [claim.source, claim.cue]
        return {
            word.lemma
            for span in spans
            if span is not None
            for word in self.docwords.within(span.start, span.end)
        }

    def by_content(self, words: frozenset[str], hosts: set[str], link: _Link | None) -> list[Claim]:
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
        head noun ("The army did not respond": the army).
        """
        regex = self._party_regex(self.docwords.within(*party))
        if regex is None:
            return []
        found = []
        for claim in self.claims:
            if claim.id in hosts:
                continue
            if claim.source is not None and (
                regex.search(claim.source.text) or (claim.source.name and regex.search(claim.source.name))
            ):
                continue
            start, end = _scope(claim)
            if claim.source is not None and start <= claim.source.start < end:
                scope = self.text[start : claim.source.start] + " " + self.text[claim.source.end : end]
            else:
                scope = self.text[start:end]
            if regex.search(scope):
                found.append(claim)
        return found

    def _party_regex(self, words: Sequence[Word]) -> re.Pattern[str] | None:
        names = _name_runs(self.text, words)
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
        nouns = [word for word in words if word.upos == "NOUN"]
        if not nouns:
            return None
        head = nouns[-1]
        terms = sorted({head.text.lower(), head.lemma}, key=len, reverse=True)
        return re.compile(_whole_group("|".join(re.escape(term) for term in terms)), re.IGNORECASE)

    def _led_by(self, names: set[str]) -> set[str]:
        led = set()
        for regex in self.compiled.party_extensions:
            for match in regex.finditer(self.text):
                if match.group("party") in names:
                    led.add(match.group("alias"))
        return led


def _whole(name: str) -> str:
    return _whole_group(re.escape(name))


def _whole_group(alternatives: str) -> str:
    return r"(?<![\w])(?:" + alternatives + r")(?![\w])"


def _name_runs(text: str, words: Sequence[Word]) -> set[str]:
    """Runs of capitalised words that are not articles or pronouns: the names in a phrase."""
    names, run = set(), []
    for word in [*words, None]:
        if word is not None and word.capitalised and word.upos not in ("DET", "PRON", "PUNCT", "ADP"):
            run.append(word)
            continue
        if run:
            names.add(text[run[0].start : run[-1].end])
        run = []
    return {name for name in names if len(name) > 1}


def _party_of(match: re.Match[str], words: Sequence[Word], docwords: Document, text: str) -> tuple[int, int] | None:
    """Who gave no answer: the 'party' group, else the subject of the verb in the match."""
    if "party" in match.re.groupindex and match.group("party"):
        return match.span("party")
    inside = [word for word in words if match.start() <= word.start < match.end()]
    heads = {word.id for word in inside} | {word.head_id for word in inside if word.head_id}
    for word in words:
        if word.deprel.startswith("nsubj") and word.head_id in heads and word.start < match.start():
            start = min(
                [word.start]
                + [other.start for other in words if other.head_id == word.id and other.start < word.start]
            )
            return start, word.end
    return None


def _hosts(claims: Sequence[Claim], start: int, end: int) -> set[str]:
    """Claims the evidence belongs to rather than bears on (it is their content or cue)."""
    hosts = set()
    for claim in claims:
        if claim.content.start <= start and end <= claim.content.end:
            hosts.add(claim.id)
        elif claim.cue is not None and start <= claim.cue.start and claim.cue.end <= end:
            hosts.add(claim.id)
    return hosts


def _previous_claims(doc: _Linking, sentence: int, hosts: set[str]) -> list[Claim]:
    """The claims of the nearest sentence at or before ``sentence`` (the host's own excluded)."""
    candidates = [
        claim
        for claim in doc.claims
        if claim.id not in hosts and doc.sentence_of(claim.content.start) <= sentence
    ]
    if not candidates:
        return []
    last = max(doc.sentence_of(claim.content.start) for claim in candidates)
    return [claim for claim in candidates if doc.sentence_of(claim.content.start) == last]


def _phrase_evidence(doc: _Linking) -> list[tuple[str, str, Evidence]]:
    """(claim id, status, evidence) for every status phrase in the text."""
    found = []
    for regex, status, rule in doc.compiled.patterns:
        for match in regex.finditer(doc.text):
            evidence_span = span_of(doc.text, match.start(), match.end())
            evidence = Evidence(evidence_span.text, evidence_span.start, evidence_span.end, rule)
            sentence = doc.sentence_of(match.start())
            words = doc.docwords.sentence_words(sentence)
            hosts = _hosts(doc.claims, match.start(), match.end())
            party = _party_of(match, words, doc.docwords, doc.text)
            outside = [word for word in words if not (match.start() <= word.start < match.end())]
            # "dismissed the report as false" names its object inside the match;
            # "did not respond to requests for comment" does not.
            referring = words if status in _NAMES_ITS_OBJECT else outside
            targets = doc.by_reference(referring, match.start(), hosts)
            if not targets and party:
                targets = doc.by_party(party, hosts)
            if not targets:
                targets = doc.by_content(_content_words(outside), hosts, doc.compiled.same_content)
            if not targets and status != "no_response":
                targets = _previous_claims(doc, sentence, hosts)
            if status == "denied":
                targets += [claim for claim in doc.claims if claim.id in hosts and claim.cue is not None]
            found.extend((claim.id, status, evidence) for claim in targets)
    return found


def _cue_evidence(doc: _Linking, inside_phrases: list[tuple[int, int]]) -> list[tuple[str, str, Evidence]]:
    """Claims whose own cue confirms, denies or disputes, and the claims they bear on."""
    found = []
    for claim in doc.claims:
        if claim.cue is None:
            continue
        cue_words = doc.docwords.within(claim.cue.start, claim.cue.end)
        entry = next(
            (doc.compiled.lemmas[word.lemma] for word in cue_words if word.lemma in doc.compiled.lemmas),
            None,
        ) or doc.compiled.lemmas.get(claim.cue.lemma)
        if entry is None or any(start <= claim.cue.start and claim.cue.end <= end for start, end in inside_phrases):
            continue
        if any(_negated(word, doc.docwords, doc.compiled) for word in cue_words):
            continue
        status, rule = entry
        evidence = Evidence(claim.cue.text, claim.cue.start, claim.cue.end, rule)
        found.append((claim.id, status, evidence))
        others = {claim.id} | {
            other.id
            for other in doc.claims
            if other.source is not None and claim.source is not None and other.source.entity == claim.source.entity
        }
        content_words = doc.docwords.within(claim.content.start, claim.content.end)
        targets = doc.by_reference(content_words, claim.content.start, others)
        if not targets:
            targets = doc.by_content(doc.words_of[claim.id], others, doc.compiled.same_content)
        if not targets and status in ("denied", "disputed") and claim.source is not None:
            targets = doc.by_party((claim.source.start, claim.source.end), others)
        found.extend((target.id, status, evidence) for target in targets if target.parent != claim.id)
    return found


def _independent(first: Claim, second: Claim, parties: dict[str, frozenset[int]]) -> bool:
    """Different sources, neither reporting the other, not two names of one party
    ("Iraq" and "the Iraqi government")."""
    if first.source.entity == second.source.entity or first.parent == second.id or second.parent == first.id:
        return False
    return not parties[first.id] & parties[second.id]


def _alias_parties(claims: Sequence[Claim], aliases: Sequence[frozenset[str]]) -> dict[str, frozenset[int]]:
    """For each claim, the alias groups (by number) its source's text or name belongs to."""
    regexes = [
        re.compile(r"(?<![\w])(?:" + "|".join(re.escape(name) for name in group) + r")(?![\w])")
        for group in aliases
    ]
    return {
        claim.id: frozenset(
            number for number, regex in enumerate(regexes)
            if regex.search(f"{claim.source.text} {claim.source.name}")
        )
        for claim in claims
    }


def _sharing_pairs(claims: Sequence[Claim], words_of: dict[str, frozenset[str]], link: _Link) -> list[tuple[Claim, Claim]]:
    """Pairs of claims (in document order) that share a content word: only
    they can have the same content. An index from word to claims, not a
    comparison of every pair."""
    if link.min_shared < 1 and link.min_percent <= 0:
        return [(first, second) for i, first in enumerate(claims) for second in claims[i + 1 :]]
    holders: dict[str, list[int]] = {}
    for position, claim in enumerate(claims):
        for word in words_of[claim.id]:
            holders.setdefault(word, []).append(position)
    pairs = {
        (first, second)
        for positions in holders.values()
        for i, first in enumerate(positions)
        for second in positions[i + 1 :]
    }
    return [(claims[first], claims[second]) for first, second in sorted(pairs)]


def _corroboration(doc: _Linking) -> list[tuple[str, str, Evidence]]:
    """Two claims from independent sources with the same content (headings only restate)."""
    link, rule = doc.compiled.corroboration, doc.compiled.corroboration_rule
    if link is None or rule is None:
        return []
    found = []
    sourced = [claim for claim in doc.claims if claim.source is not None and claim.source.entity and not claim.heading]
    parties = _alias_parties(sourced, compiled_sources(doc.rules).aliases)
    for first, second in _sharing_pairs(sourced, doc.words_of, link):
        if not _independent(first, second, parties):
            continue
        if link.holds(doc.words_of[first.id], doc.words_of[second.id]):
            for claim, other in ((first, second), (second, first)):
                found.append(
                    (claim.id, "corroborated", Evidence(other.content.text, other.content.start, other.content.end, rule))
                )
    return found


def set_confirmation(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """The stage: set ``confirmation`` (status and evidence) on every claim."""
    compiled = rules.compiled("confirmation", _compile)
    text, claims = document.text, found.claims
    document = _Linking(text, document, claims, compiled, rules)
    phrases = _phrase_evidence(document)
    inside = [(evidence.start, evidence.end) for _, _, evidence in phrases] + [
        (match.start(), match.end()) for regex, _, _ in compiled.patterns for match in regex.finditer(text)
    ]
    links = phrases + _cue_evidence(document, inside) + _corroboration(document)
    by_claim: dict[str, list[tuple[str, Evidence]]] = {}
    for claim_id, status, evidence in links:
        by_claim.setdefault(claim_id, []).append((status, evidence))
    confirmed = []
    for claim in claims:
        entries = by_claim.get(claim.id)
        if not entries:
            confirmed.append(claim)
            continue
        status = min((status for status, _ in entries), key=lambda name: compiled.ranks.get(name, len(compiled.ranks) + 1))
        evidence = sorted(
            {evidence for entry_status, evidence in entries if entry_status == status},
            key=lambda item: (item.start, item.end, item.rule),
        )
        confirmed.append(attrs.evolve(claim, confirmation=Confirmation(status, tuple(evidence))))
    return attrs.evolve(found, claims=confirmed)
