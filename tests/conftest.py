"""Shared fixtures: a compact-model parser and a parse cache private to the tests.

``CLAIMTRACK_CACHE_DIR`` points at the tests' own parse cache for the whole
session (CLI subprocesses inherit it), so tests never read or write the
user's cache. It is ``.pytest_cache/claimtrack-parses`` in this checkout
(git-ignored), kept between runs so that the quick loop (``python -m pytest
-q -m "not slow"``) parses nothing twice; a fresh clone (CI) starts it cold.
``CLAIMTRACK_TEST_CACHE_DIR`` names another folder; ``CLAIMTRACK_TEST_CACHE_DIR=cold``
uses a temporary one, removed at the end.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from repo_paths import REPO, SEED

_SESSION_CACHE: dict[str, str] = {}


def pytest_configure(config: pytest.Config) -> None:
    kept = os.environ.get("CLAIMTRACK_TEST_CACHE_DIR") or str(REPO / ".pytest_cache" / "claimtrack-parses")
    if kept == "cold":
        kept = ""
    folder = kept or tempfile.mkdtemp(prefix="claimtrack-test-cache-")
    _SESSION_CACHE["folder"] = folder
    _SESSION_CACHE["owned"] = "" if kept else "yes"
    _SESSION_CACHE["previous"] = os.environ.get("CLAIMTRACK_CACHE_DIR", "")
    os.environ["CLAIMTRACK_CACHE_DIR"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    if not _SESSION_CACHE:
        return
    if _SESSION_CACHE["previous"]:
        os.environ["CLAIMTRACK_CACHE_DIR"] = _SESSION_CACHE["previous"]
    else:
        os.environ.pop("CLAIMTRACK_CACHE_DIR", None)
    if _SESSION_CACHE["owned"]:
        shutil.rmtree(_SESSION_CACHE["folder"], ignore_errors=True)


@pytest.fixture(scope="session")
def session_cache_dir() -> Path:
    """The parse cache folder every test in this run shares."""
    return Path(_SESSION_CACHE["folder"])


@pytest.fixture(scope="session")
def compact_parser():
    """The process-wide Parser for the shipped compact models (loads once per run)."""
    from claimtrack.parsing.parser import get_parser

    return get_parser("compact")


@pytest.fixture(scope="session")
def parse_text(compact_parser) -> Callable:
    """``parse_text(text)``: the compact parse of ``text``, parsed once per session."""
    parsed: dict[str, object] = {}

    def parse(text: str):
        if text not in parsed:
            parsed[text] = compact_parser.parse(text)
        return parsed[text]

    return parse


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
