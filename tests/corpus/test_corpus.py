"""Corpus scale: pipe (claimtrack.pipe) and `claimtrack extract` over folders, JSONL
corpora, worker processes, streaming output, resume and per-document failures.

Most runs read CoNLL-U copies of one GUM article (no model run), so they are
fast; the runs that parse use one-sentence texts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import claimtrack
from claimtrack.corpus.pipe import pipe
from claimtrack.corpus.records import Record, read_records
from claimtrack.corpus.workers import batches

from repo_paths import REPO, TEST_DATA


CONLLU = TEST_DATA / "gum" / "GUM_news_worship.conllu"
TEXTS = [
    "The minister said the bridge was safe.",
    "Nothing happened today.",
    '"We will rebuild," the mayor said on Monday.',
    "   ",
    "Officials, who asked not to be named, said the talks had failed.",
]


def claimtrack_cli(*args: str, stdin: bytes | None = None, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args], capture_output=True, input=stdin, cwd=REPO, timeout=600, **options
    )


def conllu_folder(folder: Path, count: int) -> Path:
    """``count`` copies of the GUM article as doc01.conllu, doc02.conllu, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (folder / f"doc{number:02}.conllu").write_bytes(CONLLU.read_bytes())
    return folder


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# claimtrack.pipe -------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(compact_parser) -> list[dict]:
    """claimtrack.extract on each text (this also caches the parses for the workers)."""
    return [claimtrack.extract(text).to_dict() for text in TEXTS]


def test_pipe_equals_extract_in_one_process(extracted):
    assert [result.to_dict() for result in pipe(TEXTS, batch_size=2)] == extracted


@pytest.mark.slow
def test_pipe_equals_extract_with_two_processes(extracted):
    assert [result.to_dict() for result in pipe(TEXTS, batch_size=2, n_process=2)] == extracted


def test_pipe_carries_contexts_with_as_tuples(extracted):
    pairs = list(pipe(((text, {"n": n}) for n, text in enumerate(TEXTS)), as_tuples=True))
    assert [(result.to_dict(), context) for result, context in pairs] == [
        (expected, {"n": n}) for n, expected in enumerate(extracted)
    ]


def test_pipe_refuses_what_is_not_text():
    with pytest.raises(TypeError, match=r"pipe\(\) takes str texts, got bytes \(item 2\)"):
        list(pipe(["A text.", b"bytes"]))


# inputs ------------------------------------------------------------------------------


