"""A title before a name ("Sen.", "Rep.", "Mrs.") does not end the sentence:
the tokenizer ends one after it, and the preparation joins the name back."""

from __future__ import annotations

import pytest

from claimtrack.parsing.chunks import join_after_titles
from claimtrack.parsing.titles import titles_before_names

TITLES = frozenset({"Sen", "Sens", "Mrs"})


def tokenized(text: str, *sentences: list[str]) -> list[list[dict]]:
    """The sentences' tokens as the tokenizer gives them, with offsets into ``text``."""
    result, at = [], 0
    for words in sentences:
        items = []
        for number, word in enumerate(words, start=1):
            start = text.index(word, at)
            at = start + len(word)
            items.append({"id": number, "text": word, "start_char": start, "end_char": at})
        result.append(items)
    return result


def shape(sentences: list[list[dict]]) -> list[list[tuple]]:
    return [[(item["id"], item["text"], item["start_char"], item["end_char"]) for item in items] for items in sentences]


def test_a_sentence_ending_in_a_title_with_its_stop_joins_the_name_after_it():
    text = '"No," said Sen. Maria Lopez.'
    sentences = tokenized(text, ['"', "No", ",", '"', "said", "Sen."], ["Maria", "Lopez", "."])
    assert shape(join_after_titles(sentences, text, TITLES)) == [[
        (1, '"', 0, 1), (2, "No", 1, 3), (3, ",", 3, 4), (4, '"', 4, 5), (5, "said", 6, 10), (6, "Sen.", 11, 15),
        (7, "Maria", 16, 21), (8, "Lopez", 22, 27), (9, ".", 27, 28),
    ]]


def test_a_title_split_from_its_stop_is_made_one_token_again():
    text = "It was signed by Sens. John McCain and Lindsey Graham."
    sentences = tokenized(
        text, ["It", "was", "signed", "by", "Sens", "."], ["John", "McCain", "and", "Lindsey", "Graham", "."]
    )
    (joined,) = join_after_titles(sentences, text, TITLES)
    assert [(item["id"], item["text"], item["start_char"], item["end_char"]) for item in joined[3:7]] == [
        (4, "by", 14, 16), (5, "Sens.", 17, 22), (6, "John", 23, 27), (7, "McCain", 28, 34),
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # not a title: "Jr." ends sentences
        ("He met Martin Luther King Jr. Nobody else came.",
         [["He", "met", "Martin", "Luther", "King", "Jr."], ["Nobody", "else", "came", "."]]),
        # the next sentence starts in lower case
        ("She thanked the Sen. and left.", [["She", "thanked", "the", "Sen."], ["and", "left", "."]]),
        # a new line after the title
        ("Signed: Mrs.\nThe Editor.", [["Signed", ":", "Mrs."], ["The", "Editor", "."]]),
        # a space between the title and the stop: not "Sen."
        ("They asked the Sen . Nobody answered.", [["They", "asked", "the", "Sen", "."], ["Nobody", "answered", "."]]),
        # case matters: "sen." is no title
        ("That is what he meant by sen. Nobody knew.", [["That", "is", "what", "he", "meant", "by", "sen."],
                                                         ["Nobody", "knew", "."]]),
    ],
)
def test_other_sentence_ends_stay_as_the_tokenizer_made_them(text, sentences):
    given = tokenized(text, *sentences)
    assert shape(join_after_titles(given, text, TITLES)) == shape(tokenized(text, *sentences))


def test_the_titles_are_read_from_the_data_file():
    assert {"Sen", "Rep", "Gov", "Mrs", "Gen"} <= titles_before_names()
    assert not {"Jr", "St", "Calif"} & titles_before_names()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We will not back down," said Sen. Maria Lopez, who leads the committee.',
         ['"We will not back down," said Sen. Maria Lopez, who leads the committee.']),
        ("Then-Sen. Lopez voted for the dam. Nobody asked why.",
         ["Then-Sen. Lopez voted for the dam.", "Nobody asked why."]),
        ("The letter was signed by Sens. John McCain and Lindsey Graham.",
         ["The letter was signed by Sens. John McCain and Lindsey Graham."]),
    ],
)
def test_parsed_sentences_keep_a_title_with_its_name(parse_text, text, expected):
    doc = parse_text(text)
    assert [text[s.tokens[0].start_char : s.tokens[-1].end_char] for s in doc.sentences] == expected


@pytest.mark.slow
def test_the_quotation_keeps_its_speaker_after_a_title():
    import claimtrack

    text = '"We will not back down," said Sen. Maria Lopez, who leads the committee.'
    (claim,) = claimtrack.extract(text).claims
    assert (claim.content.text, claim.cue.text, claim.source.text) == ("We will not back down", "said", "Sen. Maria Lopez")
