"""Where a cue verb's reported clause is, however the parse hung it.

The complement frame's reading: the cue's clausal complement ('said (that)
X'), the clause before an inverted or parenthetical cue ('X, the official
said', 'The plan, the minister said, is dead'), and, where the compact parser
went wrong, the same clause read off the words ('said the path to winning
the state was narrow', 'Police said two people died'). One concern, kept
apart from the frame table (:mod:`claimtrack.stages.claims.frames`) because it is
most of the attribution logic and grows with each construction.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.quotes import Quotes
from claimtrack.stages.claims.set_off import before_added_report, set_off_by_comma
from claimtrack.stages.claims.phrases import (
    complement_clauses,
    cue_closes_sentence,
    ends_clause,
    finite,
    ing_form,
    last_comma_before,
    np_after,
    passive_agent,
    second_that_clause,
    subject_read_as_clause,
    without_complementiser,
    words_span,
)
from claimtrack.stages.claims.surface import (
    clause_after,
    clause_of_verb_read_as_noun,
    past_read_as_participle,
    that_clause,
    that_left_off,
)
from claimtrack.ud import MENTION_LEAD, NOMINALS, NOMINALS_AND_NUMBERS, NOUNS, PUNCT_OR_CONJUNCTION, QUOTE_XPOS, VERBS

__all__ = ["Found", "clause_pieces", "complement"]

Span = tuple[int, int]
Found = tuple["Span | tuple[Span, Span] | None", str]  # the clause (one span, or two around a parenthetical) and the pattern id


def clause_pieces(clause: Span | tuple[Span, Span]) -> tuple[Span, ...]:
    """The spans of a reported clause: one, or the two around a parenthetical cue."""
    if isinstance(clause[0], tuple):
        return cast(tuple[Span, ...], clause)
    return (clause,)


def complement(
    text: str, sent: Sent, cue: Word, addressee: bool = False, quotes: Quotes | None = None,
    media: Collection[str] = (), time_words: Collection[str] = (), venues: Collection[str] = (),
) -> Found | None:
    """Indirect speech: the cue's clausal complement ('said (that) X'), or the
    clause before the cue when the cue follows it ('X, the official said').
    ``media`` are the lemmas of statement nouns: 'said in a report that X'
    is the verb's clause wherever the parse hung it; ``time_words`` are no
    subject ('said Wednesday she ...' with 'Wednesday' the cue's object);
    after a phrase of the cue with one of the ``venues`` prepositions, a
    that-clause is the cue's ('wrote in his autobiography that ...')."""
    inside = _parenthetical_inside_clause(sent, cue)
    if inside is not None:
        return inside, "pattern.parenthetical_verb"
    read_as_noun = clause_of_verb_read_as_noun(sent, cue)
    if read_as_noun is not None:
        return words_span(without_complementiser(sent.subtree(read_as_noun))), "pattern.verb_complement"
    complements = complement_clauses(sent, cue)
    comma = last_comma_before(sent, cue)
    after = [kid for kid in complements if kid.index > cue.index]
    if after:
        if that_left_off(sent, cue, after[0]):
            found = that_clause(sent, cue, media, time_words, venues)
            if found is not None:
                return found
        return _clause_after(sent, cue, after, addressee, quotes, time_words), "pattern.verb_complement"
    addressed = _clause_on_addressee(sent, cue)
    if addressed:
        return words_span(addressed), "pattern.verb_complement"
    for position, kid in enumerate(complements):
        if comma is not None and kid.index < comma.index:
            words = [w for w in sent.subtree(kid) if w.index < comma.index]
            for following in complements[position + 1 :]:
                more = [w for w in sent.subtree(following) if w.index < comma.index]
                if not more or following.index > comma.index or not _only_punctuation_between(sent, words, more):
                    break
                # '"We are told all the time, 'Kosovo is a special case,'" Mr. Putin said'
                # with the quoted clause a second complement of 'said'
                words = sorted({w.i: w for w in words + more}.values(), key=lambda w: w.index)
            return _with_tail(sent, cue, words_span(_subject_left_on_cue(sent, cue, comma) + words))
    head = sent.head_of(cue)
    if head is not None and cue.base_deprel == "advcl" and head.index > cue.index:
        if any(mark.lower == "as" for mark in sent.kids(cue, "mark")) and _reports_as(sent, cue):
            # 'As the Chief Justice said, small changes are better.'
            own = {w.id for w in sent.subtree(cue)}
            words = [w for w in sent.subtree(head) if w.id not in own and w.index > cue.index]
            return words_span(words), "pattern.as_verb_clause"
    if head is not None and cue.base_deprel == "parataxis" and comma is not None and head.index < comma.index:
        words = [w for w in sent.subtree(head) if w.index < comma.index]
        return _with_tail(sent, cue, words_span(words))
    if comma is not None and comma.index > 1 and (finite(sent, cue) or _closing_past(sent, cue)) and (
        _inverted_tail(sent, cue, comma, addressee) or _inverted_with_title(sent, cue)
    ):
        return words_span(sent.words[: comma.index]), "pattern.clause_then_verb"
    if comma is not None and comma.index > 1 and finite(sent, cue):
        closing = _parenthetical_close(sent, cue)
        if closing is not None:
            before = words_span(sent.words[: comma.index])
            tail = words_span(sent.words[closing.index + 1 :])
            if before and tail:
                return (before, tail), "pattern.parenthetical_verb"
    colon = [
        w for w in sent.kids(cue)
        if w.index > cue.index and w.base_deprel == "parataxis"
        and any(p.lower == ":" for p in sent.words[cue.index + 1 : w.index])
    ]
    if colon:
        return words_span(sent.subtree(colon[0])), "pattern.verb_complement"
    return that_clause(sent, cue, media, time_words, venues) or _surface_clause(sent, cue, addressee)


def _clause_after(
    sent: Sent, cue: Word, after: list[Word], addressee: bool, quotes: Quotes | None, time_words: Collection[str]
) -> Span | None:
    """The cue's complements after it, as one clause."""
    # Not the words before the cue: 'which they say left a vacuum' (the
    # relative pronoun is the reported clause's subject in the parse).
    words = [w for w in sent.subtree(after[0]) if w.index > cue.index]
    subject = _stranded_subject(sent, cue, after[0], words, addressee)
    if all(w.lower in time_words for w in subject if w.upos in NOMINALS_AND_NUMBERS):
        subject = []
    if subject:
        words = subject + words
    for following in after[1:]:
        more = sent.subtree(following)
        if not (
            _condition_then_clause(sent, words, following) or _adjoining(words, more)
            or second_that_clause(sent, following) and more[0].index == words[-1].index + 1
            or more[0].index <= words[0].index  # 'noted that these accounts, | left untouched, | may be of value'
        ):
            break  # but 'says X but | that Y' with Y hung on the cue is one report
        # One report the parse split in two: 'said if he were president,
        # the programs would be expanded', 'said he would ensure that
        # women ... would be able to work', 'said that fact speaks volumes'.
        words = sorted({w.i: w for w in words + more}.values(), key=lambda w: w.index)
    words += _object_left_on_cue(sent, cue, after[0], words)
    words += _trailing_clauses(sent, cue, words, quotes)
    return words_span(without_complementiser(before_added_report(sent, words)))


def _object_left_on_cue(sent: Sent, cue: Word, head: Word, words: list[Word]) -> list[Word]:
    """'said he opposes | sending troops abroad' with 'sending' hung on the
    cue: a reported verb with no object of its own, and a dependent of the
    cue right after it, is that verb's object."""
    if not words or head.upos != "VERB" or sent.kids(head, "obj", "ccomp", "xcomp", "obl"):
        return []
    following = sent.words[words[-1].index + 1 : words[-1].index + 2]
    if not following or following[0].head_id != cue.id or following[0].base_deprel not in ("obj", "xcomp", "ccomp"):
        return []
    return [w for w in sent.subtree(following[0]) if w.index > words[-1].index]


def _surface_clause(sent: Sent, cue: Word, addressee: bool = False) -> Found | None:
    """Last fallback, when the parse gave the cue no complement at all: the
    words right after it read as a clause ('he said the key to taking the
    White House was simple', 'Two-thirds said the deficit meant that ...'):
    a noun phrase, then a finite verb within a dozen words."""
    if any(mark.lemma == "as" for mark in sent.kids(cue, "mark")):
        return None  # 'as Biden said a few hours ago, today, democracy has prevailed': the as-clause frame's
    previous = sent.words[cue.index - 1 : cue.index]
    if not finite(sent, cue) and not (previous and previous[0].upos in ("ADP", "SCONJ", "PUNCT")):
        return None  # 'while also challenging all universities ...'; but 'by telling the senator she had ...'
    start = cue.index + 1
    listener = [kid for kid in sent.kids(cue, "obj", "iobj") if sent.subtree(kid)[0].index == start] if addressee else []
    if listener:  # 'told them the senator "has ..."': after the person told
        start = sent.subtree(listener[0])[-1].index + 1
    if start < len(sent.words) and sent.words[start].lower == "that":
        start += 1
    words = clause_after(sent, start, window=12, participles=True)
    verbs = [w for w in words if w.has("VerbForm=Fin") or past_read_as_participle(sent, w)]
    if not verbs:
        return None
    # The words before the clause's verb are its subject: no relative word
    # ('found a way around a provision that bars her'), no dash, and commas
    # only in pairs around a parenthetical ('the shortfall, combined with the
    # delays, meant ...', not 'found the posting, reported it').
    subject = words[: words.index(verbs[0])]
    if any(w.has("PronType=Rel") for w in subject) or subject and subject[-1].lower == "that":
        return None  # 'a provision that bars her': the verb is a relative clause's
    if any(w.upos == "PUNCT" and w.xpos in (":", ".", "-LRB-", "-RRB-", "NFP") for w in subject):
        return None
    if sum(w.lower == "," for w in subject) % 2:
        return None
    for position, word in enumerate(subject):
        if word.base_deprel == "mark" or word.has("PronType=Int"):
            if any(w.upos in NOMINALS for w in subject[position + 1 :]):
                return None  # 'announce the competitions as they do', 'discovered this when he conducted ...'
    spoken = [w for w in subject if w.upos != "PUNCT"]
    for before, word in zip(spoken, spoken[1:]):
        if before.upos == "CCONJ" and word.upos == "VERB":
            return None  # 'writing letters to friends and composing what ...': a second predicate
        if word.upos == "PRON" and word.has("PronType=Prs") and before.upos in NOUNS:
            return None  # 'when he found his brother he had resolution', 'the words "I'm ...': a new clause
    if any(w.lower == "," and n.upos == "CCONJ" for w, n in zip(subject, subject[1:])):
        return None  # 'recognized Airbnb as a threat, and in 2016, began ...': a second clause
    return words_span(words), "pattern.verb_surface_clause"


def _subject_left_on_cue(sent: Sent, cue: Word, comma: Word) -> list[Word]:
    """'The plan failed, Jones said' parsed with two subjects of 'said': the
    one before the comma opens the reported clause (the other one speaks)."""
    subjects = sent.kids(cue, "nsubj")
    before = [s for s in subjects if s.index < comma.index]
    if not before or not any(comma.index < s.index < cue.index for s in subjects):
        return []
    return [w for w in sent.subtree(before[0]) if w.index < comma.index]


def _clause_on_addressee(sent: Sent, cue: Word) -> list[Word]:
    """'told reporters he would resign' parsed as a relative clause on
    'reporters': a clause right after the cue's object, with a subject of its
    own that is no relative pronoun, is the cue's complement."""
    for listener in sent.kids(cue, "obj", "iobj"):
        if listener.index < cue.index:
            continue
        for clause in sent.kids(listener, "acl:relcl"):
            words = sent.subtree(clause)
            subjects = sent.kids(clause, "nsubj", "nsubj:pass")
            if (
                words[0].index == listener.index + 1
                and words[0].upos != "PUNCT"  # not 'offices, all of which can offer ...'
                and subjects
                and sent.subtree(subjects[0])[0].index == words[0].index  # 'told lawmakers | the clinic had ...'
                and "PronType=Rel" not in subjects[0].feats
            ):
                return words
    return []


def _trailing_clauses(sent: Sent, cue: Word, words: list[Word], quotes: Quotes | None) -> list[Word]:
    """Clauses the parse hung on the cue after its complement that go on
    with the report: 'said he intends to win every delegate, so he'll have
    enough votes ...' (an adverbial clause or parataxis), 'said he had
    received offers, but "the offers were ..."' (a conjunct holding a
    quotation: the speaker's own words), 'said she hoped to get her account
    back, and then would continue ...' (a conjunct with a modal after a cue
    with none, see :func:`_modal_conjunct`). Another conjunct ('said X and
    left') is the narrator's."""
    found: list[Word] = []
    end = words[-1].index
    for kid in sent.kids(cue):
        if kid.index <= end:
            continue
        tree = sent.subtree(kid)
        gap = sent.words[end + 1 : tree[0].index]
        if any(w.upos not in PUNCT_OR_CONJUNCTION for w in gap) or kid.upos != "VERB" and kid.upos != "AUX" and kid.base_deprel == "conj":
            break
        if kid.base_deprel == "conj" and not (
            quotes is not None and quotes.opening_in(tree[0].start - 1, tree[-1].end) or _modal_conjunct(sent, cue, kid, words)
        ):
            break
        if kid.base_deprel not in ("advcl", "parataxis", "conj"):
            break
        found += gap + tree
        end = tree[-1].index
    while found and found[-1].upos == "PUNCT":
        found.pop()
    return found


def _modal_conjunct(sent: Sent, cue: Word, kid: Word, reported: list[Word]) -> bool:
    """A conjunct with a modal, after a cue with no modal of its own: with no
    subject ('and then would continue'), or with one when the reported
    clause has the same modal ('said officers will wear cameras, and many
    will wear shorts')."""
    modals = [{aux.lower for aux in sent.kids(verb, "aux") if aux.xpos == "MD"} for verb in (kid, cue)]
    if not modals[0] or modals[1]:
        return False
    if not sent.kids(kid, "nsubj", "nsubj:pass", "expl"):
        return True
    return any(w.xpos == "MD" and w.lower in modals[0] for w in reported)


def _stranded_subject(sent: Sent, cue: Word, clause: Word, words: list[Word], addressee: bool) -> list[Word]:
    """'said the plan failed' parsed as said -obj-> plan, said -ccomp->
    failed, or 'said the key to taking the House was simple' with 'taking'
    hung on 'said': the words between the cue and a clause with no subject
    of its own, all hung on the cue, are that clause's subject."""
    between = sent.words[cue.index + 1 : words[0].index]
    # the commas of a phrase inside the object count ('said the shortfall,
    # combined with the delays, meant ...'), not those between the clauses
    objects = {w.i for kid in sent.kids(cue, "obj") if kid.index > cue.index for w in sent.subtree(kid)}
    closing = set()
    if between and between[-1].lower == "," and any(w.lower == "," and w.i in objects for w in between[:-1]):
        closing = {between[-1].i}  # the comma that closes the object's apposition, wherever the parse hung it
    objects |= closing
    # and quotation marks around words of the phrase ('said the ''old model'' of ... is in decline')
    objects |= {w.i for w in between if w.xpos in QUOTE_XPOS and w.head_id in {o.id for o in between}}
    if not between or any(w.upos == "PUNCT" and w.xpos != "HYPH" and w.i not in objects for w in between):
        return []
    if len(between) == 1 and between[0].lower == "that":
        return []  # the complementiser, whatever the parse called it ('said that, if true, ...')
    if not any(w.upos in NOMINALS_AND_NUMBERS for w in between):
        return []
    if sent.kids(clause, "nsubj", "nsubj:pass", "csubj", "expl"):
        # 'said the path to winning the state was narrow' with 'state' taken
        # for the subject: an object of a cue that takes no addressee
        # still opens the clause.
        if addressee:
            return []
        kids = [kid for kid in sent.kids(cue, "obj") if kid.index > cue.index]
    else:
        kids = [kid for kid in sent.kids(cue) if kid.index > cue.index]
    own = {w.i for kid in kids for w in sent.subtree(kid)} | closing
    return between if all(w.i in own for w in between) else []


def _only_punctuation_between(sent: Sent, words: list[Word], more: list[Word]) -> bool:
    """Nothing but punctuation between the first clause's words and the second's."""
    inside = {w.index for w in words} | {w.index for w in more}
    between = [w for w in sent.words[min(inside) : max(inside) + 1] if w.index not in inside]
    return all(w.upos == "PUNCT" for w in between) and more[0].index > words[0].index


def _adjoining(words: list[Word], more: list[Word]) -> bool:
    """The second clause starts right where the first one ends, or its words
    surround the first's ('said that for the council "to approve it now would
    be reckless"' with 'approve' and 'reckless' both complements): one clause
    the parse cut in two, not a coordinated or separate one."""
    if not (words and more):
        return False
    if more[-1].index > words[-1].index and any(
        w.index < words[0].index and w.upos not in ("SCONJ", "PUNCT") for w in more
    ):
        return True
    return more[0].index == words[-1].index + 1 and more[0].upos not in PUNCT_OR_CONJUNCTION


def _parenthetical_inside_clause(sent: Sent, cue: Word) -> tuple[Span, Span] | None:
    """'The plan, the minister said, is dead.': the cue and its subject set
    off by commas inside a clause whose first piece has no verb of its own;
    the content is the clause around them, in two parts."""
    opening = last_comma_before(sent, cue)
    if opening is None or opening.index == 0 or not (finite(sent, cue) or cue.upos == "NOUN"):
        return None  # (a cue the tagger took for a noun: 'The trouble, Frank writes, began ...')
    lead = sent.words[opening.index + 1 : cue.index]
    closing = sent.words[cue.index + 1 : cue.index + 2]
    if not lead or not closing or closing[0].lower != ",":
        return None
    if any(w.upos not in MENTION_LEAD for w in lead):
        return None
    first = sent.words[: opening.index]
    if any(w.upos in VERBS or w.lower == "," for w in first):
        return None
    before, after = words_span(first), words_span(sent.words[closing[0].index + 1 :])
    if before is None or after is None:
        return None
    return before, after


def _with_tail(sent: Sent, cue: Word, before: Span | None) -> Found:
    """A clause before an inverted cue, and what the sentence goes on to say
    after the cue's closing comma: 'It was impossible, Ferreira said, | so
    the town's leaders decided to divide the work' reports the whole sentence
    in two parts; not '..., he said, adding that X' (a report of its own),
    nor a participle of the speaker's ('..., the Post reported, citing a
    source'), nor the title of a speaker after the cue ('..., said Tom
    Brandt, a housing adviser ...')."""
    closing = _parenthetical_close(sent, cue)
    rest = sent.words[closing.index + 1 :] if closing is not None else []
    first = next((w for w in rest if w.upos != "PUNCT"), None)
    if before is None or first is None or ing_form(first):
        return before, "pattern.clause_then_verb"
    if first.upos in NOMINALS_AND_NUMBERS + ("DET", "ADJ") and any(w.index > cue.index for w in sent.kids(cue, "nsubj")):
        return before, "pattern.clause_then_verb"  # '..., said Tom Brandt, | a housing adviser ...': his title
    tail = words_span(rest)
    return ((before, tail), "pattern.parenthetical_verb") if tail else (before, "pattern.clause_then_verb")


def _parenthetical_close(sent: Sent, cue: Word) -> Word | None:
    """The comma closing '..., said Mauer, ...' or '..., he said, ...'."""
    if sent.kids(cue, "obj", "iobj", "ccomp", "xcomp"):
        return None
    opening = last_comma_before(sent, cue)
    lead = sent.words[opening.index + 1 : cue.index] if opening is not None else []
    if any(w.upos not in MENTION_LEAD for w in lead):
        return None
    between: list[Word] = []
    for word in sent.words[cue.index + 1 :]:
        if word.lower == ",":
            if any(w.upos in NOMINALS for w in between) or not between:
                return word if word.index < len(sent.words) - 2 else None
            return None
        if word.upos in ("VERB", "AUX", "SCONJ"):
            return None
        between.append(word)
    return None


def _inverted_with_title(sent: Sent, cue: Word) -> bool:
    """'..., said Larry Sabato, director of the Center for Politics.': after
    the cue only its speaker and the speaker's title (an apposition and what
    hangs on it) to the end of the sentence."""
    speaker: list[Word] = []
    for word in sent.words[cue.index + 1 :]:
        if word.lower == ",":
            break
        if word.upos not in ("PROPN", "NOUN", "DET", "ADJ", "PRON"):
            return False
        speaker.append(word)
    else:
        return False
    named = {word.id for word in speaker}
    titles = [word for word in sent.words[word.index + 1 :] if word.base_deprel == "appos" and word.head_id in named]
    if not speaker or not titles:
        return False
    rest = {w.id for title in titles for w in sent.subtree(title)}
    return all(w.id in rest or w.upos == "PUNCT" for w in sent.words[word.index + 1 :])


def _inverted_tail(sent: Sent, cue: Word, comma: Word, addressee: bool = False) -> bool:
    """After the comma stand only a noun phrase and the cue ('..., an aide
    said.') or the cue and a noun phrase ('..., said the official.'), and the
    cue takes no object or clause of its own."""
    between = sent.words[comma.index + 1 : cue.index]
    # A cue with a clause or an object of its own reports that ('..., and he
    # said it'), except the person told ('..., an airport official told The
    # New York Times').
    misread = subject_read_as_clause(sent, cue)
    own = [
        kid for kid in sent.kids(cue, "ccomp", "xcomp", *(() if addressee else ("obj", "iobj")))
        if (misread is None or kid.index != misread.index)
        and not set_off_by_comma(sent, kid)
    ]  # not '..., the agency said, ending a blockade': how it went on, not what it said
    if between and own:
        return False
    if not between and _subject_up_to(sent, cue, comma):
        return False  # 'The Brigade, which ..., rejected the account': the cue's own subject, not a clause
    if not between:
        # '..., said the official, speaking ...': a noun phrase after the cue
        # ends the clause; '..., reported it and removed it' is a second
        # predicate of the first clause's subject.
        after = np_after(sent, cue.index + 1)
        if after is None or not ends_clause(sent, after[1]):
            return False
    if not cue_closes_sentence(sent, cue):
        return False
    return all(w.upos in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM", "ADP", "PART", "ADV", "PUNCT", "CCONJ") for w in between)


def _closing_past(sent: Sent, cue: Word) -> bool:
    """A past participle with no auxiliary that ends the sentence with at
    most its agent or a time after it: '..., the poll found.' (the parse's
    'poll' a passive subject), '..., as first reported by the New York Times
    on Tuesday.' Looser than :func:`.set_off.closing_cue`, which needs the
    cue's own subject right before it and nothing after."""
    return cue.xpos == "VBN" and not sent.kids(cue, "aux", "aux:pass") and cue_closes_sentence(sent, cue)


def _subject_up_to(sent: Sent, cue: Word, comma: Word) -> bool:
    """The cue's subject is all the words before the comma (with its
    relative clause or apposition)."""
    for subject in sent.kids(cue, "nsubj", "nsubj:pass"):
        words = [w for w in sent.subtree(subject) if w.upos != "PUNCT"]
        if words and words[0].index == 0 and words[-1].index == comma.index - 1:
            return True
    return False


def _reports_as(sent: Sent, cue: Word) -> bool:
    """'As the minister said, X' reports X; 'As I recall', 'As he assumes
    that responsibility' do not: the cue needs a third-person subject and no
    object or clause of its own; 'As reported by X' reports it by its agent."""
    subjects = sent.kids(cue, "nsubj")
    if not subjects and passive_agent(sent, cue) is not None:
        return not sent.kids(cue, "obj", "ccomp", "xcomp")
    if not subjects or subjects[0].upos == "PRON" and "Person=3" not in subjects[0].feats:
        return False
    return not sent.kids(cue, "obj", "ccomp", "xcomp")


def _condition_then_clause(sent: Sent, condition: list[Word], clause: Word) -> bool:
    """The first clause opens with a subordinator other than 'that' and a
    comma joins it to the next one: a condition before the reported clause."""
    if not condition or condition[0].deprel != "mark" or condition[0].lower == "that":
        return False
    following = sent.words[condition[-1].index : condition[-1].index + 2]
    return any(w.lower == "," for w in following) and clause.index > condition[-1].index
