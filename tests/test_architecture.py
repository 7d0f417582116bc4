"""The layers docs/architecture.md shows are the import-linter contracts, no
module imports itself back through others (lazy imports included), and no
file of claimtrack/ or tests/ is over 500 lines nor a function over 80.

``python tests/test_architecture.py`` prints the sizes check."""

import ast
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAX_FILE_LINES = 500
MAX_FUNCTION_LINES = 80  # from its def line to its last, decorators not counted


def contract_block() -> str:
    """The layers contracts of pyproject.toml, written as the doc shows them."""
    tomllib = pytest.importorskip("tomllib")
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    blocks = []
    for contract in contracts:
        if contract["type"] != "layers":
            continue
        lines = [f"# {contract['name']}"]
        lines += [f"# inside {', '.join(contract['containers'])}"] if contract.get("containers") else []
        lines += contract["layers"]
        lines += [f"# allowed: {ignored}" for ignored in contract.get("ignore_imports", [])]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def test_the_architecture_doc_shows_the_layers_of_the_contracts():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Layers") :]
    shown = re.search(r"```\n(.*?)\n```", section, re.S).group(1)
    assert shown == contract_block()


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other round (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in edges[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_cycles_finds_a_ring_of_three():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_no_module_of_claimtrack_imports_itself_back():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("claimtrack", cache_dir=None, exclude_type_checking_imports=True)  # as the contract
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    assert cycles(edges) == []


def sizes(root: Path, folders: tuple[str, ...]) -> tuple[list[str], list[tuple[int, str]]]:
    """The Python files of ``folders`` under ``root`` over MAX_FILE_LINES lines and
    functions over MAX_FUNCTION_LINES, as one line each; and the largest file
    and function as (lines, where)."""
    over: list[str] = []
    largest = [(0, "no file"), (0, "no function")]
    for path in sorted(path for folder in folders for path in (root / folder).rglob("*.py")):
        name = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        over += [f"{name}: {lines} lines"] if lines > MAX_FILE_LINES else []
        largest[0] = max(largest[0], (lines, name))
        for node in ast.walk(ast.parse(text, name)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                over += [f"{name}:{node.lineno}: {node.name} has {size} lines"] if size > MAX_FUNCTION_LINES else []
                largest[1] = max(largest[1], (size, f"{name}:{node.lineno}: {node.name}"))
    return over, largest


def test_sizes_finds_a_long_file_and_a_long_function(tmp_path):
    (tmp_path / "pkg").mkdir()
    body = "\n".join(f"    x = {i}" for i in range(80))
    (tmp_path / "pkg" / "a.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}\n", encoding="utf-8")
    (tmp_path / "pkg" / "b.py").write_text("x = 1\n" * 501, encoding="utf-8")
    assert sizes(tmp_path, ("pkg",)) == (
        ["pkg/a.py:5: long has 81 lines", "pkg/b.py: 501 lines"],
        [(501, "pkg/b.py"), (81, "pkg/a.py:5: long")],
    )


def test_no_file_of_claimtrack_or_tests_is_over_500_lines_nor_a_function_over_80():
    assert sizes(REPO, ("claimtrack", "tests"))[0] == []


if __name__ == "__main__":
    found, (file, function) = sizes(REPO, ("claimtrack", "tests"))
    print("\n".join(found) or f"no file over {MAX_FILE_LINES} lines, no function over {MAX_FUNCTION_LINES}")
    print(f"largest file: {file[1]} ({file[0]} lines); longest function: {function[1]} ({function[0]} lines)")
    sys.exit(1 if found else 0)
