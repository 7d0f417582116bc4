"""Python data access (issue 23, point 7) and pipe(n_process>1) without a
``__main__`` guard (point 10)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest
from repo_paths import REPO

import claimtrack
from claimtrack.corpus.parquet import COLUMNS
from claimtrack.corpus.workers import BROKEN

QUOTE = '"The bridge is closed," the mayor said.'


@pytest.fixture(scope="module")
def result(compact_parser):
    return claimtrack.extract(QUOTE, parser=compact_parser, doc_id="bridge")


def test_to_records_gives_one_flat_row_per_claim_with_the_parquet_columns(result):
    (row,) = claimtrack.to_records([result])
    assert list(row) == [name for name, _kind in COLUMNS]
    assert {key: row[key] for key in ("document_id", "claim_id", "kind", "content", "cue", "source", "source_type", "status", "rules")} == {
        "document_id": "bridge",
        "claim_id": "C1",
        "kind": "direct",
        "content": "The bridge is closed",
        "cue": "said",
        "source": "the mayor",
        "source_type": "government",
        "status": "unconfirmed",
        "rules": ["cue.verb.say", "pattern.quote_then_verb"],
    }
    assert claimtrack.to_records(result) == claimtrack.to_records([result.to_dict()])


def test_to_pandas_has_the_parquet_columns(result):
    pytest.importorskip("pandas")
    frame = claimtrack.to_pandas([result, result])
    assert (list(frame.columns), frame.shape, list(frame["cue"])) == ([name for name, _ in COLUMNS], (2, len(COLUMNS)), ["said", "said"])
    assert claimtrack.to_pandas([]).shape == (0, len(COLUMNS))


def test_repr_of_a_result_is_short(result):
    assert repr(result) == "Result(id='bridge', claims=1, sources=1, text='\"The bridge is closed,\" the mayor said.')"


def test_parquet_extra_holds_pyarrow_without_dask():
    extras = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["parquet"] == ["pyarrow>=14"]


UNGUARDED = """\
import claimtrack
texts = ['"The bridge is closed," the mayor said.', 'Nothing here.']
print([len(r.claims) for r in claimtrack.pipe(texts, n_process=2)])
"""


def _python(*args, stdin=None):
    return subprocess.run(
        [sys.executable, *args], input=stdin, capture_output=True, text=True, cwd=REPO,
        env=dict(os.environ), timeout=600,
    )


@pytest.mark.slow
def test_pipe_with_processes_works_from_an_unguarded_script_and_from_stdin(tmp_path, result):
    script = tmp_path / "unguarded.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    from_file, from_stdin = _python(str(script)), _python("-", stdin=UNGUARDED)
    assert (from_file.returncode, from_file.stdout) == (0, "[1, 0]\n"), from_file.stderr[-1500:]
    assert (from_stdin.returncode, from_stdin.stdout) == (0, "[1, 0]\n"), from_stdin.stderr[-1500:]


@pytest.mark.slow
def test_pipe_with_spawned_processes_from_an_unguarded_script_says_what_to_do(tmp_path):
    script = tmp_path / "unguarded_torch.py"
    script.write_text("import torch\n" + UNGUARDED, encoding="utf-8")
    done = _python(str(script))
    last = done.stderr.strip().splitlines()[-1]
    assert done.returncode == 1
    assert last == "claimtrack.errors.ClaimtrackError: " + BROKEN


PARQUET_WITHOUT_DASK = """\
import sys
sys.modules["dask"] = None  # as if Dask were not installed: importing it fails
import pyarrow.parquet as pq
from claimtrack.corpus.parquet import write_part, claim_rows
import claimtrack.model as m
text = "The mayor said the bridge was safe."
result = m.Result(text=text, document=m.DocumentInfo.for_text(text, "d"),
                  claims=[m.Claim("C1", "indirect", m.Content("the bridge was safe", 15, 34))])
path = write_part(claim_rows(result.to_dict()), sys.argv[1], 0)
print(pq.read_table(path).column("content").to_pylist())
"""


def test_parquet_is_written_without_dask(tmp_path):
    done = _python("-c", PARQUET_WITHOUT_DASK, str(tmp_path))
    assert (done.returncode, done.stdout) == (0, "['the bridge was safe']\n"), done.stderr[-1500:]
