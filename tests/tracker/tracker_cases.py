"""What the tracker tests share: the story added to a tracker, a group's timeline, the rows per table."""

from __future__ import annotations

import sqlite3

import story_fixtures as story

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
