"""The contract of issue 20: each claim's ``act``, ``source.phrase`` and
``continues``, read back by ``Result.from_dict``, filtered by ``with_acts``,
and described by the shipped JSON schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from claimtrack.errors import ResultError
from claimtrack.model import (
    ACTS,
    CHECKABLE_ACTS,
    Claim,
    ClaimSource,
    Content,
    Cue,
    DocumentInfo,
    Result,
    SourceEntity,
    Span,
)
from claimtrack.ruleset import schema as rule_schema

TEXT = (
    "'We have waited ten years for this,' the governor, a Democrat, said. "
    "'The road will be finished by May.' She urged voters to register."
)


def _span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(needle, start, start + len(needle))


def _content(needle: str) -> Content:
    span = _span(needle)
    return Content(span.text, span.start, span.end)


def _claims_result() -> Result:
    governor = _span("the governor")
    phrase = _span("the governor, a Democrat")
    source = ClaimSource(governor.text, governor.start, governor.end, entity="S1", name="the governor", type="government", phrase=phrase)
    said = _span("said")
    cue = Cue("said", said.start, said.end, "say", "neutral")
    urged = _span("urged")
    she = _span("She")
    return Result(
        text=TEXT,
        claimtrack_version="0.1.0",
        document=DocumentInfo.for_text(TEXT, "acts"),
        sources=[
            SourceEntity("S1", "the governor", "government", mentions=[governor, she]),
        ],
        claims=[
            Claim("C1", "direct", _content("We have waited ten years for this"), cue=cue, source=source),
            Claim("C2", "direct", _content("The road will be finished by May."), cue=cue, source=source, continues="C1"),
            Claim(
                "C3", "indirect", _content("voters to register"), act="directive",
                cue=Cue("urged", urged.start, urged.end, "urge", "speech_act"),
                source=ClaimSource("She", she.start, she.end, entity="S1", name="the governor", phrase=she),
            ),
        ],
    )


def _schema() -> dict:
    return json.loads(resources.files("claimtrack").joinpath("data/result.schema.json").read_text("utf-8"))


def test_the_acts_are_the_five_of_the_issue_and_the_rule_schema_names_the_same():
    assert ACTS == ("statement", "belief", "intention", "directive", "question")
    assert rule_schema.ACTS == ACTS
    assert CHECKABLE_ACTS == ("statement", "belief")
    assert tuple(_schema()["$defs"]["claim"]["properties"]["act"]["enum"]) == ACTS


def test_act_phrase_and_continues_are_written_and_read_back():
    result = _claims_result()
    data = result.to_dict()

    assert data["claims"][0]["act"] == "statement"
    assert data["claims"][0]["source"]["phrase"] == {"text": "the governor, a Democrat", "start": 37, "end": 61}
    assert "continues" not in data["claims"][0]
    assert data["claims"][1]["continues"] == "C1"
    assert data["claims"][2]["act"] == "directive"
    assert Result.from_dict(data, TEXT) == result


def test_a_result_of_an_older_version_reads_back_as_statements_without_phrases():
    data = _claims_result().to_dict()
    for claim in data["claims"]:
        del claim["act"]
        claim.pop("continues", None)
        del claim["source"]["phrase"]

    back = Result.from_dict(data)

    assert [claim.act for claim in back.claims] == ["statement", "statement", "statement"]
    assert [claim.source.phrase for claim in back.claims] == [None, None, None]
    assert [claim.continues for claim in back.claims] == [None, None, None]


def test_an_unknown_act_is_refused_with_the_field_path():
    data = _claims_result().to_dict()
    data["claims"][2]["act"] = "wish"

    with pytest.raises(ResultError) as error:
        Result.from_dict(data)

    assert str(error.value) == "claims[2]: unknown act 'wish' (one of statement, belief, intention, directive, question)"


def test_with_acts_keeps_the_ids_and_the_sources_of_the_kept_claims():
    result = _claims_result()

    directives = result.with_acts(["directive"])
    statements = result.with_acts(["statement", "belief"])

    assert [claim.id for claim in directives.claims] == ["C3"]
    assert [source.entity for source in directives.sources] == ["S1"]
    assert [(claim.id, claim.continues) for claim in statements.claims] == [("C1", None), ("C2", "C1")]
    assert result.with_acts(["question"]).claims == ()
    assert result.with_acts(["question"]).sources == ()


def test_with_acts_drops_a_continues_link_to_a_claim_left_out():
    result = _claims_result()
    claims = list(result.claims)
    claims[0] = Claim(claims[0].id, claims[0].kind, claims[0].content, act="belief", cue=claims[0].cue, source=claims[0].source)
    mixed = Result(text=TEXT, claimtrack_version="0.1.0", document=result.document, sources=result.sources, claims=claims)

    kept = mixed.with_acts(["statement"])

    assert [(claim.id, claim.continues) for claim in kept.claims] == [("C2", None)]


def test_with_acts_names_an_unknown_act():
    with pytest.raises(ValueError) as error:
        _claims_result().with_acts(["statement", "opinion"])

    assert str(error.value) == "unknown act 'opinion' (one of statement, belief, intention, directive, question)"


def test_the_json_schema_accepts_the_contract_and_refuses_an_unknown_act():
    schema = _schema()
    data = json.loads(json.dumps(_claims_result().to_dict()))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)

    data["claims"][0]["act"] = "wish"
    with pytest.raises(jsonschema.ValidationError) as error:
        jsonschema.validate(data, schema)
    assert error.value.message == "'wish' is not one of ['statement', 'belief', 'intention', 'directive', 'question']"


# ---------------------------------------------------------------- exports about checkable claims


def test_claimreview_writes_the_statements_and_leaves_out_the_directive():
    from claimtrack import export

    graph = json.loads(export.render([_claims_result()], "claimreview"))["@graph"]

    assert [item["text"] for item in graph] == ["We have waited ten years for this", "The road will be finished by May."]


def test_the_tracker_groups_only_statements_and_beliefs_but_keeps_the_whole_result(tmp_path):
    from claimtrack.tracker.store import Tracker

    with Tracker(tmp_path / "acts.db") as tracker:
        added = tracker.add_result(_claims_result(), date="2026-03-02")
        labels = [group.label for group in tracker.groups()]
        (article,) = tracker.articles()

    assert added.claims == 2
    assert labels == ["We have waited ten years for this", "The road will be finished by May."]
    assert [claim.act for claim in article.result.claims] == ["statement", "statement", "directive"]
