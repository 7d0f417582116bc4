"""Attribution: for one cue, find the source mention and the reported content.

A cue verb's content comes from the first of its rule's frames that matches
(:mod:`claimtrack.stages.claims.frames`); its source from the frame or, most often,
from the verb's subject and the surface fallbacks of
:mod:`claimtrack.stages.claims.speakers` ("said the X" inversion, the noun phrase
before a sentence-final cue). Phrase cues ("according to X", "in a new
poll") and noun cues ("a statement saying X") have their own readers. A cue
that yields nothing gives the reason instead of a claim; the drafts are then
joined, cut and checked into claims (:mod:`claimtrack.stages.claims.drafts`).
"""

from __future__ import annotations

import attrs

from collections.abc import Sequence

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.cues import CueHit, Lexicon, document_head
from claimtrack.stages.claims.drafts import Draft
from claimtrack.stages.claims.frames import DEFAULT_FRAMES, CueContext, first_match
from claimtrack.stages.claims.quotes import Quotes
from claimtrack.stages.claims.set_off import before_set_off_participle
from claimtrack.stages.claims.source_phrases import source_phrase
from claimtrack.stages.claims.speakers import phrase_source, source_after_quote, subject_mention, verb_source
from claimtrack.stages.claims.phrases import (
    passive_agent,
    speaker_pronoun,
    subject_of,
    trim,
    words_span,
)
from claimtrack.stages.claims.surface import (
    bare_np_before,
    whole_words,
)
from claimtrack.ud import POSSESSIVE_XPOS, PUNCT_OR_CONJUNCTION

__all__ = ["attribute"]


def _extension(sent: Sent, after: Word, lexicon: Lexicon) -> tuple[tuple[Word, ...], tuple[str, ...]]:
    """Words such as 'in a statement' right after the cue, and the id of the
    rule that names them."""
    found = lexicon.extension_at(sent, after.index + 1)
    return ((), ()) if found is None else (found[0], (found[1].id,))


def attribute(text: str, sent: Sent, hit: CueHit, quotes: Quotes, lexicon: Lexicon) -> Draft | str:
    """A draft claim for one cue, or the reason there is none."""
    if hit.kind == "verb":
        found = _attribute_verb(text, sent, hit, quotes, lexicon)
    elif hit.kind == "phrase" and hit.rule.get("heads"):
        found = _attribute_document(text, sent, hit, quotes, lexicon)
    elif hit.kind == "phrase":
        found = _attribute_phrase(text, sent, hit, quotes)
    else:
        found = _attribute_noun(text, sent, hit, quotes, lexicon)
    if isinstance(found, str):
        return found
    if hit.kind != "verb":
        found = attrs.evolve(found, act=lexicon.act(hit.rule))
    if found.source is None:
        return found
    source = whole_words(text, found.source)
    found = attrs.evolve(found, source=source)
    if hit.kind == "noun" and not lexicon.first_person_counts(found.cue_class) and _speaker_span(sent, source):
        return f"noun cue '{hit.head.text}' ({found.cue_class}) of the speaker's own ('my belief that')"
    cue = found.cue
    # A content piece that holds its own cue is a misread clause boundary, not a limit of the source phrase.
    parts = [part for part in found.parts if cue is None or not (part[0] <= cue[0] and cue[1] <= part[1])]
    taken = (*((cue,) if cue else ()), *parts)
    phrase = source_phrase(sent, source, taken, lexicon.time_words, found.cue, lexicon.verbs)
    return attrs.evolve(found, phrase=phrase)


