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
from claimtrack.stages.sources.names import (
    PHRASE_BREAKS,
    following_name,
    following_piece,
    earlier_phrase,
    full_name,
    name_of,
    preceding_name,
)
from claimtrack.stages.sources.vocabulary import UNKNOWN, PronounRule, SourceRules
from claimtrack.stages.sources.types import (
    description_type,
    gazetteer_type,
    name_default,
    ner_type,
    title_before,
)
from claimtrack.ud import DETERMINERS, NOMINALS_AND_NUMBERS, NOUNS, VERBS

__all__ = ["Mention", "analyse_mention", "phrase_around"]



@attrs.frozen
class Mention:
    """What one source mention says about its referent."""

    span: Span
    core: Span  # the noun phrase without relative clauses and participles
    head: str  # lower-cased lemma of the head noun ("official")
    modifiers: frozenset[str]  # other content lemmas before the head ("security")
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


def _core_words(words: Sequence[Word], compiled: SourceRules, keep_postmodifiers: bool = False) -> list[Word]:
    """Cut a mention before its first comma, relative clause, participle clause
    or post-nominal modifier ("people | familiar with the matter"); with
    ``keep_postmodifiers``, keep the modifier ("people familiar with the matter | who ...")."""
    core: list[Word] = []
    for position, word in enumerate(words):
        if position and keep_postmodifiers and _opens_postmodifier(word, core[-1], compiled):
            core.append(word)
            continue
        if position and (
            word.text in PHRASE_BREAKS
            or word.feat("PronType") == "Rel"
            or word.upos == "SCONJ"
            or (word.upos == "VERB" and not word.capitalised and not word.deprel.startswith(("amod", "compound")))
            or _opens_postmodifier(word, core[-1], compiled)
        ):
            break
        core.append(word)
    while len(core) > 1 and (
        (core[-1].upos == "PUNCT" and core[-1].text != ".") or core[-1].feat("Reflex") == "Yes"
    ):
        core.pop()
    return core


def _opens_postmodifier(word: Word, previous: Word, compiled: SourceRules) -> bool:
    """True for "familiar" in "people familiar with": a listed word right after a noun.

    The parser often takes such a word for the head noun ("familiar" NOUN).
    """
    return (
        not word.capitalised
        and previous.upos in NOMINALS_AND_NUMBERS
        and (word.lemma in compiled.postmodifiers or word.lower in compiled.postmodifiers)
    )


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


def _strip_article(words: Sequence[Word]) -> list[Word]:
    words = list(words)
    while words and words[0].upos == "DET":
        words.pop(0)
    return words


def _opens_clause(word: Word) -> bool:
    """A relative pronoun or a verb that is no modifier ("the | banking | regulator")."""
    return word.feat("PronType") == "Rel" or (word.upos in VERBS and not word.deprel.startswith(("amod", "compound")))


def _apposition_heads(text: str, end: int, docwords: Document, compiled: SourceRules) -> list[str]:
    """Head lemmas of an apposition right after a mention: "X, one of the factions,"."""
    piece = following_piece(end, docwords)
    clause = next((at for at, word in enumerate(piece) if at and _opens_clause(word)), None)
    piece = piece[:clause] if clause else piece  # "X, an economist | who covers shipping,", "a driver | named Y"
    if not piece or any(_opens_clause(word) for word in piece):
        return []
    piece_text = text[piece[0].start : piece[-1].end]
    if not (piece[0].upos in ("DET", "NUM") or any(regex.search(piece_text) for regex in compiled.apposition)):
        return []
    nouns = [word for word in _chunk_words(piece) if word.upos in NOUNS]
    nouns = nouns or [word for word in piece if word.upos in NOUNS]
    return [nouns[-1].lemma] if nouns else []


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
    pieces = _comma_pieces(words)
    if len(pieces) > 1:
        return _appositive_mention(text, span, pieces, docwords, compiled, reach)
    single = _single_mention(text, span, words, docwords, compiled, reach)
    if single.pronoun is None and not single.proper:
        name = following_name(span.end, docwords)
        if name:
            reading = _appositive_mention(text, span, [list(words), name], docwords, compiled, reach)
            return attrs.evolve(reading, extent=span_of(text, span.start, name[-1].end))
        name = preceding_name(span.start, docwords)
        if name:
            reading = _appositive_mention(text, span, [name, list(words)], docwords, compiled, reach)
            return attrs.evolve(reading, extent=span_of(text, name[0].start, span.end))
    return single


def _comma_pieces(words: Sequence[Word]) -> list[list[Word]]:
    pieces: list[list[Word]] = [[]]
    for word in words:
        if word.text == ",":
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [piece for piece in pieces if piece]


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
            nouns = [word for word in _chunk_words(piece) if word.upos == "NOUN"]
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


