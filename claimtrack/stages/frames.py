"""Attribution frames: where a cue verb's content (and sometimes its source) is.

Each frame named in ``rules/cues.yaml`` (a cue rule's ``frames``) is one small
function in :data:`FRAMES`, all with one signature, ``frame(context) ->
FrameMatch | None``. A cue tries its rule's frames in :data:`FRAME_ORDER`;
the first that matches gives the content. A test keeps the rule schema's
frame names equal to this table.
"""

from __future__ import annotations

from collections.abc import Callable, Container

import attrs

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.syntax import (
    after_case,
    clause_of_verb_read_as_noun,
    complement_clauses,
    cue_closes_sentence,
    ends_clause,
    evidential_subject,
    finite,
    last_comma_before,
    noun_phrase,
    np_after,
    object_words,
    only_source_between,
    passive_agent,
    quote_opens_unit,
    verb_between,
    without_complementiser,
    words_span,
)

__all__ = ["DEFAULT_FRAMES", "FRAMES", "FRAME_ORDER", "CueContext", "FrameMatch", "first_match"]

Span = tuple[int, int]


@attrs.frozen
class CueContext:
    """What a frame looks at: the cue word in its sentence, the document's
    quotations, the cue lexicon and the cue's rule."""

    text: str
    sentence: Sent
    cue: Word
    last: Word  # the cue's last word (its particle, if it has one)
    quotes: object
    lexicon: object
    rule: object

    @property
    def reportable(self) -> bool:
        return self.lexicon.reportable(self.rule.get("class"))


@attrs.frozen
class FrameMatch:
    """The content a frame found (one span, or the pieces of a split quote),
    the id of the pattern that read it, and the source when the frame finds
    it itself (``sourced``)."""

    parts: tuple[Span, ...]
    pattern: str
    source: Span | None = None
    sourced: bool = False
    quoted: bool = False  # the content is a quotation (a direct quote)


DEFAULT_FRAMES = ("complement", "quote")


def _quote(text, sent, cue, quotes, last=None, cue_lemmas: Container[str] = frozenset()):
    """A direct quotation attributed by the cue: '"A," she said', 'She said:
    "A."', '"A," she said, "B."'. A quotation before the cue belongs to the
    first cue verb after it ('"A," Trump said ..., adding that B': not to
    'adding'). Returns (parts, pattern id) or None."""
    before = quotes.ending_in(_quote_window(sent, cue), cue.start)
    last = last or cue
    after = quotes.opening_in(last.end, _quote_reach(text, sent))
    parts = []
    pattern = None
    if before:
        quote = before[-1]
        opening_sentence_start = quote_opens_unit(text, quote)
        gap = text[quote.after : cue.start]
        inner_end = text[quote.inner[0] : quote.end].rstrip()[-1:]
        other_cue = any(
            w.lemma in cue_lemmas and w.upos == "VERB" for w in sent.words_between(quote.after, cue.start)
        )
        if opening_sentence_start and not other_cue and (
            gap.lstrip()[:1] in (",", "") or inner_end in (",", "?", "!", "\u2014")
        ):
            parts.append(quote.inner)
            pattern = "pattern.quote_then_verb"
    if after:
        quote = after[0]
        gap = text[last.end : quote.start]
        if pattern and only_source_between(gap):
            parts.append(quote.inner)
            pattern = "pattern.split_quote"
        elif not pattern and gap.strip()[-1:] in (":", ",", "") and not verb_between(sent, cue.end, quote.start):
            parts.append(quote.inner)
            pattern = "pattern.verb_then_quote"
    if not parts:
        return None
    return tuple(parts), pattern


def _quote_reach(text: str, sent: Sent) -> int:
    """Where a quotation after the cue may open: in the cue's sentence, or at
    the start of the next one when the cue's sentence ends in a colon ('The
    governor tweeted from her account:\n"Great news for farmers."')."""
    if text[sent.start : sent.end].rstrip().endswith(":") and sent.number + 1 < len(sent.document.sentences):
        following = sent.document.sentences[sent.number + 1]
        return following.start + 1
    return sent.end


