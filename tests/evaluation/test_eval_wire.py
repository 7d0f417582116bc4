"""``claimtrack eval --format wire``: hand-annotated articles scored for source
type, entity sharing and confirmation status (claimtrack/evaluation/wire.py)."""

from __future__ import annotations

import pytest
from repo_paths import TEST_DATA

from claimtrack.evaluation import EvalError
from claimtrack.evaluation.wire import evaluate_wire, format_wire_report
from claimtrack.evaluation.wire_gold import load_wire
from claimtrack.ruleset.loader import default_rules

STATUSES = default_rules().names("confirmation", "statuses")

ARTICLE = (
    "Orla Finch, a hydrologist at Tarn University, said the dam was leaking. "
    "Finch said the leak had grown. The dam operator denied that its dam was leaking."
)


def write(folder, annotation: str, text: str = ARTICLE) -> None:
    (folder / "dam.txt").write_text(text, encoding="utf-8")
    (folder / "dam.yaml").write_text(annotation, encoding="utf-8")


GOLD = """\
article: dam.txt
claims:
  - {cue: said, content: "the dam was leaking", entity: finch, type: expert, status: denied, evidence: [denied]}
  - {cue: said, content: "the leak had grown", mention: Finch, entity: finch, type: expert, status: unconfirmed}
  - {cue: denied, content: "its dam was leaking", entity: operator, type: organization, status: denied}
"""


def test_per_attribute_accuracy_over_the_claims_found(tmp_path):
    write(tmp_path, GOLD)
    summary = evaluate_wire(tmp_path).summary()
    assert summary["claims"] == {"gold": 3, "matched": 3, "recall": 1.0}
    assert {name: summary[name] for name in ("type", "coreference", "later_mentions", "confirmation", "evidence", "mention")} == {
        "type": {"accuracy": 1.0, "n": 3},
        "coreference": {"accuracy": 1.0, "n": 3},
        "later_mentions": {"accuracy": 1.0, "n": 1},
        "confirmation": {"accuracy": 1.0, "n": 3},
        "evidence": {"accuracy": 1.0, "n": 1},
        "mention": {"accuracy": 1.0, "n": 1},
    }


def test_a_wrong_annotation_counts_against_the_attribute(tmp_path):
    write(tmp_path, GOLD.replace("entity: operator, type: organization", "entity: finch, type: government"))
    summary = evaluate_wire(tmp_path).summary()
    assert (summary["type"], summary["coreference"]) == (
        {"accuracy": 0.6667, "n": 3},
        {"accuracy": 0.6667, "n": 3},
    )
    assert format_wire_report(evaluate_wire(tmp_path)).splitlines()[0] == "1 articles, 3 gold claims, 3 matched (recall 1.0)"


@pytest.mark.parametrize(
    "annotation, message",
    [
        ("article: dam.txt\nclaims:\n  - {cue: said, content: nowhere, entity: a, type: expert, status: unconfirmed}\n",
         "dam.yaml:3:26: content 'nowhere' is not in the article"),
        ("article: dam.txt\nclaims:\n  - {cue: said, content: the leak, entity: a, type: expert, status: sure}\n",
         "dam.yaml:3:69: unknown status 'sure' (one of denied, disputed, confirmed, corroborated, unverified, no_response, unconfirmed)"),
        ("article: dam.txt\nclaims:\n  - {cue: said, content: the leak, type: expert, status: denied}\n",
         "dam.yaml:3:5: claim has no 'entity'"),
        ("article: dam.txt\nclaims: [\n", "dam.yaml:3:1: invalid YAML: expected the node content, but found '<stream end>'"),
    ],
)
def test_a_bad_annotation_is_one_line_naming_file_and_line(tmp_path, annotation, message):
    write(tmp_path, annotation)
    with pytest.raises(EvalError) as raised:
        load_wire(tmp_path, STATUSES)
    assert str(raised.value) == f"{tmp_path / 'dam.yaml'}".removesuffix("dam.yaml") + message


def test_the_shipped_articles_load():
    articles = load_wire(TEST_DATA / "wire", STATUSES)
    assert (len(articles), sum(len(article.claims) for article in articles)) == (12, 129)
