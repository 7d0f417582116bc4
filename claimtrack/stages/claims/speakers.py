"""Who said it: the source mention of a cue, read from the parse and, where
the compact parser went wrong, from the words around the cue.

A verb's source is its subject (or the agent of a passive), or the noun
phrase after an inverted cue ('..., said the official'), or one of the
surface fallbacks (the phrase right before a sentence-final cue, the name
between a quotation and its cue); subjects that name no one (time phrases,
sentence adverbs, datelines) are skipped. A phrase cue's source is the noun
phrase it introduces ('according to X'). Kept apart from
:mod:`claimtrack.stages.claims.attribution`, which puts sources and contents
together into drafts.
"""

from __future__ import annotations

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.cues import CueHit, Lexicon
from claimtrack.stages.claims.phrases import (
    after_case,
    cue_closes_sentence,
    ends_clause,
    finite,
    ing_form,
    noun_phrase,
    np_after,
    np_before,
    passive_agent,
    subject_of,
    subject_read_as_clause,
    words_span,
)
from claimtrack.stages.claims.surface import (
    leading_np,
    left_dependents,
    np_right_before,
    phrase_ending_before,
)
from claimtrack.ud import DETERMINERS, NOMINALS, NOUNS, NOUN_PHRASE_TAGS, NP_SKIP, PARTICIPLE_XPOS, QUOTE_XPOS, SUBJECTS, VERBS

__all__ = ["phrase_source", "source_after_quote", "subject_mention", "verb_source"]