def _quote_window(sent: Sent, cue: Word) -> int:
    """Where a quotation before the cue may close: in the cue's sentence, or
    in the one before when the cue opens its sentence -- the splitter cuts
    after '?"' and '!"' ('"Is anyone listening?" asked the mayor.')."""
    if cue.index == 0 and sent.number > 0:
        return sent.document.sentences[sent.number - 1].start
    return sent.start


def _complement(text, sent, cue, addressee: bool = False, quotes=None):
    """Indirect speech: the cue's clausal complement ('said (that) X'), or the
    clause before the cue when the cue follows it ('X, the official said')."""
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
        words = sent.subtree(after[0])
        subject = _stranded_subject(sent, cue, after[0], words, addressee)
        if subject:
            words = subject + words
        for following in after[1:]:
            more = sent.subtree(following)
            if not (_condition_then_clause(sent, words, following) or _adjoining(words, more)):
                break
            # One report the parse split in two: 'said if he were president,
            # the programs would be expanded', 'said he would ensure that
            # women ... would be able to work', 'said that fact speaks volumes'.
            words = sorted({w.i: w for w in words + more}.values(), key=lambda w: w.index)
        words += _trailing_clauses(sent, cue, words, quotes)
        return words_span(without_complementiser(words)), "pattern.verb_complement"
    addressed = _clause_on_addressee(sent, cue)
    if addressed:
        return words_span(addressed), "pattern.verb_complement"
    for kid in complements:
        if comma is not None and kid.index < comma.index:
            words = [w for w in sent.subtree(kid) if w.index < comma.index]
            return words_span(words), "pattern.clause_then_verb"
    head = sent.head_of(cue)
    if head is not None and cue.base_deprel == "advcl" and head.index > cue.index:
        if any(mark.lower == "as" for mark in sent.kids(cue, "mark")) and _reports_as(sent, cue):
            # 'As the Chief Justice said, small changes are better.'
            own = {w.id for w in sent.subtree(cue)}
            words = [w for w in sent.subtree(head) if w.id not in own and w.index > cue.index]
            return words_span(words), "pattern.as_verb_clause"
    if head is not None and cue.base_deprel == "parataxis" and comma is not None and head.index < comma.index:
        words = [w for w in sent.subtree(head) if w.index < comma.index]
        return words_span(words), "pattern.clause_then_verb"
    if comma is not None and comma.index > 1 and finite(sent, cue) and _inverted_tail(sent, cue, comma, addressee):
        return words_span(sent.words[: comma.index]), "pattern.clause_then_verb"
    if comma is not None and comma.index > 1 and finite(sent, cue):
        closing = _parenthetical_close(sent, cue)
        if closing is not None:
            before = words_span(sent.words[: comma.index])
            after = words_span(sent.words[closing.index + 1 :])
            if before and after:
                return (before, after), "pattern.parenthetical_verb"
    colon = [
        w for w in sent.kids(cue)
        if w.index > cue.index and w.base_deprel == "parataxis"
        and any(p.lower == ":" for p in sent.words[cue.index + 1 : w.index])
    ]
    if colon:
        return words_span(sent.subtree(colon[0])), "pattern.verb_complement"
    return _that_clause(sent, cue) or _surface_clause(sent, cue, addressee)


