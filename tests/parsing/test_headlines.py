"""A headline in title case that the tagger read as one long name is tagged
again with its common words in lower case, and keeps the new reading only
when it finds more finite verbs."""

from __future__ import annotations

import copy

import pytest

from claimtrack.parsing.headlines import is_verbless_title, retag_headlines


def _sentence(text: str, *tags: tuple[str, str, int, str]) -> list[dict]:
    """Words of ``text`` (split at spaces) with offsets, each with (upos, xpos, head, deprel)."""
    words, at = [], 0
    for number, (word, (upos, xpos, head, deprel)) in enumerate(zip(text.split(), tags), start=1):
        start = text.index(word, at)
        at = start + len(word)
        words.append({"id": number, "text": word, "lemma": word, "upos": upos, "xpos": xpos, "head": head,
                      "deprel": deprel, "start_char": start, "end_char": at})
    return words


# 'Clinton Campaign Claims Sanders Broke Rules' as the compact tagger first read it.
AS_A_NAME = _sentence(
    "Clinton Campaign Claims Sanders Broke Rules",
    ("PROPN", "NNP", 3, "compound"), ("PROPN", "NNP", 3, "compound"), ("PROPN", "NNP", 0, "root"),
    ("PROPN", "NNP", 3, "flat"), ("VERB", "VBD", 3, "parataxis"), ("PROPN", "NNP", 5, "obj"),
)
# Its common words in lower case as it reads them ('Clinton' is no word of the lexicon, 'Sanders' a plural noun).
LOWERED_READING = {
    "Clinton": ("PROPN", "NNP", 2, "compound", "Clinton"), "campaign": ("NOUN", "NN", 3, "nsubj", "campaign"),
    "claims": ("VERB", "VBZ", 0, "root", "claim"), "Sanders": ("PROPN", "NNP", 5, "nsubj", "Sanders"),
    "broke": ("VERB", "VBD", 3, "ccomp", "break"), "rules": ("NOUN", "NNS", 5, "obj", "rule"),
}


class _Tagged:
    def __init__(self, sentences: list[list[dict]]):
        self.sentences = sentences

    def to_dict(self) -> list[list[dict]]:
        return self.sentences


class FakePipeline:
    """Tags each word by its text from a table and records the texts it was given."""

    def __init__(self, reading: dict[str, tuple]):
        self.reading = reading
        self.given: list[list[str]] = []

    def process(self, document, processors: str):
        assert processors == "pos,lemma,depparse"
        sentences = []
        for sentence in document.to_dict():
            self.given.append([word["text"] for word in sentence])
            assert not {"upos", "xpos", "lemma", "head", "deprel"} & {key for word in sentence for key in word}
            tagged = []
            for word in sentence:
                upos, xpos, head, deprel, lemma = self.reading[word["text"]]
                tagged.append({**word, "upos": upos, "xpos": xpos, "head": head, "deprel": deprel, "lemma": lemma})
            sentences.append(tagged)
        return _Tagged(sentences)


def _shape(sentence: list[dict]) -> list[tuple]:
    return [(w["text"], w["lemma"], w["xpos"], w["head"], w["deprel"], w["start_char"]) for w in sentence]


def test_the_lower_case_reading_with_more_finite_verbs_is_kept_with_the_words_own_text():
    pipeline = FakePipeline(LOWERED_READING)
    (document,) = retag_headlines(pipeline, [[copy.deepcopy(AS_A_NAME)]])
    assert pipeline.given == [["Clinton", "campaign", "claims", "Sanders", "broke", "rules"]]
    assert _shape(document[0]) == [
        ("Clinton", "Clinton", "NNP", 2, "compound", 0), ("Campaign", "campaign", "NN", 3, "nsubj", 8),
        ("Claims", "claim", "VBZ", 0, "root", 17), ("Sanders", "Sanders", "NNP", 5, "nsubj", 24),
        ("Broke", "break", "VBD", 3, "ccomp", 32), ("Rules", "rule", "NNS", 5, "obj", 38),
    ]


def test_a_lower_case_reading_with_no_more_finite_verbs_is_dropped():
    reading = {**LOWERED_READING, "claims": ("NOUN", "NNS", 0, "root", "claim")}
    (document,) = retag_headlines(FakePipeline(reading), [[copy.deepcopy(AS_A_NAME)]])
    assert document == [AS_A_NAME]


