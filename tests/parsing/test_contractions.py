"""A token without an apostrophe stays one word: the tokenizer, trained on
web text that writes "Its" for "it's", split the possessive "Its" at the
start of a sentence into "It" + "s"."""

from __future__ import annotations

import pytest

import claimtrack
from claimtrack.parsing.contractions import keep_whole_words


def test_a_multiword_token_without_an_apostrophe_becomes_one_word():
    tokens = [[("Its", True), "chairman", "said", ("it's", True), ("don\u2019t", True), ("dont", True), "."]]
    assert keep_whole_words(tokens) == [["Its", "chairman", "said", ("it's", True), ("don\u2019t", True), "dont", "."]]


def test_the_fused_forms_stay_two_words():
    tokens = [[("cannot", True), ("Gonna", True), ("wanna", True)]]
    assert keep_whole_words(tokens) == tokens


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Its chairman said the plan failed.", ["Its", "chairman", "said", "the", "plan", "failed", "."]),
        ("It's late, and we cannot wait.", ["It", "'s", "late", ",", "and", "we", "can", "not", "wait", "."]),
    ],
)
def test_the_parser_splits_only_real_contractions(text, words):
    (sentence,) = claimtrack.parse(text).sentences
    assert [word.text for word in sentence.words] == words


def test_the_subject_after_a_sentence_initial_its_is_the_source():
    claims = claimtrack.extract("Its chairman, Gregor Halvorsen, said the port would reopen.").claims
    assert [(c.source.text, c.source.name, c.content.text) for c in claims] == [
        ("Its chairman", "Gregor Halvorsen", "the port would reopen"),
    ]