def verb_source(
    sent: Sent, cue: Word, cuts: frozenset[str], inverted: bool = True, postmodifiers: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The subject of the cue verb; for 'said the official' (source after the
    verb, however the parser labelled it), the noun phrase after the cue,
    unless the verb's object is its addressee ('told reporters')."""
    if cue.upos == "NOUN":  # a cue the tagger took for a noun: 'Some say ...', 'The board writes, ...'
        return phrase_ending_before(sent, cue) or left_dependents(sent, cue)
    agent = passive_agent(sent, cue)
    if agent is not None:
        return after_case(sent, agent, noun_phrase(sent, agent, cuts))
    if any(aux.lower not in ("'s", "\u2019s") for aux in sent.kids(cue, "aux:pass")):
        return None  # 'Smith was told that ...', 'X is accused of ...': the subject is no speaker
    own = [w for w in sent.kids(cue, *SUBJECTS) if w.index < cue.index]
    previous = sent.words[cue.index - 1 : cue.index]
    if (
        inverted
        and (not previous or previous[0].upos == "PUNCT")
        and finite(sent, cue)
        and not (own and _adjacent_subject(sent, own[-1], cue))
    ):
        after = np_after(sent, cue.index + 1, cuts)
        if after is not None and _names_someone(sent, after, cuts) and (
            ends_clause(sent, after[1]) and not _quotation_goes_on(sent, after[1]) or _relative_follows(sent, after[1])
        ):
            return after
    if own:
        return _subject_mention(sent, own, cuts, postmodifiers)
    misread = subject_read_as_clause(sent, cue)
    if misread is not None:
        return words_span([w for w in sent.subtree(misread) if w.upos != "PUNCT" or w.index > misread.index])
    modified = sent.head_of(cue) if cue.deprel == "acl" else None
    if modified is not None and modified.upos in NOUNS and modified.index < cue.index:
        phrase = noun_phrase(sent, modified, cuts, postmodifiers)  # 'an item | suggesting that X'
        return None if phrase is None else (phrase[0], min(phrase[1], sent.words[cue.index - 1].end))
    spine = _participle_speaker(sent, cue)
    if spine:
        return _subject_mention(sent, spine, cuts, postmodifiers)
    subject = subject_of(sent, cue)
    described = _participle_read_as_main_verb(sent, cue, subject)
    if described is not None:
        return described
    if subject is not None and subject.index < cue.index:
        return subject_mention(sent, subject, cuts, postmodifiers)
    if subject is not None and subject.index > cue.index:
        after = np_after(sent, cue.index + 1, cuts)
        if after is None or _names_someone(sent, after, cuts):
            return after
    stranded = _subject_read_as_object(sent, cue)
    if stranded is not None:
        return noun_phrase(sent, stranded, cuts, postmodifiers)
    if cue_closes_sentence(sent, cue):
        found = np_before(sent, cue)
        if found is not None:
            return found
    return np_right_before(sent, cue, postmodifiers) or leading_np(sent, cue)


def _subject_read_as_object(sent: Sent, cue: Word) -> Word | None:
    """'said the minister, Ivo Castellan, had promised to ...' parsed with
    'minister' the object of 'said' and the cue 'promised' its complement
    with no subject: the object right before the cue's clause."""
    verb = sent.head_of(cue)
    if verb is None or cue.base_deprel != "ccomp" or sent.kids(cue, *SUBJECTS):
        return None
    start = sent.subtree(cue)[0].index
    objects = [kid for kid in sent.kids(verb, "obj") if kid.index < start]
    if not objects:
        return None
    last = sent.subtree(objects[-1])[-1].index
    if any(w.upos != "PUNCT" for w in sent.words[last + 1 : start]):
        return None
    return objects[-1]


def _participle_read_as_main_verb(sent: Sent, cue: Word, subject: Word | None) -> tuple[int, int] | None:
    """'Two people briefed on the talks said ...' parsed with 'briefed' as the
    main verb and the cue hung below it: the subject, the participle and its
    prepositional phrases up to the cue are one source phrase."""
    verb = sent.head_of(cue)
    if (
        subject is None
        or verb is None
        or sent.head_of(subject) is not verb
        or cue.base_deprel not in ("advcl", "parataxis", "conj")
        or verb.xpos not in ("VBD", "VBN")
        or not subject.index < verb.index < cue.index
        or sent.kids(verb, "obj", "iobj", "ccomp", "xcomp")
    ):
        return None
    start = sent.subtree(subject)[0].index
    between = sent.words[verb.index + 1 : cue.index]
    if not between or any(w.upos in ("PUNCT", "CCONJ", "VERB", "AUX") for w in between):
        return None  # 'The council met on Monday, and the mayor said'
    own = {w.index for kid in sent.kids(verb, "obl") for w in sent.subtree(kid)}
    if any(w.index not in own for w in between) or any(index > cue.index for index in own):
        return None
    return words_span(sent.words[start : cue.index])


def _names_someone(sent: Sent, span: tuple[int, int], cuts: frozenset[str]) -> bool:
    """False for a phrase after the cue made only of words that end a source
    (time phrases: '..., Benjamin J. Rhodes, an adviser, said Sunday.', where
    the parse made 'Sunday' the subject)."""
    words = [w for w in sent.words_between(*span) if w.upos != "PUNCT"]
    return not words or any(w.lower not in cuts for w in words)


# Relations that put a clause inside another's argument: a participle cue
# hung below one of these by the parse speaks for the clause above it.
_EMBEDDING = ("acl", "ccomp", "csubj", "nmod", "obl", "obj", "iobj", "nsubj", "appos")


def _participle_speaker(sent: Sent, cue: Word) -> list[Word]:
    """The subjects of the main clause for a participle cue after a comma
    that the parse hung inside an embedded clause ('The minister presented
    the reform as a means to train nurses who serve rural clinics, noting
    that ...'; 'The group pressed its case, saying the repairs are overdue
    but suggesting that ...'): the subjects of the lowest
    verb above the highest embedded clause on the cue's path; empty when
    the path crosses no embedded clause."""
    if not ing_form(cue):
        return []
    if sent.kids(cue, "aux", "aux:pass") or cue.base_deprel not in ("conj", "advcl", "xcomp", "parataxis"):
        return []
    previous = [w for w in sent.words[: cue.index] if w.upos != "ADV"][-1:]
    if not previous or previous[0].lower != "," and previous[0].upos != "CCONJ":
        return []
    path: list[Word] = []
    node = sent.head_of(cue)
    while node is not None and len(path) < 20:
        path.append(node)
        node = sent.head_of(node)
    embedded = [i for i, word in enumerate(path) if word.base_deprel in _EMBEDDING]
    if not embedded:
        return []
    for word in path[max(embedded) + 1 :]:
        subjects = [w for w in sent.kids(word, *SUBJECTS) if w.index < word.index]
        if subjects:
            return subjects
    return []


def _adjacent_subject(sent: Sent, subject: Word, cue: Word) -> bool:
    """The subject is a noun phrase that runs up to the cue, set off by a
    comma at most ('The firm's lawyer, Ada Brook, calls X "a stunt"'): no
    inverted source after the cue is looked for."""
    words = [w for w in sent.subtree(subject) if w.upos != "PUNCT"]
    if any(w.upos in VERBS and w.deprel not in ("amod", "case") for w in words):
        return False  # a clause the parse made the subject: 'Prices rose, said X'
    if not words or words[-1].index >= cue.index:
        return False
    between = sent.words[words[-1].index + 1 : cue.index]
    if all(w.lower == "," for w in between):
        return True
    # a phrase in commas the parse hung elsewhere ('Several city leaders, including Ana Ruiz, criticized')
    return (
        len(between) > 2 and between[0].lower == "," and between[-1].lower == ","
        and not any(w.upos == "AUX" or w.has("VerbForm=Fin") for w in between)
    )


def _quotation_goes_on(sent: Sent, offset: int) -> bool:
    """A quotation mark at ``offset`` opens a quoted clause that goes on
    the report ('said the plan "may have failed"'): the phrase before it is
    no inverted source."""
    following = [w for w in sent.words if w.start >= offset]
    if len(following) < 2 or following[0].xpos not in QUOTE_XPOS:
        return False
    quoted = []
    for word in following[1:]:
        if word.upos == "PUNCT" and word.xpos in QUOTE_XPOS:
            break
        quoted.append(word)
    return any(w.upos in VERBS for w in quoted)


def _relative_follows(sent: Sent, offset: int) -> bool:
    """A relative clause starts at ``offset`` ('wrote a reader | who follows the case')."""
    following = [w for w in sent.words if w.start >= offset][:1]
    return bool(following) and "PronType=Rel" in following[0].feats


def _not_a_subject(sent: Sent, word: Word, cuts: frozenset[str]) -> bool:
    """A word the parse made the cue's subject that names no one: a time
    phrase ('last week', 'Thursday'), a sentence adverb the tagger took for a
    name ('Still, ...'), or a dateline in capitals ('LONDON --') before the real
    subject."""
    if word.upos in DETERMINERS:
        return False
    if word.lower in cuts:
        return True
    following = sent.words[word.index + 1 : word.index + 2]
    return (
        word.index == 0
        and word.text.isupper()
        and len(word.text) > 1
        and bool(following)
        and following[0].text in ("\u2014", "\u2013", "-", "--", "(")
    )


def subject_mention(
    sent: Sent, subject: Word, cuts: frozenset[str], postmodifiers: frozenset[str] = frozenset()
) -> tuple[int, int] | None:
    """The mention of a verb's subject, with the other subjects before its
    verb that the parse split off the same name ('Harakat' + 'al-Nujaba')."""
    verb = sent.head_of(subject)
    subjects = [w for w in sent.kids(verb, *SUBJECTS) if w.index < verb.index] if verb is not None else []
    return _subject_mention(sent, subjects or [subject], cuts, postmodifiers)


def _subject_mention(
    sent: Sent, subjects: list[Word], cuts: frozenset[str], postmodifiers: frozenset[str]
) -> tuple[int, int] | None:
    """The mention of the cue's subject. The compact parser at times splits
    one name into several subjects ('Sen.' + 'Jack Marlow', 'Council Ranking
    Member' + 'Lena Ortiz') and labels a time phrase or a sentence
    adverb as a subject: those go, and the pieces that touch are joined."""
    good = [s for s in subjects if not _not_a_subject(sent, s, cuts)]
    if not good:
        for subject in reversed(subjects):
            rest = (
                _after_break(sent, subject, cuts)
                or _before_time_phrase(sent, subject, postmodifiers)
                or _time_phrase_read_as_relative(sent, subject, cuts, postmodifiers)
            )
            if rest is not None:
                return rest
        return noun_phrase(sent, subjects[-1], cuts, postmodifiers) or words_span(subjects[-1:])
    span = noun_phrase(sent, good[-1], cuts, postmodifiers)
    if span is None:
        return None
    later = good[-1]
    for subject in reversed(good[:-1]):
        piece = noun_phrase(sent, subject, cuts, postmodifiers)
        if piece is None:
            break
        gap = [w for w in sent.words_between(piece[1], span[0])] if piece[1] < span[0] else []
        if [w.lower for w in gap] == [","] and _closed_by_comma(sent, later):
            span, later = piece, subject  # 'Their spokesman, Tomas Reyes, said' with the apposition a second subject
            continue
        if gap:
            break
        span, later = (min(piece[0], span[0]), max(piece[1], span[1])), subject
    return span


def _closed_by_comma(sent: Sent, word: Word) -> bool:
    """The word's phrase (relative clauses included) ends with a comma."""
    last = sent.subtree(word)[-1]
    following = sent.words[last.index + 1 : last.index + 2]
    return last.lower == "," or bool(following) and following[0].lower == ","


def _before_time_phrase(sent: Sent, subject: Word, postmodifiers: frozenset[str]) -> tuple[int, int] | None:
    """The noun phrase before a time phrase the parse made the subject, past
    a participle ('A new video released | Thursday accuses X' -> 'A new video')."""
    first = sent.subtree(subject)[0]
    before = sent.words[first.index - 1 : first.index]
    if not before:
        return None
    if before[0].upos == "VERB" and ("VerbForm=Part" in before[0].feats or before[0].xpos == "VBD"):
        return np_right_before(sent, before[0], postmodifiers)  # 'released' tagged as a past tense or a participle
    return None


def _time_phrase_read_as_relative(
    sent: Sent, subject: Word, cuts: frozenset[str], postmodifiers: frozenset[str]
) -> tuple[int, int] | None:
    """'Two voters who were queuing outside the office that evening said ...'
    parsed with 'that evening said' a relative clause of 'office' and
    'evening' its subject: the speaker is the subject noun that the phrase
    before the time phrase hangs from ('Two voters')."""
    cue = sent.head_of(subject)
    first = sent.subtree(subject)[0]
    before = sent.words[first.index - 1 : first.index]
    if cue is None or cue.base_deprel != "acl" or not before or before[0].head_id != cue.id:
        return None
    node = sent.head_of(cue)
    for _ in range(8):
        if node is None or node.upos not in NOUNS:
            return None
        if node.base_deprel in ("root", "nsubj"):
            return noun_phrase(sent, node, cuts, postmodifiers)
        node = sent.head_of(node)
        while node is not None and node.upos in VERBS and node.base_deprel == "acl":
            node = sent.head_of(node)  # through a relative clause: 'who were queuing outside ...'
    return None


def _after_break(sent: Sent, head: Word, cuts: frozenset[str]) -> tuple[int, int] | None:
    """The names after a sentence adverb or a dateline that the parse made
    their head ('Still, Nora Pike, an aide, said' -> 'Nora Pike';
    'WASHINGTON -- Sen. Ana Ruiz said' -> 'Sen. Ana Ruiz')."""
    following = sent.words[head.index + 1 : head.index + 2]
    if not following or following[0].lower not in (",", "\u2014", "\u2013", "-", "--"):
        return None
    inside = {w.index for w in sent.subtree(head, skip=NP_SKIP)}
    kept = []
    for word in sent.words[head.index + 2 :]:
        if word.index not in inside or word.upos == "PUNCT" or word.lower in cuts:
            break
        kept.append(word)
    if not kept or not any(w.upos in NOUNS for w in kept):
        return None
    return words_span(kept)


def source_after_quote(sent: Sent, quote_end: int, cue: Word, lexicon: Lexicon) -> tuple[int, int] | None:
    """The noun phrase between a quotation and its cue when the parse gave the
    cue no subject ('"...," Lael Brainard, a Fed governor, said': the parser
    hung the name on the quotation's verb)."""
    between = [w for w in sent.words_between(quote_end, cue.start) if w.upos != "PUNCT"]
    if not between or any(w.upos not in NOUN_PHRASE_TAGS for w in between):
        return None
    inside = {w.id for w in between}
    heads = [w for w in between if w.head_id not in inside and w.upos in NOMINALS]
    if not heads:
        return None
    return noun_phrase(sent, heads[0], lexicon.source_cuts, lexicon.postmodifiers)




def phrase_source(sent: Sent, hit: CueHit, lexicon_cuts: frozenset[str]) -> tuple[int, int] | None:
    """The noun phrase a phrasal cue introduces: the word the phrase is the
    case marker of, with what it governs up to itself ('According to the
    Saudi Interior Ministry over 345 pilgrims ...' -> 'the Saudi Interior
    Ministry'); the surface noun phrase when the parse says otherwise."""
    last = hit.words[-1]
    head = sent.head_of(hit.words[0])
    if (
        head is not None
        and head.index > last.index
        and hit.words[0].base_deprel in ("case", "mark")
        and head.upos in NOMINALS
    ):
        words = [w for w in sent.subtree(head) if last.index < w.index <= head.index]
        trailing = [
            w for w in sent.words[head.index + 1 :]
            if w.head_id == head.id and w.deprel in ("flat", "compound", "nmod", "appos") and w.upos == "PROPN"
        ]
        span = words_span(words + (trailing or _name_split_off(sent, head)))
        whole = _whole_phrase(sent, head, last)
        if span is not None and whole is not None and whole[1] > span[1]:
            return whole
        if span is not None:
            return span
    found = np_after(sent, last.index + 1, lexicon_cuts)
    if found is None and head is not None and _mistagged_noun(hit.words[0], head, last):
        # 'according to | data released Friday', 'according to | media buying
        # sources': the tagger read the noun after 'to' as an infinitive
        return _whole_phrase(sent, head, last)
    return found


def _name_split_off(sent: Sent, head: Word) -> list[Word]:
    """'As per news agency AFP, ...' with 'AFP' parsed as a second obl of
    the verb: the names right after the phrase's head, hung on the same word
    as the head."""
    names: list[Word] = []
    for word in sent.words[head.index + 1 :]:
        if word.upos != "PROPN" or not (word.head_id == head.head_id or word.head_id in {n.id for n in names}):
            break
        names.append(word)
    return names


def _mistagged_noun(marker: Word, head: Word, last: Word) -> bool:
    """The word a phrase cue marks is a bare verb form right after the cue:
    a noun the tagger took for an infinitive."""
    return (
        head.index == last.index + 1
        and head.upos == "VERB"
        and marker.base_deprel in ("case", "mark")
        and not head.has("VerbForm=Fin")
        and head.xpos in ("VB", "NN", "NNS")
    )


def _finite_in_phrase(word: Word) -> bool:
    """A finite verb inside a noun phrase, unless it is a participle by its
    Penn tag and its relation ('a poll | released Wednesday' with the
    features of a past tense: the tagger's two readings disagree)."""
    if word.upos not in VERBS or not word.has("VerbForm=Fin"):
        return False
    return not (word.base_deprel == "acl" and word.deprel != "acl:relcl" and word.xpos in PARTICIPLE_XPOS)


def _whole_phrase(sent: Sent, head: Word, last: Word) -> tuple[int, int] | None:
    """The phrase's noun with all it governs after it ('according to early
    counts of ballots collected by the county clerk'), when it runs to a
    comma or the end of the sentence: it holds nothing of the content."""
    # a participle's time phrase is the phrase's own ('a poll released Wednesday')
    skip = [relation for relation in NP_SKIP if not relation.startswith("obl:")]
    words = [w for w in sent.subtree(head, skip=skip) if w.index > last.index]
    if not words or any(w.upos == "ADV" or _finite_in_phrase(w) for w in words):
        return None  # a clause, or a time phrase ('a posting made just over a day ago')
    if [w.index for w in words] != list(range(words[0].index, words[-1].index + 1)):
        return None
    following = sent.words[words[-1].index + 1 : words[-1].index + 2]
    if following and following[0].lower not in (",", ".", ";", "!", "?"):
        return None
    if any(w.lower in (",", "(", "\u2014") or w.has("PronType=Rel") for w in words):
        return None
    return words_span(words)
