"""One source mention: what its words say about the source.

The shipped parser is small and makes mistakes ("official" tagged as an
adjective, "Hashed" as a verb), so the analysis of a mention leans on its
surface (capitals, punctuation, the rule vocabularies) and uses the parse
for lemmas, number, gender and clause boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from claimtrack.document import Document, Word
from claimtrack.model import Span, span_of
from claimtrack.stages.sources.mention_words import (
    MentionPieces,
    apposition_heads,
    chunk_words,
    comma_pieces,
    core_words,
    cut_mention,
    nouns_before,
    strip_article,
)
from claimtrack.stages.sources.names import earlier_phrase, following_name, full_name, name_of, preceding_name
from claimtrack.stages.sources.vocabulary import UNKNOWN, PronounRule, SourceRules
from claimtrack.stages.sources.types import (
    description_type,
    gazetteer_type,
    name_default,
    ner_type,
    title_before,
)
from claimtrack.ud import DETERMINERS, NOUNS

__all__ = ["Mention", "analyse_mention", "phrase_around"]


@attrs.frozen
class Mention:
    """What one source mention says about its referent."""

    span: Span
    core: Span  # the noun phrase without relative clauses and participles
    head: str  # lower-cased lemma of the head noun ("official")
    modifiers: frozenset[str]  # the other content words before the head, lower-cased ("security")
    name: str | None  # the proper name in it ("Ana Ruiz", "AFP")
    pronoun: PronounRule | None
    definite: bool
    indefinite: bool
    plural: bool
    animate: bool | None
    type: str
    type_rule: str | None
    unnamed: bool
    descriptions: frozenset[str]  # head lemmas of the mention and its appositions
    gender: str | None = None
    role: str | None = None  # what a person is, without article or name: "mayor", "health director"
    proper: bool = False  # the name is the mention's head ("Ana Ruiz"), not a modifier ("UN envoy")
    forms: frozenset[str] = frozenset()  # the head as lemma and as written ("person", "people")
    phrase: Span | None = None  # the core with its post-nominal modifiers ("people familiar with the matter")
    extent: Span | None = None  # the mention with a name in apposition beside it ("Ana Diaz, | a geologist")


def analyse_mention(
    text: str, span: Span, docwords: Document, compiled: SourceRules, reach: int | None = None
) -> Mention:
    """Read one source mention: its head, name, number, type and namedness.

    A mention holding an apposition ("The insurer, Halden Re") is read piece
    by piece: the named piece leads, the others add their head nouns.
    ``reach`` is where the words about the source end (its claim's cue):
    patterns with ``scope: mention`` read up to it ("A video | circulating
    online appeared to | show").
    """
    words = docwords.within(span.start, span.end) or []
    if not words:
        return _bare_mention(span)
    pieces = comma_pieces(words)
    if len(pieces) > 1:
        return _appositive_mention(text, span, pieces, docwords, compiled, reach)
    single = _single_mention(text, span, words, docwords, compiled, reach)
    if single.pronoun is None and not single.proper:
        name = following_name(span.end, docwords, compiled.naming)
        if name:
            reading = _appositive_mention(text, span, [list(words), name], docwords, compiled, reach)
            return attrs.evolve(reading, extent=span_of(text, span.start, name[-1].end))
        name = preceding_name(span.start, docwords)
        if name:
            reading = _appositive_mention(text, span, [name, list(words)], docwords, compiled, reach)
            return attrs.evolve(reading, extent=span_of(text, name[0].start, span.end))
    return single


def _appositive_mention(
    text: str, span: Span, pieces: list[list[Word]], docwords: Document, compiled: SourceRules, reach: int | None
) -> Mention:
    readings = [
        _single_mention(text, span_of(text, piece[0].start, piece[-1].end), piece, docwords, compiled, reach)
        for piece in pieces
    ]
    named = [reading for reading in readings if reading.name]
    proper = [reading for reading in named if reading.proper]
    primary = (proper or named or readings)[0]
    others = [reading for reading in readings if reading is not primary]
    descriptions = set(primary.descriptions)
    for piece, reading in zip(pieces, readings):
        if reading is not primary:
            nouns = [word for word in chunk_words(piece) if word.upos == "NOUN"]
            descriptions |= {nouns[-1].lemma} if nouns else set(reading.descriptions)
    type_, type_rule, animate = primary.type, primary.type_rule, primary.animate
    speaks_for = {employer.rule for employer in compiled.employers.values()}
    employed = [reading for reading in others if reading.type_rule in speaks_for]
    if employed and type_rule not in speaks_for:
        # "Maria Lopez, the United Nations envoy": whom the role speaks for says more than the role
        type_, type_rule = employed[0].type, employed[0].type_rule
    roled = [reading for reading in others if reading.type not in (compiled.pronoun_type, UNKNOWN)]
    if type_ == compiled.pronoun_type and roled and roled[0].type_rule not in compiled.fallback_rules:
        # "One resident, Aisha Kone, a mother of five": a resident says more than a mother
        type_, type_rule = roled[0].type, roled[0].type_rule
    if type_rule is None or type_rule in compiled.fallback_rules:
        typed = [reading for reading in others if reading.type_rule and reading.type_rule not in compiled.fallback_rules]
        if typed:
            type_, type_rule = typed[0].type, typed[0].type_rule
            animate = typed[0].animate if animate is None else animate
    if type_rule is None:
        found_type, found_animate, found_rule = description_type(sorted(descriptions), compiled)
        if found_type:
            type_, type_rule, animate = found_type, found_rule, found_animate
    return attrs.evolve(
        primary,
        span=span,
        descriptions=frozenset(descriptions),
        modifiers=frozenset().union(*(reading.modifiers for reading in readings)),
        type=type_,
        type_rule=type_rule,
        animate=animate,
        role=primary.role or next((reading.role for reading in others if reading.role), None),
    )


@attrs.define
class _Reading:
    """What :func:`_single_mention` has read of a mention so far, step by step."""

    name: str | None
    name_first: Word | None  # the name's first word
    title_rule: str | None  # the rule of a title before the name ("Senator")
    type: str | None
    type_rule: str | None
    animate: bool | None
    by_ending: bool  # typed by a name ending ("... Terminals"): one body, not many
    descriptions: set[str] = attrs.Factory(set)


def _single_mention(
    text: str,
    span: Span,
    words: Sequence[Word],
    docwords: Document,
    compiled: SourceRules,
    reach: int | None = None,
    employers: bool = True,
) -> Mention:
    """Read a mention without commas: cut its words, read its name and the
    type its surface says, gather its descriptions, type it by them if the
    surface did not, then by whom a role speaks for and by its pronoun."""
    pronoun = compiled.pronouns.get(span.text.strip().lower()) if len(words) == 1 else None
    pieces = cut_mention(text, words, compiled)
    reading = _named_reading(text, span, pieces, docwords, compiled, reach)
    head_word = pieces.head_word
    proper = reading.name is not None and text[: head_word.end].endswith(reading.name)
    forms = frozenset({head_word.lemma, head_word.lower}) if not pronoun and not proper else frozenset()
    _describe(text, span, pieces, reading, forms, docwords, compiled)
    _type_by_descriptions(text, pieces, reading, docwords, compiled, employers)
    if proper and reading.animate is not True and reading.type not in compiled.animate_types:
        reading.descriptions |= {head_word.lemma, head_word.lower}  # "the authority" is "the Saltmere Port Authority"
    # a type pattern names the body outright ("Ukraine's general staff" is military, not Ukraine's government)
    by_pattern = reading.type_rule in compiled.pattern_rules
    employer_type = _employer_type(text, pieces, reading.name_first, docwords, compiled) if employers and not by_pattern else None
    if employer_type is not None:
        reading.type, reading.type_rule = employer_type
    if pronoun is not None:
        reading.animate = pronoun.animate
        if pronoun.animate and reading.type is None and compiled.pronoun_type is not None:
            reading.type, reading.type_rule = compiled.pronoun_type, pronoun.rule
    elif reading.animate is None and not reading.name:
        reading.animate = description_type([head_word.lemma], compiled)[1]
    return _mention(text, span, pieces, pronoun, reading, proper, forms, compiled)


def _named_reading(
    text: str, span: Span, pieces: MentionPieces, docwords: Document, compiled: SourceRules, reach: int | None
) -> _Reading:
    """The mention's name, and the type its surface or a title before the name says."""
    name, name_first, (title_type, title_rule) = name_of(text, pieces.possessed, docwords, compiled)
    whole_text = text[span.start : max(span.end, reach or 0)]
    possessed_text = text[pieces.possessed[0].start : pieces.core[-1].end]
    type_, type_rule, animate, name, by_ending = _surface_type(
        text, whole_text, pieces.core, pieces.core_span, possessed_text, name, pieces.head_word.lemma, compiled
    )
    first = pieces.words[0]
    if name and title_type is None and name_first is not None and name_first.i == first.i:
        title_type, title_rule = title_before(first, docwords, compiled)
    if type_ is None and name and title_type:
        type_, type_rule, animate = title_type, title_rule, True
    return _Reading(name, name_first, title_rule, type_, type_rule, animate, by_ending)


def _describe(
    text: str,
    span: Span,
    pieces: MentionPieces,
    reading: _Reading,
    forms: frozenset[str],
    docwords: Document,
    compiled: SourceRules,
) -> None:
    """Gather the words that describe the source: its head's forms, the nouns
    before its name, a title's words, an apposition's head; an apposition
    retypes a body typed by its name ending."""
    reading.descriptions = set(forms)
    if reading.name:
        reading.descriptions |= {word.lemma for word in pieces.possessed[:-1] if word.upos == "NOUN"}
    name_first = reading.name_first
    if name_first is not None and reading.title_rule is not None:
        # "Senator Dana Whitfield" is "the senator"; "Inspector General Marta Quill" "the inspector"
        reading.descriptions |= {
            word.lower for word in pieces.possessed if word.start < name_first.start and word.capitalised
        }
    apposed = apposition_heads(text, span.end, docwords, compiled)
    reading.descriptions |= set(apposed)
    if apposed and reading.type_rule in {rule for _, _, rule in compiled.endings}:
        # "The Financial Conduct Board, the country's banking regulator": the apposition says more
        described = description_type(apposed, compiled)
        if described[0] is not None:
            reading.type, reading.animate, reading.type_rule = described[0], False, described[2]


def _type_by_descriptions(
    text: str, pieces: MentionPieces, reading: _Reading, docwords: Document, compiled: SourceRules, employers: bool
) -> None:
    """Type a mention its surface left untyped: by its descriptions, by the
    parser's entity type of a name, by a name's default or its full name."""
    head_word, name = pieces.head_word, reading.name
    head = head_word.lemma
    if reading.type is None:
        lemmas = ([head] if not name else []) + sorted(reading.descriptions - {head}) + [head_word.text.lower()]
        reading.type, head_animate, reading.type_rule = description_type(lemmas, compiled)
        reading.animate = head_animate if reading.animate is None else reading.animate
    if reading.type is None and name:
        reading.type, reading.type_rule = ner_type(head_word, docwords, compiled)
        reading.animate = (reading.type in compiled.animate_types) if reading.type else None
    if reading.type is None and name:
        reading.type, reading.type_rule, reading.animate = name_default(pieces.core_span.text, compiled)
        fuller = _full_name_reading(text, name, docwords, compiled) if employers else None
        if fuller is not None:
            reading.type, reading.type_rule, reading.animate = fuller.type, fuller.type_rule, fuller.animate
            reading.descriptions |= fuller.descriptions  # "Whitfield" after "Senator Dana Whitfield": a senator


def _mention(
    text: str,
    span: Span,
    pieces: MentionPieces,
    pronoun: PronounRule | None,
    reading: _Reading,
    proper: bool,
    forms: frozenset[str],
    compiled: SourceRules,
) -> Mention:
    """The :class:`Mention` a reading makes, with what the words' articles and number say."""
    chunk, head_word, name_first = pieces.chunk, pieces.head_word, reading.name_first
    modifiers = frozenset(
        word.lower  # as written: the tagger may read 'United' as an adjective in one mention and a verb in the next
        for word in [*pieces.possessor, *pieces.possessed[:-1]]
        if word.upos in ("NOUN", "ADJ", "PROPN", "VERB") and (name_first is None or word.start < name_first.start)
    )
    article = chunk[0] if chunk[0].upos in ("DET", "NUM", "PRON") else None
    definite = bool(pieces.possessor) or (
        article is not None and (article.feat("Definite") == "Def" or article.feat("PronType") == "Dem")
    )
    plural = head_word.feat("Number") == "Plur" or (pronoun is not None and pronoun.number == "plural")
    phrase = core_words(pieces.words, compiled, keep_postmodifiers=True) or list(pieces.words)
    title_rule = reading.title_rule
    return Mention(
        span=span,
        core=pieces.core_span,
        head=head_word.lemma,
        modifiers=modifiers,
        name=reading.name,
        pronoun=pronoun,
        definite=definite,
        indefinite=article is not None and not definite and not pronoun,
        plural=plural and not reading.by_ending,  # one body: "Hollis Chemicals", "Meridian Terminals"
        animate=reading.animate,
        type=reading.type or UNKNOWN,
        type_rule=reading.type_rule,
        unnamed=not pronoun and not reading.name and head_word.lemma in compiled.anonymous_heads,
        descriptions=frozenset(reading.descriptions),
        gender=pronoun.gender if pronoun is not None else compiled.title_gender.get(title_rule or ""),
        role=_role(text, pieces.possessed, head_word, name_first, title_rule, reading.animate, compiled)
        if not pronoun
        else None,
        proper=proper,
        forms=forms,
        phrase=span_of(text, phrase[0].start, phrase[-1].end),
    )


def _surface_type(
    text: str, whole_text: str, core: Sequence[Word], core_span: Span, possessed_text: str, name: str | None,
    head: str, compiled: SourceRules,
) -> tuple[str | None, str | None, bool | None, str | None, bool]:
    """The type the mention's words say outright: a type pattern (``scope:
    mention`` ones over ``whole_text``, the mention up to its cue), the
    gazetteer (which may also give the full name), a metonym ('Washington'),
    a name ending ('... Ministry'). Returns (type, rule, animate, name, typed
    by a name ending)."""
    type_, type_rule, animate = None, None, None
    for regex, pattern_type, rule, whole in compiled.patterns:
        if regex.search(whole_text if whole else core_span.text):
            type_, type_rule = pattern_type, rule
            animate = description_type([head], compiled)[1]  # "the water board" is a body
            break
    if type_ is None:
        found_type, gazetteer_rule, gazetteer_name = gazetteer_type(possessed_text, compiled)
        if found_type:
            type_, type_rule, animate = found_type, gazetteer_rule, False
            if gazetteer_name and (name is None or name in gazetteer_name):
                name = gazetteer_name
    bare = text[strip_article(core)[0].start : core[-1].end] if strip_article(core) else core_span.text
    if type_ is None and bare in compiled.metonymy:
        type_, type_rule = compiled.metonymy[bare]
        animate = False
    if type_ is None and name:
        for ending, ending_type, rule in compiled.endings:
            if name == ending or name.endswith(" " + ending):
                return ending_type, rule, False, name, True
    return type_, type_rule, animate, name, False


def _role(
    text: str,
    possessed: Sequence[Word],
    head_word: Word,
    name_first: Word | None,
    title_rule: str | None,
    animate: bool | None,
    compiled: SourceRules,
) -> str | None:
    """What the mention says a person is: the title before a name ("Health
    Minister" Ana Ruiz, not an honorific such as "Mr"), or a description's
    words up to its head ("health director")."""
    if name_first is not None:
        if name_first.start <= possessed[0].start or title_rule in compiled.title_gender:
            return None
        return text[possessed[0].start : name_first.start].strip(" -") or None
    if animate is not True:
        return None
    described = [word for word in possessed if word.upos not in DETERMINERS] or [head_word]
    return text[described[0].start : head_word.end].strip(" -–—") or None


def _employer_type(
    text: str, pieces: MentionPieces, name_first: Word | None, docwords: Document, compiled: SourceRules
) -> tuple[str, str] | None:
    """The type of the body a role speaks for ("a spokeswoman for | the airline",
    "the county's | health director", "a Meridian | spokeswoman", "CDU
    secretary | Leona Brandt"), with the employer rule's id, when the mention
    names such a body."""
    possessor, possessed, core, chunk = pieces.possessor, pieces.possessed, pieces.core, pieces.chunk
    if name_first is not None and name_first.start > possessed[0].start:
        role_words = [word for word in possessed if word.start < name_first.start]
        roles = [at for at, word in enumerate(role_words) if word.lemma in compiled.employers]
        if not roles:
            return None
        employer = compiled.employers[role_words[roles[-1]].lemma]
        body = nouns_before(role_words[: roles[-1]])
    elif name_first is not None:
        return None
    else:
        found = compiled.employers.get(pieces.head_word.lemma)
        if found is None:
            return None
        employer = found
        after = list(core[len(chunk) :])
        if possessor:
            body = strip_article(possessor)
        elif after and after[0].upos == "ADP" and after[0].lemma in employer.links:
            body = chunk_words(after[1:]) if len(after) > 1 else []
        else:
            body = nouns_before(possessed[:-1])
    if not body or not any(word.upos in NOUNS or word.capitalised for word in body):
        return None
    body_type = _body_type(text, body, docwords, compiled)
    if body_type in employer.types:
        return body_type, employer.rule
    return None


def _full_name_reading(text: str, name: str, docwords: Document, compiled: SourceRules) -> Mention | None:
    """The reading of the full name a short name or acronym stands for in the
    document ("The ELF" -> "The Eastern Liberation Front (ELF)", "Whitfield"
    -> "Senator Dana Whitfield"), when a rule other than a default types it."""
    full = full_name(name, text)
    if full is None:
        return None
    words = docwords.within(full[0], full[1])
    if not words:
        return None
    reading = _single_mention(text, span_of(text, full[0], full[1]), words, docwords, compiled, employers=False)
    if reading.type_rule is None or reading.type_rule in compiled.fallback_rules:
        return None
    return reading


def _body_type(text: str, body: Sequence[Word], docwords: Document, compiled: SourceRules) -> str:
    """The type of the body a role names; a short name or acronym that only a
    default types is read as its full name in the document ("NDMA" as "the
    National Disaster Management Agency (NDMA)", "Meridian" as "Meridian
    Terminals")."""
    reading = _single_mention(
        text, span_of(text, body[0].start, body[-1].end), body, docwords, compiled, employers=False
    )
    if reading.name and (reading.type_rule is None or reading.type_rule in compiled.fallback_rules):
        full = full_name(reading.name, text)
        if full is not None:
            words = docwords.within(full[0], full[1])
            if words:
                full_span = span_of(text, full[0], full[1])
                return _single_mention(text, full_span, words, docwords, compiled, employers=False).type
    bare = strip_article(body)
    if len(bare) == 1 and reading.type_rule not in compiled.pattern_rules:
        # "Ministry spokesman ..." after "The defence ministry said", "the director of
        # the board" after "The Harlan Valley Irrigation Board said": that body
        fuller = earlier_phrase(bare[0].lower, bare[0].start, text)
        words = docwords.within(fuller[0], fuller[1]) if fuller else []
        if fuller and words:
            found = _single_mention(text, span_of(text, *fuller), words, docwords, compiled, employers=False)
            if found.type_rule in compiled.pattern_rules or (found.name and found.type_rule not in compiled.fallback_rules):
                return found.type
    return reading.type


def _bare_mention(span: Span) -> Mention:
    return Mention(
        span, span, span.text.lower(), frozenset(), None, None, False, False, False, None, UNKNOWN, None, False, frozenset()
    )


def phrase_around(word: Word, docwords: Document) -> tuple[int, int]:
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
    while sentence[first].upos in ("PUNCT", "CCONJ") and first < word.index:
        # UD hangs the comma before an apposition on it ('Jonas Petit |, the
        # mayor'), and the comma and 'and' before a conjunct ('the Congress, and
        # | the people': no apposition)
        first += 1
    return sentence[first].start, sentence[last].end
