"""A main verb the parser read as a modifier, repaired.

The compact parser sometimes reads "A video posted online showed soldiers
entering the village" with the participle "posted" as the sentence's root
and "showed" as a participle modifying "soldiers" ("showed soldiers" like
"armed soldiers"). The sentence is then left with no finite verb at all,
which an English sentence with a subject does not do. :func:`repair_main_verbs`
takes that reading apart: when a sentence has no finite verb or auxiliary,
its root is a past participle with a subject before it, and a verb tagged as
a past form right after the root modifies the noun that follows it, that verb
becomes the root (a past tense), the subject its subject, the noun its
object, the participle a modifier of the subject, and what hung on the
participle after the verb hangs on the verb.

Polls report shares as subjects ("42% say they are liberal"), and the
parser, reading "42 %" as a measure, hangs it on the verb as a bare oblique
(``obl:unmarked``) and leaves the verb with no subject. :func:`repair_measure_subjects`
makes such a measure right before a tensed verb with no subject (or before
its auxiliaries and adverbs) that verb's subject.

A present-tense verb is tagged a noun at times ("leaders who say the law
unfairly targets gay people", "Aeromexico staff claim that ..."), while the
parse gives it a subject and an object or a clause, which no noun has.
:func:`repair_verbs_read_as_nouns` makes such a word the verb the lexicon
(LemmInflect's) knows it to be: VBZ for a form in -s, VBP for a base form
(VB after an auxiliary), with the verb's lemma.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from claimtrack.parsing.cache import syntactic_words
from claimtrack.ud import TENSED_XPOS

__all__ = ["MEASURE_DEPRELS", "repair_main_verbs", "repair_measure_subjects", "repair_verbs_read_as_nouns"]

_PAST_TENSE_FEATS = "Mood=Ind|Tense=Past|VerbForm=Fin"
# what a noun read for a verb becomes, by its Penn tag: the verb's Penn tag (that of the form) and features
_NOUN_AS_VERB = {
    "NNS": ("VBZ", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"),
    "NN": ("VBP", "Mood=Ind|Tense=Pres|VerbForm=Fin"),
}
_NOUN_DEPENDENTS = frozenset({"det", "cop", "nmod:poss", "amod"})
# A bare noun phrase of measure hung on a verb ('42 % | say'), and what a subject is.
MEASURE_DEPRELS = frozenset({"obl:unmarked", "obl:npmod"})
_SUBJECT_DEPRELS = frozenset({"nsubj", "nsubj:pass", "csubj", "csubj:pass", "expl"})

Word = dict[str, Any]


def repair_main_verbs(sentences: list[list[Word]]) -> list[list[Word]]:
    """Stanza's sentences (``Document.to_dict()``), repaired in place; returned for chaining."""
    for sentence in sentences:
        _repair(sentence)
    return sentences


def _repair(sentence: list[Word]) -> None:
    words = syntactic_words(sentence)
    if any(_finite(word) for word in words):
        return
    by_id = {word["id"]: word for word in words}
    root = next((word for word in words if word.get("head") == 0), None)
    if root is None or root.get("upos") != "VERB" or root.get("xpos") != "VBN":
        return
    subjects = [word for word in words if word.get("head") == root["id"] and word.get("deprel") == "nsubj"]
    if len(subjects) != 1 or subjects[0]["id"] > root["id"]:
        return
    verb = next(
        (
            word for word in words
            if word["id"] > root["id"] and word.get("upos") == "VERB" and word.get("xpos") == "VBN"
            and word.get("deprel") == "amod" and word.get("head") == word["id"] + 1
        ),
        None,
    )
    noun = by_id.get(verb["id"] + 1) if verb is not None else None
    if verb is None or noun is None or noun.get("upos") not in ("NOUN", "PROPN", "PRON"):
        return
    for word in words:
        if word is not verb and word.get("head") == root["id"] and word["id"] > verb["id"]:
            word["head"] = verb["id"]  # what follows the verb is the verb's
    verb.update(head=0, deprel="root", xpos="VBD", feats=_PAST_TENSE_FEATS)
    subjects[0]["head"] = verb["id"]
    root.update(head=subjects[0]["id"], deprel="acl")
    noun.update(head=verb["id"], deprel="obj")
    for word in words:
        if root["id"] < word["id"] < verb["id"] and word.get("head") == noun["id"]:
            word.update(head=root["id"], deprel="advmod")  # 'posted | online'


