"""The wheel carries everything claimtrack needs at run time: rules, models, data."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import zipfile

import pytest

from repo_paths import REPO


SOURCES = ("pyproject.toml", "README.md", "claimtrack", "rules")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built by ``pip wheel . --no-deps`` from a copy of the source tree."""
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(out)]
    if importlib.util.find_spec("setuptools") is not None:
        command.append("--no-build-isolation")  # offline and faster; else pip fetches setuptools
    build = subprocess.run(command, cwd=tree, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    (path,) = out.glob("claimtrack-*.whl")
    return path


@pytest.fixture(scope="module")
def names(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.slow
def test_wheel_has_the_rule_files(names):
    shipped = {path.name for path in (REPO / "rules").glob("*.yaml")}
    assert {"cues.yaml", "noise.yaml", "sources.yaml", "hedges.yaml", "confirmation.yaml"} <= shipped
    assert {f"claimtrack/default_rules/{name}" for name in shipped} <= names


@pytest.mark.slow
def test_wheel_has_the_compact_models(names):
    models = {f"claimtrack/models/en_compact/{name}.pt" for name in ("tokenize", "mwt", "pos", "lemma", "depparse")}
    assert models <= names


@pytest.mark.slow
def test_wheel_has_the_package_data_and_every_module(names):
    data = {f"claimtrack/data/{path.name}" for path in (REPO / "claimtrack" / "data").glob("*.yaml")}
    modules = {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "claimtrack").rglob("*.py")
    }
    assert data <= names
    assert modules <= names


@pytest.mark.slow
def test_wheel_declares_the_console_script_and_pytest_plugin(wheel):
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [name for name in archive.namelist() if name.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert text.strip().split("\n\n") == [
        "[console_scripts]\nclaimtrack = claimtrack.cli:main",
        "[pytest11]\nclaimtrack = claimtrack.ruletests.plugin",
    ]
