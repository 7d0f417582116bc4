"""The second reliability audit (../shared/audit/reliability-2.md, issue 22):
one regression test per defect, input and exact expected outcome side by side.
The corpus runs (resume, workers, Parquet, Ctrl-C) are tested in
tests/corpus/test_reliability_2_runs.py.

The mechanisms under test (docs/security.md): one untrusted-YAML reader for
rule files, rule tests and front matter; one input-size gate for files,
standard input, JSONL records and the API; one per-document failure boundary
in the corpus runner; one output-encoding policy for every writer; workers
that die with their parent and a dead worker's documents retried once.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from pathlib import Path

import pytest

import claimtrack
from claimtrack.corpus.records import read_records
from claimtrack.corpus.work import Settings
from claimtrack.errors import ClaimtrackError, InputError, RulesError
from claimtrack.parsing.articles import split_front_matter
from claimtrack.parsing.textio import MAX_BYTES
from claimtrack.ruleset.loader import check_rules, load_rules
from claimtrack.ruletests.reading import RuleTestError, load_cases
from reliability_support import GOOD, OTHER, lines_of, run_cli


def bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "---\ntitle: x\n" + "\n".join(lines) + "\n---\n" + GOOD + "\n"


def records(*paths, **options) -> list[tuple[str, str | None, str | None]]:
    """(doc_id, text, error) of every record the paths give."""
    return [(r.doc_id, r.text, r.error) for r in read_records([str(p) for p in paths], **options)]


# ---------------------------------------------------------------- D1, D2: front matter through the untrusted-YAML reader


def test_d1_a_front_matter_alias_bomb_is_refused_in_one_line_at_once():
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        split_front_matter(bomb(), "bomb.txt")
    assert str(caught.value) == "bomb.txt: front matter, line 2 column 1: YAML aliases expand this file to more than 200,000 values; refused"
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("header", "meta"),
    [
        ("foo: 2024-02-30", {"foo": "2024-02-30"}),
        ("title: 2024-01-01 25:00:00", {"title": "2024-01-01 25:00:00"}),
        ("n: 1" + "0" * 5000, {"n": "1" + "0" * 5000}),
        ("date: 2024-03-02 10:30:00", {"date": "2024-03-02"}),
        ("draft: true\ntags: [a, 1, null]", {"draft": "true", "tags": '["a", "1", null]'}),
        ("title: T\nempty:", {"title": "T"}),
    ],
)
def test_d2_front_matter_values_are_kept_as_written_never_converted(header, meta):
    assert split_front_matter(f"---\n{header}\n---\n{GOOD}\n", "a.txt") == (GOOD + "\n", meta)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("title: x\ndate: 2024-13-45", "a.txt: date '2024-13-45' is not a YYYY-MM-DD date"),
        ("n: " + "[" * 5000 + "]" * 5000, "a.txt: front matter, line 2 column 54: YAML is nested more than 50 levels deep; refused"),
        ("title: !!python/object:os.system x", "a.txt: front matter, line 2 column 8: unsafe YAML tag '!!python/object:os.system' refused: front matter is plain YAML (read with yaml.safe_load)"),
        ("title: a\ntitle: b", "a.txt: front matter, line 3 column 1: duplicate key 'title'"),
        ("- a list", "a.txt: front matter must be a mapping of title, outlet, url, date, ..."),
        ("title: [unclosed", "a.txt: front matter, line 3 column 1: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_d2_bad_front_matter_is_one_line_naming_file_and_line(header, message):
    with pytest.raises(InputError) as caught:
        split_front_matter(f"---\n{header}\n---\n{GOOD}\n", "a.txt")
    assert str(caught.value) == message


def test_d2_a_bad_front_matter_fails_its_document_alone_in_a_folder(tmp_path, capsys):
    folder = tmp_path / "d2"
    folder.mkdir()
    (folder / "a_bad.txt").write_text(f"---\ntitle: x\ndate: 2024-13-45\n---\n{GOOD}\n", encoding="utf-8")
    (folder / "b_ok.txt").write_text(OTHER + "\n", encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    code, _, err = run_cli(capsys, "extract", folder, "-o", out, "--errors", errors)
    assert (code, [line["document"]["id"] for line in lines_of(out)]) == (1, ["b_ok"])
    bad = str(folder / "a_bad.txt")
    assert lines_of(errors) == [{"path": bad, "id": "a_bad", "error": f"{bad}: date '2024-13-45' is not a YYYY-MM-DD date"}]
    assert err.splitlines()[0] == f"claimtrack: {bad}: date '2024-13-45' is not a YYYY-MM-DD date"


# ---------------------------------------------------------------- D13: rule files and rule tests


def test_d13_an_invalid_date_in_a_rule_file_is_a_problem_with_file_line_column(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "noise.yaml").write_text(
        "headings:\n  - id: noise.heading.short_line\n    max_words: 2024-13-45\n    final_punctuation: 'x$'\n", encoding="utf-8"
    )
    problems = [str(p).replace(str(tmp_path) + "/", "") for p in check_rules([tmp_path / "r"])]
    assert problems == [
        "r/noise.yaml:3:16: invalid value: month must be in 1..12",
    ]


def test_d13_a_huge_integer_in_a_rule_file_is_refused_by_loading_too(tmp_path):
    (tmp_path / "noise.yaml").write_text(
        "headings:\n  - id: noise.heading.x\n    max_words: 1" + "0" * 5000 + "\n    final_punctuation: 'x$'\n", encoding="utf-8"
    )
    with pytest.raises(RulesError) as caught:
        load_rules([tmp_path])
    first = caught.value.problems[0]
    assert (Path(first.file).name, first.line, first.column, first.message[:46]) == (
        "noise.yaml", 3, 16, "invalid value: Exceeds the limit (4300 digits)",
    )


def test_d13_an_invalid_date_in_a_rule_test_file_is_one_problem(tmp_path):
    path = tmp_path / "test_date.yaml"
    path.write_text("cases:\n  - name: x\n    text: 2024-13-45\n", encoding="utf-8")
    with pytest.raises(RuleTestError) as caught:
        load_cases(path)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [
        "test_date.yaml:3:11: invalid value: month must be in 1..12",
    ]


# ---------------------------------------------------------------- D12: a total budget for the rule set's regexes


def test_d12_an_overlay_of_costly_patterns_is_refused_once_the_total_budget_is_spent(tmp_path):
    rules = tmp_path / "big"
    rules.mkdir()
    entries = "".join(f"  - id: noise.big{i}\n    pattern: '\\w{{300}}x{i}'\n" for i in range(60))
    (rules / "noise.yaml").write_text("lines:\n" + entries, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(RulesError) as caught:
        load_rules([rules])
    first = caught.value.problems[0]
    assert (first.line, first.column, first.message.split(" (")[0]) == (
        7, 14, "'pattern': the rule set's regular expressions are over the total budget of 500,000 RE2 instructions",
    )
    assert time.perf_counter() - started < 30


# ---------------------------------------------------------------- D6, D7, D15, D18: the reading gates


def test_d6_standard_input_over_the_limit_is_refused_without_reading_it_all(monkeypatch):
    class Endless(io.RawIOBase):
        read_bytes = 0

        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"a" * len(buffer)
            Endless.read_bytes += len(buffer)
            return len(buffer)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    assert records("-") == [("stdin", None, "<stdin>: too large: more than the limit of 10,485,760 bytes (10.0 MiB)")]
    assert Endless.read_bytes <= MAX_BYTES + 2 * io.DEFAULT_BUFFER_SIZE


def test_d6_a_jsonl_record_over_the_limit_fails_alone_naming_file_and_line(tmp_path):
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "big", "text": "x" * (MAX_BYTES + 10)}) + "\n")
        handle.write(json.dumps({"id": "ok", "text": GOOD}) + "\n")
    found = records(corpus)
    assert found == [
        ("big:1", None, f"{corpus}:1: too large: a line of more than 10,485,760 bytes, over the limit"),
        ("ok", GOOD, None),
    ]


def test_d6_the_api_holds_texts_to_the_same_limit():
    with pytest.raises(InputError) as caught:
        claimtrack.extract("x" * (MAX_BYTES + 1))
    assert str(caught.value) == "document: too large: 10,485,761 bytes (10.0 MiB), over the limit of 10,485,760 bytes (10.0 MiB)"


def test_d7_a_deeply_nested_jsonl_line_fails_alone(tmp_path):
    corpus = tmp_path / "deep.jsonl"
    good = lambda i: json.dumps({"id": f"d{i}", "text": GOOD})  # noqa: E731
    corpus.write_text(good(1) + "\n" + '{"id":"bad","text":"x","m":' + "[" * 100000 + "]" * 100000 + "}\n" + good(3) + "\n")
    assert records(corpus) == [
        ("d1", GOOD, None),
        ("deep:2", None, f"{corpus}:2: not JSON (nested too deeply)"),
        ("d3", GOOD, None),
    ]


def test_d15_an_unreadable_subfolder_is_a_failed_record(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked" / "c.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    locked = str(tmp_path / "locked")
    assert records(tmp_path) == [("a", GOOD, None), (locked, None, f"{locked}: cannot read (Permission denied)")]


def test_d4_ids_and_metadata_hold_no_lone_surrogates_and_d18_texts_are_repaired(tmp_path):
    folder = tmp_path / "f"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(GOOD.encode())
    corpus = folder / "m.jsonl"
    corpus.write_text('{"id":"a\\ud800","text":"Officials said the \\ud83d storm was over.","title":"\\ud800x"}\n', encoding="utf-8")
    found = list(read_records([str(folder)], globs=("*.txt", "*.jsonl")))
    assert [(r.doc_id, r.text, r.metadata, r.repaired) for r in found] == [
        ("caf\\xe9", GOOD, {}, 0),
        ("a\\ud800", "Officials said the \ufffd storm was over.", {"title": "\\ud800x"}, 1),
    ]


# ---------------------------------------------------------------- D17: long ids


def test_d17_a_long_document_id_gives_a_short_unique_file_name():
    from claimtrack.export import file_stems
    from claimtrack.model import DocumentInfo, Result

    def article(doc_id):
        return claimtrack.export.Article(result=Result(text="x", document=DocumentInfo.for_text("x", doc_id)))

    stems = file_stems([article("a" * 300), article("a" * 299 + "b"), article("ok")])
    assert [(len(stem.encode()), stem[:3], stem[-11]) for stem in stems[:2]] == [(150, "aaa", "-"), (150, "aaa", "-")]
    assert (stems[0] != stems[1], stems[2]) == (True, "ok")


# ---------------------------------------------------------------- L1, L5, L6


def test_l1_a_full_disk_is_one_line(tmp_path, capsys):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": 5}\n', encoding="utf-8")
    code, _, err = run_cli(capsys, "extract", corpus, "--errors", "/dev/full", "-o", tmp_path / "out.jsonl")
    assert (code, err.splitlines()[-1]) == (2, "claimtrack: /dev/full: cannot write (No space left on device)")


@pytest.mark.parametrize(("call", "message"), [
    (lambda: claimtrack.extract(b"text"), "extract() takes a str, got bytes"),
    (lambda: claimtrack.extract(None), "extract() takes a str, got NoneType"),
    (lambda: claimtrack.Tracker(":memory:").add_text(None), "add_text() takes a str, got NoneType"),
])
def test_l5_wrong_api_types_are_one_clear_type_error(call, message):
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message


def test_l6_a_malformed_scheduler_address_is_one_line():
    pytest.importorskip("distributed")
    from claimtrack.dask import connect

    with pytest.raises(ClaimtrackError) as caught:
        connect("not an address", 1)
    assert str(caught.value).startswith("--scheduler 'not an address' is not a Dask scheduler address (")


# ---------------------------------------------------------------- with the models: D3, D5, D14, D17, D18


def test_d3_track_add_keeps_the_four_known_keys_and_ignores_others(tmp_path, capsys):
    author = tmp_path / "author.txt"
    author.write_text(f"---\ntitle: Bridge\nauthor: Jane Doe\n---\n{GOOD}\n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(OTHER + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "track", "add", tmp_path / "d3.db", author, other)
    assert (code, [(d["file"], d["added"]) for d in json.loads(out)]) == (0, [(str(author), True), (str(other), True)])
    with claimtrack.Tracker(tmp_path / "d3.db") as tracker:
        assert [(a.title, a.result.document.id) for a in tracker.articles()] == [("Bridge", "author"), (None, "other")]


def test_d5_tracker_csv_cells_are_formula_safe(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("---\ntitle: t\nurl: \"=cmd|' /C calc'!A0\"\n---\n\"=1+2 is the total,\" the minister said.\n", encoding="utf-8")
    run_cli(capsys, "track", "add", tmp_path / "csv.db", article)
    code, out, _ = run_cli(capsys, "track", "claims", tmp_path / "csv.db", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (code, row["first_url"], row["claim"]) == (0, "'=cmd|' /C calc'!A0", "'=1+2 is the total")
    code, out, _ = run_cli(capsys, "track", "sources", tmp_path / "csv.db", "--format", "csv")
    assert [cell for line in csv.reader(io.StringIO(out)) for cell in line if cell[:1] in "=+-@"] == []


def test_d14_a_cache_entry_with_a_wrong_typed_field_is_parsed_again_and_rewritten(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(tmp_path / "cache"))
    text = GOOD + " " + OTHER
    first = claimtrack.extract(text)
    (entry,) = (tmp_path / "cache").rglob("*/*/*.json")
    damaged = json.loads(entry.read_text())
    damaged["sentences"][0][1]["feats"] = 7
    entry.write_text(json.dumps(damaged))
    again = claimtrack.extract(text)
    assert ([c.content.text for c in again.claims], json.loads(entry.read_text())["sentences"][0][1].get("feats")) == (
        [c.content.text for c in first.claims], first_feats(first, tmp_path),
    )


def first_feats(result, tmp_path):
    (entry,) = (tmp_path / "cache").rglob("*/*/*.json")
    value = json.loads(entry.read_text())["sentences"][0][1].get("feats")
    assert value is None or isinstance(value, str)
    return value


def test_d17_html_pages_are_written_for_a_long_id_and_the_others(tmp_path, capsys):
    corpus = tmp_path / "longid.jsonl"
    corpus.write_text(
        json.dumps({"id": "a" * 300, "text": GOOD}) + "\n" + json.dumps({"id": "ok", "text": OTHER}) + "\n", encoding="utf-8"
    )
    code, _, err = run_cli(capsys, "extract", corpus, "--format", "html", "-o", f"{tmp_path}/pages/")
    names = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert (code, len(names), names[1], len(names[0].encode())) == (0, 2, "ok.html", 155)


def test_d18_a_lone_surrogate_in_a_jsonl_text_is_repaired_as_the_api_does(tmp_path, capsys):
    corpus, out = tmp_path / "s.jsonl", tmp_path / "s.out.jsonl"
    corpus.write_text('{"id":"s","text":"Officials said the \\ud83d storm was over."}\n', encoding="utf-8")
    code, _, _ = run_cli(capsys, "extract", corpus, "-o", out)
    (line,) = lines_of(out)
    api = claimtrack.extract("Officials said the \ud83d storm was over.")
    assert (code, line["document"]["id"], [c["content"]["text"] for c in line["claims"]]) == (
        0, "s", [c.content.text for c in api.claims],
    )
    from claimtrack.corpus.work import extract_batch

    (outcome,) = extract_batch(list(read_records([str(corpus)])), Settings())
    assert [d.reason for d in outcome.result.diagnostics][:1] == [d.reason for d in api.diagnostics][:1] == [
        "1 lone surrogate(s) replaced by U+FFFD (offsets unchanged)"
    ]


# ---------------------------------------------------------------- L3, L4: names and urls on their way out


def test_l3_terminal_escapes_in_a_file_name_are_shown_escaped(tmp_path):
    from claimtrack.parsing.textio import display_name, read_text

    name = tmp_path / "f\x1b]0;pwned\x07\x1b[2J.txt"
    name.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_text(name)
    assert str(caught.value) == f"{tmp_path}/f\\x1b]0;pwned\\x07\\x1b[2J.txt: empty file (no text to read)"
    assert display_name(b"caf\xe9\n.txt") == "caf\\xe9\\x0a.txt"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=c", "https://example.org/a?b=c"),
        ("javascript:alert(document.cookie)//", None),
        ("not a url <script>", None),
        ("http://", None),
        ("https://example.org/\x1b", None),
    ],
)
def test_l4_only_http_urls_become_json_ld_ids(url, kept):
    from claimtrack.export import web_url

    assert web_url(url) == kept


def test_l4_a_javascript_url_never_reaches_claimreview_or_web_annotation():
    from claimtrack import export
    from claimtrack.model import DocumentInfo, Result

    result = Result(text="x", document=DocumentInfo.for_text("x", "d"))
    article = export.Article(result=result, url="javascript:alert(1)//")
    assert ("javascript" in export.render([article], "claimreview"), "javascript" in export.render([article], "webanno")) == (False, False)
