"""Grouping claims across articles: what counts as the same claim, the
candidate index that keeps adding fast, the SQL views, and the migration
that brings a version 1 database to the index."""

from __future__ import annotations

import sqlite3

import pytest
import story_fixtures as story
import yaml

from claimtrack.model import Claim, ClaimSource, Content, DocumentInfo, Result
from claimtrack.tracker.grouping import Gist, band_keys, similarity
from claimtrack.tracker.store import Tracker
from repo_paths import TESTS


PAIRS = yaml.safe_load((TESTS / "data" / "tracker_pairs.yaml").read_text(encoding="utf-8"))

# What lexical similarity cannot see; docs/tracking.md gives the figures.
KNOWN_MISSES = {
    ("the fire was started deliberately", "the warehouse fire had been started on purpose"): "synonym phrase",
    ("the bridge was safe", "the bridge is safe for traffic"): "added words weigh on a short claim (0.73)",
    ("the mayor will resign on Friday", "the mayor would step down on Friday"): "synonym phrase",
    ("the new law would raise rents", "rents would rise under the new law"): "raise and rise differ",
}
KNOWN_WRONG = {
    ("the ship was carrying 200 migrants", "the ship was carrying grain"): "one number, one none",
    ("the budget deficit doubled last year", "the trade deficit doubled last year"): "one word differs",
    ("the train derailed after a signal failure", "the train was delayed by a signal failure"): "one verb",
    ("Meridian Bank will close 40 branches", "Meridian Bank will open 40 branches"): "antonym verb",
    ("the virus spread from the market", "the market reopened after the virus"): "same nouns",
    ("the smugglers used drones to move drugs", "the police used drones to find the smugglers"): "same nouns",
}


def pair_cases() -> list:
    cases = []
    for name, kinds in PAIRS.items():
        for kind, expected, known in (("same", True, KNOWN_MISSES), ("different", False, KNOWN_WRONG)):
            for first, second in kinds[kind]:
                reason = known.get((first, second))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                cases.append(
                    pytest.param(first, second, expected, marks=marks, id=f"{name}-{kind}-{first[:30]}")
                )
    return cases


def one_claim(content: str, source: str, name: str) -> Result:
    text = content + "."
    claim = Claim(
        "C1",
        "indirect",
        Content(content, 0, len(content)),
        source=ClaimSource(source, 0, 0, entity="S1", name=source, type="person"),
    )
    return Result(text=text, document=DocumentInfo.for_text(text, name), claims=[claim])


def grouped(first: str, second: str) -> bool:
    """Whether the second claim joins the first one's group (different sources, a day apart)."""
    with Tracker(":memory:") as tracker:
        tracker.add_result(one_claim(first, "Ana Ruiz", "a"), outlet="Courier", date="2026-03-02")
        tracker.add_result(one_claim(second, "Karel Brandt", "b"), outlet="Ledger", date="2026-03-03")
        return len(tracker.groups()) == 1


@pytest.mark.parametrize(("first", "second", "expected"), pair_cases())
def test_paraphrases_group_and_different_claims_stay_apart(first, second, expected):
    assert grouped(first, second) is expected


# ---------------------------------------------------------------- similarity


def test_similarity_is_the_token_sort_ratio_of_the_content_words():
    # "fire started deliberately" (25 characters) is a subsequence of "deliberately
    # fire grain started warehouse" (41) once sorted: 1 - 16 / 66.
    monday = Gist.of("The fire was started deliberately,")
    thursday = Gist.of("the fire at the grain warehouse was started deliberately")
    assert (monday.words, thursday.words) == (
        "fire started deliberately",
        "fire grain warehouse started deliberately",
    )
    assert similarity(monday, thursday) == pytest.approx(50 / 66)


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        ("the company would cut 300 jobs by March", "the company would cut 500 jobs by March"),
        ("the airline cancelled 1,200 flights", "the airline cancelled 1,300 flights"),
        ("the ministry said Senator Hale accepted bribes", "the ministry said Senator Ortiz accepted bribes"),
    ],
)
def test_claims_whose_numbers_or_names_disagree_are_not_alike(claim, other):
    assert similarity(Gist.of(claim), Gist.of(other)) == 0.0


def test_one_number_written_two_ways_is_one_number():
    assert Gist.of("the airline cancelled 1,200 flights") == Gist.of("the airline cancelled 1200 flights")
    assert Gist.of("the airline cancelled 1,200 flights").numbers == {"1200"}


def test_names_agree_when_one_side_names_no_one_or_part_of_the_other():
    # Sorted content words: "bribes hale senator took" (24 characters) against
    # "bribes senator took" (19), 5 to delete: 1 - 5 / 43; "brandt karel port
    # resigned" (26) against "brandt port resigned" (20): 1 - 6 / 46.
    hale, senator = Gist.of("Senator Hale took bribes"), Gist.of("the senator took bribes")
    assert similarity(hale, senator) == pytest.approx(38 / 43)
    karel_brandt, brandt = (
        Gist.of("the port said Karel Brandt resigned"),
        Gist.of("the port said Brandt resigned"),
    )
    assert similarity(karel_brandt, brandt) == pytest.approx(40 / 46)


