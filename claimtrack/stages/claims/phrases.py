"""Phrases read off one parsed sentence: noun phrases, subjects, clause edges.

The building blocks the attribution frames and source finders share. Each
combines the dependency parse with a surface fallback, because the compact
models get exactly these constructions wrong at times (a source parsed as
the object of "said", "saying" tagged as a noun). Spans are (start, end)
character offsets into the document text.
"""

from __future__ import annotations

from collections.abc import Container

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.parsing.textprep import LINE_BREAK_CHARS, is_line_break
from claimtrack.stages.claims.quotes import Quote, Quotes
from claimtrack.stages.claims.set_off import set_off_by_comma
from claimtrack.ud import (
    CLAUSE_CUT,
    DETERMINERS,
    FINITE_OR_PARTICIPLE_XPOS,
    NOMINALS,
    NOUNS,
    NP_SKIP,
    NP_WORDS,
    POSSESSIVE_XPOS,
    SUBJECTS,
    VERBS,
)

__all__ = [
    "PUNCT_EDGES", "after_case", "before_own_predicate", "char_after", "char_before", "cue_closes_sentence",
    "ends_clause", "evidential_subject", "finite", "is_extension_start", "last_comma_before", "leading_np",
    "noun_in", "noun_phrase", "np_after", "np_before", "object_words", "only_source_between",
    "passive_agent", "quote_at", "second_that_clause", "quote_opens_unit", "span_heads", "subject_of", "subject_read_as_clause", "words_span", "trim",
    "verb_between", "with_possessor", "without_complementiser",
]


PUNCT_EDGES = " \t\u00a0\u2009\u202f,;:.—–-" + LINE_BREAK_CHARS  # no-break and thin spaces too


def words_span(words: list[Word]) -> tuple[int, int] | None:
    words = [word for word in words if word.upos != "PUNCT"] or words
    if not words:
        return None
    return min(word.start for word in words), max(word.end for word in words)


def trim(text: str, start: int, end: int, quotes: Quotes) -> tuple[int, int] | None:
    """Strip spaces and edge punctuation; take in the quotation marks of a
    quote the content starts inside, and the whole of a quote it opens, so
    'was "martyred"' keeps both marks."""
    while start < end and text[start] in PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in PUNCT_EDGES:
        end -= 1
    if end <= start:
        return None
    for quote in quotes.touching(start, end):
        if quote.start < start <= quote.end < end and text[quote.inner[0] : start].strip(PUNCT_EDGES) == "":
            start = quote.start
        if start < quote.start < end <= quote.end and quote.closed and (
            text[end : quote.end].strip(PUNCT_EDGES) == "" or "\n" not in text[end : quote.end]
        ):
            # A quotation opened inside the content belongs to it whole, even
            # where the parse cut the clause short ('that for the council
            # "to approve it now would be reckless"').
            end = min(quote.after, len(text))
    return start, end


def subject_of(sent: Sent, verb: Word) -> Word | None:
    """The subject of a verb, climbing through conj, xcomp and aux chains
    (``called`` in "accused X and called it Y"; ``show`` in "appeared to show")."""
    current = verb
    for _ in range(4):
        subjects = sent.kids(current, *SUBJECTS)
        if subjects:
            before = [s for s in subjects if s.index < verb.index]
            return before[-1] if before else subjects[0]
        head = sent.head_of(current)
        if head is None or current.base_deprel not in ("conj", "xcomp", "advcl"):
            return None
        current = head
    return None


def noun_in(word: Word, lemmas: Container[str]) -> bool:
    """The word's lemma is listed; a plural the tagger took for a name
    ('Videos' as PROPN) counts by its singular."""
    if word.lemma in lemmas or word.lower in lemmas:
        return True
    return word.lower.endswith("s") and word.lower[:-1] in lemmas


def evidential_subject(sent: Sent, verb: Word, subjects: Container[str]) -> Word | None:
    """The subject of an evidential verb when it is a video, document or the
    like; when the parse gives the verb no subject, the nearest such noun
    before it in the same clause."""
    subject = subject_of(sent, verb)
    if subject is not None and noun_in(subject, subjects):
        return subject
    for word in reversed(sent.words[: verb.index]):
        if word.upos in NOUNS and noun_in(word, subjects):
            if subject is not None and word in sent.subtree(subject):
                return subject  # 'A video posted online' parsed with 'online' as its head
            return word
        if word.lower in (";", ":"):
            break
    return None


