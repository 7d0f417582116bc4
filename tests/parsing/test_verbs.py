"""A main verb the parser read as a modifier of the noun after it, in a
sentence left with no finite verb, becomes the sentence's verb again."""

from __future__ import annotations

import copy

import pytest

from claimtrack.parsing.verbs import repair_main_verbs, repair_measure_subjects, repair_verbs_read_as_nouns


def _word(id_, text, upos, xpos, head, deprel, feats=None):
    return {"id": id_, "text": text, "upos": upos, "xpos": xpos, "head": head, "deprel": deprel, "feats": feats}


# 'A video posted online showed soldiers entering the village.' as a compact
# model parsed it: 'posted' the root, 'showed' a participle modifying 'soldiers'.
MISREAD = [
    _word(1, "A", "DET", "DT", 2, "det"),
    _word(2, "video", "NOUN", "NN", 3, "nsubj"),
    _word(3, "posted", "VERB", "VBN", 0, "root", "Tense=Past|VerbForm=Part"),
    _word(4, "online", "ADJ", "JJ", 6, "amod"),
    _word(5, "showed", "VERB", "VBN", 6, "amod", "Tense=Past|VerbForm=Part"),
    _word(6, "soldiers", "NOUN", "NNS", 3, "obj"),
    _word(7, "entering", "VERB", "VBG", 3, "advcl", "VerbForm=Ger"),
    _word(8, "the", "DET", "DT", 9, "det"),
    _word(9, "village", "NOUN", "NN", 7, "obj"),
    _word(10, ".", "PUNCT", ".", 3, "punct"),
]


def test_the_modifier_becomes_the_main_verb():
    (sentence,) = repair_main_verbs([copy.deepcopy(MISREAD)])
    assert [(w["text"], w["xpos"], w["head"], w["deprel"]) for w in sentence] == [
        ("A", "DT", 2, "det"),
        ("video", "NN", 5, "nsubj"),
        ("posted", "VBN", 2, "acl"),
        ("online", "JJ", 3, "advmod"),
        ("showed", "VBD", 0, "root"),
        ("soldiers", "NNS", 5, "obj"),
        ("entering", "VBG", 5, "advcl"),
        ("the", "DT", 9, "det"),
        ("village", "NN", 7, "obj"),
        (".", ".", 5, "punct"),
    ]
    assert sentence[4]["feats"] == "Mood=Ind|Tense=Past|VerbForm=Fin"


def test_a_sentence_with_a_finite_verb_is_left_alone():
    sentence = copy.deepcopy(MISREAD)
    sentence[2].update(xpos="VBD", feats="Mood=Ind|Tense=Past|VerbForm=Fin")
    assert repair_main_verbs([copy.deepcopy(sentence)]) == [sentence]


def test_a_real_modifier_after_a_determiner_is_left_alone():
    # 'Armed men seized the building.' misread with no finite verb: 'armed'
    # modifies 'men' but stands before the root, not after it.
    sentence = [
        _word(1, "Armed", "VERB", "VBN", 2, "amod", "Tense=Past|VerbForm=Part"),
        _word(2, "men", "NOUN", "NNS", 3, "nsubj"),
        _word(3, "seized", "VERB", "VBN", 0, "root", "Tense=Past|VerbForm=Part"),
        _word(4, "the", "DET", "DT", 5, "det"),
        _word(5, "building", "NOUN", "NN", 3, "obj"),
    ]
    assert repair_main_verbs([copy.deepcopy(sentence)]) == [sentence]


# '42 % say they are liberal' as the compact parser read it: the share hung
# on 'say' as a bare oblique, and 'say' left with no subject.
SHARE_AS_MEASURE = [
    _word(1, "42", "NUM", "CD", 2, "nummod"),
    _word(2, "%", "SYM", "SYM", 3, "obl:unmarked"),
    _word(3, "say", "VERB", "VBP", 0, "root", "Mood=Ind|Tense=Pres|VerbForm=Fin"),
    _word(4, "they", "PRON", "PRP", 6, "nsubj"),
    _word(5, "are", "AUX", "VBP", 6, "cop"),
    _word(6, "liberal", "ADJ", "JJ", 3, "ccomp"),
]


def test_a_share_right_before_a_verb_with_no_subject_becomes_its_subject():
    (sentence,) = repair_measure_subjects([copy.deepcopy(SHARE_AS_MEASURE)])
    assert [(w["text"], w["head"], w["deprel"]) for w in sentence] == [
        ("42", 2, "nummod"), ("%", 3, "nsubj"), ("say", 0, "root"), ("they", 6, "nsubj"), ("are", 6, "cop"),
        ("liberal", 3, "ccomp"),
    ]


