"""The story articles every export test reads (tests/story_fixtures.py)."""

import pytest
import story_fixtures as story


@pytest.fixture(scope="module")
def articles():
    return story.story()
