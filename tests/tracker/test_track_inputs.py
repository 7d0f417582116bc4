"""``claimtrack track add`` reads exactly what ``claimtrack extract`` reads
(issue 23, point 3): files, folders with ``--glob``, JSONL corpora with their
metadata, and standard input, through the one input reader."""

from __future__ import annotations

import pytest

import json
import subprocess
import sys

from test_tracker_cli import FAKE_EXTRACTION

from claimtrack.tracker.store import Tracker


def add(db, *args, stdin=None):
    return subprocess.run(
        [sys.executable, "-c", FAKE_EXTRACTION, "add", str(db), *args],
        input=stdin, capture_output=True, text=True, timeout=120,
    )


def stored(db):
    with Tracker(db) as tracker:
        return sorted(((d.doc_id, d.path, d.title, d.date) for d in tracker.documents()), key=lambda row: row[0])


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
def test_a_folder_with_glob_is_read_recursively_in_sorted_order(tmp_path):
    folder = tmp_path / "articles"
    (folder / "later").mkdir(parents=True)
    (folder / "a.txt").write_text("The mayor said the bridge was safe.\n")
    (folder / "later" / "b.txt").write_text("---\ntitle: B\ndate: 2026-03-02\n---\nThe police said the road was open.\n")
    (folder / "notes.md").write_text("The chef said the soup was cold.\n")
    done = add(tmp_path / "t.db", str(folder), "--glob", "*.txt")
    assert (done.returncode, done.stderr) == (0, (
        f"[1/2] {folder}/a.txt: added (1 claims, 1 new groups)\n"
        f"[2/2] {folder}/later/b.txt: added (1 claims, 1 new groups)\n"
    ))
    assert stored(tmp_path / "t.db") == [
        ("a", f"{folder}/a.txt", None, None),
        ("later/b", f"{folder}/later/b.txt", "B", "2026-03-02"),
    ]


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
def test_a_jsonl_corpus_is_one_article_per_line_with_its_metadata(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        {"id": "one", "text": "The mayor said the bridge was safe.", "title": "Bridge", "date": "2026-03-01", "outlet": "Courier"},
        {"id": "two", "text": "The police said the road was open.", "topic": "roads"},
        "not an object",
    ]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines))
    done = add(tmp_path / "t.db", str(corpus))
    assert (done.returncode, done.stderr) == (1, (
        f"[1] {corpus}:1: added (1 claims, 1 new groups)\n"
        f"[2] {corpus}:2: added (1 claims, 1 new groups)\n"
        f'[3] {corpus}:3: expected an object with "text", got str\n'
    ))
    assert stored(tmp_path / "t.db") == [("one", f"{corpus}:1", "Bridge", "2026-03-01"), ("two", f"{corpus}:2", None, None)]


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
def test_standard_input_is_one_article(tmp_path):
    done = add(tmp_path / "t.db", "-", "--date", "2026-03-04", stdin="The mayor said the bridge was safe.\n")
    assert (done.returncode, done.stderr) == (0, "[1] <stdin>: added (1 claims, 1 new groups)\n")
    assert stored(tmp_path / "t.db") == [("stdin", "<stdin>", None, "2026-03-04")]


def test_article_options_refuse_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text("The mayor said the bridge was safe.\n")
    done = add(tmp_path / "t.db", str(tmp_path), "--title", "T")
    assert (done.returncode, done.stderr) == (
        2, "claimtrack track: --title, --outlet, --url and --date describe one article; give a single FILE\n"
    )
