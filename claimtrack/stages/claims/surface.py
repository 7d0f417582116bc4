"""Surface readings of one parsed sentence, for where the parse fails: a
noun phrase read off the words before a cue, a cue the tagger took for a
noun, a name the parse cut at a hyphen, a reported clause found by its
'that' or read off the words after the cue. The dependency readings are in
phrases.py; these take over when they find nothing. Spans are (start, end)
character offsets into the document text.
"""

from __future__ import annotations

from collections.abc import Collection

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.phrases import ing_form, without_complementiser, words_span
from claimtrack.ud import HYPHEN_XPOS, NOMINALS, NOUNS, NP_WORDS, POSSESSIVE_XPOS, PUNCT_OR_CONJUNCTION

__all__ = [
    "bare_np_before", "clause_after", "clause_of_verb_read_as_noun", "leading_np", "left_dependents",
    "np_right_before", "past_read_as_participle", "phrase_ending_before", "predicate_read_as_noun", "that_clause", "that_left_off",
    "through_postmodifier", "verb_read_as_noun", "whole_words",
]


_HYPHENS = "-\u2010\u2011"


def whole_words(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` widened over words joined to it by a hyphen: a parse that
    split 'Two-thirds' as 'Two' + '-' + 'thirds' does not cut the source
    'Two-thirds of the members' to 'thirds of the members'."""
    start, end = span
    while start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum():
        start -= 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    while end < len(text) - 1 and text[end] in _HYPHENS and text[end + 1].isalnum():
        end += 1
        while end < len(text) and text[end].isalnum():
            end += 1
    return start, end


def np_right_before(sent: Sent, cue: Word, postmodifiers: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Surface fallback: the noun phrase standing right before the cue, or
    before an adverb or two of the cue ('..., Najib Razak said', 'with one
    poster writing', 'The official further said'). A determiner and an
    adjective that open the sentence or a clause head a phrase of their own
    ('The official further said': the tagger read 'official' as an adjective
    and the parse left the cue without a subject)."""
    end = cue.index
    while end > 0 and cue.index - end < 2 and sent.words[end - 1].upos == "ADV":
        end -= 1
    words: list[Word] = []
    for word in reversed(sent.words[:end]):
        if word.upos not in NP_WORDS and word.xpos not in (POSSESSIVE_XPOS, HYPHEN_XPOS):
            break
        words.insert(0, word)
    if not words or words[-1].upos not in NOMINALS and not _adjective_as_noun(sent, words):
        return None
    return words_span(through_postmodifier(sent, words[0].index, postmodifiers) + words)


def _adjective_as_noun(sent: Sent, words: list[Word]) -> bool:
    """'The official' at the start of a clause: determiner, adjectives."""
    first = words[0]
    opens = first.index == 0 or sent.words[first.index - 1].upos == "PUNCT"
    return opens and len(words) >= 2 and first.upos == "DET" and all(w.upos == "ADJ" for w in words[1:])


def through_postmodifier(sent: Sent, index: int, postmodifiers: frozenset[str]) -> list[Word]:
    """The words of 'sources close to' before 'the investigation' (which
    starts at ``index``): a noun phrase, a postmodifier and a preposition
    that the parse split from the phrase they open; empty when there are none."""
    modifier = sent.words[index - 2] if index >= 3 else None
    if modifier is None or sent.words[index - 1].upos != "ADP" or not ({modifier.lemma, modifier.lower} & postmodifiers):
        return []
    start = index - 2
    while start > 0 and sent.words[start - 1].upos in NP_WORDS:
        start -= 1
    if start == index - 2:
        return []
    return sent.words[start:index]


def leading_np(sent: Sent, cue: Word) -> tuple[int, int] | None:
    """Surface fallback for a subject set off by commas: 'A security
    official, speaking on condition of anonymity, said ...'."""
    words: list[Word] = []
    for word in sent.words[: cue.index]:
        if word.lower == ",":
            break
        if word.upos not in NP_WORDS:
            return None
        words.append(word)
    if not words or len(words) == cue.index or not any(w.upos in NOMINALS for w in words):
        return None
    return words_span(words)


def bare_np_before(sent: Sent, noun: Word) -> tuple[int, int] | None:
    """'AFP reports that X' with 'reports' tagged as a noun: the names right
    before a determiner-less cue noun are its source."""
    words: list[Word] = []
    for word in reversed(sent.words[: noun.index]):
        if word.upos not in NOUNS:
            break
        words.insert(0, word)
    if not words or words[0].index != 0 and sent.words[words[0].index - 1].upos not in PUNCT_OR_CONJUNCTION:
        return None
    return words_span(words)


def clause_of_verb_read_as_noun(sent: Sent, word: Word) -> Word | None:
    """'Some say they hear echoes', 'a third say they don't know': the tagger
    took the cue for a noun and hung the reported clause on it as a relative
    clause. The clause starts right after the word (after a 'that') with a
    subject of its own that is no relative pronoun; None when there is none."""
    if word.upos != "NOUN":
        return None
    if any(kid.has("Definite=Def") or kid.base_deprel == "nmod" and kid.deprel == "nmod:poss" for kid in sent.kids(word)):
        return None  # 'The challenges we face', 'his claims they made': a noun
    for clause in sent.kids(word, "acl:relcl", "acl", "ccomp"):
        words = without_complementiser(sent.subtree(clause))
        subjects = sent.kids(clause, "nsubj", "nsubj:pass")
        if (
            words
            and sent.subtree(clause)[0].index == word.index + 1
            and subjects
            and subjects[0].index == words[0].index
            and "PronType=Rel" not in subjects[0].feats
        ):
            return clause
    return None


def verb_read_as_noun(sent: Sent, word: Word) -> bool:
    """A cue the tagger took for a plural noun where only a verb fits:
    right after a noun or name, and before a comma, colon, quotation mark,
    'that' or the sentence's end ('The board writes, "..."', 'The
    instructor announces: ...', '..., or so Morgan argues.')."""
    if word.upos != "NOUN" or word.xpos != "NNS":
        return False
    if predicate_read_as_noun(sent, word):
        return True
    previous = sent.words[word.index - 1 : word.index]
    following = sent.words[word.index + 1 : word.index + 2]
    if not previous or previous[0].upos not in NOUNS:
        return False
    return not following or following[0].upos == "PUNCT" or following[0].lower == "that"


def predicate_read_as_noun(sent: Sent, word: Word) -> bool:
    """'Clinton plans | to make her proposal ...' parsed with 'plans' a noun
    that has a subject before it and a clause after it, with no copula: only
    a verb has both."""
    subjects = [kid for kid in sent.kids(word, "nsubj") if kid.index < word.index]
    clauses = [kid for kid in sent.kids(word, "xcomp", "ccomp") if kid.index > word.index]
    return bool(subjects and clauses) and not sent.kids(word, "cop")


def phrase_ending_before(sent: Sent, word: Word) -> tuple[int, int] | None:
    """The noun phrase, with its prepositional modifiers, that ends right
    before ``word`` ('The Ministry of Health | notes'), read off the words."""
    words: list[Word] = []
    for previous in reversed(sent.words[: word.index]):
        if previous.upos not in NP_WORDS and previous.upos != "ADP":
            break
        words.insert(0, previous)
    while words and words[0].upos == "ADP":
        words.pop(0)
    if not words or words[-1].upos not in NOUNS:
        return None
    return words_span(words)


def left_dependents(sent: Sent, word: Word) -> tuple[int, int] | None:
    """The words a noun-tagged cue governs before it ('Some', 'Nearly a
    third'): its subject, as the tagger left it."""
    words = [w for kid in sent.kids(word) if kid.index < word.index and kid.upos != "PUNCT" for w in sent.subtree(kid)]
    return words_span(sorted(words, key=lambda w: w.index))


def that_clause(
    sent: Sent, cue: Word, media: Collection[str] = (), time_words: Collection[str] = (),
    venues: Collection[str] = (),
) -> tuple[tuple[int, int] | None, str] | None:
    """Surface fallback: the first 'that' clause after the cue, wherever the
    parse attached it ('told by a colleague that the vote was delayed'), or
    read off the words when the parser took 'that' for a pronoun ('told a
    news conference that prices would rise but warned ...'); for a
    participle after a comma, the clause right after it ('issued a
    statement, saying the camp was empty'); not a noun's own clause ('agreed
    under the condition that ...'), unless the noun is a statement the cue
    was made in ('said in a report that ...', 'said in an interview taped
    before the attacks that ...') or a time ('has said for months that ...')."""
    if ing_form(cue) and cue.index > 0 and sent.words[cue.index - 1].lower == ",":
        words = clause_after(sent, cue.index + 1)
        if words:
            return words_span(words), "pattern.participle_clause"
    for word in sent.words[cue.index + 1 :]:
        previous = sent.words[word.index - 1]
        if (
            word.lower == "that" and previous.upos == "NOUN" and sent.kids(previous, "case")
            and not _noun_of_report(sent, previous, word, cue, (media, time_words, venues))
        ):
            break  # 'agreed under the condition that ...': the noun's own clause
        if word.lower == "that" and word.deprel == "mark":
            head = sent.head_of(word)
            if head is not None and head.index > word.index:
                words = [w for w in sent.subtree(head) if w.index > word.index]
                return words_span(words), "pattern.verb_that_clause"
        if word.lower == "that" and word.upos in ("PRON", "DET", "SCONJ"):
            words = clause_after(sent, word.index + 1)
            if not words and not any(w.upos == "AUX" or w.has("VerbForm=Fin") for w in sent.words[cue.index + 1 : word.index]):
                words = _frontedclause_after(sent, word.index + 1)  # not 'One thing I should say ... is that like ...'
            if words:
                return words_span(words), "pattern.verb_that_clause"
        if word.base_deprel in ("conj", "parataxis") and (word.upos == "VERB" or sent.kids(word, "nsubj", "cop")):
            break  # 'went on to say he's "confident" | that ...': the clause of another predicate
    return None


def _noun_of_report(
    sent: Sent, noun: Word, that: Word, cue: Word, lists: tuple[Collection[str], Collection[str], Collection[str]]
) -> bool:
    """The noun right before 'that' belongs to the cue's report, so the
    clause is the cue's and not the noun's: the agent ('told by a colleague
    that'), a statement the cue was made in or a noun inside its phrase ('in
    a post on its Telegram channel that', 'in an interview taped before the
    attacks that'), a time ('has said for months that') or a venue ('wrote
    in his autobiography that'). ``lists`` are the media, time words and
    venue prepositions of the rules."""
    media, time_words, venues = lists
    clause = sent.head_of(that) if that.deprel == "mark" else None
    medium = sent.head_of(clause) if clause is not None and clause.base_deprel == "acl" else None
    return (
        noun.deprel == "obl:agent"
        or _in_statement(sent, noun, cue, media)
        or noun.lower in time_words
        or _venue_of(sent, noun, cue, venues)
        or (medium is not None and medium.lemma in media)
    )


def _venue_of(sent: Sent, noun: Word, cue: Word, venues: Collection[str]) -> bool:
    """The noun is where the cue's report was made: its phrase hangs on the
    cue with a venue preposition ('wrote | in his 1990 autobiography | that')."""
    return noun.head_id == cue.id and any(case.lower in venues for case in sent.kids(noun, "case"))


def _in_statement(sent: Sent, noun: Word, cue: Word, media: Collection[str]) -> bool:
    """The noun is a statement noun or inside one's phrase, below the cue:
    'in a post on its Telegram channel | that ...', 'in an interview taped
    before the attacks | that ...'."""
    node: Word | None = noun
    for _ in range(5):
        if node is None or node.index == cue.index:
            return False
        if node.lemma in media:
            return True
        if node.base_deprel not in ("nmod", "obl", "acl"):
            return False
        node = sent.head_of(node)
    return False


_CLAUSE_OPENERS = NP_WORDS  # a clause opens with a plain noun phrase


def past_read_as_participle(sent: Sent, word: Word) -> bool:
    """'said the plan failed because ...', 'Police said two people died'
    with the verb tagged a participle modifying the noun before it; not a
    real passive participle ('the enthusiasm demonstrated by the school',
    'the universities represented here')."""
    previous = sent.words[word.index - 1 : word.index]
    following = sent.words[word.index + 1 : word.index + 2]
    return (
        word.xpos == "VBN" and word.base_deprel == "acl" and bool(previous)
        and previous[0].upos in NOUNS and not sent.kids(word, "aux", "aux:pass", "obl:agent")
        and not (following and following[0].upos == "ADV")
    )


def _frontedclause_after(sent: Sent, index: int, reach: int = 10) -> list[Word]:
    """A phrase put first and closed by a comma, then a clause: 'claims that
    in 1997 and 1998, she was tasked with ...', 'said that if the bill
    passes, prices will rise' (when the parse took 'that' for a pronoun)."""
    words = sent.words[index : index + reach]
    if not words or words[0].upos not in ("ADP", "ADV", "SCONJ"):
        return []
    comma = next((w for w in words[1:] if w.lower == ","), None)
    if comma is None or any(w.lower == "that" or w.upos == "PUNCT" for w in sent.words[index : comma.index]):
        return []
    clause = clause_after(sent, comma.index + 1)
    return [*sent.words[index : comma.index + 1], *clause] if clause else []


def clause_after(sent: Sent, index: int, window: int = 7, participles: bool = False) -> list[Word]:
    """The words from ``index`` that read as a clause (a noun phrase, then a
    finite verb or auxiliary within a few words), up to a ';' or a
    coordinated new predicate ('..., but warned that ...') or the end."""
    words = sent.words[index:]
    while words and words[0].xpos in ("``", "''"):  # 'told her supporters that "we're in this together"'
        words = words[1:]
    if not words or words[0].upos not in _CLAUSE_OPENERS:
        return []
    if not any(
        w.upos == "AUX" or w.has("VerbForm=Fin") or participles and past_read_as_participle(sent, w)
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


def that_left_off(sent: Sent, cue: Word, clause: Word) -> bool:
    """'saying that efforts to bring it back are misguided' parsed with 'to
    bring it back' the cue's clause and 'that efforts ...' hung elsewhere:
    the complementiser right after the cue is not the clause's, which is a
    bare infinitive; the that-clause read off the words is the report."""
    following = sent.words[cue.index + 1 : cue.index + 2]
    return (
        bool(following)
        and following[0].lower == "that"
        and following[0].deprel == "mark"
        and following[0] not in sent.subtree(clause)
        and any(mark.xpos == "TO" for mark in sent.kids(clause, "mark"))
        and not sent.kids(clause, "nsubj", "nsubj:pass")
    )
