"""claimtrack.explain(result): each claim's sentence marked up, the rules that fired with
their file:line, and why cue words gave no claim. Hand-built results, except
one end-to-end sentence."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.export.explain import explain, mark, sentence_around
from claimtrack.model import (
    Claim,
    ClaimSource,
    Confirmation,
    Content,
    Cue,
    Diagnostic,
    DocumentInfo,
    Evidence,
    Hedge,
    Part,
    Result,
    Span,
)
from claimtrack.ruleset.loader import load_rules

TEXT = (
    "Officials met on Monday. The minister said that the bridge may close. "
    "The army did not respond.\n"
    '"We are ready," the commander said, "and we will not wait."\n'
    "The talks were said to be over."
)


def at(piece: str, start: int = 0) -> tuple[int, int]:
    begin = TEXT.index(piece, start)
    return begin, begin + len(piece)


def span(piece: str, start: int = 0) -> Span:
    return Span(piece, *at(piece, start))


@pytest.fixture()
def rules(tmp_path: Path):
    (tmp_path / "cues.yaml").write_text(
        "classes:\n  - {id: cue.class.neutral, name: neutral}\n"
        "verbs:\n  - {id: cue.verb.say, lemma: say, class: neutral}\n",
        encoding="utf-8",
    )
    (tmp_path / "hedges.yaml").write_text(
        "classes:\n  - {id: hedge.class.modal, name: modal}\n"
        "cues:\n  - {id: hedge.modal.possibility, class: modal, words: [may]}\n",
        encoding="utf-8",
    )
    return load_rules([tmp_path], defaults=False)


def result() -> Result:
    minister = Claim(
        id="C1",
        kind="indirect",
        content=Content("the bridge may close", *at("the bridge may close")),
        cue=Cue("said", *at("said"), lemma="say", cls="neutral"),
        source=ClaimSource("The minister", *at("The minister"), entity="S1", name="Ana Ruiz", type="government"),
        hedged=True,
        hedges=(Hedge("may", *at("may"), cls="modal", rule="hedge.modal.possibility"),),
        confirmation=Confirmation("no_response", (Evidence("The army did not respond", *at("The army did not respond"), rule="confirmation.no_response.did_not_respond"),)),
        rules=("cue.verb.say", "pattern.verb_complement"),
    )
    first, second = at("We are ready"), at("and we will not wait")
    commander = Claim(
        id="C2",
        kind="direct",
        content=Content(TEXT[first[0] : second[1]], first[0], second[1], (Part(*first), Part(*second))),
        cue=Cue("said", *at("said", first[0]), lemma="say", cls="neutral"),
        source=ClaimSource("the commander", *at("the commander"), entity="S2", name="the commander", type="military"),
        rules=("cue.verb.say", "pattern.split_quote"),
    )
    why_not = Diagnostic(
        cue=span("said", at("The talks")[0]),
        sentence=span("The talks were said to be over."),
        reason="cue 'said' is passive with no agent",
        rule="cue.verb.say",
    )
    return Result(text=TEXT, document=DocumentInfo.for_text(TEXT, "t"), claims=(minister, commander), diagnostics=(why_not,))


def test_explain_marks_each_claim_and_names_its_rules(rules, tmp_path):
    cues, hedges = tmp_path / "cues.yaml", tmp_path / "hedges.yaml"
    assert explain(result(), rules) == textwrap.dedent(
        f"""\
        C1 indirect: cue 'said' (neutral), source 'The minister' = 'Ana Ruiz' (government), hedged, no_response
          [SOURCE The minister] <CUE said> that {{CONTENT the bridge may close}}.
          hedge 'may' (modal)
          no_response by 'The army did not respond'
          rules:
            cue.verb.say                              {cues}:4:5
            pattern.verb_complement                   (engine pattern)
            hedge.modal.possibility                   {hedges}:4:5
            confirmation.no_response.did_not_respond  (not in these rules)

        C2 direct: cue 'said' (neutral), source 'the commander' (military), unconfirmed
          "{{CONTENT We are ready}}," [SOURCE the commander] <CUE said>, "{{CONTENT and we will not wait}}."
          rules:
            cue.verb.say         {cues}:4:5
            pattern.split_quote  (engine pattern)

        No claim from these cue words:
          'said' (cue.verb.say, {cues}:4:5): cue 'said' is passive with no agent
            in: The talks were said to be over.
        """
    )


def test_the_package_exports_explain(rules):
    import claimtrack

    assert claimtrack.explain(result(), rules) == explain(result(), rules)


def test_a_result_without_claims(rules):
    empty = Result(text="Nothing here.", document=DocumentInfo.for_text("Nothing here.", "t"))
    assert explain(empty, rules) == "No claims found.\n"


def test_a_disabled_rule_is_named_as_such(tmp_path, rules):
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "hedges.yaml").write_text("disable: [hedge.modal.possibility]\n", encoding="utf-8")
    ruleset = load_rules([tmp_path, overlay], defaults=False)
    assert "    hedge.modal.possibility                   (disabled)\n" in explain(result(), ruleset)


@pytest.mark.parametrize(
    "spans, expected",
    [
        ([(0, 3, "SOURCE"), (4, 8, "CUE")], "[SOURCE She] <CUE said> it rained."),
        ([(9, 18, "CONTENT"), (12, 18, "SOURCE")], "She said {CONTENT it [SOURCE rained]}."),
        ([(0, 18, "CONTENT"), (0, 3, "SOURCE")], "{CONTENT [SOURCE She] said it rained}."),
        ([(4, 8, "CUE"), (8, 8, "SOURCE")], "She <CUE said> it rained."),
    ],
)
def test_mark_nests_spans(spans, expected):
    assert mark("She said it rained.", 0, 19, spans) == expected


@given(
    st.text(alphabet="ab .", max_size=30).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.tuples(st.integers(0, len(text)), st.integers(0, len(text)), st.sampled_from(["SOURCE", "CUE", "CONTENT"])),
                max_size=4,
            ),
        )
    )
)
def test_mark_only_adds_markers(case):
    text, spans = case
    marked = mark(text, 0, len(text), [(min(a, b), max(a, b), label) for a, b, label in spans])
    for token in ("[SOURCE ", "<CUE ", "{CONTENT ", "]", ">", "}"):
        marked = marked.replace(token, "")
    assert marked == text


@pytest.mark.parametrize(
    "piece, sentence",
    [
        ("bridge", "The minister said that the bridge may close."),
        ("Officials", "Officials met on Monday."),
        ("commander", '"We are ready," the commander said, "and we will not wait."'),
        ("talks", "The talks were said to be over."),
    ],
)
def test_sentence_around(piece, sentence):
    start, end = sentence_around(TEXT, *at(piece))
    assert TEXT[start:end] == sentence


def test_explain_of_a_parsed_sentence():
    from claimtrack import extract

    text = "The minister said that the bridge was closed."
    report = explain(extract(text))
    assert report.splitlines()[1] == "  [SOURCE The minister] <CUE said> that {CONTENT the bridge was closed}."
