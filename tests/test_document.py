"""The one parsed view (claimtrack.document): one meaning of each field, and
walks that end on any tree, broken ones included."""

from __future__ import annotations

import signal

import pytest

import claimtrack
from claimtrack.document import Document

CYCLE = (
    "# text = Officials said it.\n"
    "1\tOfficials\tofficial\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\tsaid\tsay\tVERB\tVBD\tVerbForm=Fin\t3\tccomp\t_\t_\n"
    "3\tit\tit\tPRON\tPRP\t_\t1\troot\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
)


@pytest.fixture
def alarm():
    """Fail instead of hanging: a hang is the defect under test."""

    def stop(*_):
        raise TimeoutError("extraction did not finish")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_parse_whose_heads_form_a_cycle_gives_a_result(tmp_path, alarm):
    """Issue 12, defect 1: word 1 -> 2 -> 3 -> 1 and a 'root' with a head."""
    path = tmp_path / "cycle.conllu"
    path.write_text(CYCLE, encoding="utf-8")
    result = claimtrack.extract_file(path)
    for claim in result.claims:
        assert result.text[claim.content.start : claim.content.end] == claim.content.text


def test_subtree_and_ancestors_visit_each_word_once_on_a_cycle(tmp_path):
    rows = [
        {"id": 1, "text": "a", "head": 2, "deprel": "nsubj", "start_char": 0, "end_char": 1},
        {"id": 2, "text": "b", "head": 3, "deprel": "ccomp", "start_char": 2, "end_char": 3},
        {"id": 3, "text": "c", "head": 1, "deprel": "root", "start_char": 4, "end_char": 5},
    ]
    sentence = Document("a b c", [rows]).sentences[0]
    first = sentence.words[0]
    assert [w.text for w in sentence.subtree(first)] == ["a", "b", "c"]
    assert [w.text for w in sentence.ancestors(first)] == ["b", "c"]


def test_word_fields_have_one_meaning():
    rows = [
        {"id": 1, "text": "Police", "lemma": "Police", "upos": "PROPN", "head": 2, "deprel": "nsubj",
         "start_char": 0, "end_char": 6},
        {"id": 2, "text": "said", "lemma": "say", "upos": "VERB", "head": 0, "deprel": "root",
         "start_char": 7, "end_char": 11},
    ]
    second = [dict(row, start_char=row["start_char"] + 12, end_char=row["end_char"] + 12) for row in rows]
    document = Document("Police said Police said", [rows, second])
    word = document.sentences[1].words[0]
    assert (word.i, word.index, word.id, word.head_id, word.sentence) == (2, 0, 1, 2, 1)
    assert (word.lemma, word.raw_lemma) == ("police", "Police")
    assert document.head_of(word).text == "said"
    assert [w.i for w in document.within(12, 23)] == [2, 3]
    assert document.sentence_at(15) == 1


def test_a_multi_word_token_gives_its_offsets_to_its_words():
    rows = [
        {"id": (1, 2), "text": "don't", "start_char": 0, "end_char": 5},
        {"id": 1, "text": "do", "head": 0, "deprel": "root"},
        {"id": 2, "text": "n't", "head": 1, "deprel": "advmod"},
    ]
    document = Document.from_dicts("don't", [rows])
    assert [(w.text, w.start, w.end) for w in document.words] == [("do", 0, 5), ("n't", 0, 5)]


def test_a_lone_surrogate_is_replaced_in_place_with_a_diagnostic():
    """Issue 12, defect 5: claimtrack.extract("\\ud800 The minister said it.")
    raised UnicodeEncodeError; now the character becomes U+FFFD, offsets hold."""
    result = claimtrack.extract("\ud800 The minister said it was over.")
    assert [(c.content.text, c.content.start, c.source.text) for c in result.claims] == [
        ("it was over", 20, "The minister")
    ]
    assert result.text[0] == "\ufffd"
    assert result.diagnostics[0].reason == "1 lone surrogate(s) replaced by U+FFFD (offsets unchanged)"


def test_a_token_range_far_beyond_the_text_is_one_line(tmp_path):
    """Issue 12, defect 5: TokenRange=300000000:300000003 tried to build a
    300 MB text (MemoryError); now one ConlluError line naming the file."""
    from claimtrack.errors import ConlluError

    path = tmp_path / "far.conllu"
    path.write_text("1\tSaid\tsay\tVERB\t_\t_\t0\troot\t_\tTokenRange=300000000:300000003\n\n", encoding="utf-8")
    with pytest.raises(ConlluError) as caught:
        claimtrack.extract_file(path)
    assert str(caught.value) == (
        f"{path}: TokenRange=300000000:300000003 lies beyond the size limit of 10,485,760 characters"
    )