def _surface_clause(sent: Sent, cue: Word, addressee: bool = False):
    """Last fallback, when the parse gave the cue no complement at all: the
    words right after it read as a clause ('he said the key to taking the
    White House was simple', 'Two-thirds said the deficit meant that ...'):
    a noun phrase, then a finite verb within a dozen words."""
    if any(mark.lemma == "as" for mark in sent.kids(cue, "mark")):
        return None  # 'as Biden said a few hours ago, today, democracy has prevailed': the as-clause frame's
    start = cue.index + 1
    listener = [kid for kid in sent.kids(cue, "obj", "iobj") if sent.subtree(kid)[0].index == start] if addressee else []
    if listener:  # 'told them the senator "has ..."': after the person told
        start = sent.subtree(listener[0])[-1].index + 1
    if start < len(sent.words) and sent.words[start].lower == "that":
        start += 1
    words = _clause_after(sent, start, window=12, participles=True)
    verbs = [w for w in words if w.has("VerbForm=Fin") or _past_read_as_participle(sent, w)]
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
    for before, word in zip(subject, subject[1:]):
        if before.upos == "CCONJ" and word.upos == "VERB":
            return None  # 'writing letters to friends and composing what ...': a second predicate
        if word.upos == "PRON" and word.has("PronType=Prs") and before.upos in ("NOUN", "PROPN"):
            return None  # 'when he found his brother he had resolution': a new clause starts
    return words_span(words), "pattern.verb_surface_clause"


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
                and subjects
                and subjects[0].index == words[0].index
                and "PronType=Rel" not in subjects[0].feats
            ):
                return words
    return []


def _trailing_clauses(sent: Sent, cue: Word, words: list[Word], quotes) -> list[Word]:
    """Clauses the parse hung on the cue after its complement that go on
    with the report: 'said he intends to win every delegate, so he'll have
    enough votes ...' (an adverbial clause or parataxis), 'said he had
    received offers, but "the offers were ..."' (a conjunct holding a
    quotation: the speaker's own words). A conjunct without a quotation
    ('said X and left') is the narrator's."""
    found: list[Word] = []
    end = words[-1].index
    for kid in sent.kids(cue):
        if kid.index <= end:
            continue
        tree = sent.subtree(kid)
        gap = sent.words[end + 1 : tree[0].index]
        if any(w.upos not in ("PUNCT", "CCONJ") for w in gap) or kid.upos != "VERB" and kid.upos != "AUX" and kid.base_deprel == "conj":
            break
        if kid.base_deprel == "conj" and not (quotes is not None and quotes.opening_in(tree[0].start - 1, tree[-1].end)):
            break
        if kid.base_deprel not in ("advcl", "parataxis", "conj"):
            break
        found += gap + tree
        end = tree[-1].index
    while found and found[-1].upos == "PUNCT":
        found.pop()
    return found


def _stranded_subject(sent: Sent, cue: Word, clause: Word, words: list[Word], addressee: bool) -> list[Word]:
    """'said the plan failed' parsed as said -obj-> plan, said -ccomp->
    failed, or 'said the key to taking the House was simple' with 'taking'
    hung on 'said': the words between the cue and a clause with no subject
    of its own, all hung on the cue, are that clause's subject."""
    between = sent.words[cue.index + 1 : words[0].index]
    if not between or any(w.upos == "PUNCT" and w.xpos != "HYPH" for w in between):
        return []
    if len(between) == 1 and between[0].lower == "that":
        return []  # the complementiser, whatever the parse called it ('said that, if true, ...')
    if not any(w.upos in ("NOUN", "PROPN", "PRON", "NUM") for w in between):
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
    own = {w.i for kid in kids for w in sent.subtree(kid)}
    return between if all(w.i in own for w in between) else []


def _adjoining(words: list[Word], more: list[Word]) -> bool:
    """The second clause starts right where the first one ends: one clause
    the parse cut in two, not a coordinated or separate one."""
    return bool(words and more) and more[0].index == words[-1].index + 1 and more[0].upos not in ("CCONJ", "PUNCT")


def _parenthetical_inside_clause(sent: Sent, cue: Word):
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
    if any(w.upos not in ("PRON", "PROPN", "NOUN", "DET", "ADJ") for w in lead):
        return None
    first = sent.words[: opening.index]
    if any(w.upos in ("VERB", "AUX") or w.lower == "," for w in first):
        return None
    before, after = words_span(first), words_span(sent.words[closing[0].index + 1 :])
    if before is None or after is None:
        return None
    return before, after


