r"""`claimtrack rules check` refuses patterns that backtrack catastrophically elsewhere
(issue 12, defect 4).

claimtrack matches rule patterns with RE2, in linear time, and loading rules
accepts anything RE2 compiles. Rule files are shared, though, and Python's
``re``, PCRE and JavaScript backtrack, so `rules check` also refuses what
would take exponential or polynomial time there
(claimtrack/ruleset/portability.py: regexploit, plus a check for repeated
alternatives that overlap). Each case states the pattern and the exact line
`rules check` prints for it, and must be answered in under a second.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.cli import main
from claimtrack.ruleset.loader import check_rules, load_rules
from claimtrack.ruleset.portability import portability_problem

NO_LOOKAHEAD = (
    "RE2 has no lookahead; match the context with a wider pattern and put the part to "
    "report in a group named 'match', as in (?P<match>no comment)(?:[.,;]|$)"
)
ENGINES = "would backtrack catastrophically in Python's re, PCRE and JavaScript"
WHY = "(claimtrack's RE2 is linear, but rule files are shared)"
REPEATS = (
    "repeats that can match the same characters follow each other or nest; "
    "merge them (\\d+ for \\d+\\d+) or make them match different characters"
)
ALTERNATIVES = (
    "of a repeated group can split the same text in more than one way; "
    "let only one alternative match at each place, as in (?:a|b)+ for (?:a|b|ab)+"
)


def overlay(tmp_path: Path, pattern: str) -> Path:
    """A rules directory with one hedge cue whose pattern (line 4, column 14) is ``pattern``."""
    directory = tmp_path / "my_rules"
    directory.mkdir()
    text = f"cues:\n  - id: beat.hedge\n    class: reportative\n    pattern: '{pattern}'\n"
    (directory / "hedges.yaml").write_text(text, encoding="utf-8")
    return directory


# pattern in the rule file -> what `rules check` says at hedges.yaml:4:14
REFUSED = [
    pytest.param(
        r"x(?=(a+)+b)",
        f"'pattern': RE2 cannot compile this pattern: invalid perl operator '(?=' at character 2; {NO_LOOKAHEAD}",
        id="lookahead",
    ),
    pytest.param(
        r"^(?:a|b|ab)+$",
        f"'pattern': {ENGINES} (exponential time): alternatives 'a' and 'ab' {ALTERNATIVES} {WHY}",
        id="overlapping-alternatives",
    ),
    pytest.param(
        r"\d+\d+\d+\d+\d+\d+!",
        f"'pattern': {ENGINES} (sextic time on text like '0' * 3456): {REPEATS} {WHY}",
        id="adjacent-digit-repeats",
    ),
    pytest.param(
        r".*.*.*.*=x",
        f"'pattern': {ENGINES} (quartic time on text like '=' * 3456): {REPEATS} {WHY}",
        id="adjacent-dot-stars",
    ),
]


@pytest.mark.parametrize("pattern, message", REFUSED)
def test_rules_check_refuses_the_pattern_in_under_a_second(tmp_path, pattern, message):
    rules = overlay(tmp_path, pattern)
    started = time.process_time()
    problems = [str(problem) for problem in check_rules([rules])]
    assert time.process_time() - started < 1.0
    assert problems == [f"{rules / 'hedges.yaml'}:4:14: {message}"]


def test_the_command_line_prints_the_problem_and_exits_1(tmp_path, capsys):
    rules = overlay(tmp_path, r"^(?:a|b|ab)+$")
    started = time.process_time()
    assert main(["rules", "check", str(rules)]) == 1
    assert time.process_time() - started < 1.0
    out, err = capsys.readouterr()
    assert out == (
        f"{rules / 'hedges.yaml'}:4:14: 'pattern': {ENGINES} (exponential time): "
        f"alternatives 'a' and 'ab' {ALTERNATIVES} {WHY}\n"
    )
    assert err == "1 problem in 1 file\n"


@pytest.mark.parametrize(
    "pattern, hostile_text",
    [
        (r"^(?:a|b|ab)+$", "ab" * 50_000 + "c"),
        (r"\d+\d+\d+\d+\d+\d+!", "1" * 100_000),
        (r".*.*.*.*=x", "a" * 100_000),
    ],
)
def test_extraction_still_accepts_them_and_matches_in_linear_time(tmp_path, pattern, hostile_text):
    # Only `rules check` refuses them: loading the rules (what extraction does) does not.
    regex = load_rules([overlay(tmp_path, pattern)]).get("beat.hedge").regex()
    started = time.process_time()
    assert regex.search(hostile_text) is None
    assert time.process_time() - started < 1.0


def test_the_shipped_rules_pass(capsys):
    assert check_rules() == []
    assert main(["rules", "check"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("pattern", [r"\b(?:said|told)\b", r"(?:a|b)+"])
def test_an_ordinary_pattern_passes(tmp_path, pattern):
    assert check_rules([overlay(tmp_path, pattern)]) == []


# pattern -> the alternatives the overlap check names, or None where it passes
@pytest.mark.parametrize(
    "pattern, alternatives",
    [
        (r"^(?:a|aa)+$", "'aa' and 'a'"),  # Python reads it as (?:aa?)+
        (r"(?:x|y|xy)*z", "'x' and 'xy'"),
        (r"(?:a+b|a+ab)+", "'ab' and 'aab'"),
        (r"(?:\s+(?:a|an|the)\S*)*$", "' a' and ' an'"),
        (r"(?:a|ab)+", None),  # after 'a', 'b' cannot start another repetition
        (r"(?:\s+(?:a|an|the)\b\S*)*$", None),  # \b parts 'a' from 'an'
        (r"(?:immediately\s+|independently\s+|yet\s+|immediately\s+and\s+independently\s+)*", None),
        (r"(?:\s+(?:the|this|that)\s+(?:matter|issue)|\s+publicly|\s+to\s+(?:the\s+)?(?:media|press))*", None),
        (r"[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*-led", None),
    ],
)
def test_which_repeated_alternatives_overlap(pattern, alternatives):
    expected = f"{ENGINES} (exponential time): alternatives {alternatives} {ALTERNATIVES} {WHY}"
    assert portability_problem(pattern) == (expected if alternatives else None)


def test_a_pattern_with_too_many_combinations_is_refused_quickly():
    pattern = "".join(f"(?:x+|{letter})" for letter in "abcdefghijklmn") + "!"  # 16,384 combinations
    started = time.process_time()
    assert portability_problem(pattern) == (
        "has too many combinations of alternatives to check for backtracking; split it into several rules"
    )
    assert time.process_time() - started < 1.0


def test_long_word_lists_are_no_combinations():
    first = "|".join(f"w{number}x" for number in range(500))
    second = "|".join(f"v{number}y" for number in range(500))
    started = time.process_time()
    assert portability_problem(rf"\b(?:{first})\s+(?:{second})\b") is None
    assert time.process_time() - started < 1.0


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="()[]{}*+?|\\^$.ab,12:=!<>P-wsdZ", max_size=24))
def test_the_check_answers_for_any_pattern_in_under_a_second(pattern):
    started = time.process_time()
    problem = portability_problem(pattern)
    assert problem is None or isinstance(problem, str)
    assert time.process_time() - started < 1.0