def _single_mention(
    text: str,
    span: Span,
    words: Sequence[Word],
    docwords: Document,
    compiled: SourceRules,
    reach: int | None = None,
    employers: bool = True,
) -> Mention:
    pronoun = compiled.pronouns.get(span.text.strip().lower()) if len(words) == 1 else None
    core = _core_words(words, compiled) or list(words)
    chunk = _chunk_words(core)
    possessor, possessed = _after_possessor(chunk)
    possessed = _strip_article(possessed) or _strip_article(chunk) or list(chunk)
    head_word = possessed[-1]
    head = head_word.lemma
    core_span = span_of(text, core[0].start, core[-1].end)
    phrase = _core_words(words, compiled, keep_postmodifiers=True) or list(words)
    possessed_text = text[possessed[0].start : core[-1].end]
    name, name_first, (title_type, title_rule) = name_of(text, possessed, docwords, compiled)
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

    whole_text = text[span.start : max(span.end, reach or 0)]
    type_, type_rule, animate, name, by_ending = _surface_type(
        text, whole_text, core, core_span, possessed_text, name, head, compiled
    )
    if by_ending:
        plural = False  # one body: "Hollis Chemicals", "Meridian Terminals"
    if name and title_type is None and name_first is not None and name_first.i == words[0].i:
        title_type, title_rule = title_before(words[0], docwords, compiled)
    if type_ is None and name and title_type:
        type_, type_rule, animate = title_type, title_rule, True
    proper = name is not None and text[: head_word.end].endswith(name)
    forms = frozenset({head, head_word.lower}) if not pronoun and not proper else frozenset()
    descriptions = set(forms)
    descriptions |= {word.lemma for word in possessed[:-1] if word.upos == "NOUN"} if name else set()
    if name_first is not None and title_rule is not None:
        # "Senator Dana Whitfield" is "the senator"; "Inspector General Marta Quill" "the inspector"
        descriptions |= {word.lower for word in possessed if word.start < name_first.start and word.capitalised}
    apposed = _apposition_heads(text, span.end, docwords, compiled)
    descriptions |= set(apposed)
    if apposed and type_rule in {rule for _, _, rule in compiled.endings}:
        # "The Financial Conduct Board, the country's banking regulator": the apposition says more
        described = description_type(apposed, compiled)
        if described[0] is not None:
            type_, animate, type_rule = described[0], False, described[2]
    if type_ is None:
        lemmas = ([head] if not name else []) + sorted(descriptions - {head}) + [head_word.text.lower()]
        type_, head_animate, type_rule = description_type(lemmas, compiled)
        animate = head_animate if animate is None else animate
    if type_ is None and name:
        type_, type_rule = ner_type(head_word, docwords, compiled)
        animate = (type_ in compiled.animate_types) if type_ else None
    if type_ is None and name:
        type_, type_rule, animate = name_default(core_span.text, compiled)
        fuller = _full_name_reading(text, name, docwords, compiled) if employers else None
        if fuller is not None:
            type_, type_rule, animate = fuller.type, fuller.type_rule, fuller.animate
            descriptions |= fuller.descriptions  # "Whitfield" after "Senator Dana Whitfield": a senator
    if proper and animate is not True and type_ not in compiled.animate_types:
        descriptions |= {head, head_word.lower}  # "the authority" is "the Saltmere Port Authority"
    employer_type = (
        _employer_type(text, head, possessor, possessed, core, chunk, name_first, docwords, compiled) if employers else None
    )
    if employer_type is not None:
        type_, type_rule = employer_type
    if pronoun is not None:
        animate = pronoun.animate
        if pronoun.animate and type_ is None and compiled.pronoun_type is not None:
            type_, type_rule = compiled.pronoun_type, pronoun.rule
    elif animate is None and not name:
        animate = description_type([head], compiled)[1]
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
        type=type_ or UNKNOWN,
        type_rule=type_rule,
        unnamed=unnamed,
        descriptions=frozenset(descriptions),
        gender=pronoun.gender if pronoun is not None else compiled.title_gender.get(title_rule or ""),
        role=_role(text, possessed, head_word, name_first, title_rule, animate, compiled) if not pronoun else None,
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
    bare = text[_strip_article(core)[0].start : core[-1].end] if _strip_article(core) else core_span.text
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
    text: str,
    head: str,
    possessor: Sequence[Word],
    possessed: Sequence[Word],
    core: Sequence[Word],
    chunk: Sequence[Word],
    name_first: Word | None,
    docwords: Document,
    compiled: SourceRules,
) -> tuple[str, str] | None:
    """The type of the body a role speaks for ("a spokeswoman for | the airline",
    "the county's | health director", "a Meridian | spokeswoman", "CDU
    secretary | Leona Brandt"), with the employer rule's id, when the mention
    names such a body."""
    if name_first is not None and name_first.start > possessed[0].start:
        role_words = [word for word in possessed if word.start < name_first.start]
        roles = [at for at, word in enumerate(role_words) if word.lemma in compiled.employers]
        if not roles:
            return None
        employer = compiled.employers[role_words[roles[-1]].lemma]
        body = _nouns_before(role_words[: roles[-1]])
    elif name_first is not None:
        return None
    else:
        found = compiled.employers.get(head)
        if found is None:
            return None
        employer = found
        after = list(core[len(chunk) :])
        if possessor:
            body = _strip_article(possessor)
        elif after and after[0].upos == "ADP" and after[0].lemma in employer.links:
            body = _chunk_words(after[1:]) if len(after) > 1 else []
        else:
            body = _nouns_before(possessed[:-1])
    if not body or not any(word.upos in NOUNS or word.capitalised for word in body):
        return None
    body_type = _body_type(text, body, docwords, compiled)
    if body_type in employer.types:
        return body_type, employer.rule
    return None


def _nouns_before(words: Sequence[Word]) -> list[Word]:
    """The nouns right before a role, naming whom it speaks for ("a | Meridian | spokeswoman")."""
    nouns: list[Word] = []
    for word in reversed(words):
        if word.upos not in NOUNS and not (word.capitalised and word.upos in ("ADJ", "X")):
            break
        nouns.insert(0, word)
    return nouns


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
    bare = _strip_article(body)
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
    return sentence[first].start, sentence[last].end