def _parenthetical_close(sent: Sent, cue: Word) -> Word | None:
    """The comma closing '..., said Mauer, ...' or '..., he said, ...'."""
    if sent.kids(cue, "obj", "iobj", "ccomp", "xcomp"):
        return None
    opening = last_comma_before(sent, cue)
    lead = sent.words[opening.index + 1 : cue.index] if opening is not None else []
    if any(w.upos not in ("PRON", "PROPN", "NOUN", "DET", "ADJ") for w in lead):
        return None
    between = []
    for word in sent.words[cue.index + 1 :]:
        if word.lower == ",":
            if any(w.upos in ("NOUN", "PROPN", "PRON") for w in between) or not between:
                return word if word.index < len(sent.words) - 2 else None
            return None
        if word.upos in ("VERB", "AUX", "SCONJ"):
            return None
        between.append(word)
    return None


def _inverted_tail(sent: Sent, cue: Word, comma: Word, addressee: bool = False) -> bool:
    """After the comma stand only a noun phrase and the cue ('..., an aide
    said.') or the cue and a noun phrase ('..., said the official.'), and the
    cue takes no object or clause of its own."""
    between = sent.words[comma.index + 1 : cue.index]
    # A cue with a clause or an object of its own reports that ('..., and he
    # said it'), except the person told ('..., an airport official told The
    # New York Times').
    if between and sent.kids(cue, "ccomp", "xcomp", *(() if addressee else ("obj", "iobj"))):
        return False
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


def _reports_as(sent: Sent, cue: Word) -> bool:
    """'As the minister said, X' reports X; 'As I recall', 'As he assumes
    that responsibility' do not: the cue needs a third-person subject and no
    object or clause of its own."""
    subjects = sent.kids(cue, "nsubj")
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


def _reportable_clause(sent: Sent, found) -> bool:
    """A reported clause has a predicate, and is no indirect question ('tell
    whether they will'): its first word is not 'whether', 'if' or a wh-word."""
    pieces = found[0] if isinstance(found[0][0], tuple) else (found[0],)
    words = [w for start, end in pieces for w in sent.words_between(start, end)]
    if not any(w.upos in ("VERB", "AUX") for w in words):
        return False
    ids = {w.id for w in words}
    heads = [w for w in words if w.head_id not in ids]
    first = words[0]
    if first.deprel == "mark" and first.lower != "that" and len(heads) == 1 and first.head_id == heads[0].id:
        return False  # the whole clause is an 'if'/'whether' question (not a condition before a clause)
    return "PronType=Int" not in first.feats


def _that_clause(sent: Sent, cue: Word):
    """Surface fallback: the first 'that' clause after the cue, wherever the
    parse attached it ('told by a colleague that the vote was delayed'), or
    read off the words when the parser took 'that' for a pronoun ('told a
    news conference that prices would rise but warned ...'); for a
    participle after a comma, the clause right after it ('issued a
    statement, saying the camp was empty')."""
    ing_form = cue.has("VerbForm=Ger") or (cue.has("VerbForm=Part") and cue.has("Tense=Pres"))
    if ing_form and cue.index > 0 and sent.words[cue.index - 1].lower == ",":
        words = _clause_after(sent, cue.index + 1)
        if words:
            return words_span(words), "pattern.participle_clause"
    for word in sent.words[cue.index + 1 :]:
        previous = sent.words[word.index - 1]
        if word.lower == "that" and previous.upos == "NOUN" and sent.kids(previous, "case") and previous.deprel != "obl:agent":
            break  # 'agreed under the condition that ...': the noun's clause ('told by a colleague that' is the cue's)
        if word.lower == "that" and word.deprel == "mark":
            head = sent.head_of(word)
            if head is not None and head.index > word.index:
                words = [w for w in sent.subtree(head) if w.index > word.index]
                return words_span(words), "pattern.verb_that_clause"
        if word.lower == "that" and word.upos in ("PRON", "DET", "SCONJ"):
            words = _clause_after(sent, word.index + 1)
            if words:
                return words_span(words), "pattern.verb_that_clause"
        if word.upos == "VERB" and word.base_deprel in ("conj", "parataxis"):
            break
    return None