# ---------------------------------------------------------------- the candidate index


def test_every_claim_has_42_index_keys_and_one_without_content_words_none():
    assert len(band_keys("The fire was started deliberately,")) == 42
    assert band_keys("It was so.") == ()


def test_claims_with_the_same_word_stems_share_every_index_key():
    # Shingles are the first five letters of each content word: fire, start, delib.
    assert band_keys("The fire was started deliberately") == band_keys("the fire, starting deliberately")


def test_a_claim_with_no_key_in_common_is_never_compared(monkeypatch):
    compared = []
    from claimtrack.tracker import store

    original = store.best_group

    def recording(content, date, candidates, settings):
        candidates = list(candidates)
        compared.append([candidate.content for candidate in candidates])
        return original(content, date, candidates, settings)

    monkeypatch.setattr(store, "best_group", recording)
    with Tracker(":memory:") as tracker:
        tracker.add_result(one_claim("the port would reopen next week", "Ana Ruiz", "a"))
        tracker.add_result(one_claim("grain prices rose sharply", "Ana Ruiz", "b"))
        tracker.add_result(one_claim("the port will reopen next week", "Ana Ruiz", "c"))
    assert compared == [[], [], ["the port would reopen next week"]]


# ---------------------------------------------------------------- views


@pytest.fixture
def story_db(tmp_path):
    path = tmp_path / "story.db"
    with Tracker(path) as tracker:
        for article in story.story():
            tracker.add_result(
                article.result, title=article.title, outlet=article.outlet, url=article.url, date=article.date
            )
    return path


def test_status_history_view_is_each_group_timeline(story_db):
    db = sqlite3.connect(story_db)
    rows = db.execute(
        "SELECT claim_group, date, outlet, claim, source, status FROM status_history WHERE claim_group = 'G1'"
    ).fetchall()
    assert rows == [
        ("G1", "2026-03-02", "Harbour Courier", "C1", "a port official", "unconfirmed"),
        ("G1", "2026-03-03", "Daily Ledger", "C1", "Port authority spokesman Karel Brandt", "unconfirmed"),
        ("G1", "2026-03-05", "Velmor Times", "C1", "Velmor police", "confirmed"),
    ]


def test_claims_with_sources_view_has_one_row_per_claim_with_its_source_and_article(story_db):
    db = sqlite3.connect(story_db)
    assert db.execute("SELECT count(*) FROM claims_with_sources").fetchone()[0] == 7
    row = db.execute(
        "SELECT claim_group, outlet, url, claim, content, source, source_type, anonymous, status"
        " FROM claims_with_sources ORDER BY id LIMIT 1"
    ).fetchone()
    assert row == (
        "G1",
        "Harbour Courier",
        "https://example.org/harbour-courier/velmor-warehouse-fire",
        "C1",
        "The fire was started deliberately,",
        "a port official",
        "government",
        1,
        "unconfirmed",
    )


# ---------------------------------------------------------------- migration


def as_version_1(path) -> None:
    """Turn a database back into the version 1 layout (a word index, no band index, no views)."""
    db = sqlite3.connect(path)
    db.executescript(
        """DROP VIEW claims_with_sources;
        DROP VIEW status_history;
        DROP TABLE claim_bands;
        CREATE TABLE claim_words (
            word TEXT NOT NULL,
            claim INTEGER NOT NULL REFERENCES claims(id),
            PRIMARY KEY (word, claim)) WITHOUT ROWID;
        PRAGMA user_version = 1;"""
    )
    db.close()


def test_a_version_1_database_gets_the_index_and_later_articles_still_join_its_groups(tmp_path):
    monday, tuesday, thursday = story.story()
    path = tmp_path / "t.db"
    with Tracker(path) as tracker:
        for article in (monday, tuesday):
            tracker.add_result(article.result, outlet=article.outlet, date=article.date)
    as_version_1(path)
    with Tracker(path) as tracker:
        assert tracker.schema_version == 2
        db = sqlite3.connect(path)
        tables = {
            name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        }
        assert {"claim_bands", "claims_with_sources", "status_history"} <= tables
        assert "claim_words" not in tables
        stored = len(monday.result.claims) + len(tuesday.result.claims)
        assert db.execute("SELECT count(*) FROM claim_bands").fetchone()[0] == stored * 42
        tracker.add_result(thursday.result, outlet=thursday.outlet, date=thursday.date)
        group = tracker.group("G1")
    assert [(a.document.outlet, a.status) for a in group.appearances] == [
        ("Harbour Courier", "unconfirmed"),
        ("Daily Ledger", "unconfirmed"),
        ("Velmor Times", "confirmed"),
    ]