def before_own_predicate(
    sent: Sent, head: Word, cue: Word, span: tuple[int, int] | None
) -> tuple[int, int] | None:
    """A subject's phrase up to the verb chain that leads to the cue, where
    the parse hung the sentence's predicate inside the subject ('A video
    circulating online | appeared to show ...' with 'appeared' a complement
    of 'circulating')."""
    if span is None:
        return span
    top: Word | None = cue
    while top is not None and any(mark.xpos == "TO" for mark in sent.kids(top, "mark")):
        top = sent.head_of(top)  # 'appeared | to show'
    if top is None or top.index <= head.index or span[1] <= top.start:
        return span
    return words_span([w for w in sent.words[: top.index] if w.start >= span[0]])


def noun_phrase(
    sent: Sent, head: Word, cuts: frozenset[str] = frozenset(), postmodifiers: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """A source mention: the head's subtree, cut before a comma, relative
    clause, apposition or time phrase that follows the head -- but not right
    after a postmodifier that needs its phrase ('two people briefed on the
    talks', 'sources close to the investigation')."""
    words = sent.subtree(head, skip=NP_SKIP)
    kept: list[Word] = []
    for word in words:
        if word.index > head.index:
            gap = sent.words[kept[-1].index + 1 : word.index] if kept else []
            opened = bool(kept) and (kept[-1].lemma in postmodifiers or kept[-1].lower in postmodifiers)
            if _ends_phrase(word) or (word.lower in cuts and not opened) or any(_ends_phrase(w) for w in gap):
                break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower in cuts:
        kept.pop()  # 'The official further' (tagged as the head), 'the force on Thursday'
    if not (any(w.upos not in ("ADP", "DET", "PUNCT", "CCONJ") for w in kept) or _quantifier_head(head, kept)) or (
        kept[-1].lower in cuts and kept[-1].upos not in DETERMINERS
    ):
        return None  # only a time phrase: 'on Tuesday'
    last = kept[-1]
    if last.index > head.index and last.upos == "VERB" and "VerbForm=Part" in last.feats:
        following = sent.words[last.index + 1 : last.index + 2]
        if following and following[0].lower in cuts:
            kept.pop()  # 'an ad released | Thursday': the participle goes with its time phrase
    return with_possessor(sent, kept)


def _quantifier_head(head: Word, kept: list[Word]) -> bool:
    """'Some say ...': an indefinite determiner heading the phrase on its own
    (UD's pronominal use); not a demonstrative ('This shows') and not a total
    one ('All told, ...', 'all signs point to' with 'all' made the subject)."""
    return kept == [head] and head.upos == "DET" and head.has("PronType=Ind")


def with_possessor(sent: Sent, words: list[Word]) -> tuple[int, int] | None:
    """Take in a possessor the parse left outside: "al-Sudani's office"."""
    if not words:
        return None
    first = words[0].index
    if first >= 2 and sent.words[first - 1].xpos == POSSESSIVE_XPOS:
        start = first - 1
        while start > 0 and sent.words[start - 1].upos in NOUNS or (
            start > 1 and sent.words[start - 1].lower == "-" and sent.words[start - 2].upos == "PROPN"
        ):
            start -= 1
        words = sent.words[start:first] + words
    return words_span(words)


def _ends_phrase(word: Word) -> bool:
    """After a noun phrase's head, a comma, bracket or dash, a relative pronoun
    or the 'that' of a content clause ('the fact | that ...') ends the phrase."""
    return word.lower in (",", "(", "\u2014", "that") or word.has("PronType=Rel")


def np_after(sent: Sent, index: int, cuts: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Surface noun phrase starting at word ``index``: up to a comma, final
    punctuation, a participle ('speaking on condition ...') or a relative."""
    kept: list[Word] = []
    if index < len(sent.words) and sent.words[index].upos in ("ADP", "SCONJ", "CCONJ", "PART"):
        return None
    for word in sent.words[index:]:
        if kept and _joins_words(sent, word):
            kept.append(word)  # 'Ines Korr-Baptiste'
            continue
        if word.upos == "PUNCT" or word.has("PronType=Rel") or (kept and word.lower in cuts):
            break
        if word.upos == "AUX" or kept and word.upos == "VERB" and "VerbForm=Fin" in word.feats:
            break
        if kept and word.upos == "VERB" and ("VerbForm=Ger" in word.feats or "VerbForm=Part" in word.feats):
            break
        if kept and word.upos == "ADP" and word.lower in ("in", "on") and is_extension_start(sent, word):
            break
        kept.append(word)
    if not kept or not any(w.upos in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X") for w in kept):
        return None
    return words_span(kept)


def _joins_words(sent: Sent, word: Word) -> bool:
    """A hyphen with no space on either side, inside a name ('Korr-Baptiste')."""
    following = sent.words[word.index + 1 : word.index + 2]
    previous = sent.words[word.index - 1 : word.index]
    return (
        word.text == "-"
        and bool(following)
        and bool(previous)
        and previous[0].end == word.start
        and following[0].start == word.end
        and following[0].upos != "PUNCT"
    )


def ends_clause(sent: Sent, offset: int) -> bool:
    """Nothing but punctuation, a preposition phrase or a participle clause
    follows ``offset`` ('said the official, speaking on condition ...')."""
    following = [w for w in sent.words if w.start >= offset][:1]
    return not following or following[0].upos in ("PUNCT", "ADP") or "VerbForm=Ger" in following[0].feats


def is_extension_start(sent: Sent, word: Word) -> bool:
    following = sent.words[word.index + 1 : word.index + 3]
    return any(w.lower in ("a", "an", "statement", "interview") for w in following)


def np_before(sent: Sent, cue: Word) -> tuple[int, int] | None:
    """Surface noun phrase before a sentence-final cue: the stretch after the
    last comma (", an aide to the minister said."); when a quotation closes
    before the cue, the first stretch after it ('"...," Khaled Al-Maeena,
    editor at the Gazette, said.')."""
    words = sent.words[: cue.index]
    segments: list[tuple[list[Word], str | None]] = []
    current: list[Word] = []
    for word in words:
        if word.lower in (",", ":") or word.lower in ('"', "\u201d", "\u2019"):
            segments.append((current, word.lower))
            current = []
        else:
            current.append(word)
    segments.append((current, None))
    closing = [i for i, (_, mark) in enumerate(segments) if mark in ('"', "\u201d", "\u2019")]
    candidates = segments[closing[-1] + 1 :] if closing else segments[-1:]
    for segment, _ in candidates:
        kept = [w for w in segment if w.upos != "ADV"]
        if kept and any(w.upos in NOMINALS for w in kept):
            return words_span(kept)
    return None


def quote_at(quotes: Quotes, start: int, end: int) -> list[Quote]:
    """Quotations lying inside [start, end]."""
    return list(quotes.within(start, end))


def verb_between(sent: Sent, start: int, end: int) -> bool:
    return any(w.upos in VERBS for w in sent.words_between(start, end))


def quote_opens_unit(text: str, quote: Quote) -> bool:
    """The opening mark starts a sentence or paragraph (nothing but space or a
    dash between it and the previous sentence end)."""
    before = char_before(text, quote.start)
    return not before or before in ".!?:\u201d\"\u2014" or is_line_break(before)


def char_before(text: str, offset: int) -> str:
    """The last character before ``offset`` that is not a space within a
    line (a tab or a no-break space skipped too; '' if none)."""
    while offset > 0 and text[offset - 1].isspace() and not is_line_break(text[offset - 1]):
        offset -= 1
    return text[offset - 1] if offset > 0 else ""


def char_after(text: str, offset: int) -> str:
    """The first character from ``offset`` on that is not a space within a
    line ('' if none)."""
    while offset < len(text) and text[offset].isspace() and not is_line_break(text[offset]):
        offset += 1
    return text[offset] if offset < len(text) else ""


def only_source_between(gap: str) -> bool:
    """Between a cue and the next part of a split quotation only the source
    and a comma ('"A," she said, "B."', '"A," said Smith, a lawyer, "B."'):
    the gap ends in a comma. Not '"A," he said, after the host called him a
    "loser"': the gap goes on past its comma to another quotation."""
    stripped = gap.strip()
    return stripped.endswith(",") or stripped == ""


def ing_form(word: Word) -> bool:
    """A gerund or present participle ('saying', 'adding')."""
    return word.has("VerbForm=Ger") or (word.has("VerbForm=Part") and word.has("Tense=Pres"))


def speaker_pronoun(word: Word) -> bool:
    """A first- or second-person pronoun: the speaker's own voice ('I think', 'we call it')."""
    return word.upos == "PRON" and (word.has("Person=1") or word.has("Person=2"))


def finite(sent: Sent, cue: Word) -> bool:
    """A finite cue ('said', 'has said'), not a participle or gerund ('hoping')."""
    return "VerbForm=Fin" in cue.feats or bool(sent.kids(cue, "aux", "aux:pass"))


def last_comma_before(sent: Sent, cue: Word) -> Word | None:
    """The comma before the cue, unless a verb well before the cue intervenes."""
    for word in reversed(sent.words[: cue.index]):
        if word.lower == ",":
            return word
        if word.upos == "VERB" and word.deprel != "amod" and word.index < cue.index - 8:
            return None
    return None


def cue_closes_sentence(sent: Sent, cue: Word) -> bool:
    """Only the source, an extension or punctuation follow the cue."""
    rest = [w for w in sent.words[cue.index + 1 :] if w.upos != "PUNCT"]
    if rest and rest[0].xpos == "VBG" and set_off_by_comma(sent, rest[0]) and rest[0].head_id == cue.id:
        return True  # '..., the agency said, ending a blockade that began last week.'
    return len(rest) <= 8 and not any(w.upos == "VERB" and w.deprel in ("ccomp", "xcomp") for w in rest)


def subject_read_as_clause(sent: Sent, cue: Word) -> Word | None:
    """'..., two people familiar with the inquiry said on Tuesday.' parsed
    with 'familiar' a clause of 'said' and 'people' its subject: a verbless
    predicate (an adjective or a participle with no copula, auxiliary or
    subordinator) whose subject opens it, standing right before a cue that
    has no subject of its own, after a comma or at the sentence's start.
    The predicate may hang on the cue or beside it ('familiar' a conjunct of
    the main verb and 'said' its adverbial clause)."""
    if sent.kids(cue, *SUBJECTS):
        return None
    head = sent.head_of(cue)
    beside = [] if head is None else sent.kids(head, "ccomp", "conj", "parataxis", "advcl")
    for kid in sent.kids(cue, "ccomp") + [kid for kid in beside if kid.index != cue.index]:
        words = [w for w in sent.subtree(kid) if w.index >= kid.index or w.upos != "PUNCT"]
        subjects = sent.kids(kid, "nsubj", "nsubj:pass")
        if (
            kid.index < cue.index
            and (kid.upos == "ADJ" or kid.xpos == "VBN")
            and not sent.kids(kid, "cop", "aux", "aux:pass", "mark", "expl")
            and subjects
            and sent.subtree(subjects[0])[0].index == words[0].index
            and words[-1].index == cue.index - 1
            and (words[0].index == 0 or sent.words[words[0].index - 1].lower == ",")
        ):
            return kid
    return None


def complement_clauses(sent: Sent, cue: Word) -> list[Word]:
    """The cue's clausal complements: its 'ccomp' kids, a tensed 'xcomp', and a clause the parse
    coordinated with the cue that opens with 'that' right after it ('showed
    that moderates, voters aged 45 and older, ... backed her' with 'backed'
    a conjunct of 'showed')."""
    found = []
    for kid in sent.kids(cue):
        if kid.base_deprel == "ccomp" and (
            set_off_by_comma(sent, kid) or _after_inverted_subject(sent, cue, kid)
        ):
            continue  # 'said the official, speaking on condition of anonymity': how, not what
        misread = subject_read_as_clause(sent, cue)
        if misread is not None and kid.index == misread.index:
            continue  # '..., two people familiar with the inquiry said': who, not what
        if kid.base_deprel == "ccomp":
            if not _relative_after_cue(sent, cue, kid):
                found.append(kid)
        elif (
            kid.base_deprel == "xcomp"
            and kid.xpos in FINITE_OR_PARTICIPLE_XPOS
            and not sent.kids(kid, "mark", "aux")
            and (sent.kids(kid, "nsubj", "nsubj:pass") or cue.base_deprel == "acl")
        ):
            # a tensed verb is no infinitive: 'which they say left a vacuum' (its
            # subject the relative pronoun); not 'Pension claims | rose sharply'
            found.append(kid)
        elif kid.base_deprel in ("conj", "parataxis", "advcl") and kid.index > cue.index:
            first = sent.subtree(kid)[0]
            if first.index == cue.index + 1 and first.lower == "that" and first.deprel == "mark":
                found.append(kid)
            elif found and kid.base_deprel == "conj" and second_that_clause(sent, kid):
                found.append(kid)  # 'says he opposes X but | that the plans won't help', hung on the cue
    return found


def _relative_after_cue(sent: Sent, cue: Word, kid: Word) -> bool:
    """'..., said Black, | who has known Ortiz for years': a relative
    clause of the speaker after the cue, parsed as its complement."""
    return any(
        subject.xpos in ("WP", "WDT") and subject.index > cue.index + 1 and sent.words[subject.index - 1].lower == ","
        for subject in sent.kids(kid, "nsubj", "nsubj:pass")
    )


def second_that_clause(sent: Sent, kid: Word) -> bool:
    """A conjunct that opens with 'and/but that': a second reported clause."""
    words = [w for w in sent.subtree(kid) if w.upos != "PUNCT"]
    return len(words) > 2 and words[0].upos == "CCONJ" and words[1].lower == "that" and words[1].deprel == "mark"


def _after_inverted_subject(sent: Sent, cue: Word, kid: Word) -> bool:
    """'..., said Tom Brandt, a housing adviser currently working for ...'
    with 'working' a clause of 'said': a participle with no subject after the
    cue's own subject is part of the subject's phrase."""
    return (
        kid.index > cue.index
        and (ing_form(kid) or kid.xpos == "VBN")
        and not sent.kids(kid, "nsubj", "nsubj:pass", "mark")
        and any(cue.index < subject.index < kid.index for subject in sent.kids(cue, "nsubj"))
    )


def object_words(sent: Sent, cue: Word) -> list[Word]:
    """Everything the cue governs after it, minus coordinated clauses and a
    leading complementiser ('show that X' -> X)."""
    words: list[Word] = []
    complements = complement_clauses(sent, cue)
    for kid in sent.kids(cue):
        if kid.index > cue.index and (
            kid in complements or kid.deprel not in CLAUSE_CUT and kid.base_deprel not in CLAUSE_CUT
        ):
            words.extend(sent.subtree(kid))
    words.sort(key=lambda w: w.index)
    return without_complementiser(words)


def without_complementiser(words: list[Word]) -> list[Word]:
    """A clause without its leading 'that' ('said that X' -> X), also where
    the parse made it the cue's object ('shows that | prices are rising'),
    but not where it is the clause's subject ('said that was wrong')."""
    while words and words[0].lower == "that" and (words[0].deprel == "mark" or _complementiser_read_as_object(words)):
        words = words[1:]
    return words


def _complementiser_read_as_object(words: list[Word]) -> bool:
    following = words[1:2]
    return words[0].deprel == "obj" and bool(following) and following[0].upos in NP_WORDS


def passive_agent(sent: Sent, cue: Word) -> Word | None:
    """The 'by X' agent of a passive cue verb, if any; a participle with no
    auxiliary ('When asked by a reporter whether ...') by its agent's label."""
    if not sent.kids(cue, "aux:pass", "nsubj:pass"):
        reduced = [
            word for word in sent.kids(cue, "obl:agent") if any(k.lower == "by" for k in sent.kids(word, "case"))
        ]
        return reduced[0] if reduced and cue.xpos == "VBN" else None
    for word in sent.kids(cue, "obl"):
        if any(k.lower == "by" for k in sent.kids(word, "case")):
            return word
    return None


def after_case(sent: Sent, head: Word, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A noun phrase span without its leading preposition ('by the group')."""
    if span is None:
        return None
    case = sent.kids(head, "case")
    if case and span[0] <= case[0].start:
        following = [w for w in sent.words if w.start > case[0].start]
        return (following[0].start, span[1]) if following else span
    return span


def span_heads(sent: Sent, words: list[Word]) -> list[Word]:
    """The words of a span whose head lies outside it (one for a well-formed phrase)."""
    inside = {word.index for word in words}
    heads = []
    for word in words:
        head = sent.head_of(word)
        if head is None or head.index not in inside:
            heads.append(word)
    return heads
