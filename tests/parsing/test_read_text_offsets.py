"""Offsets survive the usual ways of reading a file (issue 23, point 1).

A file with a UTF-8 byte order mark and CRLF line endings: ``claimtrack.read_text``
gives the text every offset indexes into; Python's ``open(path, encoding="utf-8")``
does not. ``claimtrack.load`` gives results their text back, from the inputs
(``source=``) or from ``--include-text`` output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from repo_paths import REPO, SEED

import claimtrack
from claimtrack.errors import InputError


def spans(value):
    """Every (text, start, end) in a JSON value, at any depth."""
    if isinstance(value, dict):
        if {"text", "start", "end"} <= value.keys():
            yield value["text"], value["start"], value["end"]
        for item in value.values():
            yield from spans(item)
    elif isinstance(value, list):
        for item in value:
            yield from spans(item)


@pytest.fixture(scope="module")
def bom_crlf(tmp_path_factory):
    """The seed article with a BOM and CRLF line endings."""
    path = tmp_path_factory.mktemp("bom") / "seed_bom_crlf.txt"
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def result(bom_crlf, compact_parser):
    return claimtrack.extract_file(bom_crlf, parser=compact_parser)


def right_spans(text: str, result) -> tuple[int, int]:
    found = [(piece, start, end) for claim in result.to_dict()["claims"] for piece, start, end in spans(claim)]
    return sum(text[start:end] == piece for piece, start, end in found), len(found)


def test_read_text_gives_the_text_every_span_of_every_claim_indexes(bom_crlf, result):
    assert len(result.claims) == 14
    assert right_spans(claimtrack.read_text(bom_crlf), result) == (61, 61)
    document_spans = list(spans(result.to_dict()))
    text = claimtrack.read_text(bom_crlf)
    assert [(t, s, e) for t, s, e in document_spans if text[s:e] != t] == []


def test_the_usual_python_read_misses_and_utf8_sig_newline_matches(bom_crlf, result):
    with open(bom_crlf, encoding="utf-8") as handle:
        usual = handle.read()
    with open(bom_crlf, encoding="utf-8-sig", newline="") as handle:
        exact = handle.read()
    assert right_spans(usual, result) == (4, 61)  # 4 by coincidence: short spans such as "said" repeated 1-2 characters later
    assert right_spans(exact, result) == (61, 61)
    assert exact == claimtrack.read_text(bom_crlf)


def test_read_text_drops_front_matter_as_extract_does(tmp_path):
    path = tmp_path / "front.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nBody line.\r\n")
    assert claimtrack.read_text(path) == "Body line.\r\n"


def test_read_text_reads_utf16_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Line one.\r\nLine two.\r\n".encode("utf-16"))
    assert claimtrack.read_text(path) == "Line one.\r\nLine two.\r\n"


def test_read_text_bad_file_is_one_line(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError) as error:
        claimtrack.read_text(path)
    assert str(error.value) == f"{path}: empty file (no text to read)"


def run_cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args], capture_output=True, text=True, cwd=REPO,
        env=dict(os.environ), timeout=600,
    )


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
def test_load_reattaches_text_from_source_and_from_include_text(bom_crlf, tmp_path):
    plain, with_text = tmp_path / "plain.jsonl", tmp_path / "with_text.jsonl"
    assert run_cli("extract", str(bom_crlf), "-o", str(plain)).returncode == 0
    done = run_cli("extract", str(bom_crlf), "-o", str(with_text), "--include-text")
    assert done.returncode == 0, done.stderr
    text = claimtrack.read_text(bom_crlf)
    assert json.loads(with_text.read_text(encoding="utf-8"))["text"] == text

    assert [r.text for r in claimtrack.load(plain)] == [""]
    (from_source,) = claimtrack.load(plain, source=bom_crlf)
    (from_output,) = claimtrack.load(with_text)
    (from_folder,) = claimtrack.load(plain, source=[bom_crlf.parent])
    assert from_source.text == from_output.text == from_folder.text == text
    assert right_spans(from_source.text, from_source) == (61, 61)


def test_include_text_refused_for_other_formats(bom_crlf):
    done = run_cli("extract", str(bom_crlf), "--format", "csv", "--include-text")
    assert (done.returncode, done.stderr) == (2, "claimtrack: --include-text needs --format json or jsonl, not csv\n")
