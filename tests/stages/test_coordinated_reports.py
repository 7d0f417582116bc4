"""A reported clause coordinated with a second 'that' clause is one report,
however the parse hangs the second (on the first clause or on the cue); so
is a reported verb with the object the parse hung on the cue.
Each test states the text and the exact claims."""

from __future__ import annotations

import pytest
from claim_rows import rows

CASES = {
    "'but that' after the first clause": (
        "Rubio says he opposes gun violence but that the president's plans won't help prevent it.",
        [("he opposes gun violence but that the president's plans won't help prevent it", "says", "Rubio", "indirect")],
    ),
    "', and that' after a that-clause": (
        "Mr. Trump said that their father could be unyielding, and that Freddy had struggled with his criticism.",
        [("their father could be unyielding, and that Freddy had struggled with his criticism", "said", "Mr. Trump",
          "indirect")],
    ),
    "'and that' after a clause with no complementiser": (
        "Adelson said on Friday he met Trump earlier this week and that the two billionaires broached the issue.",
        [("he met Trump earlier this week and that the two billionaires broached the issue", "said", "Adelson",
          "indirect")],
    ),
    "the reported verb's object hung on the cue": (
        "While the president has repeatedly said he opposes sending Americans to fight in far-flung countries, his "
        "administration carves out exceptions.",
        [("he opposes sending Americans to fight in far-flung countries", "said", "the president", "indirect")],
    ),
    "a second cue verb after 'and' still reports on its own": (
        "The regulator said it had never seen such a case and said it would act quickly.",
        [("it had never seen such a case", "said", "The regulator", "indirect"),
         ("it would act quickly", "said", "The regulator", "indirect")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_coordinated_report(name):
    text, expected = CASES[name]
    assert rows(text) == expected