_CLAUSE_OPENERS = ("DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ")


def _past_read_as_participle(sent: Sent, word: Word) -> bool:
    """'said the plan failed because ...', 'Police said two people died'
    with the verb tagged a participle modifying the noun before it."""
    previous = sent.words[word.index - 1 : word.index]
    return (
        word.xpos == "VBN" and word.base_deprel == "acl" and bool(previous)
        and previous[0].upos in ("NOUN", "PROPN") and not sent.kids(word, "aux", "aux:pass")
    )


def _clause_after(sent: Sent, index: int, window: int = 7, participles: bool = False) -> list[Word]:
    """The words from ``index`` that read as a clause (a noun phrase, then a
    finite verb or auxiliary within a few words), up to a ';' or a
    coordinated new predicate ('..., but warned that ...') or the end."""
    words = sent.words[index:]
    while words and words[0].xpos in ("``", "''"):  # 'told her supporters that "we're in this together"'
        words = words[1:]
    if not words or words[0].upos not in _CLAUSE_OPENERS:
        return []
    if not any(
        w.upos == "AUX" or w.has("VerbForm=Fin") or participles and _past_read_as_participle(sent, w)
        for w in words[1:window]
    ):
        return []
    kept: list[Word] = []
    for position, word in enumerate(words):
        if word.lower == ";":
            break
        if word.upos == "CCONJ" and kept:
            following = [w for w in words[position + 1 : position + 3] if w.upos != "ADV"][:1]
            if following and following[0].upos == "VERB" and following[0].has("VerbForm=Fin"):
                break
        kept.append(word)
    while kept and kept[-1].upos == "PUNCT":
        kept.pop()
    return kept


def _object_frame(text, sent, cue, particle: str | None):
    """'accused X of Y', 'condemned X for Y', 'counted X', 'called for X'."""
    words = object_words(sent, cue)
    if particle:
        words = [w for w in words if not (w.lower == particle and w.index == cue.index + 1)]
        words = [w for w in words if w.index > cue.index + 1] or words
    if not any(w.base_deprel in ("obj", "obl", "ccomp", "xcomp", "iobj") for w in sent.kids(cue)):
        return None
    return words_span(words), "pattern.verb_object"


def _passive_agent_frame(text, sent, cue):
    """'many have been claimed by the group': the agent is the source, the
    passive subject (with what precedes it) the content."""
    agent = passive_agent(sent, cue)
    if agent is None:
        return None
    auxiliaries = sent.kids(cue, "aux", "aux:pass")
    first = min([w.index for w in auxiliaries] + [cue.index])
    content = words_span(sent.words[:first])
    return content, after_case(sent, agent, noun_phrase(sent, agent)), "pattern.passive_agent"


def _evidential(text, sent, cue, lexicon, subjects):
    """'videos shared on a Telegram channel showed X': the medium is the source."""
    subject = evidential_subject(sent, cue, subjects)
    if subject is None:
        return None
    source_head = subject
    for word in sent.words[subject.index : cue.index]:
        if word.upos in ("NOUN", "PROPN") and any(k.lower in lexicon.subject_cases for k in sent.kids(word, "case")):
            source_head = word
            break
    words = object_words(sent, cue)
    source = noun_phrase(sent, source_head, lexicon.source_cuts)
    if source_head is not subject:
        source = after_case(sent, source_head, source)
    return words_span(words), source, "pattern.evidential"


