"""Made-up lemmas from the lemmatizer's character model are repaired from
LemmInflect's lexicon; lemmas the lexicon knows, or equal to their form, stay
(except a plural noun left as it is, which takes its singular)."""

from __future__ import annotations

import pytest

from claimtrack.parsing.lemmas import repair_lemmas


@pytest.mark.parametrize(
    ("text", "upos", "lemma", "expected"),
    [
        ("underscored", "VERB", "underscor", "underscore"),  # the cue rule's lemma
        ("averred", "VERB", "averr", "aver"),
        ("prosecuted", "VERB", "prosecut", "prosecute"),
        ("fled", "VERB", "flead", "flee"),
        ("expelled", "VERB", "expell", "expel"),
        ("slightest", "ADJ", "sligh", "slight"),
        ("feces", "NOUN", "fece", "feces"),
        # kept: a lemma the lexicon knows, a lemma equal to its form, a closed class
        ("kidnapping", "NOUN", "kidnap", "kidnap"),
        ("could", "AUX", "could", "could"),
        ("more", "ADJ", "more", "more"),
        ("Bragg", "PROPN", "Bragge", "Bragge"),
        ("zorbled", "VERB", "zorbl", "zorbl"),  # unknown to the lexicon as well
        # a plural noun the lemmatizer left as it is takes its singular; not a singular in -s
        ("medics", "NOUN", "medics", "medic"),
        ("Paramedics", "NOUN", "Paramedics", "paramedic"),
        ("news", "NOUN", "news", "news"),
        ("politics", "NOUN", "politics", "politics"),
        ("species", "NOUN", "species", "species"),
    ],
)
def test_a_lemma_no_lexicon_knows_is_replaced_by_the_lexicon_lemma_of_its_form(text, upos, lemma, expected):
    (sentence,) = repair_lemmas([[{"id": 1, "text": text, "upos": upos, "lemma": lemma}]])
    assert sentence == [{"id": 1, "text": text, "upos": upos, "lemma": expected}]


def test_words_without_a_lemma_are_left_as_they_are():
    sentence = [{"id": 1, "text": "said", "upos": "VERB"}, {"id": (2, 3), "text": "don't"}]
    assert repair_lemmas([[dict(word) for word in sentence]]) == [sentence]


@pytest.mark.parametrize(
    ("text", "xpos", "lemma", "expected"),
    [
        ("warning", "VBG", "warning", "warn"),  # '..., warning that X' is a cue again
        ("left", "VBN", "left", "leave"),
        ("briefing", "VBG", "briefing", "brief"),
        # kept: a verb whose forms are alike, a base form, a lemma that differs from its form
        ("put", "VBD", "put", "put"),
        ("lay", "VB", "lay", "lay"),
        ("warning", "VBG", "warn", "warn"),
    ],
)
def test_an_inflected_verb_left_as_its_own_lemma_takes_the_lexicon_lemma(text, xpos, lemma, expected):
    word = {"id": 1, "text": text, "upos": "VERB", "xpos": xpos, "lemma": lemma}
    (sentence,) = repair_lemmas([[word]])
    assert sentence == [{**word, "lemma": expected}]


def test_a_word_with_a_noun_s_dependents_keeps_its_lemma_however_it_was_tagged():
    # 'issued a warning' with 'warning' tagged as a verb: the determiner says noun
    sentence = [
        {"id": 1, "text": "a", "upos": "DET", "xpos": "DT", "lemma": "a", "head": 2, "deprel": "det"},
        {"id": 2, "text": "warning", "upos": "VERB", "xpos": "VBG", "lemma": "warning", "head": 0, "deprel": "root"},
    ]
    (repaired,) = repair_lemmas([[dict(word) for word in sentence]])
    assert [word["lemma"] for word in repaired] == ["a", "warning"]
