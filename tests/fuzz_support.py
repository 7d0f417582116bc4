"""What the fuzzing tests share (tests/test_fuzz.py, tests/corpus/test_fuzz_corpus.py):
the Hypothesis profiles, the alarm that stops a hang, and the counts a long
run writes to ``CLAIMTRACK_FUZZ_STATS``. The environment variables are
described in tests/test_fuzz.py."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import traceback
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

import claimtrack
from claimtrack.errors import ClaimtrackError, RulesError

FUZZ_EXAMPLES = int(os.environ.get("CLAIMTRACK_FUZZ") or 0)
STATS_FILE = os.environ.get("CLAIMTRACK_FUZZ_STATS")
KEEP_GOING = bool(os.environ.get("CLAIMTRACK_FUZZ_KEEP_GOING"))  # record failures in the stats, go on
EXAMPLE_SECONDS = 60  # the alarm: far above the deadline, so only a hang trips it
OWN_ERRORS = (ClaimtrackError, RulesError)
PACKAGE = str(Path(claimtrack.__file__).parent)

_COMMON = dict(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
settings.register_profile(
    "claimtrack-ci", max_examples=30, derandomize=True, database=None, deadline=timedelta(seconds=10), **_COMMON
)
# A long run records the slowest example instead of stopping at a deadline
# (on a busy machine a stall is no bug); the alarm still stops a hang.
settings.register_profile(
    "claimtrack-fuzz",
    max_examples=max(FUZZ_EXAMPLES, 1),
    database=DirectoryBasedExampleDatabase(Path(__file__).parent / "artifacts" / "hypothesis"),
    deadline=None if KEEP_GOING else timedelta(seconds=30),
    **_COMMON,
)
FUZZ = settings.get_profile("claimtrack-fuzz" if FUZZ_EXAMPLES else "claimtrack-ci")

TALLY: Counter[str] = Counter()
FAILURES: dict[str, dict[str, object]] = {}  # signature -> count and the shortest input (KEEP_GOING)
SLOWEST: dict[str, object] = {"seconds": 0.0, "input": ""}  # the slowest CoNLL-U document


class InvalidSpan(AssertionError):
    """A span in a result whose text is not the document's text at its offsets."""

    def __init__(self, value, text: str):
        self.kind = type(value).__name__
        super().__init__(f"{value!r}: the text there is {text[value.start : value.end]!r}")


class Hang(BaseException):
    """An example ran past the alarm: a loop that does not end. (Not an
    Exception, so that no ``except Exception`` in the code under test hides it.)"""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise :class:`Hang` in the code under test after ``seconds``; where
    there is no SIGALRM (Windows, a worker thread) only the deadline holds."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum, frame):
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def count(name: str) -> None:
    TALLY[name] += 1
    if STATS_FILE and TALLY[name] % 500 == 0:
        write_stats()


def write_stats() -> None:
    stats = {"counts": dict(sorted(TALLY.items())), "slowest": SLOWEST, "failures": FAILURES}
    Path(STATS_FILE).write_text(json.dumps(stats, indent=1, ensure_ascii=True) + "\n", encoding="utf-8")


def record_failure(data: str, error: BaseException) -> None:
    """Count a failure under its kind and place; keep the shortest input."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if frame.filename.startswith(PACKAGE)] or frames
    where = f"{Path(own[-1].filename).name}:{own[-1].lineno}" if own else "?"
    kind = f"invalid {error.kind} span" if isinstance(error, InvalidSpan) else type(error).__name__
    entry = FAILURES.setdefault(f"{kind} at {where}", {"count": 0, "input": data, "message": str(error)[:300]})
    entry["count"] += 1
    if len(data) < len(entry["input"]):
        entry["input"], entry["message"] = data, str(error)[:300]
    count("failures")


@pytest.fixture(scope="module", autouse=True)
def _stats_at_the_end():
    """Write the counts when a fuzzing module ends (autouse where a test module imports it)."""
    yield
    if STATS_FILE:
        write_stats()
