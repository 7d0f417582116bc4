"""What the tests of the second reliability audit share (tests/test_reliability_2.py,
tests/corpus/test_reliability_2_runs.py): two one-claim texts, a command line
run in-process, a JSON Lines file read back."""

from __future__ import annotations

import json
from pathlib import Path

from claimtrack.cli import main

GOOD = "The minister said the bridge was safe."
OTHER = "Police said two people died."


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
