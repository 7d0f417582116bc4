"""The pipeline as a whole: claims from every stage share one numbering."""

import pytest

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
        ("C2", "reports", None),
        ("C3", "showed", "C2"),
    ]


def test_a_cut_the_parser_made_becomes_a_diagnostic_that_explain_shows():
    import attrs

    from claimtrack.export.explain import explain
    from claimtrack.parsing.parser import default_parser
    from claimtrack.pipeline import extract_parsed

    text = "The captain said the cargo was safe."
    (parsed,) = default_parser().parse_many([text])
    cut = attrs.evolve(parsed, notes=((4, 36, "a sentence of 250 tokens was parsed in 2 pieces of at most 200 tokens"),))
    result = extract_parsed(cut)
    assert [(d.cue.text, d.sentence.text, d.reason, d.rule) for d in result.diagnostics] == [
        (
            "captain",
            "captain said the cargo was safe.",
            "a sentence of 250 tokens was parsed in 2 pieces of at most 200 tokens",
            None,
        )
    ]
    assert [c.content.text for c in result.claims] == ["the cargo was safe"]
    assert explain(result).splitlines()[-3:] == [
        "No claim from these cue words:",
        "  'captain': a sentence of 250 tokens was parsed in 2 pieces of at most 200 tokens",
        "    in: captain said the cargo was safe.",
    ]


@pytest.mark.slow
def test_extract_on_a_cache_hit_imports_neither_stanza_nor_torch():
    import subprocess
    import sys

    text = "The captain said the cargo was safe."
    claimtrack.extract(text)  # now in the parse cache
    program = (
        "import sys, claimtrack\n"
        f"result = claimtrack.extract({text!r})\n"
        "print(len(result.claims), 'torch' in sys.modules, 'stanza' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "False", "False"]