@pytest.mark.parametrize(
    "sentence",
    [
        # sentence case: 'Police said two people died'
        _sentence("Police said two people died", ("NOUN", "NN", 2, "nsubj"), ("VERB", "VBD", 0, "root"),
                  ("NUM", "CD", 4, "nummod"), ("NOUN", "NNS", 5, "nsubj"), ("VERB", "VBD", 2, "ccomp")),
        # title case whose root is a verb: 'Trump Says He Will Build Wall'
        _sentence("Trump Says He Will Build Wall", ("PROPN", "NNP", 2, "nsubj"), ("VERB", "VBZ", 0, "root"),
                  ("PRON", "PRP", 5, "nsubj"), ("AUX", "MD", 5, "aux"), ("VERB", "VB", 2, "ccomp"),
                  ("NOUN", "NN", 5, "obj")),
        # fewer than three capitalised words after the first: 'Obama in Iowa'
        _sentence("Obama in Iowa", ("PROPN", "NNP", 0, "root"), ("ADP", "IN", 3, "case"), ("PROPN", "NNP", 1, "nmod")),
    ],
)
def test_other_sentences_are_not_read_again(sentence):
    assert not is_verbless_title(sentence)
    pipeline = FakePipeline({})
    assert retag_headlines(pipeline, [[copy.deepcopy(sentence)]]) == [[sentence]]
    assert pipeline.given == []


def test_only_words_of_the_lexicon_are_written_in_lower_case():
    names = _sentence("Donald Trump Meets Hillary Clinton", *[("PROPN", "NNP", 1, "flat")] * 5)
    names[0].update(head=0, deprel="root")
    assert is_verbless_title(names)
    # 'trump' and 'meets' are words of the lexicon; 'Hillary' and 'Clinton' are not; the first word stays
    pipeline = FakePipeline({"meets": ("VERB", "VBZ", 0, "root", "meet")})
    pipeline.reading.update({word: ("PROPN", "NNP", 1, "flat", word) for word in ("Donald", "trump", "Hillary", "Clinton")})
    (document,) = retag_headlines(pipeline, [[copy.deepcopy(names)]])
    assert pipeline.given == [["Donald", "trump", "meets", "Hillary", "Clinton"]]
    assert [(w["text"], w["xpos"]) for w in document[0]] == [
        ("Donald", "NNP"), ("Trump", "NNP"), ("Meets", "VBZ"), ("Hillary", "NNP"), ("Clinton", "NNP"),
    ]


def test_a_speakers_label_before_a_colon_keeps_its_capitals():
    label = _sentence(
        "Ana Mark : Tax Cuts Will Help Farms",  # split at spaces, so the colon stands apart
        ("PROPN", "NNP", 0, "root"), ("PROPN", "NNP", 1, "flat"), ("PUNCT", ":", 1, "punct"),
        ("PROPN", "NNP", 5, "compound"), ("PROPN", "NNP", 1, "appos"), ("PROPN", "NNP", 1, "flat"),
        ("PROPN", "NNP", 1, "flat"), ("PROPN", "NNP", 1, "flat"),
    )
    reading = {word: ("PROPN", "NNP", 1, "flat", word) for word in ("Ana", "Mark", ":", "tax", "cuts", "help")}
    reading["will"] = ("AUX", "MD", 8, "aux", "will")
    reading["farms"] = ("NOUN", "NNS", 8, "obj", "farm")
    pipeline = FakePipeline(reading)
    retag_headlines(pipeline, [[copy.deepcopy(label)]])
    # 'mark' is a verb of the lexicon, but 'Ana Mark' is the label ('farms' is a verb as well as a plural noun)
    assert pipeline.given == [["Ana", "Mark", ":", "tax", "cuts", "will", "help", "farms"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clinton Campaign Claims Sanders Broke Rules",
         ("Clinton Campaign", "Claims", "claim", "Sanders Broke Rules")),
        ("Rubio Warns Party Faces Defeat In November",
         ("Rubio", "Warns", "warn", "Party Faces Defeat In November")),
    ],
)
def test_a_title_case_headline_reports_its_claim(text, expected):
    import claimtrack

    (claim,) = claimtrack.extract(text).claims
    assert (claim.source.text, claim.cue.text, claim.cue.lemma, claim.content.text) == expected


@pytest.mark.slow
def test_the_parsed_headline_keeps_its_capitals(parse_text):
    doc = parse_text("Clinton Campaign Claims Sanders Broke Rules")
    assert [(w.text, w.lemma, w.upos) for w in doc.sentences[0].words][:3] == [
        ("Clinton", "Clinton", "PROPN"), ("Campaign", "campaign", "NOUN"), ("Claims", "claim", "VERB"),
    ]
