"""Each claim names the parsed sentence it was read from (issue 23, point 8):
index and character span, in the JSON, in explain and in the HTML report."""

from __future__ import annotations

import pytest
from repo_paths import SEED

import claimtrack
from claimtrack.model import ClaimSentence, Result

TEXT = "The bridge reopened on Monday. The minister said that it was safe. \"It is over,\" she added."


@pytest.fixture(scope="module")
def result(compact_parser):
    return claimtrack.extract(TEXT, parser=compact_parser, doc_id="t")


def test_each_claim_names_the_sentence_of_its_cue(result):
    assert [(c.id, c.cue.text, c.sentence) for c in result.claims] == [
        ("C1", "said", ClaimSentence(index=1, start=31, end=66)),
        ("C2", "added", ClaimSentence(index=2, start=67, end=91)),
    ]
    assert [TEXT[c.sentence.start : c.sentence.end] for c in result.claims] == [
        "The minister said that it was safe.",
        '"It is over," she added.',
    ]


def test_the_sentence_is_in_the_json_and_reads_back(result):
    data = result.to_dict()
    assert data["claims"][0]["sentence"] == {"index": 1, "start": 31, "end": 66}
    assert Result.from_dict(data, text=TEXT).claims == result.claims


def test_output_without_sentences_still_reads(result):
    data = result.to_dict()
    for claim in data["claims"]:
        del claim["sentence"]
    assert [c.sentence for c in Result.from_dict(data).claims] == [None, None]


def test_explain_names_the_sentence(result):
    lines = claimtrack.explain(result).splitlines()
    assert [line for line in lines if line.startswith("C")] == [
        "C1 indirect in sentence 1: cue 'said' (neutral), source 'The minister' (government), unconfirmed",
        "C2 direct in sentence 2: cue 'added' (neutral), source 'she' = 'The minister' (government), unconfirmed",
    ]


def test_every_seed_claim_sentence_holds_its_cue(compact_parser):
    seed = claimtrack.extract_file(SEED, parser=compact_parser)
    assert all(c.sentence.start <= c.cue.start < c.cue.end <= c.sentence.end for c in seed.claims)
    assert [c.sentence.index for c in seed.claims] == [1, 2, 3, 4, 5, 6, 10, 10, 11, 12, 12, 13, 15, 16]
