"""Detection: quotations and cue words, then one claim per attributed cue.

``find_claims`` walks the document sentence by sentence. Quotation spans are
found on the raw text first (so a quote can run over several sentences or
continue into the next paragraph); cue words come from ``rules/cues.yaml``
(verbs by Stanza lemma, phrases, nouns). Each cue is handed to
:mod:`claimtrack.stages.attribution`, which finds its source and content; cues that
yield nothing leave a :class:`~claimtrack.model.Diagnostic` saying why.
"""

from __future__ import annotations

import re
from collections import defaultdict

import attrs

from claimtrack.stages import attribution as attribute
from claimtrack.model import Claim, Diagnostic, span_of
from claimtrack.stages.noise import Lines
from claimtrack.ruleset.loader import Rule, RuleSet
from claimtrack.document import Sent, Word

__all__ = ["CueHit", "Found", "Lexicon", "Quote", "find_claims", "find_quotes"]


@attrs.frozen
class Quote:
    """A quotation: ``start``/``end`` are the opening and closing marks' offsets
    (the interior is ``text[start + 1:end]``); ``closed`` is False when the
    paragraph ended before a closing mark."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end

    def contains(self, offset: int) -> bool:
        return self.start < offset < self.end


@attrs.frozen
class Lexicon:
    verbs: dict[str, tuple[Rule, ...]]
    phrases: tuple[tuple[tuple[str, ...], Rule], ...]
    nouns: dict[str, Rule]
    extensions: tuple[tuple[tuple[str, ...], Rule], ...]
    subject_cases: frozenset[str]
    source_cuts: frozenset[str]
    quote_pairs: tuple[tuple[str, str, str], ...]
    classes: dict[str, Rule]
    not_cues: tuple[tuple[re.Pattern[str], Rule], ...] = ()

    def reportable(self, cls: str) -> bool:
        rule = self.classes.get(cls)
        return rule is None or rule.get("reportable", True)

    def first_person_counts(self, cls: str) -> bool:
        rule = self.classes.get(cls)
        return rule is None or rule.get("first_person", True)


def build_lexicon(rules: RuleSet) -> Lexicon:
    verbs: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules.section("cues", "verbs"):
        verbs[rule.get("lemma").lower()].append(rule)
    phrases = tuple(
        sorted(
            ((tuple(rule.get("words").lower().split()), rule) for rule in rules.section("cues", "phrases")),
            key=lambda item: -len(item[0]),
        )
    )
    nouns = {rule.get("lemma").lower(): rule for rule in rules.section("cues", "nouns")}
    extensions = tuple(
        sorted(
            ((tuple(rule.get("words").split()), rule) for rule in rules.section("cues", "extensions")),
            key=lambda item: -len(item[0]),
        )
    )
    cases = frozenset(
        case.lower()
        for rule in rules.section("cues", "subject_sources")
        for case in rule.get("cases")
    )
    cuts = frozenset(
        word.lower() for rule in rules.section("cues", "source_cuts") for word in rule.get("words")
    )
    quotes = tuple((rule.get("open"), rule.get("close"), rule.id) for rule in rules.section("cues", "quotes"))
    classes = {rule.get("name"): rule for rule in rules.section("cues", "classes")}
    not_cues = tuple((re.compile(rule.get("pattern")), rule) for rule in rules.section("cues", "not_cues"))
    return Lexicon(
        {lemma: tuple(found) for lemma, found in verbs.items()},
        phrases,
        nouns,
        extensions,
        cases,
        cuts,
        quotes,
        classes,
        not_cues,
    )


@attrs.frozen
class CueHit:
    """A cue word (or phrase) found in a sentence, before attribution."""

    words: tuple[Word, ...]
    rule: Rule
    kind: str  # verb, phrase or noun

    @property
    def head(self) -> Word:
        return self.words[0]

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


@attrs.frozen
class Found:
    claims: list[Claim]
    diagnostics: tuple[Diagnostic, ...]


def find_quotes(text: str, lexicon: Lexicon) -> list[Quote]:
    """Quotation spans, paired within a paragraph.

    Straight quotes alternate open/close; curly ones say which they are. A
    quote still open at the end of a paragraph continues only if the next
    paragraph opens with a quotation mark (the newspaper convention for a
    quote running over paragraphs); otherwise it is closed at the paragraph's
    end and marked unclosed, so one stray mark never swallows the article.
    """
    openers = {pair[0]: pair for pair in lexicon.quote_pairs}
    quotes: list[Quote] = []
    open_at: int | None = None
    open_pair = None
    paragraphs = _paragraphs(text)
    for number, (p_start, p_end) in enumerate(paragraphs):
        if open_at is not None:
            continued = text[p_start:p_end].lstrip()[:1] == open_pair[0]
            if not continued:
                quotes.append(Quote(open_at, paragraphs[number - 1][1], closed=False))
                open_at = None
        for index in range(p_start, p_end):
            char = text[index]
            if open_at is None:
                if char in openers and _can_open(text, index, openers[char]):
                    open_at, open_pair = index, openers[char]
            elif char == open_pair[1] and _can_close(text, index, open_pair):
                quotes.append(Quote(open_at, index))
                open_at = None
            # Another opening mark inside an open quote (a paragraph's
            # continuation mark, or a stray one) changes nothing.
    if open_at is not None:
        quotes.append(Quote(open_at, paragraphs[-1][1] if paragraphs else len(text), closed=False))
    return [quote for quote in quotes if quote.end > quote.start + 1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((start, start + len(body)))
        start += len(line)
    return spans


def _can_open(text: str, index: int, pair) -> bool:
    if pair[0] != pair[1]:
        return True
    following = text[index + 1 : index + 2]
    return bool(following) and not following.isspace()


def _can_close(text: str, index: int, pair) -> bool:
    """A closing mark follows text, and is no apostrophe inside a word (don\u2019t)."""
    following = text[index + 1 : index + 2]
    if following.isalnum():
        return False
    if pair[0] != pair[1]:
        return True
    previous = text[index - 1 : index]
    return bool(previous) and not previous.isspace()


def _match_words(words: list[Word], start: int, sequence: tuple[str, ...]) -> bool:
    if start + len(sequence) > len(words):
        return False
    return all(words[start + k].lower == sequence[k] for k in range(len(sequence)))


def _excluded(text: str, sent: Sent, lexicon: Lexicon) -> set[int]:
    """Words inside a 'not a cue' pattern ('That said, ...')."""
    excluded: set[int] = set()
    chunk = text[sent.start : sent.end]
    for pattern, _rule in lexicon.not_cues:
        for match in pattern.finditer(chunk):
            start, end = sent.start + match.start(), sent.start + match.end()
            excluded.update(w.id for w in sent.words if start <= w.start and w.end <= end)
    return excluded


def find_cues(sent: Sent, lexicon: Lexicon, text: str = "") -> list[CueHit]:
    hits: list[CueHit] = []
    taken: set[int] = _excluded(text, sent, lexicon) if text else set()
    for index, _ in enumerate(sent.words):
        for sequence, rule in lexicon.phrases:
            if sent.words[index].id in taken:
                break
            if rule.get("source") == "possessive":
                words = _possessive_phrase(sent.words, index, sequence)
                if words:
                    hits.append(CueHit(words, rule, "phrase"))
                    taken.update(word.id for word in words)
                continue
            if _match_words(sent.words, index, sequence):
                if rule.get("initial") and any(w.upos != "PUNCT" for w in sent.words[:index]):
                    continue
                words = tuple(sent.words[index : index + len(sequence)])
                hits.append(CueHit(words, rule, "phrase"))
                taken.update(word.id for word in words)
    for index, word in enumerate(sent.words):
        if word.id in taken:
            continue
        noun = lexicon.nouns.get(word.lemma)
        if noun is not None and word.upos in ("NOUN", "PROPN"):
            link = _noun_link(sent.words, index + 1, noun)
            if link:
                hits.append(CueHit((word, *link), noun, "noun"))
                taken.update(w.id for w in (word, *link))
                continue
        rules = lexicon.verbs.get(word.lemma)
        if not rules or word.upos not in ("VERB", "AUX") or word.base_deprel in ("amod", "acl"):
            # 'the said company'; 'footage posted online' (a participle modifier)
            continue
        if _participle_modifier(sent, word):
            continue
        rule = _pick_verb_rule(sent, word, rules)
        if rule is not None:
            hits.append(CueHit((word,), rule, "verb"))
    return sorted(hits, key=lambda hit: hit.start)


def _participle_modifier(sent: Sent, word: Word) -> bool:
    """'footage posted online', 'videos shared on Telegram': a past participle
    right after a noun, with no auxiliary, modifies the noun."""
    if "VerbForm=Part" not in word.feats or "Tense=Past" not in word.feats:
        return False
    if sent.kids(word, "aux", "aux:pass"):
        return False
    previous = sent.words[word.index - 1 : word.index]
    return bool(previous) and previous[0].upos in ("NOUN", "PROPN")


def _possessive_phrase(words: list[Word], index: int, sequence: tuple[str, ...]) -> tuple[Word, ...] | None:
    """'in X's view': the first word here, the last a few words on, right
    after a possessive marker."""
    if len(sequence) != 2 or words[index].lower != sequence[0]:
        return None
    for end in range(index + 2, min(index + 8, len(words))):
        if words[end].lower == sequence[1] and words[end - 1].xpos == "POS":
            return (words[index], words[end])
        if words[end].upos in ("VERB", "PUNCT"):
            return None
    return None


def _noun_link(words: list[Word], index: int, rule: Rule) -> tuple[Word, ...] | None:
    for link in rule.get("links", ()):
        sequence = tuple(link.lower().split())
        if _match_words(words, index, sequence):
            return tuple(words[index : index + len(sequence)])
    return None


def _pick_verb_rule(sent: Sent, word: Word, rules: tuple[Rule, ...]) -> Rule | None:
    """Of several rules for one lemma: a passive-only rule for a passive
    verb, one whose particle follows the verb, one whose subjects fit the
    verb's subject, else the plain one."""
    plain = None
    passive = bool(sent.kids(word, "aux:pass"))
    for rule in rules:
        particle, subjects = rule.get("particle"), rule.get("subjects")
        if rule.get("passive"):
            if passive:
                return rule
        elif particle:
            if _next_word(sent, word, particle):
                return rule
        elif subjects:
            if attribute.evidential_subject(sent, word, subjects) is not None:
                return rule
        elif plain is None:
            plain = rule
    return plain


