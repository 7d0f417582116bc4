"""Rule tests: YAML cases that say which claims a text must (and must not) yield.

A rule test file (``test_*.yaml`` or ``*.ruletest.yaml``) holds ``cases``::

    cases:
      - name: neutral verb with that-clause
        text: 'The minister said that the bridge was closed.'
        claims:
          - content: the bridge was closed
            cue: said
            source: The minister
            type: government
        absent:
          - 'Pension claims rose last year.'

Each expected claim must match a distinct found claim: the content text is
equal (white space runs count as one space), or with ``match: contains``
contained in the found content. Only the fields given are compared (see
:data:`CLAIM_FIELDS`). Every ``absent`` text must yield no claim at all;
``only: true`` says the listed claims are the only ones in ``text``;
``xfail: reason`` marks a case known to fail.

:func:`load_cases` reads a file (every problem reported as FILE:LINE:COLUMN),
:func:`run_case` runs one case with :func:`claimtrack.extract`, and
:func:`format_outcome` prints expected against found, field by field, with the
rules that fired. The pytest plugin and ``claimtrack rules test`` use these.

This module is the public face; the work is done in ``cases`` (what a case
holds), ``reading`` (finding and reading files), ``runner`` (running and
comparing) and ``report`` (how a failure reads).
"""

from claimtrack.ruletests.cases import (
    CLAIM_FIELDS,
    Case,
    ExpectedClaim,
    RuleTestError,
    fired_rules,
)
from claimtrack.ruletests.reading import (
    FILE_PATTERNS,
    find_rule_test_files,
    is_rule_test_file,
    load_cases,
    looks_like_rule_tests,
)
from claimtrack.ruletests.report import format_outcome
from claimtrack.ruletests.runner import (
    CaseOutcome,
    ClaimCheck,
    FieldMismatch,
    RunReport,
    compare,
    run_case,
    run_files,
)

__all__ = [
    "CLAIM_FIELDS",
    "FILE_PATTERNS",
    "Case",
    "CaseOutcome",
    "ClaimCheck",
    "ExpectedClaim",
    "FieldMismatch",
    "RuleTestError",
    "RunReport",
    "compare",
    "find_rule_test_files",
    "fired_rules",
    "format_outcome",
    "is_rule_test_file",
    "load_cases",
    "looks_like_rule_tests",
    "run_case",
    "run_files",
]
