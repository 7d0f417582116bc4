"""Source mentions in real news constructions (issue 11): each class of
source error seen on news text, with an invented sentence and the exact
claims expected, through the whole pipeline.

Rows are (content, cue, source, kind); an empty list means no claim.
"""

from __future__ import annotations

import pytest

from claim_rows import rows

CASES = {
    # the parse made something that names no one the cue's subject
    "a sentence adverb the tagger took for a name": (
        "Still, Nora Pike, an aide to the governor, said on Friday that the budget would pass.",
        [("the budget would pass", "said", "Nora Pike", "indirect")],
    ),
    "a time phrase labelled as a second subject": (
        "Council Ranking Member Lena Ortiz (D-N.M.) last week said the budget was not balanced.",
        [("the budget was not balanced", "said", "Council Ranking Member Lena Ortiz", "indirect")],
    ),
    "a time phrase after a participle labelled as the subject": (
        "A new union video released Thursday accuses the mayor of lying.",
        [("the mayor of lying", "accuses", "A new union video", "indirect")],
    ),
    "a participle before a time phrase leaves the mention with it": (
        "A bank survey published Monday shows that prices are rising.",
        [("prices are rising", "shows", "A bank survey", "indirect")],
    ),
    "a dateline in capitals before the subject": (
        "DENVER \u2014 Rep. Omar Vance (D-Colo.) defended the bill, saying the costs would fall.",
        [("the costs would fall", "saying", "Rep. Omar Vance", "indirect")],
    ),
    # one name split by the parse
    "a title and a name parsed as two subjects": (
        "Sen. Jack Marlow (D-Vt.), said on Monday that the bill would pass.",
        [("the bill would pass", "said", "Sen. Jack Marlow", "indirect")],
    ),
    "a hyphenated surname after an inverted cue": (
        '"The deal is dead," said Ines Korr-Baptiste, director of the trade council.',
        [("The deal is dead", "said", "Ines Korr-Baptiste", "direct")],
    ),
    # inversion
    "a subject with an apposition before the cue is not inverted": (
        "The firm's lawyer, Ada Brook, calls the lawsuit \"a stunt\" for publicity.",
        [('the lawsuit "a stunt" for publicity', "calls", "The firm's lawyer", "mixed")],
    ),
    "a subject with a list after 'including' is not inverted": (
        "Several city leaders, including Ana Ruiz and Tom Vale, criticized the deal.",
        [("the deal", "criticized", "Several city leaders", "indirect")],
    ),
    "a complement that opens with a quoted clause is no inverted source": (
        'Rosa Linde, who led the council for a decade, said the budget "will not survive the winter."',
        [('the budget "will not survive the winter."', "said", "Rosa Linde", "mixed")],
    ),
    "an inverted source with a relative clause": (
        '"Nonsense," wrote a reader who follows the case.',
        [("Nonsense", "wrote", "a reader", "direct")],
    ),
    # passives: the subject is told or accused, it does not speak
    "the subject of a passive cue is no source": (
        "The mayor was told that the bridge had failed.",
        [("the bridge had failed", "told", None, "indirect")],
    ),
    # participle clauses
    "a participle the parse hung inside a relative clause": (
        (
            "The minister presented the reform as a means to train nurses who serve as the backbone "
            "of rural clinics, noting that the cost was modest."
        ),
        [("the cost was modest", "noting", "The minister", "indirect")],
    ),
    "a second participle the parse hung inside the first one's content": (
        (
            "The tenants' group pressed its case against the landlord, saying the repairs are overdue "
            "but suggesting that the rent is fair."
        ),
        [
            ("the repairs are overdue", "saying", "The tenants' group", "indirect"),
            ("the rent is fair", "suggesting", "The tenants' group", "indirect"),
        ],
    ),
    # 'according to' a document described at length
    "according to a document with its 'of' and participle phrases, at the end": (
        "Turnout rose by ten points, according to early counts of ballots collected by the county clerk.",
        [
            (
                "Turnout rose by ten points",
                "according to",
                "early counts of ballots collected by the county clerk",
                "indirect",
            )
        ],
    ),
    "according to a document with its 'of' and participle phrases, up to a comma": (
        "According to a survey of 500 farmers released on Monday by the grain board, prices will fall.",
        [
            (
                "prices will fall",
                "According to",
                "a survey of 500 farmers released on Monday by the grain board",
                "indirect",
            )
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_source_span(name):
    text, expected = CASES[name]
    assert rows(text) == expected
