"""The JSON-LD exports validated as linked data, offline: pyld expands them
against local copies of their contexts (tests/data/jsonld/: the schema.org
context of release 30.0 and the W3C Web Annotation context, anno.jsonld).

A term a context does not define would be silently dropped by a consumer;
these tests make such a term fail: the schema.org output must give the same
RDF with and without the context's catch-all ``@vocab``, and every term of
the Web Annotation output must be defined by anno.jsonld (which has no
``@vocab``).
"""

from __future__ import annotations

import copy
import json

import pytest
import story_fixtures as story
from export_cases import MAYOR, every_result, mayor

from claimtrack import export
from claimtrack.export import claimreview, webanno
from repo_paths import TESTS


jsonld = pytest.importorskip("pyld.jsonld")

DATA = TESTS / "data" / "jsonld"
SCHEMA_ORG = json.loads((DATA / "schemaorg-context-30.0.jsonld").read_text(encoding="utf-8"))
ANNO = json.loads((DATA / "anno.jsonld").read_text(encoding="utf-8"))
SCHEMA = "http://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA = "http://www.w3.org/ns/oa#"


def offline(documents: dict[str, dict]):
    """A pyld document loader that serves only the given contexts."""

    def load(url: str, options=None):
        if url not in documents:
            raise AssertionError(f"the export refers to a context that is not shipped: {url}")
        return {"contextUrl": None, "documentUrl": url, "document": documents[url]}

    return load


def without_vocab(context: dict) -> dict:
    strict = copy.deepcopy(context)
    del strict["@context"]["@vocab"]
    return strict


def quads(document: dict, loader) -> set[tuple[str, str, str]]:
    """The RDF statements of ``document`` as (subject, predicate, object) values."""
    dataset = jsonld.to_rdf(document, {"documentLoader": loader})
    return {
        (quad["subject"]["value"], quad["predicate"]["value"], quad["object"]["value"])
        for quad in dataset["@default"]
    }


def schema_org_quads(document: dict, strict: bool = False) -> set[tuple[str, str, str]]:
    context = without_vocab(SCHEMA_ORG) if strict else SCHEMA_ORG
    return quads(document, offline({claimreview.CONTEXT: context}))


def all_results():
    return story.story() + every_result(story.story())[3:] + [mayor(9, "person"), mayor(22, "government")]


def test_claimreview_uses_only_schema_org_terms():
    for result in all_results():
        document = json.loads(export.render([result], "claimreview"))
        statements = schema_org_quads(document)
        assert statements, "the export expands to nothing"
        assert schema_org_quads(document, strict=True) == statements
        for _, predicate, value in statements:
            assert predicate == RDF_TYPE or predicate.startswith(SCHEMA)
            if predicate == RDF_TYPE:
                assert value.removeprefix(SCHEMA) in SCHEMA_ORG["@context"], value


def test_a_misspelt_schema_org_term_fails_the_check():
    document = json.loads(export.render([mayor(9, "person")], "claimreview"))
    document["@graph"][0]["author"]["jobTitel"] = "mayor"
    assert schema_org_quads(document, strict=True) != schema_org_quads(document)


def test_claimreview_of_the_mayor_expands_to_a_person_with_a_job_title():
    document = json.loads(export.render([mayor(9, "person")], "claimreview"))
    statements = schema_org_quads(document)
    claim = f"urn:sha256:{mayor(9, 'person').document.sha256}#C1"
    (author,) = [value for subject, predicate, value in statements if (subject, predicate) == (claim, SCHEMA + "author")]
    assert {(predicate, value) for subject, predicate, value in statements if subject == author} == {
        (RDF_TYPE, SCHEMA + "Person"),
        (SCHEMA + "name", "Jonas Petit"),
        (SCHEMA + "jobTitle", "mayor"),
        (SCHEMA + "description", "person source"),
    }
    assert (claim, SCHEMA + "text", "the bridge was safe") in statements
    assert MAYOR.startswith("The mayor, Jonas Petit, said")


def anno_terms() -> set[str]:
    return {key for key in ANNO["@context"] if not key.startswith("@")}


def undefined_terms(value, terms: set[str], vocabulary_keys=("type", "motivation", "purpose")) -> set[str]:
    """Keys, and values of type-like keys, that anno.jsonld does not define
    (absolute IRIs such as urn:claimtrack:role:source are fine)."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= undefined_terms(item, terms, vocabulary_keys)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                continue
            if key not in terms:
                found.add(key)
            if key in vocabulary_keys:
                for name in item if isinstance(item, list) else [item]:
                    if name not in terms and ":" not in name:
                        found.add(f"{key}={name}")
            found |= undefined_terms(item, terms, vocabulary_keys)
    return found


def test_webanno_uses_only_web_annotation_terms():
    terms = anno_terms()
    for result in all_results():
        document = json.loads(export.render([result], "webanno"))
        assert undefined_terms(document, terms) == set()
        assert quads(document, offline({webanno.CONTEXT: ANNO}))


def test_a_misspelt_web_annotation_term_fails_the_check():
    document = json.loads(export.render([mayor(9, "person")], "webanno"))
    document["first"]["items"][0]["target"][0]["selector"][0]["type"] = "TextQuoteSelecter"
    document["first"]["items"][0]["bodyValue"] = "x"
    assert undefined_terms(document, anno_terms()) == {"type=TextQuoteSelecter"}


def test_webanno_of_the_mayor_expands_to_the_w3c_model():
    result = mayor(22, "government")
    document = json.loads(export.render([result], "webanno"))
    statements = quads(document, offline({webanno.CONTEXT: ANNO}))
    (annotation,) = [s for s, p, o in statements if (p, o) == (RDF_TYPE, OA + "Annotation")]
    assert (annotation, OA + "motivatedBy", OA + "describing") in statements
    targets = [o for s, p, o in statements if (s, p) == (annotation, OA + "hasTarget")]
    described = {}
    for target in targets:
        facts = {(p, o) for s, p, o in statements if s == target}
        assert (RDF_TYPE, OA + "SpecificResource") in facts
        assert (OA + "hasSource", f"urn:sha256:{result.document.sha256}") in facts
        (purpose,) = [o for p, o in facts if p == OA + "hasPurpose"]
        selectors = [o for p, o in facts if p == OA + "hasSelector"]
        kinds = {
            o.removeprefix(OA): s
            for s, p, o in statements
            if s in selectors and p == RDF_TYPE
        }
        assert set(kinds) == {"TextQuoteSelector", "TextPositionSelector"}
        (exact,) = [o for s, p, o in statements if (s, p) == (kinds["TextQuoteSelector"], OA + "exact")]
        (start,) = [o for s, p, o in statements if (s, p) == (kinds["TextPositionSelector"], OA + "start")]
        described[purpose.removeprefix(webanno.PURPOSE)] = (exact, start)
    assert described == {
        "source": ("The mayor, Jonas Petit", "0"),
        "cue": ("said", "24"),
        "content": ("the bridge was safe", "29"),
    }
