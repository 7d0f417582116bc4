"""Rule tests: the YAML format, matching, failure reports, the runner, the
pytest plugin, and the rule tests shipped in rules/tests/ and examples/.

Plumbing tests use hand-built results (no parsing); the end-to-end ones parse
one short sentence per case.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.model import (
    Claim,
    ClaimSource,
    Confirmation,
    Content,
    Cue,
    DocumentInfo,
    Hedge,
    Result,
)
from claimtrack.ruleset.loader import load_rules
from claimtrack.ruletests import (
    Case,
    ExpectedClaim,
    FieldMismatch,
    RuleTestError,
    find_rule_test_files,
    format_outcome,
    load_cases,
    run_case,
    run_files,
)
from repo_paths import REPO


ROOT = REPO
SHIPPED_TESTS = ROOT / "rules" / "tests"
TUNING = ROOT / "examples" / "tuning"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def at(text: str, piece: str, start: int = 0) -> tuple[int, int]:
    begin = text.index(piece, start)
    return begin, begin + len(piece)


MINISTER = "The minister said that the bridge may close."


def minister_result(text: str = MINISTER, status: str = "unconfirmed") -> Result:
    """What the engine gives for MINISTER, built by hand."""
    claim = Claim(
        id="C1",
        kind="indirect",
        content=Content("the bridge may close", *at(text, "the bridge may close")),
        cue=Cue("said", *at(text, "said"), lemma="say", cls="neutral"),
        source=ClaimSource("The minister", *at(text, "The minister"), entity="S1", name="The minister", type="government"),
        hedged=True,
        hedges=(Hedge("may", *at(text, "may"), cls="modal", rule="hedge.modal.possibility"),),
        confirmation=Confirmation(status),
        rules=("cue.verb.say", "pattern.verb_complement"),
    )
    return Result(text=text, document=DocumentInfo.for_text(text, "t"), claims=(claim,))


def fake_extract(results: dict[str, Result]):
    def extract(text: str, rules=None) -> Result:
        return results.get(text) or Result(text=text, document=DocumentInfo.for_text(text, "t"))

    return extract


# --- the file format ------------------------------------------------------------


def test_load_cases_reads_every_field(tmp_path):
    path = write(
        tmp_path / "test_minister.yaml",
        """\
        cases:
          - name: neutral verb with that-clause
            text: 'The minister said that the bridge was closed.'
            claims:
              - content: the bridge was closed
                cue: said
                source: The minister
                kind: indirect
                type: government
                anonymous: false
                hedged: false
                status: unconfirmed
            absent:
              - 'Pension claims rose last year.'
          - name: contains
            match: contains
            only: true
            xfail: not yet
            text: 'x'
        """,
    )
    assert load_cases(path) == [
        Case(
            name="neutral verb with that-clause",
            text="The minister said that the bridge was closed.",
            claims=(
                ExpectedClaim(
                    {
                        "content": "the bridge was closed",
                        "cue": "said",
                        "source": "The minister",
                        "kind": "indirect",
                        "type": "government",
                        "anonymous": False,
                        "hedged": False,
                        "status": "unconfirmed",
                    },
                    line=5,
                ),
            ),
            absent=("Pension claims rose last year.",),
            file=str(path),
            line=2,
        ),
        Case(name="contains", text="x", match="contains", only=True, xfail="not yet", file=str(path), line=15),
    ]


def test_every_problem_in_a_rule_test_file_is_reported(tmp_path):
    path = write(
        tmp_path / "test_bad.yaml",
        """\
        cases:
          - name: one
            txt: 'The minister said so.'
            claims:
              - content: so
                sorce: The minister
                hedged: maybe
              - cue: said
          - name: two
            text: 'x'
            claims:
              - {content: x, status: confirmd}
          - name: two
            text: 'y'
        """,
    )
    with pytest.raises(RuleTestError) as raised:
        load_cases(path)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:2:5: case has no 'text'",
        f"{path}:3:5: unknown key 'txt' in a case (did you mean 'text'?)",
        f"{path}:6:9: unknown key 'sorce' in an expected claim (did you mean 'source'?)",
        f"{path}:7:17: 'hedged' must be true or false",
        f"{path}:8:9: an expected claim needs 'content'",
        f"{path}:12:30: 'status' must be one of denied, disputed, confirmed, corroborated, unverified, "
        "no_response, unconfirmed; got 'confirmd'",
        f"{path}:13:5: duplicate case name 'two' (first at line 9)",
    ]


def test_an_unsafe_tag_in_a_rule_test_is_refused(tmp_path):
    path = write(tmp_path / "test_x.yaml", "cases: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(RuleTestError) as raised:
        load_cases(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:1:8: unsafe YAML tag '!!python/object/apply:os.system' refused: rule files are plain YAML (read with yaml.safe_load)"
    ]


def test_a_control_character_in_a_rule_test_is_reported_where_it_is(tmp_path):
    path = write(tmp_path / "test_x.yaml", "cases:\n  - name: one\n    text: 'The minister\x1b said so.'\n")
    with pytest.raises(RuleTestError) as raised:
        load_cases(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:3:24: control character U+001B is not allowed in YAML; "
        "remove it, or write it as \\x1b inside double quotes"
    ]


def test_rule_test_files_are_found_by_name_and_content(tmp_path):
    write(tmp_path / "test_a.yaml", "cases: []\n")
    write(tmp_path / "sub" / "b.ruletest.yaml", "cases: []\n")
    write(tmp_path / "test_config.yaml", "setting: 1\n")  # a test_*.yaml that is not a rule test
    write(tmp_path / "notes.yaml", "cases: []\n")
    assert find_rule_test_files([tmp_path]) == [tmp_path / "sub" / "b.ruletest.yaml", tmp_path / "test_a.yaml"]


# --- matching and reports (hand-built results) ----------------------------------


def case(claims, **kwargs) -> Case:
    return Case(name="minister", text=MINISTER, claims=tuple(ExpectedClaim(c, line=4) for c in claims), file="t.yaml", line=2, **kwargs)


def test_only_the_given_fields_are_checked():
    outcome = run_case(case([{"content": "the bridge may close", "source": "The minister"}]), extract=fake_extract({MINISTER: minister_result()}))
    assert outcome.passed


def test_source_matches_the_mention_or_the_entity_name():
    result = minister_result()
    claim = result.claims[0]
    renamed = Result(
        text=result.text,
        document=result.document,
        claims=(Claim(**{**{f: getattr(claim, f) for f in ("id", "kind", "content", "cue", "hedged", "hedges", "rules")},
                         "source": ClaimSource("The minister", 0, 12, entity="S1", name="Ana Ruiz", type="government")}),),
    )
    for name in ("The minister", "Ana Ruiz", "The  minister"):
        assert run_case(case([{"content": "the bridge may close", "source": name}]), extract=fake_extract({MINISTER: renamed})).passed


def test_mismatched_fields_are_listed():
    expected = {"content": "the bridge may close", "cue": "told", "type": "expert", "hedged": True, "rules": ["cue.verb.tell"]}
    outcome = run_case(case([expected]), extract=fake_extract({MINISTER: minister_result()}))
    assert not outcome.passed
    assert outcome.checks[0].mismatches == (
        FieldMismatch("cue", "told", "said"),
        FieldMismatch("type", "expert", "government"),
        FieldMismatch("rules", ["cue.verb.tell"], ["cue.verb.say", "pattern.verb_complement", "hedge.modal.possibility"]),
    )


def test_content_contains_when_asked():
    expected = [{"content": "bridge"}]
    assert not run_case(case(expected), extract=fake_extract({MINISTER: minister_result()})).passed
    assert run_case(case(expected, match="contains"), extract=fake_extract({MINISTER: minister_result()})).passed


def test_only_reports_claims_not_listed():
    outcome = run_case(case([], only=True), extract=fake_extract({MINISTER: minister_result()}))
    assert [claim.id for claim in outcome.unexpected] == ["C1"]


def test_absent_texts_must_yield_no_claim():
    other = "The minister said that the bridge may close soon."
    outcome = run_case(case([], absent=(other,)), extract=fake_extract({other: minister_result(other)}))
    assert [text for text, _ in outcome.absent_found] == [other]


def test_failure_report_shows_expected_against_found_with_the_rules_that_fired(tmp_path):
    rules_dir = write(
        tmp_path / "rules" / "cues.yaml",
        """\
        classes:
          - {id: cue.class.neutral, name: neutral}
        verbs:
          - id: cue.verb.say
            lemma: say
            class: neutral
        """,
    ).parent
    write(tmp_path / "rules" / "hedges.yaml", "classes:\n  - {id: h.modal, name: modal}\ncues:\n  - {id: hedge.modal.possibility, class: modal, words: [may]}\n")
    rules = load_rules([rules_dir], defaults=False)
    expected = [{"content": "the bridge may close", "cue": "told", "hedged": False}, {"content": "the road is open"}]
    outcome = run_case(case(expected, absent=("Pension claims rose.",)), rules, extract=fake_extract({MINISTER: minister_result()}))
    cues, hedges = rules_dir / "cues.yaml", rules_dir / "hedges.yaml"
    assert format_outcome(outcome) == textwrap.dedent(
        f"""\
        t.yaml:2: minister
          text: The minister said that the bridge may close.
          expected claim 1 (line 4) matched C1, but:
            field   expected  found
            cue     'told'    'said'
            hedged  false     true
          expected claim 2 (line 4): no claim with content equal to 'the road is open'
          found (claimtrack explain):
            C1 indirect: cue 'said' (neutral), source 'The minister' (government), hedged, unconfirmed
              [SOURCE The minister] <CUE said> that {{CONTENT the bridge may close}}.
              hedge 'may' (modal)
              rules:
                cue.verb.say             {cues}:4:5
                pattern.verb_complement  (engine pattern)
                hedge.modal.possibility  {hedges}:4:5"""
    )


# --- end to end: the runner and the command line ----------------------------------


def test_tuning_example_fails_without_its_overlay_and_passes_with_it(capsys):
    tests = TUNING / "tests"
    assert main(["rules", "test", str(tests)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "0 passed, 3 failed"
    assert main(["rules", "test", str(tests), "--rules", str(TUNING / "my_rules")]) == 0
    assert capsys.readouterr().out == "3 passed, 0 failed\n"


def test_rule_test_example_passes():
    report = run_files([ROOT / "examples" / "rule-tests"])
    assert report.ok and len(report.outcomes) == 3


def test_rules_test_reports_a_malformed_file_and_exits_1(tmp_path, capsys):
    path = write(tmp_path / "test_bad.yaml", "cases:\n  - name: x\n")
    assert main(["rules", "test", str(tmp_path)]) == 1
    assert capsys.readouterr().out == f"{path}:2:5: case has no 'text'\n0 passed, 0 failed, 1 file problem(s)\n"


def _shipped_cases():
    for path in find_rule_test_files([SHIPPED_TESTS]):
        for item in load_cases(path):
            marks = [pytest.mark.xfail(reason=item.xfail, strict=False)] if item.xfail else []
            yield pytest.param(item, id=f"{path.stem}:{item.name}", marks=marks)


def test_shipped_rule_tests_cover_every_class_and_type():
    from claimtrack.ruleset.loader import default_rules

    rules = default_rules()
    tested = [item.values[0] for item in _shipped_cases()]
    expected = [claim.fields for item in tested for claim in item.claims]
    for kind, section, field in (("cues", "classes", "cue_class"), ("sources", "types", "type"), ("hedges", "classes", "hedge_classes")):
        names = {rule.get("name") for rule in rules.section(kind, section)}
        seen = {value for fields in expected for value in _as_list(fields.get(field))}
        missing = names - seen - ({"speech_act"} if kind == "cues" else set())
        assert not missing, f"no rule test for {kind}.{section}: {sorted(missing)}"
    cue_ids = {rule.id for rule in rules.section("confirmation", "cues")}
    fired = {rule_id for fields in expected for rule_id in fields.get("rules", ())}
    assert not cue_ids - fired, f"no rule test for confirmation cues: {sorted(cue_ids - fired)}"


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("item", list(_shipped_cases()))
def test_shipped_rule_test(item: Case):
    outcome = run_case(item)
    if not outcome.passed:
        pytest.fail(format_outcome(outcome), pytrace=False)


# --- the pytest plugin ------------------------------------------------------------


def run_pytest(directory: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
def test_pytest_collects_a_yaml_rule_test_in_a_fresh_project(tmp_path):
    write(
        tmp_path / "test_claims.yaml",
        """\
        cases:
          - name: the minister said it
            text: 'The minister said that the bridge was closed.'
            claims:
              - {content: the bridge was closed, source: The minister}
        """,
    )
    run = run_pytest(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("1 passed")


@pytest.mark.slow
def test_pytest_plugin_reports_failures_and_bad_files_and_takes_rules(tmp_path):
    for name in ("test_tuning.yaml",):
        (tmp_path / name).write_text((TUNING / "tests" / name).read_text(encoding="utf-8"), encoding="utf-8")
    write(
        tmp_path / "wrong.ruletest.yaml",
        """\
        cases:
          - name: wrong cue
            text: 'The minister said that the bridge was closed.'
            claims:
              - {content: the bridge was closed, cue: told}
        """,
    )
    write(tmp_path / "broken.ruletest.yaml", "cases:\n  - name: x\n")
    run = run_pytest(tmp_path, "--continue-on-collection-errors", "--claimtrack-rules", str(TUNING / "my_rules"))
    assert run.returncode == 1
    out = run.stdout
    assert "    cue    'told'    'said'" in out
    assert f"{tmp_path / 'broken.ruletest.yaml'}:2:5: case has no 'text'" in out
    assert out.strip().splitlines()[-1].startswith("1 failed, 3 passed, 1 error")


@pytest.mark.slow
def test_pytest_plugin_reads_its_rules_from_the_ini_file(tmp_path):
    (tmp_path / "test_tuning.yaml").write_text((TUNING / "tests" / "test_tuning.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    write(tmp_path / "pytest.ini", f"[pytest]\nclaimtrack_rules = {TUNING / 'my_rules'}\n")
    run = run_pytest(tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("3 passed")