def _finite(word: Word) -> bool:
    return word.get("upos") == "AUX" or word.get("xpos") in TENSED_XPOS or "VerbForm=Fin" in (word.get("feats") or "")


def repair_measure_subjects(sentences: list[list[Word]]) -> list[list[Word]]:
    """Stanza's sentences with each bare measure ending right before a tensed
    verb that has no subject made its subject ('42% say ...', 'only about 10
    percent of voters selected ...'); changed in place and returned."""
    for sentence in sentences:
        words = syntactic_words(sentence)
        by_id = {word["id"]: word for word in words}
        subjects = {word.get("head") for word in words if word.get("deprel") in _SUBJECT_DEPRELS}
        for word in words:
            verb = by_id.get(word.get("head"))
            if (
                word.get("deprel") in MEASURE_DEPRELS
                and verb is not None
                and _right_before(verb, _last_id(word, words), words)
                and verb["id"] not in subjects
                and _tensed(verb, words)
            ):
                word["deprel"] = "nsubj"
                subjects.add(verb["id"])
    return sentences


def _right_before(verb: Word, last: int, words: list[Word]) -> bool:
    """Only the verb's auxiliaries and adverbs stand between word ``last`` and the verb ('would | vote')."""
    between = [word for word in words if last < word["id"] < verb["id"]]
    return verb["id"] > last and all(
        word.get("head") == verb["id"] and word.get("deprel") in ("aux", "advmod") for word in between
    )


def _last_id(word: Word, words: list[Word]) -> int:
    """The id of the last word of ``word``'s phrase."""
    last, heads = word["id"], {word["id"]}
    for other in words:  # a phrase's words follow their head in a projective parse read left to right
        if other.get("head") in heads and other["id"] > word["id"]:
            heads.add(other["id"])
            last = max(last, other["id"])
    return last


def _tensed(verb: Word, words: list[Word]) -> bool:
    """A finite verb, or one with a modal or tensed auxiliary of its own ('would vote')."""
    return _finite(verb) and verb.get("upos") == "VERB" or any(
        word.get("head") == verb["id"] and word.get("deprel") == "aux" and _finite(word) for word in words
    )


def repair_verbs_read_as_nouns(sentences: list[list[Word]]) -> list[list[Word]]:
    """Stanza's sentences with each noun that has a subject and an object or a
    clause, and none of a noun's own dependents, made the verb the lexicon
    knows its form as; changed in place and returned."""
    for sentence in sentences:
        words = syntactic_words(sentence)
        relations: dict[int, set[str]] = {}
        for word in words:
            relations.setdefault(word.get("head", -1), set()).add(str(word.get("deprel")))
        for word in words:
            found = relations.get(word["id"], set())
            reading = _NOUN_AS_VERB.get(str(word.get("xpos")))
            if reading is None or "nsubj" not in found or not found & {"obj", "ccomp"} or found & _NOUN_DEPENDENTS:
                continue
            lemma = _verb_of_form(str(word.get("text", "")).lower(), reading[0])
            if lemma is None:
                continue
            xpos, feats = ("VB", "VerbForm=Inf") if "aux" in found and reading[0] == "VBP" else reading
            word.update(upos="VERB", xpos=xpos, feats=feats, lemma=lemma)
    return sentences


@lru_cache(maxsize=4096)
def _verb_of_form(form: str, tag: str) -> str | None:
    """The lemma of the verb whose ``tag`` form (VBZ, VBP) is ``form``, if the lexicon knows one."""
    import lemminflect

    for lemma in lemminflect.getAllLemmas(form, upos="VERB").get("VERB", ()):
        if form in lemminflect.getInflection(lemma, tag=tag):
            return str(lemma)
    return None
