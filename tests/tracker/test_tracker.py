"""The tracker: articles and front matter, claims grouped across articles, a
timeline and a current status per group, sources, storage. The tests use the
hand-built results of examples/story/ (tests/story_fixtures.py)."""

from __future__ import annotations

import sqlite3

import pytest
import story_fixtures as story

from claimtrack.model import Claim, ClaimSource, Confirmation, Content, Cue, DocumentInfo, Evidence, Result
from claimtrack.tracker import TrackerError
from claimtrack.tracker.articles import read_article, split_front_matter
from claimtrack.tracker.database import SCHEMA_VERSION
from claimtrack.tracker.grouping import content_words
from claimtrack.tracker.store import Tracker

from tracker_cases import add_story, timeline, table_counts

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
