"""The second reliability audit (../shared/audit/reliability-2.md, issue 22),
its corpus runs: an output that names an input, resume, workers that die or
whose parent dies, Parquet parts, Ctrl-C. One regression test per defect,
input and exact expected outcome side by side; the other defects are in
tests/test_reliability_2.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest

from claimtrack.corpus.output import finished
from claimtrack.corpus.work import Settings
from claimtrack.corpus.workers import WORKER_DIED, run_batches
from claimtrack.errors import InputError
from reliability_support import GOOD, OTHER, lines_of, run_cli
from repo_paths import TESTS


# ---------------------------------------------------------------- D16, D19, resume


def test_d16_an_output_naming_an_input_file_is_refused_and_the_input_kept(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    before = corpus.read_bytes()
    code, _, err = run_cli(capsys, "extract", corpus, "-o", corpus)
    assert (code, err, corpus.read_bytes()) == (
        2, f"claimtrack: {corpus}: -o names an input file; it would be overwritten before it is read\n", before,
    )


def test_d16_resume_refuses_a_foreign_file_before_cutting_anything(tmp_path):
    foreign = tmp_path / "corpus.jsonl"
    foreign.write_bytes(b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}')  # no final newline
    with pytest.raises(InputError) as caught:
        finished(foreign)
    assert (str(caught.value), foreign.read_bytes()) == (
        f"{foreign}:1: not a claimtrack JSONL line; cannot resume from this file",
        b'{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}',
    )


def test_d19_resume_reads_the_output_a_line_at_a_time(tmp_path):
    output = tmp_path / "out.jsonl"
    line = json.dumps({"document": {"id": "x", "sha256": "0" * 64}, "claims": [{"content": {"text": "y" * 3000}}]})
    with output.open("w") as handle:
        for i in range(5000):
            handle.write(line.replace('"x"', f'"d{i}"', 1) + "\n")
        handle.write('{"document": {"id": "cut')  # an interrupted last line
    tracemalloc.start()
    done = finished(output)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (len(done), ("d4999", "0" * 64) in done, output.read_bytes().endswith(b"}]}\n")) == (5000, True, True)
    assert peak < 4_000_000  # the file is 15 MB


def test_resume_after_an_input_changed_reports_it_instead_of_writing_it_twice(tmp_path, capsys):
    corpus, out = tmp_path / "c.jsonl", tmp_path / "out.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    assert run_cli(capsys, "extract", corpus, "-o", out)[0] == 0
    corpus.write_text(json.dumps({"id": "a", "text": OTHER}) + "\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "extract", corpus, "-o", out, "--resume")
    assert (code, len(out.read_text().splitlines())) == (2, 1)
    assert err.splitlines()[0] == (
        f"claimtrack: {corpus}:1: changed since it was extracted into the output (another sha256 for id 'a'); "
        "not written twice: remove its line from the output to extract it again"
    )


def test_l10_the_errors_file_is_rewritten_on_resume(tmp_path, capsys):
    corpus, out, errors = tmp_path / "c.jsonl", tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    corpus.write_text('{"id": "a", "text": 5}\n', encoding="utf-8")
    run_cli(capsys, "extract", corpus, "-o", out, "--errors", errors)
    run_cli(capsys, "extract", corpus, "-o", out, "--errors", errors, "--resume")
    assert lines_of(errors) == [{"path": f"{corpus}:1", "id": "a", "error": f'{corpus}:1: no "text" string in the object'}]


# ---------------------------------------------------------------- D9, D8: workers


def test_d9_a_dead_workers_documents_are_retried_once_then_failed(tmp_path):
    from claimtrack.corpus.records import Record

    from reliability_tasks import echo_or_die

    texts = ["a", "b", "die", "c", "d", "e"]
    groups = [[Record(name=f"n{i}", doc_id=f"d{i}", text=t) for i, t in enumerate(texts[k : k + 2], k)] for k in (0, 2, 4)]
    outcomes = [o for batch in run_batches(groups, Settings(), jobs=2, task=echo_or_die) for o in batch]
    assert [(o.record.doc_id, o.error) for o in outcomes] == [
        ("d0", None), ("d1", None), ("d2", f"n2: {WORKER_DIED}"), ("d3", None), ("d4", None), ("d5", None),
    ]


WATCHED = textwrap.dedent(
    """
    import os, sys, time
    from claimtrack.corpus.workers import _Pool
    pool = _Pool(2)
    futures = [pool.executor.submit(time.sleep, 120) for _ in range(2)]
    time.sleep(1)
    print(" ".join(str(pid) for pid in pool.executor._processes), flush=True)
    time.sleep(120)
    """
)


@pytest.mark.slow
def test_d8_workers_end_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", WATCHED], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
        assert len(workers) == 2
        parent.kill()
        parent.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        parent.kill()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ---------------------------------------------------------------- D10: Parquet


def test_d10_a_parquet_run_replaces_the_parts_of_an_earlier_run(tmp_path):
    pytest.importorskip("pyarrow")
    from claimtrack.corpus.parquet import clear_parts, write_part

    for number in range(3):
        write_part([], tmp_path, number)
    (tmp_path / ".part-00003.parquet.tmp").write_bytes(b"cut")
    (tmp_path / "notes.txt").write_text("mine")
    assert clear_parts(tmp_path) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


# ---------------------------------------------------------------- Ctrl-C; L9: resume across folders


@pytest.mark.slow
def test_ctrl_c_is_the_parents_local_cluster_workers_ignore_it():
    pytest.importorskip("distributed")
    script = textwrap.dedent(
        """
        import psutil
        from claimtrack.dask import connect
        if __name__ == "__main__":
            client = connect("local", 1)
            flags = []
            for child in psutil.Process().children(recursive=True):
                status = open(f"/proc/{child.pid}/status").read()
                flags.append(bool(int(status.split("SigIgn:")[1].split()[0], 16) & 2))
            client.close()
            client.cluster.close()
            print(sorted(set(flags)))
        """
    )
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = folder / f"claimtrack_sigint_{os.getpid()}.py"
    path.write_text(script, encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    finally:
        path.unlink()
    assert done.stdout.strip().splitlines()[-1] == "[True]"


INTERRUPTED = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from claimtrack.corpus.records import Record
    from claimtrack.corpus.work import Settings
    from claimtrack.corpus.workers import run_batches
    from reliability_tasks import sleepy
    if __name__ == "__main__":
        groups = [[Record(name="n", doc_id=str(i), text="x")] for i in range(4)]
        try:
            for _ in run_batches(groups, Settings(), jobs=2, task=sleepy):
                pass
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
    """
)