def test_folders_are_read_recursively_in_order_with_ids_from_relative_paths(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.md").write_text("One.", encoding="utf-8")
    (tmp_path / "skip.csv").write_text("x,y", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    found = [(record.doc_id, record.text) for record in read_records([str(tmp_path)])]
    assert found == [("one", "One."), ("b/two", "Two.")]
    assert [record.doc_id for record in read_records([str(tmp_path)], globs=["*.csv"])] == ["skip"]


def test_jsonl_corpus_carries_metadata_and_names_bad_lines(tmp_path):
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        '{"id": "a1", "text": "One.", "url": "https://example.org/a1", "date": "2024-05-01"}\n'
        "\n"
        "{not json\n"
        '{"id": "a3"}\n',
        encoding="utf-8",
    )
    records = list(read_records([str(corpus)]))
    assert records[0] == Record(
        name=f"{corpus}:1", doc_id="a1", text="One.", metadata={"url": "https://example.org/a1", "date": "2024-05-01"}
    )
    assert [(record.doc_id, record.error) for record in records[1:]] == [
        ("wire:3", f"{corpus}:3: not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"),
        ("a3", f'{corpus}:4: no "text" string in the object'),
    ]


def test_batches_are_cut_by_count_and_by_characters():
    records = [Record(name=str(n), doc_id=str(n), text="x" * size) for n, size in enumerate([10, 10, 10, 500, 10])]
    assert [[r.name for r in group] for group in batches(records, 2, max_chars=400)] == [["0", "1"], ["2", "3"], ["4"]]


# the command line ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_folder_with_a_binary_file_gives_a_line_per_good_document_and_names_the_bad_one(tmp_path):
    folder = conllu_folder(tmp_path / "in", 2)
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    run = claimtrack_cli("extract", str(folder), "-o", str(out), "--errors", str(errors))
    assert run.returncode == 1
    assert run.stderr.decode().splitlines() == [
        f"claimtrack: {folder / 'photo.txt'}: binary file (NUL byte at offset 8), not text",
        f"claimtrack: 3 documents: 2 extracted, 1 failed, 6 claims (see {errors})",
    ]
    assert [line["document"]["id"] for line in lines_of(out)] == ["doc01", "doc02"]
    assert lines_of(errors) == [
        {"path": str(folder / "photo.txt"), "id": "photo", "error": f"{folder / 'photo.txt'}: binary file (NUL byte at offset 8), not text"}
    ]


@pytest.mark.slow
def test_fail_fast_stops_at_the_first_failure(tmp_path):
    folder = conllu_folder(tmp_path / "in", 2)
    (folder / "doc01.conllu").write_text("1\tbroken\n", encoding="utf-8")
    run = claimtrack_cli("extract", str(folder), "--format", "jsonl", "--fail-fast", "--batch-size", "1")
    assert (run.returncode, run.stdout) == (2, b"")
    assert run.stderr.decode().count("\n") == 1 and run.stderr.decode().startswith(f"claimtrack: {folder / 'doc01.conllu'}: ")


@pytest.mark.slow
def test_several_documents_as_json_are_one_array(tmp_path):
    folder = conllu_folder(tmp_path / "in", 2)
    run = claimtrack_cli("extract", str(folder), "--format", "json")
    output = json.loads(run.stdout)
    assert [document["document"]["id"] for document in output] == ["doc01", "doc02"]


def expected_lines(folder: Path) -> list[str]:
    """The JSONL lines one in-process extraction gives for every .conllu file in ``folder``."""
    return [
        json.dumps(claimtrack.extract_file(path).to_dict(), ensure_ascii=False)
        for path in sorted(folder.glob("*.conllu"))
    ]


@pytest.mark.slow
def test_jobs_two_gives_the_same_output_as_one_process(tmp_path):
    folder = conllu_folder(tmp_path / "in", 6)
    two = claimtrack_cli("extract", str(folder), "--format", "jsonl", "--batch-size", "1", "--jobs", "2")
    assert two.returncode == 0
    assert two.stdout.decode().splitlines() == expected_lines(folder)


@pytest.mark.slow
def test_resume_after_a_killed_run_completes_the_output_without_duplicates(tmp_path):
    folder = conllu_folder(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "claimtrack", "extract", str(folder), "-o", str(out), "--batch-size", "1"]
    started = subprocess.Popen(command, cwd=REPO, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 3):
        time.sleep(0.05)
    started.send_signal(signal.SIGKILL)
    started.wait(timeout=60)
    written = out.read_bytes().count(b"\n")
    assert 3 <= written < 40, "the run was killed part way"
    with out.open("ab") as handle:
        handle.write(b'{"claimtrack_version": "0.')  # a line cut short, as a kill mid-write leaves it
    resumed = claimtrack_cli("extract", str(folder), "-o", str(out), "--resume", "--progress")
    assert resumed.returncode == 0
    assert resumed.stderr.decode().splitlines()[-1] == (
        f"claimtrack: 40 documents: {40 - written} extracted, 0 failed, {written} already done, {3 * (40 - written)} claims"
    )
    assert out.read_text(encoding="utf-8").splitlines() == expected_lines(folder)


@pytest.mark.slow
def test_stdin_jsonl_metadata_goes_into_the_document_record(compact_parser):
    text = "The minister said the bridge was safe."
    compact_parser.parse(text)  # cached: no model run in the subprocess
    line = json.dumps({"id": "w1", "text": text, "outlet": "Wire"}) + "\n"
    run = claimtrack_cli("extract", "-", "--input-format", "jsonl", "--format", "jsonl", stdin=line.encode())
    (document,) = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert document["document"]["id"] == "w1"
    assert document["document"]["metadata"] == {"outlet": "Wire"}


@pytest.mark.slow
def test_a_cache_hit_imports_neither_torch_nor_stanza(compact_parser, tmp_path):
    text = "The minister said the bridge was safe."
    compact_parser.parse(text)
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    probe = (
        "import sys\nfrom claimtrack.cli import main\n"
        f"code = main(['extract', {str(article)!r}, '--format', 'jsonl'])\n"
        "print(code, sorted(m for m in ('torch', 'stanza') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=REPO, timeout=120, env=os.environ)
    assert run.stdout.decode().splitlines()[-1] == "0 []"


@pytest.mark.slow
def test_html_to_one_file_for_one_document_and_refused_for_several(tmp_path):
    page = tmp_path / "page.html"
    one = claimtrack_cli("extract", str(CONLLU), "--format", "html", "-o", str(page))
    assert (one.returncode, page.read_text(encoding="utf-8")[:15]) == (0, "<!DOCTYPE html>")
    folder = conllu_folder(tmp_path / "in", 2)
    several = claimtrack_cli("extract", str(folder), "--format", "html", "-o", str(page))
    assert (several.returncode, several.stderr.decode()) == (
        2,
        f"claimtrack: {page}: --format html writes one file per document and the input holds several; "
        f"give a folder (-o {tmp_path / 'page'}/)\n",
    )
