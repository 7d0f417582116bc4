"""Dask: extract_bag, to_parquet, `--scheduler local` and `--format parquet`."""

from __future__ import annotations

import json

import pytest

import claimtrack

from test_corpus import CONLLU, claimtrack_cli, conllu_folder, expected_lines

dask = pytest.importorskip("dask")
pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

TEXT = "The minister said the bridge was safe."


@pytest.fixture(scope="module")
def minister(compact_parser) -> dict:
    """The result dict of TEXT as document m1 (parsed once, then cached)."""
    return claimtrack.extract(TEXT, doc_id="m1").to_dict()


def test_extract_bag_gives_result_dicts_and_a_bad_item_fails_alone(minister):
    import dask.bag as db

    from claimtrack.dask import extract_bag

    items = [("m1", TEXT, {"url": "https://example.org/m1"}), ("bad", None, {})]
    with dask.config.set(scheduler="synchronous"):
        found = extract_bag(db.from_sequence(items, npartitions=2)).compute()
    assert found[0] == {**minister, "document": {**minister["document"], "metadata": {"url": "https://example.org/m1"}}}
    assert found[1] == {"document": {"id": "bad"}, "error": "bad: the text is NoneType, not str"}


def test_to_parquet_writes_one_row_per_claim_with_document_and_source_columns(minister, tmp_path):
    import dask.bag as db

    from claimtrack.dask import extract_bag, to_parquet

    items = [("m1", TEXT, {"url": "https://example.org/m1", "section": "city"})]
    with dask.config.set(scheduler="synchronous"):
        paths = to_parquet(extract_bag(db.from_sequence(items, npartitions=1)), tmp_path / "claims")
    assert paths == [str(tmp_path / "claims" / "part-00000.parquet")]
    (row,) = pq.read_table(tmp_path / "claims").to_pylist()
    claim = minister["claims"][0]
    source = minister["sources"][0]
    assert (row["document_id"], row["url"], row["metadata"]) == ("m1", "https://example.org/m1", '{"section": "city"}')
    assert (row["claim_id"], row["content"], row["content_start"]) == ("C1", claim["content"]["text"], claim["content"]["start"])
    assert (row["cue"], row["source"], row["source_entity"]) == ("said", "The minister", source["entity"])
    assert row["source_mentions"] == len(source["mentions"])


@pytest.mark.slow
def test_scheduler_local_gives_the_same_output_as_one_process(tmp_path):
    folder = conllu_folder(tmp_path / "in", 4)
    run = claimtrack_cli("extract", str(folder), "--format", "jsonl", "--scheduler", "local", "--jobs", "2")
    assert run.returncode == 0, run.stderr.decode()[-1000:]
    assert run.stdout.decode().splitlines() == expected_lines(folder)


@pytest.mark.slow
def test_format_parquet_reads_back_with_one_row_per_claim(tmp_path):
    folder = conllu_folder(tmp_path / "in", 3)
    run = claimtrack_cli("extract", str(folder), "--format", "parquet", "-o", str(tmp_path / "claims"))
    assert run.returncode == 0, run.stderr.decode()
    expected = [json.loads(line) for line in expected_lines(folder)]
    rows = pq.read_table(tmp_path / "claims").to_pylist()
    assert [(row["document_id"], row["claim_id"], row["content"]) for row in rows] == [
        (document["document"]["id"], claim["id"], claim["content"]["text"])
        for document in expected
        for claim in document["claims"]
    ]


@pytest.mark.slow
def test_parquet_needs_a_folder(tmp_path):
    run = claimtrack_cli("extract", str(CONLLU), "--format", "parquet")
    assert (run.returncode, run.stderr.decode()) == (2, "claimtrack: --format parquet needs an output folder (-o DIR)\n")