@pytest.mark.slow
def test_ctrl_c_on_jobs_ends_the_workers_at_once_without_their_tracebacks(tmp_path):
    import signal

    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED.format(tests=str(TESTS)), encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(script)], stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_children(run.pid)) < 3:  # two workers and the resource tracker
            time.sleep(0.2)
        time.sleep(1)
        started = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, err = run.communicate(timeout=30)
        took = time.monotonic() - started
    finally:
        run.kill()
    assert (err, took < 5) == ("interrupted\n", True)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += [int(child), *_children(int(child))]
    return found


def test_l9_resume_tells_a_conllu_document_from_a_text_with_the_same_id(tmp_path, capsys):
    import shutil

    (tmp_path / "dir1").mkdir()
    (tmp_path / "dir2").mkdir()
    (tmp_path / "dir1" / "x.txt").write_text(GOOD + "\n", encoding="utf-8")
    shutil.copy(TESTS / "data" / "gum" / "GUM_news_worship.conllu", tmp_path / "dir2" / "x.conllu")
    out = tmp_path / "out.jsonl"
    run_cli(capsys, "extract", tmp_path / "dir1", "-o", out)
    code, _, err = run_cli(capsys, "extract", tmp_path / "dir1", tmp_path / "dir2", "-o", out, "--resume", "--progress")
    assert (code, [line["document"]["id"] for line in lines_of(out)]) == (0, ["x", "x"])
    assert err.splitlines()[-1].startswith("claimtrack: 2 documents: 1 extracted, 0 failed, 1 already done, ")
    code, _, err = run_cli(capsys, "extract", tmp_path / "dir1", tmp_path / "dir2", "-o", out, "--resume", "--progress")
    assert (code, err.splitlines()[-1]) == (0, "claimtrack: 2 documents: 0 extracted, 0 failed, 2 already done, 0 claims")
