"""Where the tests find the repository and their data, wherever a test file
lies under tests/ (tests/ is on ``sys.path``: pyproject.toml's pytest
``pythonpath``)."""

from pathlib import Path


TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SEED = REPO / "seeds" / "baghdad_drone_strike.txt"
TEST_DATA = TESTS / "data"