def _attribute_verb(text: str, sent: Sent, hit: CueHit, quotes: Quotes, lexicon: Lexicon) -> Draft | str:
    cue, rule = hit.head, hit.rule
    cls = rule.get("class")
    particle = rule.get("particle")
    cue_words = [cue]
    if particle:
        following = sent.words[cue.index + 1 : cue.index + 2]
        if not following or following[0].lower != particle:
            return f"cue '{cue.text}' needs the particle '{particle}'"
        cue_words.append(following[0])
    context = CueContext(text, sent, cue, cue_words[-1], quotes, lexicon, rule)
    match = first_match(context, tuple(rule.get("frames") or DEFAULT_FRAMES))
    if match is None:
        if not lexicon.reportable(cls):
            return f"cue '{cue.text}' is a speech act ({cls}) with no quotation"
        if sent.kids(cue, "aux:pass", "nsubj:pass") and passive_agent(sent, cue) is None:
            return f"cue '{cue.text}' is passive with no agent"
        return f"cue '{cue.text}' has no clausal complement and no quotation"
    pattern, source = match.pattern, match.source
    if not match.sourced:
        source = verb_source(
            sent, cue, lexicon.source_cuts, inverted=not rule.get("addressee"), postmodifiers=lexicon.postmodifiers
        )
        if source is None and match.quoted and match.parts[0][1] < cue.start:
            source = source_after_quote(sent, match.parts[0][1], cue, lexicon)
        if rule.get("put_to_subject") and _bare_participle(sent, cue) and passive_agent(sent, cue) is None:
            source = None  # 'Asked about the vote, she said ...': she was asked, by someone not named
        if source is None and (pattern == "pattern.as_verb_clause" or not sent.kids(cue, "aux:pass")):
            if not _unasked_question(sent, cue, pattern, bool(rule.get("put_to_subject"))):
                return f"cue '{cue.text}' has no source (an imperative, an infinitive or 'as noted')"
    unreal = _unreal(sent, cue, lexicon)
    if unreal:
        return f"cue '{cue.text}' is {unreal} speech, not a claim"
    if not lexicon.first_person_counts(cls) and _first_person_subject(sent, cue):
        return f"cue '{cue.text}' ({cls}) with a first- or second-person subject is the speaker's own voice"
    extension, extension_rule = _extension(sent, cue_words[-1], lexicon)
    cue_words.extend(extension)
    trimmed = tuple(p for p in (trim(text, *part, quotes) for part in match.parts if part) if p)
    if not trimmed:
        return f"cue '{cue.text}' has an empty content"
    if source is not None and _overlaps_any(source, trimmed):
        source = None if pattern != "pattern.clause_then_verb" else source
    construction = lexicon.construction(match.frame, text[trimmed[-1][0] : trimmed[-1][1]])
    act = str(construction.get("act")) if construction is not None else lexicon.act(rule)
    rules = (rule.id, *((construction.id,) if construction is not None else ()), pattern) + extension_rule
    cue_span = (cue_words[0].start, cue_words[-1].end)
    lemma = cue.lemma if cue.lemma in lexicon.verbs else rule.get("lemma")  # a cue found by its form
    return Draft(cue_span, lemma, cls, source, trimmed, rules, quoted=match.quoted, act=act)


def _unreal(sent: Sent, cue: Word, lexicon: Lexicon) -> str | None:
    """'negated' or 'hypothetical' when the speech did not happen (rules/cues.yaml 'unreal')."""
    if any(kid.lower in lexicon.unreal_negations for kid in sent.kids(cue, "advmod")):
        return "negated"
    subject = subject_of(sent, cue)
    if subject is not None and (
        subject.lower in lexicon.unreal_subjects
        or any(kid.lower in lexicon.unreal_determiners for kid in sent.kids(subject, "det"))
    ):
        return "negated"
    if any(kid.lower in lexicon.unreal_marks for kid in sent.kids(cue, "mark")):
        return "hypothetical"
    return None


def _speaker_span(sent: Sent, span: tuple[int, int]) -> bool:
    """The span is one first- or second-person pronoun ('my', 'I', 'you')."""
    words = sent.words_between(*span)
    return len(words) == 1 and speaker_pronoun(words[0])


def _first_person_subject(sent: Sent, cue: Word) -> bool:
    subject = subject_of(sent, cue)
    return subject is not None and speaker_pronoun(subject)


def _unasked_question(sent: Sent, cue: Word, pattern: str, put_to_subject: bool) -> bool:
    """'Asked why he trailed, the senator said ...': a question put by someone
    the text does not name (a participle with no auxiliary and no agent) is
    reported without a source; the one asked answers in the main clause. So
    is the topic of a cue put to its subject ('Asked about the vote, ...')."""
    frames = ("pattern.verb_question", "pattern.verb_object") if put_to_subject else ("pattern.verb_question",)
    return pattern in frames and _bare_participle(sent, cue)


def _bare_participle(sent: Sent, cue: Word) -> bool:
    """A participle with no auxiliary and no subject; the tagger reads one as a
    past tense at times ('When asked if ...'), but not a verb coordinated with
    another that has the subject ('a boy stared at it and asked who he was')."""
    return (
        cue.xpos in ("VBN", "VBD") and cue.base_deprel != "conj"
        and not sent.kids(cue, "aux", "aux:pass", "nsubj", "nsubj:pass")
    )


