"""`claimtrack track` on the command line: tables, JSON and CSV, one-line errors,
processes killed or running side by side, damaged databases; and the story
end to end with the real parser and engine."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
import story_fixtures as story

from claimtrack.commands.track import main as track
from claimtrack.tracker.store import Tracker

from tracker_cases import add_story

# ---------------------------------------------------------------- the CLI


def test_track_claims_as_a_table(tracked, capsys):
    assert track(["claims", tracked.path, "--status", "confirmed", "--format", "table"]) == 0
    assert capsys.readouterr().out == textwrap.dedent(
        """\
        id  status     first_seen  appearances  first_source     claim
        G1  confirmed  2026-03-02  3            a port official  The fire was started deliberately,
        """
    )


def test_track_show_as_json_has_the_timeline(tracked, capsys):
    assert track(["show", tracked.path, "G1"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["id"], shown["status"], shown["label"]) == (
        "G1",
        "confirmed",
        "The fire was started deliberately,",
    )
    assert [(a["document"]["outlet"], a["claim"], a["status"]) for a in shown["appearances"]] == [
        ("Harbour Courier", "C1", "unconfirmed"),
        ("Daily Ledger", "C1", "unconfirmed"),
        ("Velmor Times", "C1", "confirmed"),
    ]
    assert shown["first"] == shown["appearances"][0]


def test_track_sources_as_csv(tracked, capsys):
    assert track(["sources", tracked.path, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "id,name,type,anonymous,documents,claims,aliases",
        "2,Port authority spokesman Karel Brandt,government,false,2,2,karel brandt|port authority spokesman karel brandt",
        "1,a port official,government,true,1,2,port official",
    ]


def test_track_errors_are_one_line(tmp_path, tracked, capsys):
    missing = tmp_path / "missing.db"
    assert track(["claims", str(missing)]) == 2
    assert track(["show", tracked.path, "G42"]) == 2
    assert track(["claims", tracked.path, "--format", "html"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"claimtrack track: {missing}: no such tracker database (create it with 'claimtrack track add {missing} FILE...')",
        f"claimtrack track: {tracked.path}: no claim group G42",
        "claimtrack track: --format html writes a page per claim group; give an output folder with --out DIR",
    ]


# A `track add` whose extraction is a stand-in (slow on purpose), so the test
# controls where the process is when it is killed, without parsing.
FAKE_EXTRACTION = textwrap.dedent(
    """
    import os, sys, time, types
    from claimtrack.model import Claim, Content, DocumentInfo, Result

    def extract(text, *, rules=None, doc_id="document", parser=None, cache=True):
        time.sleep(0.3)
        end = text.index(".")
        claim = Claim("C1", "indirect", Content(text[:end], 0, end))
        return Result(text=text, document=DocumentInfo.for_text(text, doc_id), claims=[claim])

    pipeline = types.ModuleType("claimtrack.pipeline")
    pipeline.extract = extract
    pipeline.rules_from = lambda rules: None
    sys.modules["claimtrack.pipeline"] = pipeline
    from claimtrack.commands.track import main
    time.sleep(max(0.0, float(os.environ.get("START_AT", 0)) - time.time()))
    sys.exit(main())
    """
)


@pytest.mark.slow
def test_killing_track_add_midway_loses_no_reported_document(tmp_path):
    files = []
    for number in range(8):
        path = tmp_path / f"article{number}.txt"
        path.write_text(
            f"---\ndate: 2026-03-0{number + 1}\n---\nStory number {number} about the harbour fire.\n"
        )
        files.append(str(path))
    db = tmp_path / "t.db"
    process = subprocess.Popen(
        [sys.executable, "-c", FAKE_EXTRACTION, "add", str(db), *files], stderr=subprocess.PIPE, text=True
    )
    reported = []
    for line in process.stderr:
        if ": added" in line:
            reported.append(line.split("] ", 1)[1].split(": added")[0])
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert reported == [files[0]]
    with Tracker(db) as tracker:
        assert tracker.integrity_check() == "ok"
        stored = tracker.documents()
        assert files[0] in [document.path for document in stored]
        assert 1 <= len(stored) < len(files)
        assert all(len(group.appearances) == 1 for group in tracker.groups())
        assert sum(len(group.appearances) for group in tracker.groups()) == len(stored)


@pytest.mark.slow
def test_track_add_reports_progress_and_bad_files_in_one_line(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The harbour reopened. Nothing else happened.\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("---\ntitle: unclosed\n")
    db = tmp_path / "t.db"
    done = subprocess.run(
        [sys.executable, "-c", FAKE_EXTRACTION, "add", str(db), str(good), str(bad), str(good)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"[1/3] {good}: added (1 claims, 1 new groups)",
        f"[2/3] {bad}: front matter opened with '---' is never closed",
        f"[3/3] {good}: already stored",
    ]
    assert [(entry["file"], entry["added"]) for entry in json.loads(done.stdout)] == [
        (str(good), True),
        (str(good), False),
    ]


@pytest.mark.slow
def test_four_track_add_processes_on_one_new_database_store_every_document(tmp_path):
    texts = [
        "The harbour reopened on Monday.",
        "Grain prices rose sharply.",
        "Two guards were treated for smoke.",
        "The mayor promised a new bridge.",
    ]
    files = []
    for number, text in enumerate(texts):
        path = tmp_path / f"article{number}.txt"
        path.write_text(text + "\n")
        files.append(str(path))
    db = tmp_path / "new.db"
    # All four wait for the same moment, then create the schema of the same new file at once.
    environment = {**os.environ, "START_AT": str(time.time() + 2)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", FAKE_EXTRACTION, "add", str(db), path],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for path in files
    ]
    outcomes = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    assert outcomes == [(0, f"[1/1] {path}: added (1 claims, 1 new groups)\n") for path in files]
    with Tracker(db) as tracker:
        assert sorted(document.path for document in tracker.documents()) == files
        assert tracker.integrity_check() == "ok"


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8_is_added_under_an_escaped_name(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"The mayor said the bridge was safe.\n")
    db = tmp_path / "t.db"
    done = subprocess.run(
        [sys.executable, "-c", FAKE_EXTRACTION, "add", str(db), raw],
        capture_output=True,
        text=True,
        timeout=60,
    )
    shown = f"{tmp_path}/caf\\xe9.txt"
    assert (done.returncode, done.stderr) == (0, f"[1/1] {shown}: added (1 claims, 1 new groups)\n")
    assert [entry["file"] for entry in json.loads(done.stdout)] == [shown]
    with Tracker(db) as tracker:
        assert [(d.path, d.doc_id) for d in tracker.documents()] == [(shown, "caf\\xe9")]


def test_a_group_number_beyond_sqlite_integers_is_no_group_and_other_digits_no_id(tracked, capsys):
    assert track(["show", tracked.path, "G99999999999999999999999999"]) == 2
    assert track(["show", tracked.path, "G\u00b2"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"claimtrack track: {tracked.path}: no claim group G99999999999999999999999999",
        "claimtrack track: not a claim group id: 'G\u00b2' (expected e.g. G3)",
    ]


def damage_claims_table(path) -> None:
    """Overwrite the first page of the claims table with 0xFF bytes, as a failing disk might."""
    db = sqlite3.connect(path)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    (root,) = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'claims'").fetchone()
    db.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)


@pytest.fixture
def damaged(tmp_path):
    path = tmp_path / "damaged.db"
    with Tracker(path) as tracker:
        add_story(tracker)
    damage_claims_table(path)
    return path


def damaged_line(path) -> str:
    return (
        f"claimtrack track: {path}: the database file is damaged (database disk image is malformed); "
        "restore it from a backup, or rebuild it by adding the articles to a new database "
        "with 'claimtrack track add NEW.db FILE...'"
    )


@pytest.mark.parametrize("command", [["claims"], ["show", "G1"]])
def test_reading_a_damaged_database_is_one_line_saying_what_to_do(damaged, command, capsys):
    assert track([command[0], str(damaged), *command[1:]]) == 2
    assert capsys.readouterr().err == damaged_line(damaged) + "\n"


@pytest.mark.slow
def test_adding_to_a_damaged_database_stops_with_one_line(damaged, tmp_path):
    article = tmp_path / "later.txt"
    article.write_text("Police said the fire was started deliberately.\n")
    done = subprocess.run(
        [sys.executable, "-c", FAKE_EXTRACTION, "add", str(damaged), str(article), str(article)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", damaged_line(damaged) + "\n")


# ---------------------------------------------------------------- end to end, with the real engine


def test_story_end_to_end_groups_the_repeated_claim_and_confirms_it(tmp_path):
    """Acceptance: the three articles of examples/story/ through the real parser and engine."""
    with Tracker(tmp_path / "story.db") as tracker:
        tracker.add_file(story.MONDAY)
        tracker.add_file(story.TUESDAY)
        before = [g for g in tracker.groups() if len(g.appearances) == 2]
        tracker.add_file(story.THURSDAY)
        after = [g for g in tracker.groups() if len(g.appearances) == 3]
    assert [g.status for g in before] == ["unconfirmed"]
    assert len(after) == 1
    group = after[0]
    assert [(a.document.outlet, a.status) for a in group.appearances] == [
        ("Harbour Courier", "unconfirmed"),
        ("Daily Ledger", "unconfirmed"),
        ("Velmor Times", "confirmed"),
    ]
    assert all("started deliberately" in a.content for a in group.appearances)
    assert group.status == "confirmed"
