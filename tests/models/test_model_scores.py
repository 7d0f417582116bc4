"""python -m claimtrack.models.scores: UD test sets scored with the CoNLL 2018 scorer."""

from __future__ import annotations

import json

import pytest

from claimtrack.models.scores import MODES, main, markdown, raw_text
from ud_sample import TWO_DOCUMENTS


def test_raw_text_joins_sentences_and_separates_documents():
    from stanza.utils.conll import CoNLL

    sentences, comments, _ = CoNLL.conll2dict(input_str=TWO_DOCUMENTS)
    assert raw_text(sentences, comments) == (
        "The minister said the bridge was safe. Police denied it.\n\nResidents stayed indoors.\n"
    )


@pytest.mark.slow
def test_scores_every_mode_and_prints_a_table(tmp_path, capsys):
    (tmp_path / "ewt").mkdir()
    (tmp_path / "ewt" / "en_ewt-ud-test.conllu").write_text(TWO_DOCUMENTS, encoding="utf-8")
    out = tmp_path / "scores.json"
    assert main(["--data", str(tmp_path), "--sets", "ewt", "--out", str(out)]) == 0
    report = json.loads(out.read_text())
    entry = report["sets"]["ewt"]
    assert (entry["sentences"], entry["words"]) == (3, 16)
    assert list(entry["raw"]["scores"]) == ["Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS"]
    assert list(entry["gold_tokens"]["scores"]) == ["UPOS", "XPOS", "Lemmas", "UAS", "LAS"]
    assert list(entry["gold_tags"]["scores"]) == ["UAS", "LAS"]
    assert (entry["raw"]["scores"]["Tokens"], entry["raw"]["scores"]["Words"]) == (100.0, 100.0)
    table = capsys.readouterr().out
    assert table == markdown(report) + "\n"
    assert table.splitlines()[0].startswith("| test set | input | Tokens | Sentences | Words | UPOS |")
    assert [line.split(" | ")[1] for line in table.splitlines()[2:]] == ["raw text", "gold tokens", "gold tokens + tags"]
    assert MODES == ("raw", "gold_tokens", "gold_tags")


def test_missing_test_file_is_one_line(tmp_path, capsys):
    assert main(["--data", str(tmp_path), "--sets", "gum", "--modes", "gold_tags"]) == 2
    assert capsys.readouterr().err == f"claimtrack: {tmp_path / 'gum' / 'en_gum-ud-test.conllu'}: missing (--data must be the ud-english folder)\n"


def test_dev_sets_are_named_as_dev_in_the_table_and_found_under_their_own_files(tmp_path, capsys):
    from claimtrack.models.scores import DEV_SETS, set_label

    assert [set_label(name) for name in ("ewt", "gum", "ewt-dev", "gum-dev")] == ["EWT test", "GUM test", "EWT dev", "GUM dev"]
    assert main(["--data", str(tmp_path), "--sets", "gum-dev", "--modes", "gold_tags"]) == 2
    assert capsys.readouterr().err == (
        f"claimtrack: {tmp_path / DEV_SETS['gum-dev']}: missing (--data must be the ud-english folder)\n"
    )
