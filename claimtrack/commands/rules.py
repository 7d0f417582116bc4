"""``claimtrack rules``: check rule files, list the effective rules, run rule tests."""

from __future__ import annotations

import argparse
import json
import sys

EXAMPLES = """\
examples:
  claimtrack rules check                      # the shipped rules
  claimtrack rules check my_rules/            # an overlay, on top of the shipped rules
  claimtrack rules list --rules my_rules/     # every effective rule and its file:line
  claimtrack rules list --section cues.verbs
  claimtrack rules test rules/tests/
  claimtrack rules test my_tests/ --rules my_rules/ --verbose

A rules directory holds cues.yaml, noise.yaml, sources.yaml, hedges.yaml,
confirmation.yaml and factcheck.yaml (any subset). In an overlay, an entry with a new id is
added, one with an existing id replaces it, and 'disable: [ids]' switches
entries off. Rule tests are YAML files named test_*.yaml or *.ruletest.yaml
(see examples/rule-tests/).
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "rules",
        help="check rule files, list the effective rules, run rule tests",
        description="Work with rule files: validate them, list the effective rules "
        "(defaults plus overlays) with the file each came from, and run YAML rule tests.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    check = actions.add_parser(
        "check",
        help="validate rule files (exit 1 on any problem)",
        description="Validate rule directories or files as overlays on the shipped rules; "
        "print every problem as FILE:LINE:COLUMN: message.",
    )
    check.add_argument("paths", metavar="DIR", nargs="*", help="rule directories or files (default: the shipped rules)")
    check.set_defaults(func=run_check)

    listing = actions.add_parser(
        "list",
        help="list the effective rules and where each came from",
        description="List every effective rule: id, section, file:line, and a short summary.",
    )
    _rules_option(listing)
    listing.add_argument("--section", metavar="KIND[.SECTION]", help="only this kind or section (cues, cues.verbs, ...)")
    listing.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    listing.set_defaults(func=run_list)

    test = actions.add_parser(
        "test",
        help="run YAML rule tests (exit 1 on failure)",
        description="Run the rule tests in the given files or directories (test_*.yaml, "
        "*.ruletest.yaml) against the shipped rules plus any --rules overlays.",
    )
    test.add_argument("paths", metavar="PATH", nargs="+", help="rule test files or directories")
    _rules_option(test)
    test.add_argument("-v", "--verbose", action="store_true", help="print one line per case")
    test.set_defaults(func=run_test)

    parser.set_defaults(func=lambda args: _usage(parser))
    return parser


def _rules_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules", metavar="DIR", action="append", help="overlay rule directory on the shipped rules (repeatable)"
    )


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_check(args: argparse.Namespace) -> int:
    from claimtrack.ruleset.loader import check_rules, default_rules_dir

    problems = check_rules(args.paths)
    for problem in problems:
        print(problem)
    checked = ", ".join(args.paths) or str(default_rules_dir())
    if problems:
        files = len({problem.file for problem in problems})
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} in {files} file{'s' if files != 1 else ''}", file=sys.stderr)
        return 1
    print(f"ok: {checked}", file=sys.stderr)
    return 0


def _summary(rule) -> str:
    for key in ("name", "lemma", "words", "lemmas", "names", "pattern", "open", "cases", "max_words"):
        if key in rule.data:
            value = rule.get(key)
            text = ", ".join(value) if isinstance(value, list) else str(value)
            text = " ".join(text.split())
            return f"{key}: {text[:57] + '...' if len(text) > 60 else text}"
    return ""


def run_list(args: argparse.Namespace) -> int:
    from claimtrack.export.explain import display_path, rule_origin
    from claimtrack.ruleset.loader import rules_from

    ruleset = rules_from(args.rules)
    wanted = args.section
    rules = [
        rule
        for rule in ruleset
        if not wanted or wanted in (rule.kind, f"{rule.kind}.{rule.section}")
    ]
    if wanted and not rules:
        print(f"claimtrack rules list: no rules in {wanted!r}", file=sys.stderr)
        return 2
    if args.json:
        for rule in rules:
            record = {
                "id": rule.id,
                "section": f"{rule.kind}.{rule.section}",
                "file": rule.file,
                "line": rule.line,
                "replaces": ruleset.replaced[rule.id].where if rule.id in ruleset.replaced else None,
                "data": dict(rule.data),
            }
            print(json.dumps(record, ensure_ascii=False))
        return 0
    rows = []
    for rule in rules:
        old = ruleset.replaced.get(rule.id)
        note = f"  (replaces {display_path(old.file)}:{old.line}:{old.column})" if old else ""
        rows.append((rule.id, f"{rule.kind}.{rule.section}", rule_origin(rule.id, ruleset), _summary(rule) + note))
    widths = [max(len(row[column]) for row in rows) for column in range(3)] if rows else [0, 0, 0]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3])
    if not wanted:
        for rule_id, where in sorted(ruleset.disabled_at.items()):
            print(f"{rule_id}  disabled at {where}")
    print(f"{len(rules)} rules from {', '.join(ruleset.sources)}", file=sys.stderr)
    return 0


def run_test(args: argparse.Namespace) -> int:
    from claimtrack.ruleset.loader import rules_from
    from claimtrack.ruletests import format_outcome, run_files

    ruleset = rules_from(args.rules)

    def progress(outcome) -> None:
        status = _status(outcome)
        if args.verbose:
            print(f"{status:6} {outcome.case.where}: {outcome.case.name}", flush=True)
        elif sys.stderr.isatty():
            print({"PASS": ".", "FAIL": "F", "XFAIL": "x", "XPASS": "X"}[status], end="", file=sys.stderr, flush=True)

    report = run_files(args.paths, ruleset, progress=progress)
    if sys.stderr.isatty() and not args.verbose:
        print(file=sys.stderr)
    for problem in report.errors:
        print(problem)
    for outcome in report.failed:
        print()
        print(format_outcome(outcome))
    counts = {status: 0 for status in ("PASS", "FAIL", "XFAIL", "XPASS")}
    for outcome in report.outcomes:
        counts[_status(outcome)] += 1
    summary = f"{counts['PASS']} passed, {counts['FAIL']} failed"
    if counts["XFAIL"] or counts["XPASS"]:
        summary += f", {counts['XFAIL']} xfailed, {counts['XPASS']} xpassed"
    if report.errors:
        summary += f", {len(report.errors)} file problem(s)"
    if not report.outcomes and not report.errors:
        summary = "no rule tests found (files named test_*.yaml with 'cases:', or *.ruletest.yaml)"
    print(summary)
    return 0 if report.ok and report.outcomes else 1


def _status(outcome) -> str:
    if outcome.case.xfail:
        return "XPASS" if outcome.passed else "XFAIL"
    return "PASS" if outcome.passed else "FAIL"
