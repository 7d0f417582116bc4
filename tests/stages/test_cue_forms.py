"""Cue entries list surface forms as well as lemmas, and explain reports a
verb that narrowly misses a cue (issue 23, point 4)."""

from __future__ import annotations

import pytest

import claimtrack

# "vlogged": the lemmatizer writes 'vlogge', and the lexicon that repairs
# made-up lemmas ("averred" -> 'averr' -> 'aver') does not know the verb.
TEXT = "The minister vlogged that the bridge was safe."
VLOG = """\
verbs:
  - id: test.verb.vlog
    lemma: vlog
    class: neutral
"""


@pytest.fixture()
def overlay(tmp_path):
    def make(extra: str = "") -> str:
        folder = tmp_path / "rules"
        folder.mkdir(exist_ok=True)
        (folder / "cues.yaml").write_text(VLOG + extra, encoding="utf-8")
        return str(folder)
    return make


def test_the_lemmatiser_gives_vlogge_so_the_lemma_alone_finds_nothing_and_explain_says_why(overlay, compact_parser):
    rules = overlay()
    result = claimtrack.extract(TEXT, rules=rules, parser=compact_parser)
    assert result.claims == ()
    assert [(d.cue.text, d.reason, d.rule) for d in result.diagnostics] == [(
        "vlogged",
        "vlogged: lemma 'vlogge' is no cue; its form matches cue 'vlog' (add forms: [vlogged] to that entry to count it)",
        "test.verb.vlog",
    )]
    assert "  'vlogged' (test.verb.vlog, " in claimtrack.explain(result, rules)


def test_a_form_listed_on_the_entry_makes_the_cue_fire(overlay, compact_parser):
    result = claimtrack.extract(TEXT, rules=overlay("    forms: [vlogged, vlogs]\n"), parser=compact_parser)
    assert [(c.cue.text, c.cue.lemma, c.source.text, c.content.text, c.rules) for c in result.claims] == [
        ("vlogged", "vlog", "The minister", "the bridge was safe", ("test.verb.vlog", "pattern.verb_complement"))
    ]
    assert result.diagnostics == ()


def test_a_verb_whose_lemma_is_a_cue_is_no_near_miss(compact_parser):
    result = claimtrack.extract("The minister said that the bridge was safe.", parser=compact_parser)
    assert (len(result.claims), result.diagnostics) == (1, ())


def test_a_misspelt_lemma_the_lexicon_repairs_needs_no_form(compact_parser):
    result = claimtrack.extract("The minister averred that the bridge was safe.", parser=compact_parser)
    assert [(c.cue.text, c.cue.lemma, c.source.text, c.content.text, c.rules) for c in result.claims] == [
        ("averred", "aver", "The minister", "the bridge was safe", ("cue.verb.aver", "pattern.verb_complement"))
    ]
    assert result.diagnostics == ()
