"""Surface readings of one parsed sentence, for where the parse fails: a
noun phrase read off the words before a cue, a cue the tagger took for a
noun, a name the parse cut at a hyphen. The dependency readings are in
phrases.py; these take over when they find nothing. Spans are (start, end)
character offsets into the document text.
"""

from __future__ import annotations

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.phrases import without_complementiser, words_span
from claimtrack.ud import HYPHEN_XPOS, NOMINALS, NOUNS, NP_WORDS, POSSESSIVE_XPOS, PUNCT_OR_CONJUNCTION

__all__ = [
    "bare_np_before", "clause_of_verb_read_as_noun", "leading_np", "left_dependents", "np_right_before",
    "phrase_ending_before", "predicate_read_as_noun", "through_postmodifier", "verb_read_as_noun", "whole_words",
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