def _names_something(sent: Sent, cue: Word) -> bool:
    """'called it "a blatant aggression"' characterises; 'it is called "T-town"',
    'calling themselves "the boat people"' and 'we call it a sholid' only
    name, and 'called off the projects' is another verb."""
    if sent.kids(cue, "aux:pass", "nsubj:pass", "compound:prt"):
        return False
    if any(kid.upos == "PRON" and (kid.has("Person=1") or kid.has("Person=2")) for kid in sent.kids(cue, "nsubj")):
        return False
    return not any("Reflex=Yes" in kid.feats for kid in sent.kids(cue, "obj"))


# ---------------------------------------------------------------- the table


def _evidential_frame(context: CueContext) -> FrameMatch | None:
    found = _evidential(context.text, context.sentence, context.cue, context.lexicon, context.rule.get("subjects") or ())
    if not found or found[0] is None:
        return None
    return FrameMatch((found[0],), found[2], source=found[1], sourced=True)


def _passive_frame(context: CueContext) -> FrameMatch | None:
    found = _passive_agent_frame(context.text, context.sentence, context.cue)
    if not found or found[0] is None:
        return None
    return FrameMatch((found[0],), found[2], source=found[1], sourced=True)


def _quote_frame(context: CueContext) -> FrameMatch | None:
    found = _quote(context.text, context.sentence, context.cue, context.quotes, context.last, context.lexicon.verbs)
    if not found:
        return None
    if "quoted_object" in (context.rule.get("frames") or ()):
        if not _names_something(context.sentence, context.cue):
            return None  # 'The bridge is called "the Old Lady" by the locals' only names
        gap = context.text[context.last.end : found[0][-1][0]]
        if found[1] == "pattern.verb_then_quote" and not any(mark in gap for mark in ":,"):
            return None  # 'a podcast called "The Show"' only names
    shared = _coordinated_speaker(context)
    return FrameMatch(tuple(found[0]), found[1], source=shared, sourced=shared is not None, quoted=True)


def _complement_frame(context: CueContext) -> FrameMatch | None:
    if not context.reportable:
        return None
    found = _complement(
        context.text, context.sentence, context.cue, bool(context.rule.get("addressee")), context.quotes
    )
    if not found or not found[0] or not _reportable_clause(context.sentence, found):
        return None
    parts = found[0] if isinstance(found[0][0], tuple) else (found[0],)
    parts = tuple(_before_semicolon(context, _before_coordinated_cue(context, part)) for part in parts)
    shared = _coordinated_speaker(context)
    if shared is not None:
        return FrameMatch(parts, found[1], source=shared, sourced=True)
    return FrameMatch(parts, found[1])


def _coordinated_speaker(context: CueContext) -> Span | None:
    """'The regulator said it had never seen such a case and said it "will
    act quickly"', '"...," Jacobs said, adding that ...': a cue right after
    'and'/'but', or a participle right after a comma, with no subject of its
    own has the speaker of the cue verb before it, however the parse hung it."""
    sent, cue = context.sentence, context.cue
    previous = sent.words[cue.index - 1 : cue.index]
    if not previous or sent.kids(cue, "nsubj", "nsubj:pass"):
        return None
    participle = cue.has("VerbForm=Ger") or (cue.has("VerbForm=Part") and cue.has("Tense=Pres"))
    if not (previous[0].upos == "CCONJ" or participle and previous[0].lower == ","):
        return None
    for word in reversed(sent.words[: cue.index - 1]):
        if word.upos == "VERB" and word.lemma in context.lexicon.verbs:
            subjects = [kid for kid in sent.kids(word, "nsubj") if kid.index < word.index]
            if subjects:
                return noun_phrase(sent, subjects[-1], context.lexicon.source_cuts, context.lexicon.postmodifiers)
            return None
    return None


def _before_semicolon(context: CueContext, part: Span) -> Span:
    """A reported clause ends at a semicolon outside quotations: 'has said
    that the browser has 150 flaws; 20 percent of these are critical' reports
    the first clause."""
    for word in context.sentence.words_between(*part):
        if word.lower == ";" and word.start > part[0] and not context.quotes.touching(word.start, word.end):
            return part[0], context.sentence.words[word.index - 1].end
    return part