def _next_word(sent: Sent, word: Word, text: str) -> bool:
    following = sent.words[word.index + 1 : word.index + 2]
    return bool(following) and following[0].lower == text


def find_claims(text: str, doc, rules: RuleSet, lines: Lines) -> Found:
    lexicon = rules.compiled("cues.lexicon", build_lexicon)
    quotes = find_quotes(text, lexicon)
    sents = [Sent(sentence, i) for i, sentence in enumerate(doc.sentences) if sentence.words]
    drafts: list[attribute.Draft] = []
    diagnostics: list[Diagnostic] = []
    for sent in sents:
        if lines.skipped(sent.start, sent.end):
            continue
        heading = lines.heading_at(sent.start, sent.end)
        for hit in find_cues(sent, lexicon, text):
            outcome = attribute.attribute(text, sent, hit, quotes, lexicon)
            if isinstance(outcome, str):
                diagnostics.append(
                    Diagnostic(
                        cue=span_of(text, hit.start, hit.end),
                        sentence=span_of(text, sent.start, sent.end),
                        reason=outcome,
                        rule=hit.rule.id,
                    )
                )
                continue
            drafts.append(attrs.evolve(outcome, heading=heading))
    drafts = attribute.merge_overlapping(drafts)
    drafts += attribute.quote_continuations(text, quotes, drafts, lines)
    return Found(attribute.finish(text, drafts, quotes), tuple(diagnostics))
