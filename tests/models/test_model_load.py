"""``claimtrack.load(path)``: the JSON and JSONL that ``claimtrack extract`` writes, read back as Results."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import story_fixtures as story

import claimtrack
from claimtrack.cli import main
from claimtrack.errors import InputError, ResultError
from claimtrack.model import DocumentInfo, Result
from claimtrack.results import load
from claimtrack.tracker import TrackerError
from claimtrack.tracker.store import Tracker
from repo_paths import REPO


STORY = REPO / "examples" / "story"
STORY_IDS = ["2026-03-02-harbour-courier", "2026-03-03-daily-ledger", "2026-03-05-velmor-times"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """The story articles extracted by the CLI as JSON (one file and all three) and as JSONL."""
    folder = tmp_path_factory.mktemp("outputs")
    assert main(["extract", str(STORY), "-o", str(folder / "story.json")]) == 0
    assert main(["extract", str(STORY), "-o", str(folder / "story.jsonl")]) == 0
    assert main(["extract", str(STORY / f"{STORY_IDS[0]}.txt"), "-o", str(folder / "one.json")]) == 0
    return folder


def test_a_json_array_gives_every_result_and_writes_back_the_same(outputs):
    results = load(outputs / "story.json")
    assert [result.document.id for result in results] == STORY_IDS
    assert [result.to_dict() for result in results] == json.loads((outputs / "story.json").read_text())


def test_jsonl_gives_one_result_per_line_and_writes_back_the_same(outputs):
    lines = (outputs / "story.jsonl").read_text().splitlines()
    results = load(outputs / "story.jsonl")
    assert [result.document.id for result in results] == STORY_IDS
    assert [result.to_dict() for result in results] == [json.loads(line) for line in lines]


def test_a_single_json_object_gives_a_list_of_one(outputs):
    results = load(outputs / "one.json")
    assert [result.document.id for result in results] == STORY_IDS[:1]
    assert results[0].to_dict() == json.loads((outputs / "one.json").read_text())


def test_loaded_results_have_no_text_but_the_offsets_of_the_article(outputs):
    (loaded,) = load(outputs / "one.json")
    extracted = claimtrack.extract_file(STORY / f"{STORY_IDS[0]}.txt")
    assert loaded.text == ""
    assert loaded.claims == extracted.claims


DOCUMENT = '{"document": {"id": "d", "length": 3, "sha256": "abc"}}'


@pytest.mark.parametrize(
    ("name", "content", "ids"),
    [
        ("empty.json", "[]", []),
        ("spaced.json", f"\n [ {DOCUMENT} ,\n\t{DOCUMENT} ] \n", ["d", "d"]),
        ("blank-lines.jsonl", f"{DOCUMENT}\n\n{DOCUMENT}\n\n", ["d", "d"]),
        ("no-newline.jsonl", DOCUMENT, ["d"]),
    ],
)
def test_whitespace_between_results_is_allowed(tmp_path, name, content, ids):
    (tmp_path / name).write_text(content)
    assert [result.document.id for result in load(tmp_path / name)] == ids


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.jsonl", f'{DOCUMENT}\n{{"document": {{"id": "d"}}}}\n', "a.jsonl:2: document.length: missing"),
        (
            "b.json",
            f'[\n  {DOCUMENT},\n  {{"document": {{"id": "d", "length": "3", "sha256": "abc"}}}}\n]',
            'b.json:3: document.length: expected an integer, got "3"',
        ),
        ("c.jsonl", f"{DOCUMENT}\n[1, 2]\n", "c.jsonl:2: top level: expected an object, got [1, 2]"),
        ("d.jsonl", f'{DOCUMENT}\n{{"document": \n', "d.jsonl:3:1: not JSON (Expecting value)"),
        ("e.json", f"[{DOCUMENT} {DOCUMENT}]", f"e.json:1:{1 + len(DOCUMENT) + 2}: expected ',' or ']' between results"),
        ("f.json", "[]\n]", "f.json:2:1: text after the closing ']'"),
        ("g.json", "[" * 100_000, "g.json:1:2: JSON nested too deeply to be a result"),
        ("h.jsonl", '{"path": "x.txt", "id": "x", "error": "x.txt: empty file"}\n', "h.jsonl:1: document: missing"),
    ],
)
def test_a_bad_file_is_one_result_error_naming_file_line_and_field(tmp_path, monkeypatch, name, content, message):
    (tmp_path / name).write_text(content)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ResultError) as raised:
        load(name)
    assert str(raised.value) == message


def test_a_missing_file_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as raised:
        load("nothing.json")
    assert str(raised.value) == "nothing.json: no such file"


def test_a_result_with_metadata_keeps_it(tmp_path):
    result = Result(
        text="",
        document=DocumentInfo("d", 3, "abc", metadata={"url": "https://example.org/a", "date": "2026-03-02"}),
        claimtrack_version=claimtrack.__version__,
    )
    (tmp_path / "m.jsonl").write_text(json.dumps(result.to_dict()) + "\n")
    assert load(tmp_path / "m.jsonl") == [result]


@pytest.mark.parametrize(
    ("stored", "problem"),
    [
        ('{"document": {"id": "d", "length": 3}}', "document.sha256: missing"),
        ("{not json", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ],
)
def test_a_damaged_stored_result_in_the_tracker_is_one_line_naming_the_database(tmp_path, stored, problem):
    path = tmp_path / "story.db"
    with Tracker(path) as tracker:
        tracker.add_result(story.story()[0].result)
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE documents SET result = ?", (stored,))
    db.close()
    with Tracker(path) as tracker, pytest.raises(TrackerError) as raised:
        tracker.articles()
    assert str(raised.value) == f"{path}: the stored result of 2026-03-02-harbour-courier cannot be read: {problem}"