def _before_coordinated_cue(context: CueContext, part: Span) -> Span:
    """A clause ends before 'and/but' plus another cue verb of the same
    speaker: 'said it had never seen such a case and said it "will act
    quickly"' reports two things, the second with a claim of its own."""
    words = context.sentence.words_between(*part)
    for position, word in enumerate(words[:-1]):
        following = words[position + 1]
        if (
            word.upos == "CCONJ"
            and following.upos == "VERB"
            and following.lemma in context.lexicon.verbs
            and not context.sentence.kids(following, "nsubj", "nsubj:pass")
            and position > 0
        ):
            return part[0], words[position - 1].end
    return part


def _object(context: CueContext) -> FrameMatch | None:
    if not context.reportable:
        return None
    found = _object_frame(context.text, context.sentence, context.cue, context.rule.get("particle"))
    if not found or not found[0]:
        return None
    return FrameMatch((found[0],), found[1])


def _quoted_object(context: CueContext) -> FrameMatch | None:
    if not _names_something(context.sentence, context.cue):
        return None
    found = _object_frame(context.text, context.sentence, context.cue, context.rule.get("particle"))
    if not found or not found[0]:
        return None
    start, end = found[0]
    opened = context.quotes.opening_in(start - 1, end)
    if not opened:
        return None
    # The quotation may close after the words the parse gave the object
    # ('called the program "worse than amnesty."': the period is inside).
    shared = _coordinated_speaker(context)
    return FrameMatch(
        ((start, max(end, opened[-1].inner[1])),), "pattern.verb_quoted_object",
        source=shared, sourced=shared is not None, quoted=True,
    )


def _small_clause(context: CueContext) -> FrameMatch | None:
    """'called the report a lie', 'described the plan as reckless': the cue
    says what its object is; the content is the object and what it is called.
    'called the meeting' (no second part) is not a claim."""
    sent, cue = context.sentence, context.cue
    if not _names_something(sent, cue) or not any(kid.index > cue.index for kid in sent.kids(cue, "obj")):
        return None
    objects = [kid for kid in sent.kids(cue, "obj", "xcomp", "obl") if kid.index > cue.index]
    predicates = [
        kid for kid in objects[1:]
        if (kid.base_deprel in ("obj", "xcomp") and kid.upos not in ("PROPN", "PRON"))  # 'call him Bob', 'call it something'
        or any(case.lemma == "as" for case in sent.kids(kid, "case", "mark"))
    ]
    if not predicates:
        return None
    words = [w for kid in objects if kid.index <= predicates[0].index for w in sent.subtree(kid)]
    span = words_span(sorted(words, key=lambda w: w.index))
    if span is None:
        return None
    shared = _coordinated_speaker(context)
    return FrameMatch((span,), "pattern.verb_small_clause", source=shared, sourced=shared is not None)


Frame = Callable[[CueContext], "FrameMatch | None"]

FRAMES: dict[str, Frame] = {
    "evidential": _evidential_frame,  # videos showed X
    "passive_agent": _passive_frame,  # claimed by X
    "quote": _quote_frame,  # "X," she said
    "complement": _complement_frame,  # said (that) X / X, she said
    "object": _object,  # denied the report / confirmed X
    "of_object": _object,  # accused X of Y
    "for_object": _object,  # condemned X for Y
    "quoted_object": _quoted_object,  # called it "a blatant aggression" (only with a quotation)
    "small_clause": _small_clause,  # called the report a lie, described X as Y
}
FRAME_ORDER = tuple(FRAMES)


def first_match(context: CueContext, names: tuple[str, ...]) -> FrameMatch | None:
    """The first of the named frames (in :data:`FRAME_ORDER`) that matches."""
    tried: set[Frame] = set()
    for name in FRAME_ORDER:
        frame = FRAMES[name]
        if name not in names or frame in tried:
            continue
        tried.add(frame)
        found = frame(context)
        if found is not None:
            return found
    return None