def _overlaps_any(span: tuple[int, int], parts: Sequence[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in parts)


def _attribute_phrase(text: str, sent: Sent, hit: CueHit, quotes: Quotes) -> Draft | str:
    """'According to X, Y' / 'Y, according to X' / 'In X's view, Y'."""
    rule = hit.rule
    last = hit.words[-1]
    where = rule.get("source", "after")
    if where == "possessive":
        # 'In the union's view, X': the source stands between the two words.
        inner = [w for w in sent.words[hit.words[0].index + 1 : last.index] if w.upos != "PART"]
        source = words_span([w for w in inner if w.xpos != POSSESSIVE_XPOS])
        if source is None:
            return f"phrase '{rule.get('words')}' has no source inside it"
    else:
        source = phrase_source(sent, hit, lexicon_cuts=frozenset())
    if source is None:
        return f"phrase '{rule.get('words')}' has no source after it"
    first = hit.words[0]
    leading = [w for w in sent.words[: first.index] if w.upos != "PUNCT"]
    if leading and leading[-1].lower == "that" and leading[-1].upos == "SCONJ":
        leading = []  # 'Wikinews has learned that according to a posting, X'
    if not leading:
        rest = [w for w in sent.words[last.index + 1 :] if w.start >= source[1]]
        pieces: tuple[tuple[int, int] | None, ...] = (words_span(rest),)
        pattern = "pattern.phrase_then_clause"
    else:
        pieces = (words_span(sent.words[: first.index]),)
        pattern = "pattern.clause_then_phrase"
        after = [w for w in sent.words[last.index + 1 :] if w.start >= source[1]]
        if after and after[0].lower == "," and any(w.upos != "PUNCT" for w in after[1:]):
            # 'In 2008, according to Google Analytics, the site had ...'
            tail = words_span(after[1:])
            pieces = (pieces[0], tail) if pieces[0] else (tail,)
            pattern = "pattern.parenthetical_phrase"
    if pieces[0] is None:
        return f"phrase '{rule.get('words')}' has no content"
    trimmed = tuple(t for t in (trim(text, *piece, quotes) for piece in pieces if piece is not None) if t)
    if not trimmed:
        return f"phrase '{rule.get('words')}' has no content"
    if rule.get("source_upos") and not _has_finite(sent.words_between(*trimmed[0])):
        return f"phrase '{rule.get('words')}' has no clause with a finite verb"
    cue_lemma = " ".join(rule.get("words").split())
    return Draft((first.start, last.end), cue_lemma, rule.get("class"), source, trimmed, (rule.id, pattern))

def _figure(sent: Sent, word: Word) -> bool:
    """A number phrase of the predicate: 'to 10 percent', 'at 5%'."""
    return word.base_deprel == "obl" and (word.upos == "NUM" or bool(sent.kids(word, "nummod")))


def _has_finite(words: Sequence[Word]) -> bool:
    """A finite verb among the words, or the sentence's main verb (a main
    clause's verb is finite even where the tagger read 'died' as a participle)."""
    return any(w.upos == "AUX" or w.upos == "VERB" and (w.has("VerbForm=Fin") or w.deprel == "root") for w in words)


def _attribute_document(text: str, sent: Sent, hit: CueHit, quotes: Quotes, lexicon: Lexicon) -> Draft | str:
    """'In a new poll, X leads' / 'X leads in the latest poll': a poll, a
    survey or a study (the rule's ``heads``) as the source of the clause the
    phrase belongs to. Only a phrase of the main clause's predicate (not 'a
    lead in the polls', not 'who led in the polls'), whose predicate is no
    cue verb ('said in a report': the verb's own), standing at the clause's
    start before a comma or at its end; the content must be a clause with a
    finite verb."""
    rule, marker = hit.rule, hit.words[-1]
    name = rule.get("words")
    head = document_head(sent, marker, rule)
    governor = sent.head_of(head) if head is not None else None
    if head is not None and governor is not None and head.base_deprel == "nmod" and _figure(sent, governor):
        governor = sent.head_of(governor)  # 'fell to 10 percent | in the poll': the parse hung it on the figure
    elif head is not None and head.base_deprel != "obl":
        governor = None
    if head is None or governor is None or governor.deprel != "root":
        return f"phrase '{name}' is no phrase of the main clause"
    if governor.lemma in lexicon.verbs:
        return f"phrase '{name}' belongs to the cue verb '{governor.text}'"
    source = phrase_source(sent, hit, lexicon_cuts=frozenset())
    if source is None:
        return f"phrase '{name}' has no source after it"
    first = hit.words[0]
    leading = [w for w in sent.words[: first.index] if w.upos not in PUNCT_OR_CONJUNCTION]
    after = [w for w in sent.words[marker.index + 1 :] if w.start >= source[1]]
    if not leading:
        if not after or after[0].lower != ",":
            return f"phrase '{name}' opens the sentence with no comma after its source"
        words, pattern = after[1:], "pattern.document_then_clause"
    else:
        if any(w.upos != "PUNCT" for w in after) and after[0].lower not in (",", ";", "\u2014", "--"):
            return f"phrase '{name}' does not end its clause"
        words, pattern = sent.words[: first.index], "pattern.clause_then_document"
    if not _has_finite(words):
        return f"phrase '{name}' has no clause with a finite verb"
    content = words_span(words)
    trimmed = trim(text, *content, quotes) if content is not None else None
    if trimmed is None:
        return f"phrase '{name}' has no content"
    return Draft((first.start, marker.end), name, rule.get("class"), source, (trimmed,), (rule.id, pattern))


def _attribute_noun(text: str, sent: Sent, hit: CueHit, quotes: Quotes, lexicon: Lexicon) -> Draft | str:
    """'released a statement saying (that) X', 'his belief that X', 'the
    plan to cut taxes', 'her call for a recount': the content is the rest of
    the sentence after the link word, or for an ``owned`` noun the clause or
    phrase it governs; the link is kept when the rule says so ('to cut
    taxes'); the source is the noun's possessor, else its verb's subject,
    else (not for an ``owned`` noun) the noun phrase before it."""
    noun, link = hit.words[0], hit.words[-1]
    first = link.index if link.lower in (hit.rule.get("keep_links") or ()) else link.index + 1
    governed = [
        word for kid in sent.kids(noun) if kid.index > link.index for word in sent.subtree(kid) if word.index >= first
    ]
    # A statement noun reads to the end of the sentence, which holds up where the
    # parse misreads the noun ('AFP reports that ...'); a noun form of a belief,
    # intention or directive reads what it governs ('her plan to X was rejected').
    words = governed if governed and hit.rule.get("owned") else sent.words[first:]
    if hit.rule.get("owned"):  # 'her call for an end to subsidies, | calling them "welfare"': how she went on
        words = before_set_off_participle(sent, words)
    while words and words[0].lower == "that" and words[0] is not link:
        words = words[1:]
    content = words_span(words)
    if content is None:
        return f"noun cue '{noun.text}' has no content"
    trimmed = trim(text, *content, quotes)
    if trimmed is None:
        return f"noun cue '{noun.text}' has no content"
    owners = [kid for kid in sent.kids(noun, "nmod:poss") if kid.index < noun.index]
    source = after_possessive(sent, owners[0]) if owners else None
    governor = sent.head_of(noun)
    if governor is not None and noun.base_deprel == "compound" and governor.index == link.index:
        governor = sent.head_of(governor)  # 'a statement saying' read as one noun phrase headed by 'saying'
    if source is None and governor is not None:
        subject = subject_of(sent, governor)
        if subject is not None and subject.index < noun.index:
            source = subject_mention(sent, subject, lexicon.source_cuts, lexicon.postmodifiers)
    if source is None and hit.rule.get("owned"):
        return f"noun cue '{noun.text}' has no possessor and no subject"
    if source is None:
        source = bare_np_before(sent, noun)
    cue_text = f"{noun.lemma} {link.lower}"
    return Draft((noun.start, link.end), cue_text, hit.rule.get("class"), source, (trimmed,), (hit.rule.id, "pattern.noun_statement"))


def after_possessive(sent: Sent, owner: Word) -> tuple[int, int] | None:
    """The possessor's phrase without its possessive marker: 'the senator's' -> 'the senator'."""
    words = [word for word in sent.subtree(owner) if word.xpos != "POS" and word.upos != "PUNCT"]
    return words_span(words)
