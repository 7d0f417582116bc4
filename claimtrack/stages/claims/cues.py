"""Cue words: the rule set's cue vocabulary compiled (:class:`Lexicon`) and
the cues found in one sentence (:class:`CueHit`, :func:`find_cues`).

Verbs come by Stanza lemma, phrases and nouns by their words
(``rules/cues.yaml``); :func:`document_head` is the noun a document phrase
introduces ('in | a new poll').
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.ruleset.loader import Rule, RuleSet
from claimtrack.ruleset.regex import Regex
from claimtrack.stages.claims.phrases import (
    evidential_subject,
    speaker_pronoun,
)
from claimtrack.stages.claims.surface import (
    clause_of_verb_read_as_noun,
    predicate_read_as_noun,
    verb_read_as_noun,
)
from claimtrack.stages.claims.quotes import QuotePair
from claimtrack.stages.claims.set_off import closing_cue
from claimtrack.ud import FINITE_XPOS, NOUNS, VERBS

__all__ = ["CueHit", "Lexicon", "build_lexicon", "document_head", "find_cues"]


@attrs.frozen
class Lexicon:
    verbs: dict[str, tuple[Rule, ...]]
    phrases: tuple[tuple[tuple[str, ...], Rule], ...]
    nouns: dict[str, Rule]
    extensions: tuple[tuple[tuple[str, ...], Rule], ...]
    subject_cases: frozenset[str]
    source_cuts: frozenset[str]
    quote_pairs: tuple[QuotePair, ...]
    classes: dict[str, Rule]
    not_cues: tuple[tuple[Regex, Rule], ...] = ()
    unreal_determiners: frozenset[str] = frozenset()
    unreal_subjects: frozenset[str] = frozenset()
    unreal_negations: frozenset[str] = frozenset()
    unreal_marks: frozenset[str] = frozenset()
    labels: tuple[Rule, ...] = ()
    postmodifiers: frozenset[str] = frozenset()  # sources.yaml: 'people familiar with', 'sources close to'
    verb_forms: dict[str, tuple[Rule, ...]] = attrs.field(factory=dict)  # a verb entry's 'forms'

    def verb_rules(self, word: Word) -> tuple[Rule, ...] | None:
        """The verb entries for ``word``: by its lemma, or by its surface form
        when an entry lists it under ``forms`` (a lemma the lemmatiser gets wrong)."""
        return self.verbs.get(word.lemma) or self.verb_forms.get(word.lower)

    def near_cue(self, word: Word) -> str | None:
        """The cue lemma that ``word`` misses narrowly: its lemma is no cue,
        but that lemma less its last one or two letters is one, and the word's
        form starts with it ('vlogged', lemma 'vlogge', cue 'vlog')."""
        lemma = word.lemma.lower()
        for cut in (1, 2):
            stem = lemma[:-cut]
            if len(stem) >= 3 and stem in self.verbs and word.lower.startswith(stem):
                return stem
        return None

    constructions: dict[str, tuple[Rule, ...]] = attrs.field(factory=dict)  # frame -> rules that set the act
    question_words: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()  # a source phrase ends before a time phrase
    not_addressees: frozenset[str] = frozenset()  # objects that ask for something, not of someone
    # noun cues and extensions a report is made in ('said in a report that', 'said in an interview ... that')
    statement_nouns: frozenset[str] = frozenset()
    # 'wrote in his autobiography | that ...': a that-clause after such a phrase is the cue's
    venue_prepositions: frozenset[str] = frozenset()

    def act(self, rule: Rule) -> str:
        """A cue entry's act: its own, else its class's, else statement."""
        own = rule.get("act")
        if own:
            return str(own)
        cls = self.classes.get(rule.get("class"))
        return str(cls.get("act") or "statement") if cls is not None else "statement"

    def construction(self, frame: str, content: str) -> Rule | None:
        """The construction rule that decides the act of a claim read through
        ``frame`` (its ``ends_with``, if any, must end ``content``)."""
        for rule in self.constructions.get(frame, ()):
            ending = rule.get("ends_with")
            if not ending or content.rstrip().endswith(ending):
                return rule
        return None

    def extension_at(self, sent: Sent, index: int) -> tuple[tuple[Word, ...], Rule] | None:
        """The words of an ``extensions`` phrase ('in a statement') that
        start at word ``index`` of the sentence, and its rule."""
        for sequence, rule in self.extensions:
            words = sent.words[index : index + len(sequence)]
            if len(words) == len(sequence) and all(w.text.lower() == s.lower() for w, s in zip(words, sequence)):
                return tuple(words), rule
        return None

    def reportable(self, cls: str) -> bool:
        rule = self.classes.get(cls)
        return rule is None or rule.get("reportable", True)

    def first_person_counts(self, cls: str) -> bool:
        rule = self.classes.get(cls)
        return rule is None or rule.get("first_person", True)


def build_lexicon(rules: RuleSet) -> Lexicon:
    verbs: dict[str, list[Rule]] = defaultdict(list)
    forms: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules.section("cues", "verbs"):
        verbs[rule.get("lemma").lower()].append(rule)
        for form in rule.get("forms") or ():
            forms[form.lower()].append(rule)
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
    quotes = tuple(
        QuotePair(
            rule.get("open"), rule.get("close"), rule.id, bool(rule.get("paired_only")),
            tuple(rule.get("also_close") or ()),
        )
        for rule in rules.section("cues", "quotes")
    )
    classes = {rule.get("name"): rule for rule in rules.section("cues", "classes")}
    not_cues = tuple((rule.regex("pattern"), rule) for rule in rules.section("cues", "not_cues"))
    constructions: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules.section("cues", "constructions"):
        constructions[rule.get("frame")].append(rule)

    def unreal(field: str) -> frozenset[str]:
        return frozenset(word.lower() for rule in rules.section("cues", "unreal") for word in rule.get(field) or ())
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
        unreal("subject_determiners"),
        unreal("subject_words"),
        unreal("cue_negations"),
        unreal("marks"),
        tuple(rules.section("cues", "labels")),
        frozenset(
            lemma.lower() for rule in rules.section("sources", "postmodifiers") for lemma in rule.get("lemmas") or ()
        ),
        {form: tuple(found) for form, found in forms.items()},
        {frame: tuple(found) for frame, found in constructions.items()},
        frozenset(word.lower() for rule in rules.section("cues", "question_words") for word in rule.get("words")),
        frozenset(
            word.lower() for rule in rules.section("cues", "source_cuts")
            if rule.get("phrase_end") for word in rule.get("words")
        ),
        frozenset(
            word.lower() for rule in rules.section("cues", "constructions") for word in rule.get("not_addressees") or ()
        ),
        frozenset(lemma for lemma, rule in nouns.items() if not rule.get("owned"))
        | frozenset(words[-1] for words, _ in extensions if words[0] == "in"),  # 'in an interview'
        frozenset(word.lower() for rule in rules.section("cues", "venue_prepositions") for word in rule.get("words")),
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


def _match_words(words: list[Word], start: int, sequence: tuple[str, ...]) -> bool:
    if start + len(sequence) > len(words):
        return False
    return all(words[start + k].lower == sequence[k] for k in range(len(sequence)))


def _source_then_comma(sent: Sent, index: int, rule: Rule) -> bool:
    """One word of the rule's ``source_upos`` classes right after the phrase,
    or a short name, and then a comma: 'To her, ...', 'To Ana Ruiz, ...'."""
    tags = set(rule.get("source_upos"))
    for end in range(index, min(index + 4, len(sent.words))):
        word = sent.words[end]
        if word.lower == "," and end > index:
            return True
        if word.upos not in tags or rule.get("third_person") and speaker_pronoun(word):
            return False
    return False


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
                if rule.get("heads") and document_head(sent, sent.words[index + len(sequence) - 1], rule) is None:
                    continue  # 'in' before anything but a poll, a survey, a study ...
                if rule.get("source_upos") and not _source_then_comma(sent, index + len(sequence), rule):
                    continue  # 'To her, ...' but not 'To date, ...'
                words = tuple(sent.words[index : index + len(sequence)])
                hits.append(CueHit(words, rule, "phrase"))
                taken.update(word.id for word in words)
    for index, word in enumerate(sent.words):
        if word.id in taken:
            continue
        noun = lexicon.nouns.get(word.lemma)
        if noun is not None and word.upos in NOUNS and not predicate_read_as_noun(sent, word):
            link = _noun_link(sent.words, index + 1, noun)
            if link:
                hits.append(CueHit((word, *link), noun, "noun"))
                taken.update(w.id for w in (word, *link))
                continue
        rules = lexicon.verb_rules(word)
        if not rules or word.base_deprel == "amod":
            continue  # 'the said company'
        if (
            word.upos not in VERBS
            and clause_of_verb_read_as_noun(sent, word) is None
            and not verb_read_as_noun(sent, word)
        ):
            continue
        reports = _modifier_with_that_clause(sent, word)
        if (
            word.base_deprel == "acl"
            and not (word.deprel == "acl:relcl" and _clause_of_its_own(sent, word))
            and not closing_cue(sent, word)
            and not reports
        ):
            # 'footage posted online' (a participle modifier). A relative
            # clause with a subject reports: 'analysts who argue that X', and
            # the parser's relative clauses that are none ('Cost estimates,
            # he added, were ...', '"...," election law expert Rick Hasen
            # tweeted'); 'the things he said' has no content and gives none.
            continue
        if _participle_modifier(sent, word) and not reports:
            continue
        verb_rule = _pick_verb_rule(sent, word, rules)
        if verb_rule is not None:
            hits.append(CueHit((word,), verb_rule, "verb"))
    return sorted(hits, key=lambda hit: hit.start)


def _modifier_with_that_clause(sent: Sent, word: Word) -> bool:
    """'emails that night | showing that officials knew', 'an item |
    suggesting that X', 'text messages discovered on the phones | suggested
    that X': a participle modifier with a that-clause of its own reports what
    the noun it modifies says."""
    return any(
        kid.index > word.index and any(mark.lower == "that" for mark in sent.kids(kid, "mark"))
        for kid in sent.kids(word, "ccomp")
    )


def _clause_of_its_own(sent: Sent, word: Word) -> bool:
    """A relative clause that reports: one with a subject ('analysts who argue
    that X', 'Cost estimates, he added, were ...'), or one with neither a
    subject nor a relative word, which English does not have: the parser's
    reading of '"...," campaign manager Robby Mook wrote'."""
    if sent.kids(word, "nsubj"):
        return True
    return not any(kid.has("PronType=Rel") for kid in sent.kids(word)) and word.xpos in FINITE_XPOS


def _participle_modifier(sent: Sent, word: Word) -> bool:
    """'footage posted online', 'videos shared on Telegram': a past participle
    right after a noun, with no auxiliary, modifies the noun."""
    if "VerbForm=Part" not in word.feats or "Tense=Past" not in word.feats:
        return False
    if sent.kids(word, "aux", "aux:pass"):
        return False
    previous = sent.words[word.index - 1 : word.index]
    return bool(previous) and previous[0].upos in NOUNS and not closing_cue(sent, word)


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
            following = words[index + 1 : index + 2]
            if sequence[0] == "that" and "PronType=Rel" in words[index].feats and following and following[0].upos == "AUX":
                continue  # 'statements that were not made under oath': a relative clause
            return tuple(words[index : index + len(sequence)])
    return None


def _pick_verb_rule(sent: Sent, word: Word, rules: tuple[Rule, ...]) -> Rule | None:
    """Of several rules for one lemma: a passive-only rule for a passive
    verb, one whose particle follows the verb, one whose subjects fit the
    active verb's subject or whose objects its object, else the plain one."""
    plain = None
    passive = bool(sent.kids(word, "aux:pass"))
    for rule in rules:
        particle, subjects, objects = rule.get("particle"), rule.get("subjects"), rule.get("objects")
        if rule.get("passive"):
            if passive:
                return rule
        elif objects:
            if not passive and any(kid.lemma in objects for kid in sent.kids(word, "obj") if kid.index > word.index):
                return rule  # 'claimed | responsibility for the attack'
        elif particle:
            if _next_word(sent, word, particle):
                return rule
        elif subjects:
            if not passive and evidential_subject(sent, word, subjects) is not None:
                return rule  # not 'numbers above five are indicated using English words'
        elif plain is None:
            plain = rule
    return plain


def _next_word(sent: Sent, word: Word, text: str) -> bool:
    following = sent.words[word.index + 1 : word.index + 2]
    return bool(following) and following[0].lower == text


def document_head(sent: Sent, last: Word, rule: Rule) -> Word | None:
    """The noun a phrase cue with ``heads`` introduces ('in | a new poll'):
    the word the phrase's last word is the case marker of, when its lemma is
    one of the rule's heads; else None."""
    head = sent.head_of(last)
    heads = {word.lower() for word in rule.get("heads") or ()}
    if head is None or last.base_deprel != "case" or head.index <= last.index:
        return None
    if head.upos not in NOUNS or head.lemma.lower() not in heads:
        return None
    own = {word.lower() for word in rule.get("not_modifiers") or ()}
    if any(kid.lower in own for kid in sent.kids(head, "det", "nmod:poss", "amod")):
        return None  # 'in this study', 'in our analysis': the writer's own work
    return head
