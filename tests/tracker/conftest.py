"""A tracker holding the three story articles (tests/story_fixtures.py)."""

from __future__ import annotations

import pytest

from claimtrack.tracker.store import Tracker

from tracker_cases import add_story


@pytest.fixture
def tracked(tmp_path):
    with Tracker(tmp_path / "story.db") as tracker:
        add_story(tracker)
        yield tracker
