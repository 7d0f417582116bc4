"""The command line: one clear line for every bad input, contract JSON for good ones."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from claimtrack.cli import COMMANDS, build_parser

from repo_paths import REPO, SEED, TEST_DATA


def claimtrack(*args: str, env: dict[str, str] | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        capture_output=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        cwd=REPO,
        timeout=600,
    )


def spans_in(value, path="$"):
    """Every (path, text, start, end) in a JSON value that has all three keys."""
    if isinstance(value, dict):
        if {"text", "start", "end"} <= value.keys():
            yield path, value["text"], value["start"], value["end"]
        for key, item in value.items():
            yield from spans_in(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from spans_in(item, f"{path}[{index}]")


# Bad input: one line, non-zero, no traceback ---------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("empty.txt", b"", "empty.txt: empty file (no text to read)"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt: binary file (NUL byte at offset 8), not text"),
        ("latin1.txt", "Le café est fermé.".encode("latin-1"), "latin1.txt: not UTF-8 (byte 0xE9 at offset 6, line 1)"),
        ("folder", None, "folder: a folder with no files matching *.txt, *.md, *.conllu"),
        ("missing.txt", ..., "missing.txt: no such file"),
    ],
    ids=["empty", "binary", "not-utf8", "directory", "missing"],
)
def test_bad_input_exits_with_one_line(tmp_path, name, data, expected):
    path = tmp_path / name
    if data is None:
        path.mkdir()
    elif data is not ...:
        path.write_bytes(data)
    run = claimtrack("extract", str(path))
    stderr = run.stderr.decode()
    assert run.returncode == 2
    assert run.stdout == (b"[]\n" if data is None else b"")  # a folder gives an array, here empty
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert stderr.startswith(f"claimtrack: {tmp_path / expected}")


@pytest.mark.slow
def test_a_bad_file_among_good_ones_fails_alone_with_status_1(tmp_path):
    conllu = str(TEST_DATA / "gum" / "GUM_news_worship.conllu")
    run = claimtrack("extract", conllu, str(tmp_path / "nope.txt"), "--format", "jsonl")
    assert (run.returncode, run.stderr.decode()) == (
        1,
        f"claimtrack: {tmp_path / 'nope.txt'}: no such file\n"
        "claimtrack: 2 documents: 1 extracted, 1 failed, 3 claims\n",
    )
    assert [json.loads(line)["document"]["id"] for line in run.stdout.decode().splitlines()] == ["GUM_news_worship"]


@pytest.mark.slow
def test_missing_rules_folder_is_one_line(tmp_path):
    run = claimtrack("extract", str(SEED), "--rules", str(tmp_path / "no_rules"))
    stderr = run.stderr.decode()
    assert run.returncode == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert "no_rules" in stderr


@pytest.mark.slow
def test_missing_official_models_is_one_line(tmp_path):
    run = claimtrack(
        "extract", str(SEED), "--models", "stanza", "--no-cache",
        env={"STANZA_RESOURCES_DIR": str(tmp_path), "HOME": str(tmp_path)},
    )
    stderr = run.stderr.decode()
    assert run.returncode == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert "run stanza.download('en') on a machine with internet" in stderr


@pytest.mark.slow
def test_no_command_prints_help_and_fails():
    run = claimtrack()
    assert run.returncode == 2
    assert run.stderr.decode().startswith("usage: claimtrack")


@pytest.mark.slow
def test_help_shows_examples():
    run = claimtrack("extract", "--help")
    assert run.returncode == 0
    assert "  claimtrack extract seeds/baghdad_drone_strike.txt\n" in run.stdout.decode()


def test_commands_register_from_the_fixed_list():
    subcommands = next(a for a in build_parser()._actions if a.dest == "command").choices
    assert {"extract", "models"} <= set(subcommands) <= set(COMMANDS)


# claimtrack models -------------------------------------------------------------


@pytest.mark.slow
def test_models_lists_the_shipped_set_as_default(tmp_path):
    run = claimtrack("models", env={"STANZA_RESOURCES_DIR": str(tmp_path), "HOME": str(tmp_path), "CLAIMTRACK_MODELS": ""})
    lines = run.stdout.decode().splitlines()
    assert run.returncode == 0
    assert lines[0] == "* compact (default)"
    assert lines[1] == f"    path:       {REPO / 'claimtrack' / 'models' / 'en_compact'}"
    assert lines[3] == "    processors: tokenize, mwt, pos, lemma, depparse"
    assert lines[5:7] == ["  stanza", "    not available"]


@pytest.mark.slow
def test_models_json(tmp_path):
    run = claimtrack("models", "--json", env={"STANZA_RESOURCES_DIR": str(tmp_path), "HOME": str(tmp_path), "CLAIMTRACK_MODELS": ""})
    entries = json.loads(run.stdout)
    assert [(e["name"], e["found"], e["default"]) for e in entries] == [("compact", True, True), ("stanza", False, False)]
    assert 0 < entries[0]["size_mb"] < 60


# claimtrack extract --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_cached(compact_parser, seed_text):
    """The seed article parsed into the session cache, so CLI runs hit it."""
    compact_parser.parse(seed_text)
    return seed_text


@pytest.mark.slow
def test_extract_seed_prints_contract_json(seed_cached):
    run = claimtrack("extract", "seeds/baghdad_drone_strike.txt")
    assert run.returncode == 0, run.stderr.decode()
    output = json.loads(run.stdout)
    assert list(output)[:4] == ["claimtrack_version", "document", "sources", "claims"]
    assert output["document"]["id"] == "baghdad_drone_strike"
    assert output["document"]["length"] == len(seed_cached) == 2617
    assert re.fullmatch(r"[0-9a-f]{64}", output["document"]["sha256"])
    assert output["claims"], "the seed article has reported claims"
    for path, text, start, end in spans_in(output):
        assert seed_cached[start:end] == text, path


@pytest.mark.slow
def test_jsonl_is_one_line_per_document(seed_cached, tmp_path):
    copy = tmp_path / "again.txt"
    copy.write_text(seed_cached, encoding="utf-8")
    run = claimtrack("extract", "seeds/baghdad_drone_strike.txt", str(copy), "--format", "jsonl")
    lines = run.stdout.decode().splitlines()
    assert [json.loads(line)["document"]["id"] for line in lines] == ["baghdad_drone_strike", "again"]


@pytest.mark.slow
def test_out_writes_a_file_and_stdin_reads(seed_cached, tmp_path):
    out = tmp_path / "claims.json"
    run = claimtrack("extract", "-", "-o", str(out), stdin=seed_cached.encode())
    assert (run.returncode, run.stdout) == (0, b"")
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["id"] == "stdin"


@pytest.mark.slow
def test_conllu_input_is_not_parsed():
    text = (TEST_DATA / "gum" / "GUM_news_worship.txt").read_text(encoding="utf-8")
    run = claimtrack("extract", str(TEST_DATA / "gum" / "GUM_news_worship.conllu"), "--verbose", "--models", "/nonexistent")
    assert run.returncode == 0, run.stderr.decode()
    output = json.loads(run.stdout)
    assert (output["document"]["id"], output["document"]["length"]) == ("GUM_news_worship", len(text))
    assert "(no parsing)" in run.stderr.decode()
    for path, span_text, start, end in spans_in(output):
        assert text[start:end] == span_text, path


PARSE_LINE = re.compile(r"parse (\d+\.\d+)s \((parsed, cached|cache hit)")


@pytest.mark.slow
def test_second_run_is_a_cache_hit_ten_times_faster(tmp_path):
    env = {"CLAIMTRACK_CACHE_DIR": str(tmp_path / "cache")}
    first = claimtrack("extract", "seeds/baghdad_drone_strike.txt", "--verbose", env=env)
    second = claimtrack("extract", "seeds/baghdad_drone_strike.txt", "--verbose", env=env)
    (seconds_1, how_1), = PARSE_LINE.findall(first.stderr.decode())
    (seconds_2, how_2), = PARSE_LINE.findall(second.stderr.decode())
    assert (how_1, how_2) == ("parsed, cached", "cache hit")
    assert float(seconds_2) < float(seconds_1) / 10
    assert "loaded in" in first.stderr.decode() and "loaded in" not in second.stderr.decode()
    assert first.stdout == second.stdout


@pytest.mark.slow
def test_console_script_is_installed():
    script = os.path.join(os.path.dirname(sys.executable), "claimtrack")
    run = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout) == (0, "claimtrack 0.1.0\n")


@pytest.mark.slow
def test_other_formats_come_from_the_exporters(seed_cached, tmp_path):
    csv = claimtrack("extract", "seeds/baghdad_drone_strike.txt", "--format", "csv")
    assert csv.returncode == 0 and csv.stdout.decode().startswith("document,")
    pages = claimtrack("extract", "seeds/baghdad_drone_strike.txt", "--format", "html", "-o", str(tmp_path / "pages"))
    assert (pages.returncode, pages.stderr.decode()) == (0, f"wrote 1 file to {tmp_path / 'pages'}\n")
    assert [p.name for p in (tmp_path / "pages").iterdir()] == ["baghdad_drone_strike.html"]
