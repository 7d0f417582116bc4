"""A quotation that ends in ``?"`` or ``!"`` keeps its cue in the same sentence
('"Is anyone listening?" asked the mayor.'): the tokenizer ends the sentence at
the quote, and the parse joins the lower-case continuation back to it."""

from __future__ import annotations

import pytest

from claimtrack.parsing.chunks import join_quote_continuations


def sentence(*words: str) -> list[dict]:
    return [{"id": number, "text": word} for number, word in enumerate(words, start=1)]


def shape(sentences: list[list[dict]]) -> list[list[tuple]]:
    return [[(item["id"], item["text"]) for item in items] for items in sentences]


def test_a_lower_case_cue_after_a_quoted_question_joins_its_sentence():
    joined = join_quote_continuations([
        sentence('"', "Is", "anyone", "listening", "?", '"'),
        sentence("asked", "the", "mayor", "."),
    ])
    assert shape(joined) == [[
        (1, '"'), (2, "Is"), (3, "anyone"), (4, "listening"), (5, "?"), (6, '"'),
        (7, "asked"), (8, "the"), (9, "mayor"), (10, "."),
    ]]


def test_a_closing_quote_left_at_the_start_of_the_next_sentence_still_joins():
    joined = join_quote_continuations([
        sentence("\u201c", "Stop", "!"),
        sentence("\u201d", "he", "shouted", "."),
    ])
    assert shape(joined) == [[(1, "\u201c"), (2, "Stop"), (3, "!"), (4, "\u201d"), (5, "he"), (6, "shouted"), (7, ".")]]


def test_multi_word_token_ids_are_shifted_as_ranges():
    first = sentence('"', "Why", "?", '"')
    second = [
        {"id": 1, "text": "she"},
        {"id": (2, 3), "text": "didn't"},
        {"id": 2, "text": "did"},
        {"id": 3, "text": "n't"},
        {"id": 4, "text": "say"},
    ]
    (joined,) = join_quote_continuations([first, second])
    assert [item["id"] for item in joined] == [1, 2, 3, 4, 5, (6, 7), 6, 7, 8]


@pytest.mark.parametrize(
    "sentences",
    [
        # a capital letter starts a new sentence
        [sentence("He", "asked", '"', "why", "?", '"'), sentence("Nobody", "answered", ".")],
        # a question with no quotation mark
        [sentence("Is", "it", "over", "?"), sentence("maybe", "not", ".")],
        # a quotation that ends in a full stop
        [sentence('"', "We", "won", ".", '"'), sentence("then", "silence", ".")],
    ],
)
def test_other_sentence_ends_stay_as_the_tokenizer_made_them(sentences):
    assert shape(join_quote_continuations(sentences)) == shape(sentences)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Is anyone listening?" asked the mayor.', ['"Is anyone listening?" asked the mayor.']),
        ('"Stop!" he shouted. Then he left.', ['"Stop!" he shouted.', "Then he left."]),
        ("\u201cWhere is the money?\u201d asked Mr. Smith. He was angry.",
         ["\u201cWhere is the money?\u201d asked Mr. Smith.", "He was angry."]),
        ('He asked "why?" Nobody answered.', ['He asked "why?"', "Nobody answered."]),
    ],
)
def test_parsed_sentences_keep_a_quoted_question_with_its_cue(parse_text, text, expected):
    doc = parse_text(text)
    assert [text[s.tokens[0].start_char : s.tokens[-1].end_char] for s in doc.sentences] == expected


@pytest.mark.slow
def test_doubled_apostrophes_are_quotation_marks_to_the_parser(parse_text):
    text = "He called it a ''rigged system.'' ''I think it will fail,'' Mr. Smith said."
    doc = parse_text(text)
    assert [
        [(token.text, word.upos) for token in sentence.tokens for word in token.words][:7]
        for sentence in doc.sentences
    ] == [
        [("He", "PRON"), ("called", "VERB"), ("it", "PRON"), ("a", "DET"), ("''", "PUNCT"), ("rigged", "VERB"),
         ("system", "NOUN")],
        [("''", "PUNCT"), ("I", "PRON"), ("think", "VERB"), ("it", "PRON"), ("will", "AUX"), ("fail", "VERB"),
         (",", "PUNCT")],
    ]
