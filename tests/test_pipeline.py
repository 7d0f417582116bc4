"""The pipeline as a whole: claims from every stage share one numbering."""

import claimtrack


def test_unsourced_and_attributed_claims_are_numbered_in_document_order():
    text = "The ship was reportedly carrying fuel. The captain said the cargo was safe."
    result = claimtrack.extract(text)
    assert [(c.id, c.content.text, c.source.text if c.source else None) for c in result.claims] == [
        ("C1", "The ship was reportedly carrying fuel", None),
        ("C2", "the cargo was safe", "The captain"),
    ]


def test_nested_claims_keep_their_parent_after_numbering():
    text = "The ship was reportedly carrying fuel. AFP reports that videos on a Telegram channel showed a burning truck."
    result = claimtrack.extract(text)
    assert [(c.id, c.cue.text if c.cue else None, c.parent) for c in result.claims] == [
        ("C1", None, None),
        ("C2", "reports that", None),
        ("C3", "showed", "C2"),
    ]