def test_a_share_with_its_own_phrase_ending_before_a_modal_verb_becomes_its_subject():
    # '10 percent of voters would vote for him'
    sentence = [
        _word(1, "10", "NUM", "CD", 2, "nummod"),
        _word(2, "percent", "NOUN", "NN", 6, "obl:unmarked"),
        _word(3, "of", "ADP", "IN", 4, "case"),
        _word(4, "voters", "NOUN", "NNS", 2, "nmod"),
        _word(5, "would", "AUX", "MD", 6, "aux"),
        _word(6, "vote", "VERB", "VB", 0, "root", "VerbForm=Inf"),
    ]
    (repaired,) = repair_measure_subjects([copy.deepcopy(sentence)])
    assert [w["deprel"] for w in repaired] == ["nummod", "nsubj", "case", "nmod", "aux", "root"]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({2: {"deprel": "obl:tmod"}}, "a time, not a measure"),
        ({3: {"xpos": "VB", "feats": "VerbForm=Inf"}}, "a verb with no tense ('37 % | disagree' read as a base form)"),
        ({4: {"head": 3}}, "the verb has a subject of its own"),
    ],
)
def test_other_measures_stay_as_they_are(change, why):
    sentence = copy.deepcopy(SHARE_AS_MEASURE)
    for word in sentence:
        word.update(change.get(word["id"], {}))
    if 4 in change:
        sentence[3]["deprel"] = "nsubj"
    expected = copy.deepcopy(sentence)
    assert repair_measure_subjects([sentence]) == [expected], why


@pytest.mark.slow
def test_a_share_of_a_poll_is_the_source_of_what_it_says():
    import claimtrack

    text = "Voters under 30 lean left on social issues: 42% say they are liberal, 30% call themselves conservative."
    claims = claimtrack.extract(text).claims
    assert [(c.source.text, c.cue.text, c.content.text) for c in claims] == [("42%", "say", "they are liberal")]


def test_a_plural_noun_with_a_subject_and_an_object_is_the_verb_in_s():
    # 'the law unfairly targets gay people' with 'targets' tagged a plural noun
    sentence = [
        _word(1, "the", "DET", "DT", 2, "det"),
        _word(2, "law", "NOUN", "NN", 4, "nsubj"),
        _word(3, "unfairly", "ADV", "RB", 4, "advmod"),
        _word(4, "targets", "NOUN", "NNS", 0, "root", "Number=Plur"),
        _word(5, "gay", "ADJ", "JJ", 6, "amod"),
        _word(6, "people", "NOUN", "NNS", 4, "obj"),
    ]
    sentence[3]["lemma"] = "target"
    (repaired,) = repair_verbs_read_as_nouns([copy.deepcopy(sentence)])
    assert (repaired[3]["upos"], repaired[3]["xpos"], repaired[3]["lemma"], repaired[3]["feats"]) == (
        "VERB", "VBZ", "target", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
    )


def test_a_singular_noun_with_a_subject_and_a_clause_is_the_verbs_base_form():
    # 'airport staff claim that few need a visa' with 'claim' tagged a noun
    sentence = [
        _word(1, "staff", "NOUN", "NN", 2, "nsubj"),
        _word(2, "claim", "NOUN", "NN", 0, "root", "Number=Sing"),
        _word(3, "that", "SCONJ", "IN", 5, "mark"),
        _word(4, "few", "ADJ", "JJ", 5, "nsubj"),
        _word(5, "need", "VERB", "VBP", 2, "ccomp"),
    ]
    (repaired,) = repair_verbs_read_as_nouns([copy.deepcopy(sentence)])
    assert (repaired[1]["upos"], repaired[1]["xpos"], repaired[1]["feats"]) == (
        "VERB", "VBP", "Mood=Ind|Tense=Pres|VerbForm=Fin",
    )
    with_auxiliary = copy.deepcopy(sentence) + [_word(6, "may", "AUX", "MD", 2, "aux")]
    (repaired,) = repair_verbs_read_as_nouns([with_auxiliary])
    assert (repaired[1]["upos"], repaired[1]["xpos"], repaired[1]["feats"]) == ("VERB", "VB", "VerbForm=Inf")


def test_a_noun_with_a_determiner_stays_a_noun():
    # 'he is the claim that ...' read with 'he' its subject: a noun's own dependents say it is one
    sentence = [
        _word(1, "he", "PRON", "PRP", 3, "nsubj"),
        _word(2, "the", "DET", "DT", 3, "det"),
        _word(3, "claim", "NOUN", "NN", 0, "root"),
        _word(4, "it", "PRON", "PRP", 5, "nsubj"),
        _word(5, "works", "VERB", "VBZ", 3, "ccomp"),
    ]
    expected = copy.deepcopy(sentence)
    assert repair_verbs_read_as_nouns([sentence]) == [expected]


@pytest.mark.parametrize(
    ("text", "why"),
    [("colleagues", "no verb of the lexicon"), ("people", "not a form in -s of a verb")],
)
def test_other_plural_nouns_stay_nouns(text, why):
    sentence = [
        _word(1, "he", "PRON", "PRP", 2, "nsubj"),
        _word(2, text, "NOUN", "NNS", 0, "root"),
        _word(3, "it", "PRON", "PRP", 2, "obj"),
    ]
    expected = copy.deepcopy(sentence)
    assert repair_verbs_read_as_nouns([sentence]) == [expected], why


@pytest.mark.slow
def test_the_parse_makes_a_verb_tagged_a_plural_noun_a_verb(parse_text):
    # the compact tagger reads 'targets' here as a plural noun, with 'plan' its subject and 'nurses' its object
    doc = parse_text("The union says the plan unfairly targets nurses.")
    assert [(w.text, w.upos, w.xpos, w.lemma) for w in doc.sentences[0].words if w.text == "targets"] == [
        ("targets", "VERB", "VBZ", "target"),
    ]
