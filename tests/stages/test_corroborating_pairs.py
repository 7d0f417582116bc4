"""Corroboration pairs claims through an index (by content words, then by
source entity and alias groups), not by comparing every pair of claims: the
pairs it finds, on claims built by hand (no parse)."""

from __future__ import annotations

from claimtrack.model import Claim, ClaimSource, Content
from claimtrack.stages.confirmation.confirm import _corroborating_pairs
from claimtrack.stages.confirmation.vocabulary import Link

# (id, source entity, alias groups, parent, content words)
ROWS = [
    ("C1", "E1", frozenset(), None, {"troop", "kill", "drone"}),
    ("C2", "E2", frozenset(), None, {"troop", "kill", "drone"}),
    ("C3", "E1", frozenset(), None, {"troop", "kill", "drone"}),  # C1's source again
    ("C4", "E3", frozenset(), "C2", {"troop", "kill", "drone"}),  # reports C2
    ("C5", "E4", frozenset(), None, {"rain", "troop"}),  # one shared word: too few
    ("C6", "E5", frozenset({0}), None, {"troop", "kill"}),  # two of three words: enough
    ("C7", "E6", frozenset({0}), None, {"troop", "kill"}),  # same alias group as C6
]


def test_corroborating_pairs_skip_same_source_parent_and_alias_group():
    claims = [
        Claim(
            id=claim_id,
            kind="indirect",
            content=Content("x", 10 * number, 10 * number + 1),
            source=ClaimSource("y", 10 * number + 2, 10 * number + 3, entity=entity),
            parent=parent,
        )
        for number, (claim_id, entity, _, parent, _) in enumerate(ROWS)
    ]
    words_of = {claim_id: frozenset(words) for claim_id, _, _, _, words in ROWS}
    parties = {claim_id: groups for claim_id, _, groups, _, _ in ROWS}
    link = Link(min_shared=2, min_percent=50, of_larger=False)
    pairs = [(first.id, second.id) for first, second in _corroborating_pairs(claims, words_of, link, parties)]
    assert pairs == [
        ("C1", "C2"), ("C1", "C4"), ("C1", "C6"), ("C1", "C7"),
        ("C2", "C3"), ("C2", "C6"), ("C2", "C7"),
        ("C3", "C4"), ("C3", "C6"), ("C3", "C7"),
        ("C4", "C6"), ("C4", "C7"),
    ]


def test_corroborating_pairs_of_a_repeated_text_are_the_cross_source_twins():
    # Two sources saying the same thing, three times over: each claim pairs
    # with the other source's three claims, never with its own source's.
    claims = [
        Claim(
            id=f"C{number}",
            kind="indirect",
            content=Content("x", 10 * number, 10 * number + 1),
            source=ClaimSource("y", 10 * number + 2, 10 * number + 3, entity=f"E{number % 2}"),
        )
        for number in range(6)
    ]
    words_of = {claim.id: frozenset({"troop", "kill"}) for claim in claims}
    parties = {claim.id: frozenset[int]() for claim in claims}
    link = Link(min_shared=2, min_percent=50, of_larger=False)
    pairs = [(first.id, second.id) for first, second in _corroborating_pairs(claims, words_of, link, parties)]
    assert pairs == [
        ("C0", "C1"), ("C0", "C3"), ("C0", "C5"),
        ("C1", "C2"), ("C1", "C4"),
        ("C2", "C3"), ("C2", "C5"),
        ("C3", "C4"),
        ("C4", "C5"),
    ]
