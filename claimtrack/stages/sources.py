"""Source resolution: group the source mentions of a document into entities,
type them, and flag the unnamed ones.

Each claim arrives with the source mention of its own sentence ("the
official", "She", "news agency AFP"). This stage decides which mentions name
the same source (full and partial names, repeated descriptions, appositions,
pronouns), gives every entity a type from ``rules/sources.yaml`` and an
anonymity flag, and writes the entity back onto every claim.

The shipped parser is small and makes mistakes ("official" tagged as an
adjective, "Hashed" as a verb), so the analysis of a mention leans on its
surface (capitals, punctuation, the rule vocabularies) and uses the parse
for lemmas, number, gender and clause boundaries.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Claim, SourceEntity, Span, span_of
from claimtrack.ruleset.loader import RuleSet
from claimtrack.ruleset.regex import Regex
from claimtrack.stages.findings import Findings

__all__ = ["Mention", "analyse_mention", "resolve_sources"]

# Punctuation that ends the noun phrase of a mention (not the hyphen of
# "al-Sudani" nor the full stop of "Gen.").
_PHRASE_BREAKS = frozenset(",;:()[]{}\"“”«»—–")
_UNKNOWN = "unknown"


# --------------------------------------------------------------------------
# compiled rules


@attrs.frozen
class _HeadNoun:
    type: str
    animate: bool | None
    rule: str


@attrs.frozen
class _Pronoun:
    number: str
    animate: bool | None
    rule: str
    resolve: bool = True
    gender: str | None = None


@attrs.frozen
class _Compiled:
    types: frozenset[str]
    gazetteer: tuple[tuple[re.Pattern[str], str, str], ...]  # (names regex, type, rule)
    metonymy: dict[str, tuple[str, str]]
    aliases: tuple[frozenset[str], ...]
    endings: tuple[tuple[str, str, str], ...]  # (ending, type, rule), longest first
    titles: tuple[tuple[tuple[str, ...], str, str], ...]  # (words, type, rule), longest first
    title_gender: dict[str, str]  # title rule id -> gender
    heads: dict[str, _HeadNoun]
    patterns: tuple[tuple[Regex, str, str, bool], ...]  # (regex, type, rule, whole mention)
    apposition: tuple[Regex, ...]
    name_defaults: tuple[tuple[Regex, str, str], ...]
    ner_types: dict[str, tuple[str, str]]  # NER label -> (type, rule)
    animate_types: frozenset[str]  # types whose head nouns all name people
    pronouns: dict[str, _Pronoun]
    anonymous_heads: frozenset[str]
    anonymity_cues: tuple[tuple[Regex, str], ...]


def _names_regex(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(names), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in ordered)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def _compile(rules: RuleSet) -> _Compiled:
    heads: dict[str, _HeadNoun] = {}
    for rule in rules.section("sources", "head_nouns"):
        for lemma in rule.get("lemmas"):
            heads.setdefault(lemma.lower(), _HeadNoun(rule.get("type"), rule.get("animate"), rule.id))
    pronouns: dict[str, _Pronoun] = {}
    for rule in rules.section("sources", "pronouns"):
        for word in rule.get("words"):
            pronouns.setdefault(
                word.lower(),
                _Pronoun(
                    rule.get("number", "any"), rule.get("animate"), rule.id, rule.get("resolve", True), rule.get("gender")
                ),
            )
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
    return _Compiled(
        types=frozenset(rule.get("name") for rule in rules.section("sources", "types")),
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
    )


def compiled_sources(rules: RuleSet) -> _Compiled:
    return rules.compiled("sources", _compile)


# --------------------------------------------------------------------------
# one mention


@attrs.frozen
class Mention:
    """What one source mention says about its referent."""

    span: Span
    core: Span  # the noun phrase without relative clauses and participles
    head: str  # lower-cased lemma of the head noun ("official")
    modifiers: frozenset[str]  # other content lemmas before the head ("security")
    name: str | None  # the proper name in it ("Ana Ruiz", "AFP")
    pronoun: _Pronoun | None
    definite: bool
    indefinite: bool
    plural: bool
    animate: bool | None
    type: str
    type_rule: str | None
    unnamed: bool
    descriptions: frozenset[str]  # head lemmas of the mention and its appositions
    gender: str | None = None


def _core_words(words: Sequence[Word]) -> list[Word]:
    """Cut a mention before its first comma, relative clause or participle clause."""
    core: list[Word] = []
    for position, word in enumerate(words):
        if position and (
            word.text in _PHRASE_BREAKS
            or word.feat("PronType") == "Rel"
            or word.upos == "SCONJ"
            or (word.upos == "VERB" and not word.capitalised and not word.deprel.startswith(("amod", "compound")))
        ):
            break
        core.append(word)
    while len(core) > 1 and (
        (core[-1].upos == "PUNCT" and core[-1].text != ".") or core[-1].feat("Reflex") == "Yes"
    ):
        core.pop()
    return core


def _chunk_words(core: Sequence[Word]) -> list[Word]:
    """The core cut before its first preposition ("Islamic Resistance | in Iraq")."""
    chunk: list[Word] = []
    for position, word in enumerate(core):
        if position and word.upos == "ADP":
            break
        chunk.append(word)
    return chunk


def _after_possessor(chunk: Sequence[Word]) -> tuple[list[Word], list[Word]]:
    """Split "Prime Minister X's office" into possessor and possessed."""
    for position in range(len(chunk) - 1, 0, -1):
        if chunk[position].upos == "PART" and chunk[position].deprel == "case":
            return list(chunk[:position]), list(chunk[position + 1 :])
    return [], list(chunk)


def _is_name_word(word: Word, sentence_first: bool) -> bool:
    if not word.capitalised or word.upos in ("DET", "PRON", "PUNCT", "NUM"):
        return False
    return word.upos == "PROPN" or not sentence_first


def _title_length(words: Sequence[Word], compiled: _Compiled) -> tuple[int, str | None, str | None]:
    texts = tuple(word.text for word in words)
    for title, type_, rule in compiled.titles:
        if texts[: len(title)] == title:
            return len(title), type_, rule
    return 0, None, None


def _name_of(
    text: str, words: Sequence[Word], docwords: Document, compiled: _Compiled
) -> tuple[str | None, Word | None, tuple[str | None, str | None]]:
    """The proper name ending at the head word, without its title
    ("Environment Minister | Paul Okafor").

    Returns (name, first word of the title-less name, (title type, title rule)).
    """
    if not words:
        return None, None, (None, None)
    head = words[-1]
    first_of_sentence = docwords.sentence_words(head.sentence)[0].i
    if not _is_name_word(head, head.i == first_of_sentence):
        return None, None, (None, None)
    begin = len(words) - 1
    while begin > 0:
        previous = words[begin - 1]
        joins = previous.text == "-" or (not previous.capitalised and previous.upos == "PROPN")
        if joins or _is_name_word(previous, previous.i == first_of_sentence):
            begin -= 1
        else:
            break
    title_type, title_rule = None, None
    for title, type_, rule in compiled.titles:
        size = len(title)
        if begin >= size and tuple(word.text for word in words[begin - size : begin]) == title:
            title_type, title_rule = type_, rule
            break
    run = list(words[begin:])
    skip = 0
    for position in range(len(run)):
        size, run_title_type, run_title_rule = _title_length(run[position:], compiled)
        if run_title_type is not None:
            skip, title_type, title_rule = position + size, run_title_type, run_title_rule
    if skip >= len(run):
        return None, None, (title_type, title_rule)
    while skip < len(run) and run[skip].text == "-":
        skip += 1
    first = run[skip]
    return text[first.start : head.end], first, (title_type, title_rule)


def _title_before(first: Word, docwords: Document, compiled: _Compiled) -> tuple[str | None, str | None]:
    """A title standing just before a mention ("Mayor | Elena Brandt said")."""
    sentence = docwords.sentence_words(first.sentence)
    before = tuple(word.text for word in sentence if word.i < first.i)
    for title, type_, rule in compiled.titles:
        if before[-len(title) :] == title:
            return type_, rule
    return None, None


def _gazetteer_type(core_text: str, compiled: _Compiled) -> tuple[str | None, str | None, str | None]:
    best: tuple[str | None, str | None, str | None] = (None, None, None)
    best_length = 0
    for regex, type_, rule in compiled.gazetteer:
        for match in regex.finditer(core_text):
            if len(match.group()) > best_length:
                best, best_length = (type_, rule, match.group()), len(match.group())
    return best


def _strip_article(words: Sequence[Word]) -> list[Word]:
    words = list(words)
    while words and words[0].upos == "DET":
        words.pop(0)
    return words


def _apposition_heads(text: str, end: int, docwords: Document, compiled: _Compiled) -> list[str]:
    """Head lemmas of an apposition right after a mention: "X, one of the factions,"."""
    piece = _following_piece(end, docwords)
    if not piece or any(word.upos in ("VERB", "AUX") for word in piece):
        return []
    piece_text = text[piece[0].start : piece[-1].end]
    if not (piece[0].upos in ("DET", "NUM") or any(regex.search(piece_text) for regex in compiled.apposition)):
        return []
    nouns = [word for word in piece if word.upos in ("NOUN", "PROPN")]
    return [nouns[-1].lemma] if nouns else []


def _ner_type(head: Word, docwords: Document, compiled: _Compiled) -> tuple[str | None, str | None]:
    """The type the parser's named-entity recogniser gives the name's head, if any."""
    for start, end, label in docwords.entities:
        if start <= head.start and head.end <= end and label in compiled.ner_types:
            return compiled.ner_types[label]
    return None, None


def _name_default(name: str, compiled: _Compiled) -> tuple[str | None, str | None, bool | None]:
    """The type of a name no other rule knows: the first matching name default."""
    for regex, type_, rule in compiled.name_defaults:
        if regex.search(name):
            return type_, rule, type_ in compiled.animate_types
    return None, None, None


def _description_type(lemmas: Iterable[str], compiled: _Compiled) -> tuple[str | None, bool | None, str | None]:
    for lemma in lemmas:
        head = compiled.heads.get(lemma)
        if head is not None:
            return head.type, head.animate, head.rule
    return None, None, None


def analyse_mention(text: str, span: Span, docwords: Document, compiled: _Compiled) -> Mention:
    """Read one source mention: its head, name, number, type and namedness.

    A mention holding an apposition ("The insurer, Halden Re") is read piece
    by piece: the named piece leads, the others add their head nouns.
    """
    words = docwords.within(span.start, span.end) or []
    if not words:
        return _bare_mention(span)
    pieces = _comma_pieces(words)
    if len(pieces) > 1:
        return _appositive_mention(text, span, pieces, docwords, compiled)
    single = _single_mention(text, span, words, docwords, compiled)
    if single.name is None and single.pronoun is None:
        name = _following_name(span.end, docwords)
        if name:
            return _appositive_mention(text, span, [list(words), name], docwords, compiled)
    return single


def _following_piece(end: int, docwords: Document) -> list[Word]:
    """The words of ", X," right after a mention (empty when there is none)."""
    following = [word for word in docwords.sentence_words(docwords.sentence_at(end)) if word.start >= end]
    if len(following) < 3 or following[0].text != ",":
        return []
    piece: list[Word] = []
    for word in following[1:]:
        if word.text in _PHRASE_BREAKS:
            return piece
        piece.append(word)
    return []


def _following_name(end: int, docwords: Document) -> list[Word]:
    """A name in apposition after a description: "The depot operator, Dorvan Logistics,"."""
    piece = _following_piece(end, docwords)
    if not piece or not any(word.upos == "PROPN" for word in piece):
        return []
    if all(word.capitalised or word.text == "-" or word.upos == "PROPN" for word in piece):
        return piece
    return []


def _comma_pieces(words: Sequence[Word]) -> list[list[Word]]:
    pieces: list[list[Word]] = [[]]
    for word in words:
        if word.text == ",":
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [piece for piece in pieces if piece]


def _appositive_mention(
    text: str, span: Span, pieces: list[list[Word]], docwords: Document, compiled: _Compiled
) -> Mention:
    readings = [
        _single_mention(text, span_of(text, piece[0].start, piece[-1].end), piece, docwords, compiled)
        for piece in pieces
    ]
    named = [reading for reading in readings if reading.name]
    primary = named[0] if named else readings[0]
    descriptions = set(primary.descriptions)
    for piece, reading in zip(pieces, readings):
        if reading is not primary:
            nouns = [word for word in piece if word.upos == "NOUN"]
            descriptions |= {nouns[-1].lemma} if nouns else set(reading.descriptions)
    type_, type_rule, animate = primary.type, primary.type_rule, primary.animate
    if type_rule is None:
        found_type, found_animate, found_rule = _description_type(sorted(descriptions), compiled)
        if found_type:
            type_, type_rule, animate = found_type, found_rule, found_animate
    return attrs.evolve(
        primary, span=span, descriptions=frozenset(descriptions), type=type_, type_rule=type_rule, animate=animate
    )


def _single_mention(
    text: str, span: Span, words: Sequence[Word], docwords: Document, compiled: _Compiled
) -> Mention:
    pronoun = compiled.pronouns.get(span.text.strip().lower()) if len(words) == 1 else None
    core = _core_words(words) or list(words)
    chunk = _chunk_words(core)
    possessor, possessed = _after_possessor(chunk)
    possessed = _strip_article(possessed) or _strip_article(chunk) or list(chunk)
    head_word = possessed[-1]
    head = head_word.lemma
    core_span = span_of(text, core[0].start, core[-1].end)
    possessed_text = text[possessed[0].start : core[-1].end]
    name, name_first, (title_type, title_rule) = _name_of(text, possessed, docwords, compiled)
    modifiers = frozenset(
        word.lemma
        for word in [*possessor, *possessed[:-1]]
        if word.upos in ("NOUN", "ADJ", "PROPN", "VERB") and (name_first is None or word.start < name_first.start)
    )
    article = chunk[0] if chunk[0].upos in ("DET", "NUM", "PRON") else None
    definite = bool(possessor) or (
        article is not None and (article.feat("Definite") == "Def" or article.feat("PronType") == "Dem")
    )
    indefinite = article is not None and not definite and not pronoun
    plural = head_word.feat("Number") == "Plur" or (pronoun is not None and pronoun.number == "plural")

    type_, type_rule, animate = None, None, None
    for regex, pattern_type, rule, whole in compiled.patterns:
        if regex.search(span.text if whole else core_span.text):
            type_, type_rule = pattern_type, rule
            break
    if type_ is None:
        gazetteer_type, gazetteer_rule, gazetteer_name = _gazetteer_type(possessed_text, compiled)
        if gazetteer_type:
            type_, type_rule, animate = gazetteer_type, gazetteer_rule, False
            if gazetteer_name and (name is None or name in gazetteer_name):
                name = gazetteer_name
    bare = text[_strip_article(core)[0].start : core[-1].end] if _strip_article(core) else core_span.text
    if type_ is None and bare in compiled.metonymy:
        type_, type_rule = compiled.metonymy[bare]
        animate = False
    if type_ is None and name:
        for ending, ending_type, rule in compiled.endings:
            if name == ending or name.endswith(" " + ending):
                type_, type_rule, animate = ending_type, rule, False
                break
    if name and title_type is None and name_first is not None and name_first.i == words[0].i:
        title_type, title_rule = _title_before(words[0], docwords, compiled)
    if type_ is None and name and title_type:
        type_, type_rule, animate = title_type, title_rule, True
    descriptions = {head} if not pronoun and not name else set()
    descriptions |= {word.lemma for word in possessed[:-1] if word.upos == "NOUN"} if name else set()
    descriptions |= set(_apposition_heads(text, span.end, docwords, compiled))
    if type_ is None:
        lemmas = ([head] if not name else []) + sorted(descriptions - {head}) + [head_word.text.lower()]
        type_, head_animate, type_rule = _description_type(lemmas, compiled)
        animate = head_animate if animate is None else animate
    if type_ is None and name:
        type_, type_rule = _ner_type(head_word, docwords, compiled)
        animate = (type_ in compiled.animate_types) if type_ else None
    if type_ is None and name:
        type_, type_rule, animate = _name_default(core_span.text, compiled)
    if pronoun is not None:
        animate = pronoun.animate
        if pronoun.animate and type_ is None:
            type_, type_rule = "person", pronoun.rule
    elif animate is None and not name:
        animate = _description_type([head], compiled)[1]
    unnamed = not pronoun and not name and head in compiled.anonymous_heads
    return Mention(
        span=span,
        core=core_span,
        head=head,
        modifiers=modifiers,
        name=name,
        pronoun=pronoun,
        definite=definite,
        indefinite=indefinite,
        plural=plural,
        animate=animate,
        type=type_ or _UNKNOWN,
        type_rule=type_rule,
        unnamed=unnamed,
        descriptions=frozenset(descriptions),
        gender=pronoun.gender if pronoun is not None else compiled.title_gender.get(title_rule),
    )


def _bare_mention(span: Span) -> Mention:
    return Mention(
        span, span, span.text.lower(), frozenset(), None, None, False, False, False, None, _UNKNOWN, None, False, frozenset()
    )


# --------------------------------------------------------------------------
# entities


@attrs.define
class _Entity:
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
            if mention.type != _UNKNOWN:
                return mention.type
        return _UNKNOWN

    @property
    def best(self) -> Mention:
        return self._informative()[0]

    def _informative(self) -> list[Mention]:
        """Mentions, most informative first: names, then longer descriptions, pronouns last."""
        return sorted(
            self.mentions,
            key=lambda mention: (
                mention.pronoun is not None,
                mention.name is None,
                -len((mention.name or mention.core.text).split()),
                -len(mention.core.text),
                mention.span.start,
            ),
        )

    def anonymous(self, compiled: _Compiled) -> bool:
        if self.anonymity_cues:
            return True
        described = [mention for mention in self.mentions if not mention.pronoun]
        return bool(described) and all(mention.unnamed for mention in described)


def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(token for token in re.split(r"[\s\-]+", name) if token)


def _same_name(first: str, second: str, compiled: _Compiled) -> bool:
    """Full and partial names of one referent: "Ana Ruiz" / "Ruiz", "Halden Re" / "Halden".

    The shorter name must start or end the longer one; a name with a
    lower-case linking word ("Islamic Resistance in Iraq") only by its start.
    """
    if first == second:
        return True
    if any(first in group and second in group for group in compiled.aliases):
        return True
    (shorter, _), (longer, longer_name) = sorted(
        ((_name_tokens(first), first), (_name_tokens(second), second)), key=lambda item: len(item[0])
    )
    if not any(token[:1].isupper() for token in shorter):
        return False
    if longer[: len(shorter)] == shorter:
        return True
    linked = any(token.isalpha() and token.islower() for token in longer_name.split())
    return not linked and longer[-len(shorter) :] == shorter


def _pronoun_fits(
    pronoun: _Pronoun, animate: bool | None, plural: bool, type_: str, gender: str | None = None
) -> bool:
    if pronoun.gender and gender and pronoun.gender != gender:
        return False
    if pronoun.number == "singular" and plural:
        return False
    if pronoun.number == "plural" and not plural and animate is not False:
        return False
    if pronoun.animate is True:
        return animate is not False and type_ not in ("document", "social_media")
    if pronoun.animate is False:
        return animate is not True and not plural
    return True


class _Entities:
    """The entities found so far, with indexes so that a new mention is
    compared only with the entities that can match it (by a shared name
    word, alias group or description), not with every entity."""

    def __init__(self, compiled: _Compiled):
        self.compiled = compiled
        self.items: list[_Entity] = []
        self.by_key: dict[tuple[str, str], list[_Entity]] = {}
        self.named: list[_Entity] = []
        self.records: list[tuple[int, int, int, int, _Entity]] = []  # start, end, entity no., position
        self.starts: list[int] = []
        self.longest = 0

    def __iter__(self):
        return iter(self.items)

    def new(self) -> _Entity:
        entity = _Entity([], number=len(self.items))
        self.items.append(entity)
        return entity

    def add(self, entity: _Entity, mention: Mention) -> None:
        entity.mentions.append(mention)
        keys = {("description", lemma) for lemma in mention.descriptions}
        if mention.name:
            if not any(other.name for other in entity.mentions[:-1]):
                self.named.append(entity)
            keys |= {("name", token) for token in _name_tokens(mention.name)} | {("exact", mention.name)}
            keys |= {("alias", str(n)) for n, group in enumerate(self.compiled.aliases) if mention.name in group}
        for key in keys:
            holders = self.by_key.setdefault(key, [])
            if not holders or holders[-1] is not entity:
                if entity not in holders:
                    holders.append(entity)
        start, end = mention.span.start, mention.span.end
        record = (start, end, entity.number, len(entity.mentions) - 1, entity)
        at = bisect.bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.records.insert(at, record)
        self.longest = max(self.longest, end - start)

    def with_key(self, *keys: tuple[str, str]) -> list[_Entity]:
        found = {id(entity): entity for key in keys for entity in self.by_key.get(key, ())}
        return sorted(found.values(), key=lambda entity: entity.number)

    def owners(self, start: int, end: int) -> dict[tuple[int, int], _Entity]:
        """Mention spans starting in [start, end) (and any long enough to reach
        into it), each with the entity that holds it, in entity order."""
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_left(self.starts, end)
        owner: dict[tuple[int, int], _Entity] = {}
        for s, e, _, _, entity in sorted(self.records[first:last], key=lambda r: (r[2], r[3])):
            owner[(s, e)] = entity
        return owner


def _match(mention: Mention, entities: _Entities, compiled: _Compiled) -> _Entity | None:
    """The earlier entity this (non-pronoun) mention refers to, if any."""

    def earlier(candidates: list[_Entity]) -> list[_Entity]:
        return sorted(
            (entity for entity in candidates if entity.first < mention.span.start), key=lambda entity: -entity.last
        )

    if mention.name:
        keys = [("name", token) for token in _name_tokens(mention.name)] + [("exact", mention.name)]
        keys += [("alias", str(n)) for n, group in enumerate(compiled.aliases) if mention.name in group]
        for entity in earlier(entities.with_key(*keys)):
            if any(_same_name(mention.name, other.name, compiled) for other in entity.named):
                return entity
        return None
    if mention.indefinite:
        return None
    for entity in earlier(entities.with_key(("description", mention.head))):
        if (
            mention.head in entity.descriptions
            and mention.modifiers <= entity.modifiers
            and mention.plural == entity.plural
        ):
            return entity
    bare = not mention.modifiers
    if bare and mention.animate is False and mention.type != _UNKNOWN:
        for entity in earlier(entities.named):
            if entity.named and entity.type == mention.type and entity.animate is False and not entity.plural:
                return entity
    return None


def _phrase_around(word: Word, docwords: Document) -> tuple[int, int]:
    """Offsets of the noun phrase headed by ``word``: its left modifiers and flat tail."""
    sentence = docwords.sentence_words(word.sentence)
    members = {word.id}
    first = word.index
    while first - 1 >= 0 and sentence[first - 1].head_id in members:
        first -= 1
        members.add(sentence[first].id)
    last = word.index
    while (
        last + 1 < len(sentence)
        and sentence[last + 1].head_id in members
        and sentence[last + 1].deprel in ("flat", "compound", "punct")
    ):
        last += 1
        members.add(sentence[last].id)
    while sentence[last].upos == "PUNCT" and last > word.index:
        last -= 1
    return sentence[first].start, sentence[last].end


_CANDIDATE_RELATIONS = ("nsubj", "obj", "iobj", "obl", "nmod", "appos", "conj", "root")
_LOOK_BACK = 3  # sentences before the pronoun's own searched for an antecedent


def _depth(word: Word, docwords: Document) -> int:
    return sum(1 for _ in docwords.sentence_of(word).ancestors(word))


@attrs.frozen
class _Candidate:
    """A noun phrase a pronoun may refer back to, and how likely a referent it is."""

    rank: tuple[int, int, int, int]  # sentence distance, not a subject, depth, position
    mention: Mention
    entity: _Entity | None


def _candidates(
    mention: Mention, entities: _Entities, text: str, docwords: Document, compiled: _Compiled
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
            if word.start >= mention.span.start or word.upos not in ("NOUN", "PROPN"):
                continue
            if not word.deprel.split(":")[0] in _CANDIDATE_RELATIONS:
                continue
            start, end = _phrase_around(word, docwords)
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


def _fits(pronoun: _Pronoun, candidate: _Candidate) -> bool:
    if candidate.entity is not None:
        entity = candidate.entity
        return _pronoun_fits(pronoun, entity.animate, entity.plural, entity.type, entity.gender)
    other = candidate.mention
    if other.pronoun is not None or (other.name is None and other.animate is None):
        return False
    return _pronoun_fits(pronoun, other.animate, other.plural, other.type, other.gender)


def _resolve_pronoun(
    mention: Mention, entities: _Entities, text: str, docwords: Document, compiled: _Compiled
) -> _Entity:
    """The entity a pronoun source refers to: the best compatible candidate nearby,
    else the latest compatible source, else a new entity of its own."""
    pronoun = mention.pronoun
    for candidate in _candidates(mention, entities, text, docwords, compiled):
        if not _fits(pronoun, candidate):
            continue
        if candidate.entity is not None:
            return candidate.entity
        known = _match(candidate.mention, entities, compiled)
        if known is not None:
            entities.add(known, candidate.mention)
            return known
        entity = entities.new()
        entities.add(entity, candidate.mention)
        return entity
    best_entity, best_position = None, -1
    for entity in entities:
        positions = [other.span.start for other in entity.mentions if other.span.start < mention.span.start]
        if positions and max(positions) > best_position and _pronoun_fits(
            pronoun, entity.animate, entity.plural, entity.type, entity.gender
        ):
            best_entity, best_position = entity, max(positions)
    if best_entity is not None:
        return best_entity
    return entities.new()


def _relative_antecedent(text: str, mention: Mention, docwords: Document, compiled: _Compiled) -> Mention | None:
    """For a relative pronoun source ("the ministry, which said ..."), the noun it stands for."""
    words = docwords.within(mention.span.start, mention.span.end)
    clause = docwords.head_of(words[0]) if len(words) == 1 and words[0].feat("PronType") == "Rel" else None
    if clause is None or not clause.deprel.startswith("acl"):
        return None
    noun = docwords.head_of(clause)
    if noun is None or noun.upos not in ("NOUN", "PROPN") or noun.start >= mention.span.start:
        return None
    start, end = _phrase_around(noun, docwords)
    return analyse_mention(text, span_of(text, start, end), docwords, compiled)


def _distance(mention: tuple[int, int], cue: tuple[int, int]) -> int:
    if cue[0] >= mention[1]:
        return cue[0] - mention[1]
    return max(0, mention[0] - cue[1])


def resolve_sources(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """Group the claims' source mentions into entities S1, S2, ... and type them.

    Every claim with a source gets ``entity``, ``name``, ``type`` and
    ``anonymous`` filled in; the returned entities list their mentions and
    the anonymity cues found beside them, in order of first mention.
    """
    compiled = compiled_sources(rules)
    text, docwords, claims = document.text, document, found.claims
    spans = sorted(
        {(claim.source.start, claim.source.end) for claim in claims if claim.source is not None}
    )
    entities = _Entities(compiled)
    entity_of: dict[tuple[int, int], _Entity] = {}
    analysed: dict[tuple[int, int], Mention] = {}
    for start, end in spans:
        mention = analyse_mention(text, span_of(text, start, end), docwords, compiled)
        analysed[(start, end)] = mention
        antecedent = _relative_antecedent(text, mention, docwords, compiled)
        if antecedent is not None:
            entity = _match(antecedent, entities, compiled) or entities.new()
            entities.add(entity, antecedent)
        elif mention.pronoun is not None and mention.pronoun.resolve:
            entity = _resolve_pronoun(mention, entities, text, docwords, compiled)
        elif mention.pronoun is not None:
            entity = entities.new()
        else:
            entity = _match(mention, entities, compiled) or entities.new()
        entities.add(entity, mention)
        entity_of[(start, end)] = entity
    _attach_anonymity_cues(text, docwords, claims, entity_of, analysed, compiled)
    entities = sorted(entities, key=lambda entity: entity.first)
    sources = []
    for number, entity in enumerate(entities, start=1):
        sources.append(
            SourceEntity(
                entity=f"S{number}",
                name=entity.best.span.text,
                type=entity.type,
                anonymous=entity.anonymous(compiled),
                anonymity_cues=sorted(set(entity.anonymity_cues), key=lambda span: span.start),
                mentions=sorted({mention.span for mention in entity.mentions}, key=lambda span: span.start),
            )
        )
    by_entity = {id(entity): source for entity, source in zip(entities, sources)}
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


def _attach_anonymity_cues(
    text: str,
    docwords: Document,
    claims: Sequence[Claim],
    entity_of: dict[tuple[int, int], _Entity],
    analysed: dict[tuple[int, int], Mention],
    compiled: _Compiled,
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
