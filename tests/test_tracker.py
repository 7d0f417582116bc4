"""The tracker: documents in SQLite, claims grouped across articles, a timeline
and a current status per group. Most tests use the hand-built results of
examples/story/ (tests/story_fixtures.py); the last ones run the real engine."""

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
from claimtrack.model import Claim, ClaimSource, Confirmation, Content, Cue, DocumentInfo, Evidence, Result
from claimtrack.tracker import TrackerError
from claimtrack.tracker.articles import read_article, split_front_matter
from claimtrack.tracker.database import SCHEMA_VERSION
from claimtrack.tracker.grouping import content_words
from claimtrack.tracker.store import Tracker


def add_story(tracker: Tracker, articles=None) -> None:
    for article in articles or story.story():
        tracker.add_result(
            article.result,
            title=article.title,
            outlet=article.outlet,
            url=article.url,
            date=article.date,
            path=article.path,
        )


def timeline(group) -> list[tuple[str, str, str, str]]:
    return [(a.document.date, a.document.outlet, a.source, a.status) for a in group.appearances]


def table_counts(path) -> dict[str, int]:
    db = sqlite3.connect(path)
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    counts = {name: db.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in names}
    db.close()
    return counts


@pytest.fixture
def tracked(tmp_path):
    with Tracker(tmp_path / "story.db") as tracker:
        add_story(tracker)
        yield tracker


# ---------------------------------------------------------------- articles and front matter


def test_front_matter_gives_title_outlet_url_date_and_offsets_count_from_the_body():
    body, meta = read_article(story.MONDAY)
    assert meta == {
        "title": "Fire destroys grain warehouse in Velmor port",
        "outlet": "Harbour Courier",
        "url": "https://example.org/harbour-courier/velmor-warehouse-fire",
        "date": "2026-03-02",
    }
    assert body.startswith("A fire destroyed a grain warehouse")


def test_text_without_front_matter_is_all_body():
    assert split_front_matter("Police said it was arson.\n") == ("Police said it was arson.\n", {})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("---\ntitle: A\nBody.\n", "front matter opened with '---' is never closed"),
        ("---\ndate: March 2\n---\nBody.\n", "date 'March 2' is not a YYYY-MM-DD date"),
        ("---\n- a list\n---\nBody.\n", "front matter must be a mapping of title, outlet, url, date, ..."),
        ("---\ntitle: [unclosed\n---\nBody.\n", "front matter, line 3 column 1: invalid YAML: expected ',' or ']', but got '<stream end>'"),
        ("---\ntitle: A\n---\n\n", "the article has no text"),
    ],
)
def test_bad_front_matter_is_one_line_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TrackerError) as error:
        read_article(path)
    assert str(error.value) == f"{path}: {message}"


def test_content_words_drop_short_words_and_the_stop_list():
    assert content_words("The fire was started deliberately, police said.") == {
        "fire",
        "started",
        "deliberately",
        "police",
    }
    assert content_words("It was 2 of them, the ministry's 34-year-old man") == {
        "ministry",
        "34-year-old",
        "man",
        "2",
    }


# ---------------------------------------------------------------- grouping, timeline, status


def test_the_repeated_claim_is_one_group_with_a_timeline_that_ends_confirmed(tracked):
    group = tracked.groups()[0]
    assert group.id == "G1"
    assert group.label == "The fire was started deliberately,"
    assert timeline(group) == [
        ("2026-03-02", "Harbour Courier", "a port official", "unconfirmed"),
        ("2026-03-03", "Daily Ledger", "Port authority spokesman Karel Brandt", "unconfirmed"),
        ("2026-03-05", "Velmor Times", "Velmor police", "confirmed"),
    ]
    assert group.first.content == "The fire was started deliberately,"
    assert [a.content for a in group.later] == [
        "the fire was started deliberately",
        "the fire at the grain warehouse was started deliberately",
    ]
    assert group.status == "confirmed"


def test_status_moves_from_unconfirmed_to_confirmed_when_the_third_article_confirms(tmp_path):
    monday, tuesday, thursday = story.story()
    with Tracker(tmp_path / "t.db") as tracker:
        add_story(tracker, [monday, tuesday])
        assert tracker.group("G1").status == "unconfirmed"
        add_story(tracker, [thursday])
        assert tracker.group("G1").status == "confirmed"


