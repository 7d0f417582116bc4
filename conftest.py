"""Executable docs: every shell, console and Python block of README.md and
docs/*.md runs in the test suite, through Sybil (testpaths in pyproject.toml
name README.md and docs; new or renamed docs are picked up by the pattern).

- ```python blocks run in order in one namespace per file, in a sandbox
  folder holding the files the docs name (articles/, corpus.jsonl, doc.txt,
  my_rules/, mayor.txt, ...) and the variables they assume (text, texts, data).
- ```bash / ```sh blocks run with bash -e in that sandbox.
- ```console blocks are transcripts: each ``$ command`` runs there, and each
  line shown after it must appear in its output, in order (``...`` skips).
- ```ini blocks are read with iniconfig (pytest's own ini reader); a value
  with a trailing ``# comment`` fails, since pytest keeps it in the value.

A block that needs what CI lacks (large data, a cluster, the network, several
minutes) is preceded by ``<!-- skip: next "why" -->`` and reported as skipped
with that reason.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types
from pathlib import Path

from sybil import Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, SkipParser

REPO = Path(__file__).resolve().parent
SANDBOX_KEY = "docs_sandbox"

MAYOR = "The mayor, Jonas Petit, said the bridge was safe.\n"
FORMULAS = (
    "=SUM(A1:A9) is the answer, the minister said.\n"
    "The minister said: \"+cmd|' /C calc'!A0\".\n"
)


@functools.cache
def docs_sandbox() -> Path:
    """A folder with every file the docs' examples name, made once per run
    (removed at exit); the blocks of all docs share it, in collection order."""
    import claimtrack

    root = Path(tempfile.mkdtemp(prefix="claimtrack-docs-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "examples", root / "examples")
    shutil.copytree(REPO / "examples" / "tuning" / "my_rules", root / "my_rules")
    shutil.copytree(REPO / "examples" / "story", root / "articles")
    shutil.copy(REPO / "seeds" / "baghdad_drone_strike.txt", root / "doc.txt")
    shutil.copy(REPO / "tests" / "data" / "gum" / "GUM_news_worship.conllu", root / "doc.conllu")
    shutil.copy(REPO / "tests" / "data" / "gum" / "GUM_news_worship.conllu", root / "GUM_news_worship.conllu")
    (root / "mayor.txt").write_text(MAYOR, encoding="utf-8")
    (root / "f.txt").write_text(FORMULAS, encoding="utf-8")
    stories = sorted((root / "articles").glob("*.txt"))
    with (root / "corpus.jsonl").open("w", encoding="utf-8") as corpus:
        for path in stories:
            corpus.write(json.dumps({"id": path.stem, "text": claimtrack.read_text(path), "outlet": "Courier"}) + "\n")
    shutil.copy(root / "corpus.jsonl", root / "corpus-1.jsonl")
    with (root / "claims.jsonl").open("w", encoding="utf-8") as claims:
        for path in stories:
            claims.write(json.dumps(claimtrack.extract_file(path).to_dict()) + "\n")
    return root


def _setup(namespace: dict) -> None:
    """The variables the docs' Python blocks take as given."""
    import claimtrack

    sandbox = namespace[SANDBOX_KEY] = docs_sandbox()
    text = (sandbox / "doc.txt").read_text(encoding="utf-8")
    namespace.update(
        text=text,
        texts=['"The bridge is closed," the mayor said.', MAYOR],
        data=claimtrack.extract(text).to_dict(),
        results=[claimtrack.extract(MAYOR, doc_id="mayor")],
        articles=[types.SimpleNamespace(text=MAYOR, meta={"outlet": "Courier"})],
    )
    namespace["result"] = namespace["results"][0]


def _in_sandbox(evaluate):
    def evaluator(example):
        previous = os.getcwd()
        os.chdir(example.namespace[SANDBOX_KEY])
        try:
            return evaluate(example)
        finally:
            os.chdir(previous)
    return evaluator


def _environment() -> dict[str, str]:
    """The sandbox's shell: this interpreter's bin folder first on PATH."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", command], cwd=cwd, env=_environment(),
        capture_output=True, text=True, timeout=600,
    )


def run_shell(example) -> str | None:
    done = _run(example.parsed, example.namespace[SANDBOX_KEY])
    if done.returncode != 0:
        return f"exit status {done.returncode}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
    return None


_PROMPT = re.compile(r"^\$ (.*?)(?:\s{2,}\(.*\))?$")


def run_transcript(example) -> str | None:
    """Each ``$ command`` (a trailing ``  (note)`` is prose) runs; the lines
    after it must come out in that order, compared without surrounding space."""
    steps: list[tuple[str, list[str]]] = []
    for line in example.parsed.splitlines():
        prompt = _PROMPT.match(line)
        if prompt:
            steps.append((prompt.group(1), []))
        elif steps and line.strip() and line.strip() != "...":
            steps[-1][1].append(line.strip())
    for command, expected in steps:
        done = _run(command, example.namespace[SANDBOX_KEY])
        if done.returncode != 0:
            return f"$ {command}: exit status {done.returncode}\n{done.stderr[-2000:]}"
        got = [line.strip() for line in done.stdout.splitlines()]
        position = 0
        for line in expected:
            try:
                position = got.index(line, position) + 1
            except ValueError:
                return f"$ {command}: the output has no line {line!r} (in order)\n--- output:\n{done.stdout[:3000]}"
    return None


def check_ini(example) -> str | None:
    from iniconfig import IniConfig

    section = example.parsed if example.parsed.lstrip().startswith("[") else "[pytest]\n" + example.parsed
    try:
        config = IniConfig("docs.ini", data=section)
    except Exception as error:  # iniconfig's ParseError
        return f"not valid ini: {error}"
    for name in config.sections:
        for key, value in config[name].items():
            if re.search(r"\s#", value):
                return f"{key}: the value {value!r} keeps its inline comment (pytest has no inline comments)"
    return None


pytest_collect_file = Sybil(
    parsers=[
        SkipParser(),
        CodeBlockParser(language="python", evaluator=_in_sandbox(PythonEvaluator())),
        CodeBlockParser(language="bash", evaluator=run_shell),
        CodeBlockParser(language="sh", evaluator=run_shell),
        CodeBlockParser(language="console", evaluator=run_transcript),
        CodeBlockParser(language="ini", evaluator=check_ini),
    ],
    patterns=["README.md", "docs/*.md"],
    setup=_setup,
).pytest()


def pytest_collection_modifyitems(config, items):
    """The docs' blocks run shells and whole extractions: they are slow tests
    (CI runs them; the quick loop, ``-m "not slow"``, does not)."""
    import pytest

    for item in items:
        if item.path.suffix == ".md":
            item.add_marker(pytest.mark.slow)
