"""The layers docs/architecture.md shows are the import-linter contracts, and
no module imports itself back through others (lazy imports included)."""

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")
grimp = pytest.importorskip("grimp")

REPO = Path(__file__).resolve().parents[1]


def contract_block() -> str:
    """The layers contracts of pyproject.toml, written as the doc shows them."""
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
    graph = grimp.build_graph("claimtrack", cache_dir=None, exclude_type_checking_imports=True)  # as the contract
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    assert cycles(edges) == []
