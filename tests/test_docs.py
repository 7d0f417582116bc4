"""The docs' code blocks are run by the suite (issue 23, point 5): Sybil
collects README.md and every docs/*.md (conftest.py at the repository root),
so a doc that is added, merged or renamed is run without a change here."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import types

import pytest
from repo_paths import REPO

RUN = re.compile(r"^```(bash|sh|python|console|ini)\s*$", re.MULTILINE)
SKIP = re.compile(r"^<!-- skip: next \"[^\"]+\" -->$", re.MULTILINE)  # a collected item of its own


def docs_runner():
    spec = importlib.util.spec_from_file_location("docs_runner", REPO / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
def test_every_doc_with_a_runnable_block_is_collected():
    expected = {
        f"{path.relative_to(REPO).as_posix()}::line:{text[: match.start()].count(chr(10)) + 1}"
        for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
        for text in [path.read_text(encoding="utf-8")]
        for match in [*RUN.finditer(text), *SKIP.finditer(text)]
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "README.md", "docs"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    collected = {line.split(",column")[0] for line in done.stdout.splitlines() if "::line:" in line}
    assert collected == expected
    assert len(collected) >= 30


def example(text: str, sandbox) -> types.SimpleNamespace:
    return types.SimpleNamespace(parsed=text, namespace={"docs_sandbox": sandbox})


def test_an_ini_value_with_an_inline_comment_fails(tmp_path):
    runner = docs_runner()
    assert runner.check_ini(example("claimtrack_rules = my_rules   # relative\n", tmp_path)) == (
        "claimtrack_rules: the value 'my_rules   # relative' keeps its inline comment (pytest has no inline comments)"
    )
    assert runner.check_ini(example("[pytest]\n# relative\nclaimtrack_rules = my_rules\n", tmp_path)) is None


def test_a_transcript_must_show_what_the_command_prints(tmp_path):
    runner = docs_runner()
    assert runner.run_transcript(example("$ printf 'a\\nb\\nc\\n'\na\n...\nc\n", tmp_path)) is None
    assert runner.run_transcript(example("$ printf 'a\\nb\\n'\nb\na\n", tmp_path)).startswith(
        "$ printf 'a\\nb\\n': the output has no line 'a' (in order)"
    )


def test_a_shell_block_that_fails_reports_its_status(tmp_path):
    runner = docs_runner()
    assert runner.run_shell(example("echo out; false; echo never", tmp_path)) == "exit status 1\nout\n"
    assert runner.run_shell(example("true", tmp_path)) is None


@pytest.mark.parametrize("doc", ["README.md", "docs/rules.md", "docs/scale.md", "docs/exports.md"])
def test_the_blocks_the_issue_listed_as_broken_are_runnable_docs(doc):
    assert RUN.search((REPO / doc).read_text(encoding="utf-8")) is not None


SETUP = [
    "python3 -m venv .venv && . .venv/bin/activate && pip install torch==2.13.0 && pip install -e . && claimtrack extract seeds/baghdad_drone_strike.txt",
    "python3 -m venv .venv && . .venv/bin/activate && pip install torch==2.13.0 && pip install -e '.[test]' && python -m pytest -q",
]


def test_the_two_set_up_commands_are_unchanged_and_the_cpu_route_pins_the_same_torch():
    """Point 2: the install truth and the CPU-only route, the two commands verbatim."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.DOTALL)
    assert blocks[:3] == [
        *SETUP,
        "python3 -m venv .venv && . .venv/bin/activate && pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu",
    ]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.findall(r'pip install --quiet "(torch==[\d.]+)"', ci) == ["torch==2.13.0"]
    assert "it is the CUDA build, which pulls about\n19 `nvidia-*`" in readme


def test_every_figure_command_names_a_script_module_or_subcommand_that_exists():
    """Point 9: each figure (README and docs/measurements.md) says its data and the one command that reproduces it."""
    import importlib.util as util

    from claimtrack.cli import build_parser

    readme = (REPO / "docs" / "measurements.md").read_text(encoding="utf-8")
    section = readme.split("## Reproducing the figures", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [row[0].lstrip("| ") for row in rows] == [
        "model scores (UD test sets)", "GUM accuracy", "PolNeAR accuracy", "parse speed", "rules speed",
        "corpus speed", "memory limits",
    ]
    subcommands = set(build_parser()._subparsers._group_actions[0].choices)
    for row in rows:
        command = re.search(r"`([^`]*(?:python|claimtrack)[^`]*)`", row[2]).group(1)
        words = command.split("; ")[-1].split()
        words = words[words.index("claimtrack"):] if "claimtrack" in words and "python" not in words else words
        if words[:2] == ["python", "-m"]:
            assert util.find_spec(words[2]) is not None, command
        elif words[0] == "python":
            assert (REPO / words[1]).is_file(), command
        else:
            assert words[0] == "claimtrack" and words[1] in subcommands, command
