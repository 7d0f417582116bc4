"""No code from data: claimtrack never unpickles, unmarshals or evaluates.

A scan of the package's own source, so a new import of pickle (or a call of
eval) anywhere fails the suite (docs/security.md, "No pickle").
"""

from __future__ import annotations

import ast
from pathlib import Path

import claimtrack

PACKAGE = Path(claimtrack.__file__).parent
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}
FORBIDDEN_CALLS = {"eval", "exec"}


def offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [f"{path.name}:{node.lineno} import {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
            found.append(f"{path.name}:{node.lineno} from {node.module} import")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            found.append(f"{path.name}:{node.lineno} {node.func.id}()")
    return found


def test_the_package_neither_unpickles_nor_evaluates():
    assert [o for path in sorted(PACKAGE.rglob("*.py")) for o in offences(path)] == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "bad.py"
    sample.write_text("import pickle\nfrom marshal import loads\nx = eval('1')\n", encoding="utf-8")
    assert offences(sample) == ["bad.py:1 import pickle", "bad.py:2 from marshal import", "bad.py:3 eval()"]
