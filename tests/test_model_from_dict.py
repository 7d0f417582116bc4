"""``Result.from_dict``: the output contract read back, the inverse of ``to_dict``.

Round trips run on the seed article, every text under examples/ and
hand-built results; bad input gives one ResultError naming the field path.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
import story_fixtures as story

import claimtrack
from claimtrack import model, tracked
from claimtrack.errors import ClaimtrackError, ResultError
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
    SourceEntity,
    Span,
)

REPO = Path(__file__).resolve().parent.parent
TEXTS = [REPO / "seeds" / "baghdad_drone_strike.txt", *sorted((REPO / "examples").rglob("*.txt"))]


def through_json(data: dict) -> dict:
    """``data`` as a reader of the JSON output gets it back."""
    return json.loads(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_extracted_results_round_trip_exactly(path):
    result = claimtrack.extract_file(path)
    data = through_json(result.to_dict())

    assert Result.from_dict(data).to_dict() == data
    # With its text given back, the result is the one extracted, less the
    # diagnostics that the JSON leaves out.
    assert Result.from_dict(data, result.text) == attrs.evolve(
        result, diagnostics=(), claimtrack_version=data["claimtrack_version"]
    )


def test_the_round_trip_covers_the_seed_and_the_story_articles():
    assert TEXTS[0].name == "baghdad_drone_strike.txt"
    assert {path.name for path in TEXTS[1:]} >= {
        "2026-03-02-harbour-courier.txt",
        "2026-03-03-daily-ledger.txt",
        "2026-03-05-velmor-times.txt",
    }


@pytest.mark.parametrize("article", story.story(), ids=lambda article: article.result.document.id)
def test_hand_built_story_results_come_back_equal(article):
    result = article.result
    assert Result.from_dict(through_json(result.to_dict()), result.text) == attrs.evolve(
        result, claimtrack_version=claimtrack.__version__
    )


# Every optional part of the model set, including the fields that to_dict
# leaves out when they are None, false or empty.
TEXT = 'Officials said on Friday that "it may be over," Mara Quist, the mayor, told AFP.'
FULL = Result(
    text=TEXT,
    document=DocumentInfo(
        id="full",
        length=len(TEXT),
        sha256="0" * 64,
        provenance=(Span("AFP", 76, 79),),
        metadata={"title": "Over", "tags": ["a", "b"], "date": "2026-03-02"},
    ),
    sources=(
        SourceEntity(
            entity="S1",
            name="Mara Quist",
            type="government",
            anonymous=True,
            anonymity_cues=(Span("Officials", 0, 9),),
            mentions=(Span("Mara Quist", 48, 58), Span("the mayor", 60, 69)),
        ),
    ),
    claims=(
        Claim(
            id="C1",
            kind="mixed",
            content=Content("it may be over", 31, 45, parts=(Part(31, 45),)),
            cue=Cue("told", 71, 75, lemma="tell", cls="neutral"),
            source=ClaimSource("Mara Quist", 48, 58, entity="S1", name="Mara Quist", type="government"),
            hedged=True,
            hedges=(Hedge("may", 34, 37, cls="modal", rule="hedge.modal.may"), Hedge("may", 34, 37, cls="modal")),
            confirmation=Confirmation("confirmed", (Evidence("AFP", 76, 79, rule="confirm.agency"),)),
            parent="C2",
            rules=("cue.verb.tell", "pattern.quote_then_verb"),
            heading=True,
        ),
        Claim(id="C2", kind="indirect", content=Content("on Friday", 15, 24)),
    ),
    claimtrack_version="9.9.9",
    diagnostics=(Diagnostic(cue=Span("said", 10, 14), sentence=Span(TEXT, 0, len(TEXT)), reason="no content"),),
)


def test_a_result_with_every_field_set_comes_back_equal_but_for_the_diagnostics():
    assert Result.from_dict(through_json(FULL.to_dict()), TEXT) == attrs.evolve(FULL, diagnostics=())


def test_json_names_are_read_and_omitted_fields_get_their_defaults():
    data = {
        "claimtrack_version": "0.1.0",
        "document": {"id": "d", "length": 20, "sha256": "abc"},
        "sources": [],
        "claims": [
            {
                "id": "C1",
                "kind": "direct",
                "content": {"text": "Over", "start": 1, "end": 5, "parts": []},
                "act": "statement",
                "cue": {"text": "said", "start": 7, "end": 11, "lemma": "say", "class": "neutral"},
                "source": None,
                "hedged": True,
                "hedges": [{"text": "may", "start": 12, "end": 15, "class": "modal"}],
                "confirmation": {"status": "unconfirmed", "evidence": []},
                "parent": None,
                "rules": ["cue.verb.say"],
            }
        ],
    }
    assert Result.from_dict(data) == Result(
        text="",
        document=DocumentInfo(id="d", length=20, sha256="abc", provenance=(), metadata={}),
        claims=(
            Claim(
                id="C1",
                kind="direct",
                content=Content("Over", 1, 5),
                act="statement",
                cue=Cue("said", 7, 11, lemma="say", cls="neutral"),
                hedged=True,
                hedges=(Hedge("may", 12, 15, cls="modal", rule=None),),
                rules=("cue.verb.say",),
                heading=False,
            ),
        ),
        claimtrack_version="0.1.0",
    )
    assert Result.from_dict(data).to_dict() == data


def test_keys_the_model_does_not_know_are_skipped():
    data = {"document": {"id": "d", "length": 0, "sha256": "abc", "added_later": 1}, "added_later": [1]}
    assert Result.from_dict(data) == Result(text="", document=DocumentInfo("d", 0, "abc"))


def test_every_field_omitted_from_the_json_has_the_omitted_value_as_default():
    """to_dict leaves a field out when it is None, false or empty (its
    metadata says which); from_dict fills it with its default, which must be
    that same value, else the round trip would change the result."""
    omissions = []
    classes = {value for module in (model, tracked) for value in vars(module).values() if isinstance(value, type)}
    for cls in [value for value in classes if attrs.has(value)]:
        for field in attrs.fields(cls):
            for key in ("json_omit_none", "json_omit_false", "json_omit_empty"):
                if field.metadata.get(key):
                    default = field.default.factory() if isinstance(field.default, attrs.Factory) else field.default
                    omissions.append((f"{cls.__name__}.{field.name}", key, default))
    assert sorted(omissions, key=str) == [
        ("Appearance.fact_checks", "json_omit_empty", ()),
        ("Claim.continues", "json_omit_none", None),
        ("Claim.fact_checks", "json_omit_empty", ()),
        ("Claim.heading", "json_omit_false", False),
        ("Claim.sentence", "json_omit_none", None),
        ("ClaimSource.phrase", "json_omit_none", None),
        ("DocumentInfo.metadata", "json_omit_empty", {}),
        ("DocumentInfo.provenance", "json_omit_empty", ()),
        ("Hedge.rule", "json_omit_none", None),
        ("Result.document_evidence", "json_omit_empty", ()),
    ]


DOCUMENT = {"id": "d", "length": 20, "sha256": "abc"}
CONTENT = {"text": "Over", "start": 1, "end": 5}


def with_claim(**fields) -> dict:
    return {"document": DOCUMENT, "claims": [{"id": "C1", "kind": "direct", "content": CONTENT, **fields}]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top level: expected an object, got []"),
        ({}, "document: missing"),
        ({"document": {"id": "d", "length": 20}}, "document.sha256: missing"),
        ({"document": {**DOCUMENT, "length": "20"}}, 'document.length: expected an integer, got "20"'),
        ({"document": {**DOCUMENT, "length": 20.0}}, "document.length: expected an integer, got 20.0"),
        ({"document": {**DOCUMENT, "id": None}}, "document.id: expected a string, got null"),
        ({"document": {**DOCUMENT, "metadata": ["title"]}}, 'document.metadata: expected an object, got ["title"]'),
        ({"document": DOCUMENT, "claims": {"C1": {}}}, 'claims: expected a list, got {"C1": {}}'),
        ({"document": DOCUMENT, "claims": ["C1"]}, 'claims[0]: expected an object, got "C1"'),
        (with_claim(content=None), "claims[0].content: expected an object, got null"),
        (with_claim(content={**CONTENT, "start": True}), "claims[0].content.start: expected an integer, got true"),
        (with_claim(hedged="no"), 'claims[0].hedged: expected true or false, got "no"'),
        (with_claim(cue={"text": "said", "start": 7, "end": 11, "lemma": "say"}), "claims[0].cue.class: missing"),
        (with_claim(rules=["a", 2]), "claims[0].rules[1]: expected a string, got 2"),
        (with_claim(content={**CONTENT, "start": 9}), "claims[0].content: end (5) is before start (9)"),
        (with_claim(content={**CONTENT, "start": -1}), "claims[0].content: start must be >= 0, got -1"),
        (with_claim(kind="quoted"), "claims[0]: unknown claim kind 'quoted'"),
        # Any status name is one (the rule set declares them; an overlay may add one), an empty one is not.
        (
            with_claim(confirmation={"status": " "}),
            "claims[0].confirmation: a confirmation status must be a name, got ' '",
        ),
        (
            with_claim(source={"text": "x" * 60, "start": 0, "end": "60"}),
            'claims[0].source.end: expected an integer, got "60"',
        ),
        # A long value is cut to 37 characters and "...".
        (with_claim(parent=["C" * 50]), 'claims[0].parent: expected a string, got ["' + "C" * 35 + "..."),
    ],
)
def test_bad_input_is_one_result_error_naming_the_field_path(data, message):
    with pytest.raises(ResultError) as raised:
        Result.from_dict(data)
    assert str(raised.value) == message
    assert isinstance(raised.value, ClaimtrackError)
