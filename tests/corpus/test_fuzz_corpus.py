"""Fuzzing a whole corpus run: untrusted front matter and JSONL metadata
(issue 22). Shares the Hypothesis profiles, the alarm and the counts with
tests/test_fuzz.py (see its docstring for the environment variables).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from fuzz_support import (
    EXAMPLE_SECONDS,
    FUZZ,
    KEEP_GOING,
    TALLY,
    _stats_at_the_end,  # noqa: F401 (autouse: writes the counts)
    count,
    record_failure,
    time_limit,
)

import claimtrack
from claimtrack.errors import InputError

# ---------------------------------------------------------------------------
# Untrusted front matter and JSONL metadata through a whole corpus run (issue 22)
#
# Every document of a random corpus (files with hostile front matter and odd
# names, and a JSONL file with hostile ids, metadata and lines) is either
# written to the output or listed in --errors, exactly once; the command
# returns its documented status and never a traceback or a hang. The bodies
# are a few fixed sentences, so after the first example every parse is a
# cache hit and the run measures the reading, the boundaries and the writers.

BODIES = ("Police said two people died.", "The minister said the bridge was safe.", "Nothing happened here.")
# Half the bodies are blank (a result with no parse and no rules): the run is about reading and writing
bodies = st.sampled_from((" ", " ", " ", *BODIES))
HOSTILE_VALUES = (
    "2024-13-45", "2024-02-30", "2024-01-01 25:00:00", "1" + "0" * 5000, "-0x1F", "0o777", ".inf", "~", "null",
    "true", "[a, [b, [c]]]", "{a: 1, b: [2, 3]}", "'unterminated", '"\\ud800x"', '"\\x1b]0;pwned\\x07"', "!!binary AAAA",
    "!!python/object:os.system x", "!!timestamp 2024-99-99", "*undefined", "&anchor x", "<<: {a: 1}", "|\n  block\n  text",
    "=cmd|' /C calc'!A0", "javascript:alert(1)", "\t\ttabbed", "x: y: z", "[" * 60 + "]" * 60, "[" * 5000 + "]" * 5000,
)
yaml_values = st.sampled_from(HOSTILE_VALUES) | st.text(max_size=40).filter(lambda text: "\n" not in text and "\r" not in text)
yaml_keys = st.sampled_from(("title", "outlet", "url", "date", "author", "tags", "1", "? x", "- y", "")) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r:"), max_size=8
)


@st.composite
def alias_bombs(draw) -> str:
    width, depth = draw(st.integers(1, 12)), draw(st.integers(1, 10))
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, depth)]
    return "\n".join(lines)


front_matter = st.one_of(
    st.lists(st.tuples(yaml_keys, yaml_values).map(lambda pair: f"{pair[0]}: {pair[1]}"), max_size=6).map("\n".join),
    alias_bombs(),
    st.text(max_size=200),
)
FILE_NAMES = ("a", "b c", "=cmd", "-2+3", "é字", "\x1b[2Jx", "x" * 200, "caf\udce9", ".hidden", "sub/deep")
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.sampled_from(("\ud800", "x\udfff", "\x00", "\x1b]0;t\x07", "=1+2", "javascript:x")),
)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@st.composite
def jsonl_lines(draw) -> str:
    kind = draw(st.sampled_from(("record", "record", "record", "odd id", "odd text", "not json", "deep", "not object")))
    item: dict = {"id": draw(st.text(max_size=20) | st.sampled_from(("\ud800", "x" * 300, ""))), "text": draw(bodies)}
    if kind == "odd id":
        item["id"] = draw(json_values)
    if kind == "odd text":
        item["text"] = draw(json_values.filter(lambda value: not isinstance(value, str)) | st.sampled_from(("   ", "", BODIES[0].replace("two", "\ud83d"))))
    item.update(draw(st.dictionaries(st.text(max_size=10).filter(lambda key: key not in ("id", "text")), json_values, max_size=4)))
    if kind == "not json":
        return draw(st.sampled_from(('{"id": ', "[1, 2", "{'a': 1}", '{"text": "x"} trailing', "\x00\x01", "NaN NaN")))
    if kind == "deep":
        depth = draw(st.sampled_from((100, 999, 5000, 100_000)))
        return '{"id": "deep", "text": "x", "m": ' + "[" * depth + "]" * depth + "}"
    if kind == "not object":
        return json.dumps(draw(json_values))
    return json.dumps(item)


@st.composite
def corpora(draw) -> tuple[list[tuple[str, str]], list[str]]:
    files = draw(st.lists(st.tuples(st.sampled_from(FILE_NAMES), front_matter, bodies), min_size=2, max_size=10, unique_by=lambda f: f[0]))
    lines = draw(st.lists(jsonl_lines(), min_size=8, max_size=24))
    return [(name, f"---\n{header}\n---\n{body}\n") for name, header, body in files], lines


def run_corpus(tmp: Path, files: list[tuple[str, str]], lines: list[str]) -> None:
    from claimtrack.cli import main

    folder = tmp / "corpus"
    for name, text in files:
        path = os.path.join(os.fsencode(folder), os.fsencode(name + ".txt"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(text.encode("utf-8", "surrogatepass"))
    corpus = tmp / "corpus.jsonl"
    corpus.write_bytes("".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass"))
    visible = sum(1 for name, _ in files if not name.startswith("."))
    expected = visible + (1 if files and not visible else 0) + sum(1 for line in lines if line.strip())  # a folder of hidden files: one line
    out, errors, stderr = tmp / "out.jsonl", tmp / "errors.jsonl", io.StringIO()
    paths = [str(folder)] if files else []
    with time_limit(EXAMPLE_SECONDS), contextlib.redirect_stderr(stderr):
        status = main(["extract", *paths, str(corpus), "-o", str(out), "--errors", str(errors)])
    # JSON Lines are split at "\n" only: a U+0085 or U+2028 inside a string is part of its line
    written = out.read_text(encoding="utf-8").split("\n")[:-1] if out.exists() else []
    failed = errors.read_text(encoding="utf-8").split("\n")[:-1] if errors.exists() else []
    for line in written:
        json.loads(line)["document"]["id"].encode("utf-8")
    assert "Traceback" not in stderr.getvalue()
    assert (len(written) + len(failed), status) == (expected, 0 if not failed else 1 if written else 2)
    TALLY["corpus documents"] += expected
    TALLY["corpus extracted"] += len(written)
    TALLY["corpus failed"] += len(failed)
    count("corpus runs")


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
@pytest.mark.usefixtures("warm_bodies")
@FUZZ
@given(corpus=corpora())
def test_a_corpus_of_hostile_front_matter_and_metadata_loses_no_document_and_raises_nothing(corpus):
    import tempfile

    files, lines = corpus
    with tempfile.TemporaryDirectory(prefix="claimtrack-fuzz-") as tmp:
        try:
            run_corpus(Path(tmp), files, lines)
        except (AssertionError, Exception) as error:
            if not KEEP_GOING:
                raise
            record_failure(repr(corpus)[:2000], error)


@pytest.fixture(scope="module")
def warm_bodies():
    """The bodies parsed once (cached), outside the alarm."""
    for body in BODIES:
        claimtrack.extract(body)


@FUZZ
@given(header=front_matter)
def test_any_front_matter_gives_metadata_or_one_line(header):
    from claimtrack.parsing.articles import split_front_matter

    count("front matter")
    with time_limit(EXAMPLE_SECONDS):
        try:
            body, meta = split_front_matter(f"---\n{header}\n---\nBody.\n", "fm.txt")
        except InputError as error:
            assert str(error).startswith("fm.txt") and "\n" not in str(error)
            return
    assert body == "Body.\n" and all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items())