def test_the_other_claims_stay_apart(tracked):
    assert [(g.id, g.label, len(g.appearances), g.status) for g in tracked.groups()] == [
        ("G1", "The fire was started deliberately,", 3, "confirmed"),
        ("G2", "two night guards were treated for smoke inhalation", 1, "unconfirmed"),
        ("G3", "it would rebuild the warehouse within a year", 1, "unconfirmed"),
        ("G4", "We have arrested a 34-year-old man,", 1, "unconfirmed"),
        ("G5", "the port would reopen next week", 1, "unconfirmed"),
    ]


def test_timeline_is_in_publication_order_whatever_the_order_of_adding(tmp_path):
    monday, tuesday, thursday = story.story()
    with Tracker(tmp_path / "t.db") as tracker:
        add_story(tracker, [thursday, monday, tuesday])
        group = tracker.groups()[0]
    assert [a.document.date for a in group.appearances] == ["2026-03-02", "2026-03-03", "2026-03-05"]
    assert group.first.document.outlet == "Harbour Courier"
    assert group.status == "confirmed"


def later_report(text: str, content: str, cue: str, lemma: str, cls: str, status: str) -> Result:
    """A one-claim result: 'Officials <cue> that <content>.'"""
    start = text.index(content)
    cue_start = text.index(cue)
    evidence = (
        [Evidence(cue, cue_start, cue_start + len(cue), rule="test")] if status != "unconfirmed" else []
    )
    claim = Claim(
        "C1",
        "indirect",
        Content(content, start, start + len(content)),
        cue=Cue(cue, cue_start, cue_start + len(cue), lemma=lemma, cls=cls),
        source=ClaimSource("Officials", 0, 9, entity="S1", name="Officials", type="government"),
        confirmation=Confirmation(status, evidence),
    )
    return Result(text=text, document=DocumentInfo.for_text(text, "later"), claims=[claim])


def test_a_later_plain_repetition_keeps_the_status_and_a_later_denial_changes_it(tracked):
    repeat = "Officials said that the warehouse fire was started deliberately."
    tracked.add_result(
        later_report(
            repeat, "the warehouse fire was started deliberately", "said", "say", "neutral", "unconfirmed"
        ),
        outlet="Radio Velmor",
        date="2026-03-06",
    )
    assert tracked.group("G1").status == "confirmed"
    denial = "Officials denied that the warehouse fire was started deliberately."
    tracked.add_result(
        later_report(
            denial, "the warehouse fire was started deliberately", "denied", "deny", "denial", "denied"
        ),
        outlet="Radio Velmor",
        date="2026-03-07",
    )
    group = tracked.group("G1")
    assert [a.status for a in group.appearances] == [
        "unconfirmed",
        "unconfirmed",
        "confirmed",
        "unconfirmed",
        "denied",
    ]
    assert group.status == "denied"


def test_the_threshold_is_a_setting(tmp_path):
    # "fire started deliberately" and "fire grain warehouse started deliberately"
    # (the content words of both claims): token-sort ratio 0.76.
    with Tracker(tmp_path / "t.db", threshold=0.9) as tracker:
        add_story(tracker)
        assert [len(a.appearances) for a in tracker.groups()][:2] == [2, 1]
        assert (
            tracker.groups(status="confirmed")[0].label
            == "the fire at the grain warehouse was started deliberately"
        )


def test_claims_further_apart_than_the_window_are_not_grouped(tmp_path):
    with Tracker(tmp_path / "t.db", window_days=1) as tracker:
        add_story(tracker)
        assert [a.document.date for a in tracker.group("G1").appearances] == ["2026-03-02", "2026-03-03"]


def test_filters_by_current_status_and_by_source_type(tracked):
    assert [g.id for g in tracked.groups(status="confirmed")] == ["G1"]
    assert [g.id for g in tracked.groups(status="unconfirmed")] == ["G2", "G3", "G4", "G5"]
    assert [g.id for g in tracked.groups(source_type="organization")] == ["G3"]
    assert [g.id for g in tracked.groups(source_type="armed_group")] == []


def test_group_ids_are_read_with_or_without_the_g(tracked):
    assert tracked.group("G2") == tracked.group(2) == tracked.group("g2")
    with pytest.raises(TrackerError, match="no claim group G99"):
        tracked.group("G99")
    with pytest.raises(TrackerError, match=r"not a claim group id: 'C1' \(expected e.g. G3\)"):
        tracked.group("C1")


# ---------------------------------------------------------------- sources


def test_sources_are_merged_across_documents_by_name(tracked):
    brandt = [source for source in tracked.sources() if "karel brandt" in source.aliases]
    assert [(s.name, s.type, s.documents, s.claims) for s in brandt] == [
        ("Port authority spokesman Karel Brandt", "government", 2, 2)
    ]


