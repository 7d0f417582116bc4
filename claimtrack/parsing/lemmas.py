"""Lemmas the lemmatizer made up, repaired from an English lexicon.

Stanza's lemmatizer looks a seen word up in its training dictionary and
spells an unseen one with a character model, which now and then writes a
word that does not exist: "underscored" -> ``underscor``, "averred" ->
``averr``, "prosecuted" -> ``prosecut``, "fled" -> ``flead``. Rules match
cues on lemmas, so such a verb is never a cue. :func:`repair_lemmas` checks a
changed lemma against LemmInflect's lexicon (English inflections from the
Automatically Generated Inflection Database) and, when the lexicon knows no
such word but knows the form as an inflection of the same part of speech,
takes the lexicon's lemma. On EWT dev + GUM dev (43,579 words) this changed
27 lemmas of the shipped lemmatizer: 26 to the gold lemma, one away from it.

An inflected verb left as it is ("warning" with lemma ``warning``, so
"..., warning that X" was no cue) takes the lexicon's verb lemma (``warn``);
a verb whose forms are all alike keeps it ("put", "cut"), and so does a
word with a noun's dependents ("the meeting", "a warning": a noun the
tagger took for a verb, whose form is its lemma).

Left alone: other lemmas equal to their form, a lemma the lexicon knows (UD and the
lexicon disagree on modals and comparatives: "could", "more"), words of other
parts of speech (names, numbers, function words).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["INFLECTED_XPOS", "NOUN_DEPENDENTS", "REPAIRED_UPOS", "lexicon_lemma", "repair_lemmas", "verb_lemma"]

# The open-class parts of speech whose lemmas the character model spells.
REPAIRED_UPOS = frozenset({"VERB", "NOUN", "ADJ", "ADV"})
# Penn tags of a verb form that is not its lemma (the base forms VB and VBP may be: "lay").
INFLECTED_XPOS = frozenset({"VBD", "VBG", "VBN", "VBZ"})
# Dependents only a noun takes: "the meeting", "a warning", "of the evening" tagged as verbs keep their lemma.
NOUN_DEPENDENTS = frozenset({"det", "case", "nmod:poss", "amod"})


def repair_lemmas(sentences: list[list[dict]]) -> list[list[dict]]:
    """Stanza's sentences (``Document.to_dict()``) with made-up lemmas
    replaced in place; returned for chaining."""
    for sentence in sentences:
        nominal = {word.get("head") for word in sentence if word.get("deprel") in NOUN_DEPENDENTS}
        for word in sentence:
            lemma = word.get("lemma")
            if isinstance(lemma, str) and word.get("upos") in REPAIRED_UPOS:
                word["lemma"] = lexicon_lemma(word.get("text") or "", word["upos"], lemma)
                if word["upos"] == "VERB" and word.get("xpos") in INFLECTED_XPOS and word.get("id") not in nominal:
                    word["lemma"] = verb_lemma(word.get("text") or "", word["lemma"])
    return sentences


@lru_cache(maxsize=65536)
def lexicon_lemma(form: str, upos: str, lemma: str) -> str:
    """The lexicon's lemma of ``form`` when ``lemma`` is no word it knows; a
    plural noun left as it is ('medics', lemma 'medics') by its singular."""
    import lemminflect

    if lemma.lower() == form.lower():
        if upos != "NOUN" or not form.lower().endswith("s"):
            return lemma
        singular = _lexicon_lemma_of(form, "NOUN")
        return singular if singular and singular != form.lower() else lemma

    if lemminflect.getAllInflections(lemma.lower()):
        return lemma
    return _lexicon_lemma_of(form, upos) or lemma


@lru_cache(maxsize=65536)
def verb_lemma(form: str, lemma: str) -> str:
    """The lexicon's lemma of an inflected verb form that was left as its own
    lemma ("warning" -> "warn"); ``lemma`` otherwise."""
    if lemma.lower() != form.lower():
        return lemma
    return _lexicon_lemma_of(form, "VERB") or lemma


def _lexicon_lemma_of(form: str, upos: str) -> str | None:
    """LemmInflect's first lemma of ``form`` as that part of speech, if it knows one."""
    import lemminflect

    known = lemminflect.getAllLemmas(form.lower(), upos=upos).get(upos)
    return known[0] if known else None
