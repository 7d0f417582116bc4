"""A main verb the parser read as a modifier of the noun after it, in a
sentence left with no finite verb, becomes the sentence's verb again."""

from __future__ import annotations

import copy

from claimtrack.parsing.verbs import repair_main_verbs


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
