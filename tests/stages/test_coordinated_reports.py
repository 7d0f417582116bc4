"""A reported clause coordinated with a second 'that' clause is one report,
however the parse hangs the second (on the first clause or on the cue); so
is a reported verb with the object the parse hung on the cue. A clause
that opens with a wh-word is a statement when the wh-word only opens a
clause inside it ('said that when X, Y').
Each test states the text and the exact claims."""

from __future__ import annotations

import pytest
from claim_rows import rows

CASES = {
    "'but that' after the first clause": (
        "Okafor says he supports the harbour plan but that the council's budget won't cover it.",
        [("he supports the harbour plan but that the council's budget won't cover it", "says", "Okafor", "indirect")],
    ),
    "', and that' after a that-clause": (
        "Dana Reyes said that their mother could be strict, and that Tomas had struggled with her rules.",
        [("their mother could be strict, and that Tomas had struggled with her rules", "said", "Dana Reyes",
          "indirect")],
    ),
    "'and that' after a clause with no complementiser": (
        "Brandt said on Friday he met the mayor earlier this week and that the two men discussed the ferry.",
        [("he met the mayor earlier this week and that the two men discussed the ferry", "said", "Brandt",
          "indirect")],
    ),
    "the reported verb's object hung on the cue": (
        "While the minister has repeatedly said she opposes sending teachers to remote districts, her department "
        "carves out exceptions.",
        [("she opposes sending teachers to remote districts", "said", "the minister", "indirect")],
    ),
    "a second cue verb after 'and' still reports on its own": (
        "The regulator said it had never seen such a case and said it would act quickly.",
        [("it had never seen such a case", "said", "The regulator", "indirect"),
         ("it would act quickly", "said", "The regulator", "indirect")],
    ),
    "an -ing verb coordinated inside the reported clause is no second cue": (
        "The governor says the mayor is acting unlawfully and showing disregard for the law.",
        [("the mayor is acting unlawfully and showing disregard for the law", "says", "The governor", "indirect")],
    ),
    "a conjunct with a modal and no subject goes on with the reported clause": (
        "Ms. Reyes said she hoped to get her account back, and then would continue to post her videos.",
        [("she hoped to get her account back, and then would continue to post her videos", "said", "Reyes",
          "indirect"),
         ("to get her account back", "hoped", "she", "indirect")],
    ),
    "after a cue with a modal of its own, a modal conjunct goes on with the cue": (
        "The union could say the offer was too low and would then call a strike.",
        [("the offer was too low", "say", "The union", "indirect")],
    ),
    "a second complement whose words open before the first is one clause with it": (
        "Ms. Patel noted that these records, left untouched, may be of value to historians.",
        [("these records, left untouched, may be of value to historians", "noted", "Patel", "indirect")],
    ),
    "a subject of two pronouns the parse split from its clause": (
        "The mayor predicted that neither he nor the governor would attend the opening.",
        [("neither he nor the governor would attend the opening", "predicted", "The mayor", "indirect")],
    ),
    "a that-clause of a predicate the parse set beside the cue is not the cue's (and the cue has no other)": (
        "Pence went on to say he\u2019s \u201cconfident\u201d that once the elections are over, \u201cthese two men are "
        "going to do great things.\u201d",
        [],
    ),
    "a conjunct with its own subject and the reported clause's modal goes on with it": (
        "Police officials said officers will wear body cameras, and many will ride bikes.",
        [("officers will wear body cameras, and many will ride bikes", "said", "Police officials", "indirect")],
    ),
    "a conjunct with its own subject and a modal the reported clause lacks is the narrator's": (
        "The mayor said the bridge is safe, and inspectors will check it again in May.",
        [("the bridge is safe", "said", "The mayor", "indirect")],
    ),
    "an adverbial wh-clause after 'that' opens a statement, not a question": (
        "Okafor said that when the river rises, the ferry will not run.",
        [("when the river rises, the ferry will not run", "said", "Okafor", "indirect")],
    ),
    "a wh-clause as the subject of the reported clause opens a statement": (
        "Okafor said what the inspectors found was a crack.",
        [("what the inspectors found was a crack", "said", "Okafor", "indirect")],
    ),
    "a wh-word that opens the whole clause makes it an indirect question, no statement": (
        "The mayor would not say when the ferry would run.",
        [],
    ),
    "a cue's -ing form after a cue in -ing still reports on its own": (
        "The mayor was saying the bridge is safe and showing the inspection report to reporters.",
        [("the bridge is safe", "saying", "The mayor", "indirect")],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_coordinated_report(name):
    text, expected = CASES[name]
    assert rows(text) == expected