def test_anonymous_sources_merge_only_within_one_outlet(tmp_path):
    monday = story.story()[0]
    with Tracker(tmp_path / "t.db") as tracker:
        add_story(tracker, [monday])
        text = "A port official said the fire was started deliberately."
        other = later_report(
            text, "the fire was started deliberately", "said", "say", "neutral", "unconfirmed"
        )
        anonymous = ClaimSource(
            "A port official", 0, 15, entity="S1", name="A port official", type="government", anonymous=True
        )
        claim = Claim("C1", "indirect", other.claims[0].content, cue=other.claims[0].cue, source=anonymous)
        tracker.add_result(Result(text=text, document=other.document, claims=[claim]), outlet="Daily Ledger")
        officials = [(s.name, s.documents) for s in tracker.sources() if s.anonymous]
    assert officials == [("a port official", 1), ("A port official", 1)]


# ---------------------------------------------------------------- storage


def test_adding_the_same_document_twice_changes_nothing(tmp_path):
    path = tmp_path / "t.db"
    with Tracker(path) as tracker:
        add_story(tracker)
        before = table_counts(path)
        again = tracker.add_result(story.monday(), title="Another title", date="2026-04-01")
    assert (again.added, again.document, again.claims) == (False, 1, 0)
    assert table_counts(path) == before
    assert before == {
        "documents": 3,
        "sources": 5,
        "source_aliases": 8,
        "document_sources": 6,
        "claim_groups": 5,
        "claims": 7,
        "claim_bands": 7 * 42,  # 42 candidate-index keys per claim
    }


def test_stored_articles_come_back_with_their_results_and_metadata(tracked):
    back = tracked.articles()
    originals = story.story()
    assert [a.result.claims for a in back] == [a.result.claims for a in originals]
    assert [a.result.sources for a in back] == [a.result.sources for a in originals]
    assert [a.text for a in back] == [a.text for a in originals]
    assert [(a.title, a.outlet, a.url, a.date) for a in back] == [
        (a.title, a.outlet, a.url, a.date) for a in originals
    ]


def test_a_failure_inside_a_document_rolls_the_whole_document_back(tmp_path, monkeypatch):
    path = tmp_path / "t.db"
    with Tracker(path) as tracker:
        add_story(tracker, story.story()[:1])
        before = table_counts(path)
        calls = []

        def fail_on_second_claim(self, *args):
            calls.append(1)
            if len(calls) == 2:
                raise RuntimeError("disk full")
            return original(self, *args)

        original = Tracker._store_claim
        monkeypatch.setattr(Tracker, "_store_claim", fail_on_second_claim)
        with pytest.raises(RuntimeError, match="disk full"):
            tracker.add_result(story.tuesday())
        assert table_counts(path) == before
        assert tracker.integrity_check() == "ok"


def test_new_database_is_wal_and_at_the_current_schema_version(tmp_path):
    path = tmp_path / "t.db"
    Tracker(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2


def test_an_older_database_is_migrated_in_place(tmp_path, monkeypatch):
    import claimtrack.tracker.database as tracker_module

    path = tmp_path / "t.db"
    with Tracker(path) as tracker:
        add_story(tracker)
    version_3 = ("ALTER TABLE documents ADD COLUMN language TEXT",)
    monkeypatch.setattr(tracker_module, "MIGRATIONS", (*tracker_module.MIGRATIONS, version_3))
    monkeypatch.setattr(tracker_module, "SCHEMA_VERSION", 3)
    with Tracker(path) as tracker:
        assert tracker.schema_version == 3
        assert [g.status for g in tracker.groups()][:1] == ["confirmed"]
    db = sqlite3.connect(path)
    assert "language" in [row[1] for row in db.execute("PRAGMA table_info(documents)")]


def test_a_database_from_a_newer_claimtrack_is_refused(tmp_path):
    path = tmp_path / "t.db"
    Tracker(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 7")
    db.close()
    with pytest.raises(TrackerError) as error:
        Tracker(path)
    assert (
        str(error.value)
        == f"{path}: schema version 7 is newer than this claimtrack understands (2); upgrade claimtrack"
    )


def test_other_files_are_refused_in_one_line(tmp_path):
    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (x)")
    db.close()
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just some words to fill a page " * 20)
    with pytest.raises(TrackerError, match="an SQLite database, but not one written by claimtrack"):
        Tracker(other)
    with pytest.raises(
        TrackerError, match=r"notes.txt: not a claimtrack database \(file is not a database\)"
    ):
        Tracker(text)
    with pytest.raises(TrackerError, match="is a directory, not a tracker database"):
        Tracker(tmp_path)


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
