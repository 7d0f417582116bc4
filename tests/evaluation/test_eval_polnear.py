"""`claimtrack eval --format polnear`: reading PolNeAR's brat files, the
statement-like subset, and scoring.

The corpus (tests/invented_corpus.py, written to a temporary folder) is invented in PolNeAR's
layout; scores are worked out by hand beside each input.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from invented_corpus import invented_corpus

from claimtrack.cli import main
from claimtrack.document import Document
from claimtrack.evaluation import EvalError
from claimtrack.evaluation.polnear_gold import load_polnear, read_ann
from claimtrack.evaluation.polnear_report import format_polnear_errors, format_polnear_report
from claimtrack.evaluation.polnear_scoring import PolnearReport, score_polnear_document
from claimtrack.evaluation.statement import load_statement_cues
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Result, Span

CORPUS = invented_corpus()
HARBOR = "gazette_2016-03-02_harbor-council-backs"
FIRE = "tribune_2016-03-01_fire-closes-orchard"


def texts(document, parts) -> str:
    return " + ".join(document.text[start:end] for start, end in parts)


def readable(document) -> list[tuple[str, str, str, str]]:
    return [(a.id, texts(document, a.source), texts(document, a.cue), texts(document, a.content))
            for a in document.attributions]


# ---------------------------------------------------------------------------
# Reading


def test_articles_come_in_date_order_with_the_first_annotation_file():
    fire, harbor = load_polnear(CORPUS)
    assert [(fire.id, fire.annotator), (harbor.id, harbor.annotator)] == [(FIRE, "a9f0"), (HARBOR, "a1b2")]


def test_events_give_source_cue_and_every_content_span():
    harbor = load_polnear(CORPUS)[1]
    assert readable(harbor) == [
        ("E1", "The mayor", "said", "the ferry would start in May"),
        ("E2", "Nadia Brandt, the port director", "said", '"We are ready," + "The boats are here."'),
        ("E3", "Residents", "hope", "the fares stay low"),
        ("E4", "Poll", ":", "most commuters want the new line"),
    ]  # notes, Discuss markers and the wrapped tail of a span line are skipped


def test_attribution_without_source_has_an_empty_source():
    fire = load_polnear(CORPUS)[0]
    assert readable(fire) == [
        ("E1", "officials", "said", "The road was closed after the fire"),
        ("E2", "", "It was reported", "two barns burned"),
        ("E3", "a fire chief", "told reporters", '"Nobody was hurt,"'),
        ("E4", "", "adding", "the cause was unknown"),
    ]


def test_split_and_document_count():
    assert [d.id for d in load_polnear(CORPUS, split="dev")] == ["ledger_2016-10-03_count-finishes-early"]
    assert [d.id for d in load_polnear(CORPUS, docs=1)] == [FIRE]


def write_ann(tmp_path: Path, lines: list[str], text: str = "Ann said it rained.") -> Path:
    path = tmp_path / "x_2016-01-01_y_z9.ann"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lines, message",
    [
        (["T1\tCue 4 8\tsaid", "E1\tAttribution:T1 Cue:T1 Content:T2"],
         "x_2016-01-01_y_z9.ann:2: event E1 names T2, which no T line defines"),
        (["T1\tContent 9 90\tit rained"], "x_2016-01-01_y_z9.ann:1: span 9-90 lies outside the text (19 characters)"),
        (["T1\tCue four eight\tsaid"], "x_2016-01-01_y_z9.ann:1: not a brat span or event line"),
    ],
)
def test_a_bad_annotation_file_is_one_line_naming_file_and_line(tmp_path, lines, message):
    with pytest.raises(EvalError) as error:
        read_ann(write_ann(tmp_path, lines), "Ann said it rained.")
    assert str(error.value).endswith(message)


@pytest.mark.parametrize(
    "root, split, message",
    [
        ("nowhere", "train", "nowhere: not a directory (expected a clone of networkdynamics/PolNeAR)"),
        (".", "train", ": no PolNeAR train split here (expected data/train/text/ and data/train/attributions/"),
        (str(CORPUS), "tests", "unknown PolNeAR split 'tests' (choose from train, dev, test)"),
    ],
)
def test_a_wrong_folder_or_split_is_one_line(tmp_path, root, split, message):
    with pytest.raises(EvalError) as error:
        load_polnear(tmp_path / root if root != str(CORPUS) else CORPUS, split=split)
    assert message in str(error.value)


# ---------------------------------------------------------------------------
# The statement-like subset


@pytest.mark.parametrize(
    "cue, lemmas, cls",
    [
        ("said", ["say"], "saying"),
        ("It was reported", ["it", "be", "report"], "reporting"),
        ("found", ["find"], "finding"),
        ("denied", ["deny"], "denying"),
        ("According to", ["accord", "to"], "phrase"),
        (":", [":"], "punctuation"),
        ("hope", ["hope"], None),
        ("called for", ["call", "for"], None),  # a directive, in not_statement_phrases
        ("called", ["call"], "saying"),  # "called him a liar"
    ],
)
def test_cue_classes_come_from_the_yaml_file(cue, lemmas, cls):
    assert load_statement_cues().cue_class(cue, lemmas) == cls


def test_a_document_noun_as_source_makes_an_attribution_statement_like():
    cues = load_statement_cues()
    assert cues.is_statement("shows", ["show"], []) is True
    assert cues.is_statement("wants", ["want"], ["the", "poll"]) is True
    assert cues.is_statement("wants", ["want"], ["voter"]) is False


def test_a_broken_cue_file_is_one_line(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("cue_lemmas:\n  saying: say\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"cues.yaml: cue_lemmas.saying: expected a list of words$"):
        load_statement_cues(path)


# ---------------------------------------------------------------------------
# Scoring, on a hand-made parse view and hand-made claims

LEMMAS = {"said": "say", "backs": "back"}


def view_of(text: str) -> Document:
    """One sentence per non-empty line, each word its own root, lemmas lower-cased but for LEMMAS."""
    sentences = []
    offset = 0
    for line in text.split("\n"):
        words = [
            {"id": i, "text": m.group(), "lemma": LEMMAS.get(m.group(), m.group().lower()), "upos": "X", "head": 0,
             "deprel": "root", "start_char": offset + m.start(), "end_char": offset + m.end()}
            for i, m in enumerate(re.finditer(r"\w+|[^\w\s]", line), start=1)
        ]
        if words:
            sentences.append(words)
        offset += len(line) + 1
    return Document.from_dicts(text, sentences)


HARBOR_DOC = load_polnear(CORPUS)[1]
TEXT = HARBOR_DOC.text


def at(fragment: str, nth: int = 0) -> tuple[int, int]:
    return [m.span() for m in re.finditer(re.escape(fragment), TEXT)][nth]


def claim(cid: str, content: str, source: str | None = None, cue: str | None = None, nth_cue: int = 0,
          parent: str | None = None) -> Claim:
    start, end = at(content)
    return Claim(
        id=cid, kind="indirect", content=Content(text=content, start=start, end=end), parent=parent,
        cue=Cue(text=cue, start=at(cue, nth_cue)[0], end=at(cue, nth_cue)[1], lemma=cue, cls="neutral") if cue else None,
        source=ClaimSource(text=source, start=at(source)[0], end=at(source)[1], type="person") if source else None,
        rules=(f"test.{cid}",),
    )


PREDICTED = Result(
    text=TEXT,
    document=DocumentInfo.for_text(TEXT, HARBOR),
    claims=(
        claim("C1", "the ferry would start in May", "The mayor", "said"),  # E1, Dice 1, source exact
        claim("C2", "We are ready", "Nadia Brandt", "said", nth_cue=1),  # 3 of E2's 7 words: Dice 6/10
        claim("C3", "The boats are here", "Nadia Brandt", "said", nth_cue=1),  # 4 of E2's 7: Dice 8/11, wins E2
        claim("C4", "most commuters want the new line"),  # E4, Dice 1, no source (gold: "Poll")
        claim("C5", "the fares stay low", parent="C4"),  # nested: not scored, so E3 is missed
        claim("C6", "Harbor council backs new ferry line", "Harbor council", "backs"),  # outside any attribution
    ),
)
SCORE = score_polnear_document(HARBOR_DOC, PREDICTED, view_of(TEXT), load_statement_cues())


def test_outermost_claims_match_one_to_one_by_content_dice():
    assert (SCORE.gold, SCORE.predicted, SCORE.matched, SCORE.false_positives) == (4, 5, 3, 2)
    assert [(p.claim, p.dice) for p in SCORE.pairs] == [("C1", 1.0), ("C4", 1.0), ("C3", 0.727)]


def test_source_agreement_over_matched_pairs():
    # C1 "The mayor" = gold; C3 "Nadia Brandt" against "Nadia Brandt, the port director": Dice 4/7 = 0.571;
    # C4 has no source where the gold has "Poll".
    assert [(p.claim, p.source_match, p.source_overlap, p.source_exact) for p in SCORE.pairs] == [
        ("C1", True, True, True),
        ("C4", False, False, False),
        ("C3", True, True, False),
    ]


def test_misses_and_false_positives_say_what_they_are():
    assert [(m.id, m.statement, m.cue_lemma, m.cue_class, m.sentence) for m in SCORE.misses] == [
        ("E3", False, "hope", None, "Residents hope the fares stay low."),
    ]
    assert [(fp.claim, fp.statement, fp.cue_lemma, fp.overlaps) for fp in SCORE.false_positive_claims] == [
        ("C2", True, "say", "fragment of a matched attribution"),
        ("C6", False, "back", "outside any attribution"),
    ]


def test_summary_gives_all_and_statement_like_figures():
    summary = PolnearReport(split="train", models="test", documents=(SCORE,)).summary()
    # all: 3 matched, 2 false positives, 4 gold -> P 3/5, R 3/4, F1 0.6667; source 2 of 3 pairs
    every = summary["all"]
    assert (every["precision"], every["recall"], every["f1"]) == (0.6, 0.75, 0.6667)
    assert (every["source"], every["source_exact"]) == ({"accuracy": 0.6667, "n": 3}, {"accuracy": 0.3333, "n": 3})
    assert every["lenient_precision"] == 0.75  # only C6 overlaps no attribution: 3/4
    # statement-like: E1, E2 (say) and E4 (colon cue) of 4 gold; all three matched; C2 (say) is a false one
    statement = summary["statement_like"]
    assert (statement["gold"], statement["matched"], statement["false_positives"]) == (3, 3, 1)
    assert (statement["precision"], statement["recall"], statement["f1"]) == (0.75, 1.0, 0.8571)
    assert summary["false_positives_by_overlap"] == {
        "fragment of a matched attribution": 1, "part of a missed attribution": 0, "outside any attribution": 1,
    }
    assert summary["misses_by_cue_lemma"] == {"hope": 1}
    assert summary["statement_misses_by_cue_lemma"] == {}


def test_text_report_headline_and_error_listing():
    report = PolnearReport(split="train", models="test", documents=(SCORE,))
    lines = format_polnear_report(report).splitlines()
    assert lines[0] == "format: polnear   split: train   parse: test   documents: 1   gold attributions: 4   predicted (outermost): 5"
    assert lines[2] == (
        "all attributions       precision 0.600   recall 0.750   F1 0.667   source 0.667   "
        "(gold 4, matched 3, false positives 2)"
    )
    assert lines[3] == (
        "statement-like         precision 0.750   recall 1.000   F1 0.857   source 0.667   "
        "(gold 3, matched 3, false positives 1)"
    )
    listing = format_polnear_errors(report).splitlines()
    assert listing[1:5] == [
        f"== {HARBOR}",
        "MISS (other, intention, cue lemma hope) source='Residents' cue='hope'",
        "  sentence: Residents hope the fares stay low.",
        "  gold:     the fares stay low",
    ]
    assert listing[5] == (  # no "nearest" line: no scored claim shares a word with the missed content
        "FALSE POSITIVE (statement; fragment of a matched attribution) source='Nadia Brandt' cue='said' rules=test.C2"
    )


# ---------------------------------------------------------------------------
# The command line, with the shipped models


@pytest.mark.slow
def test_cli_scores_the_corpus_with_the_shipped_models(capsys):
    assert main(["eval", "--format", "polnear", str(CORPUS), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["split"], summary["documents"], summary["failed_documents"]) == ("train", 2, [])
    # 8 gold attributions; all but "Residents hope ..." have a cue of saying/reporting or a colon cue
    assert (summary["all"]["gold"], summary["statement_like"]["gold"]) == (8, 7)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--format", "polnear", str(CORPUS), "--parse", "gold"], "claimtrack: --parse: not an option of --format polnear\n"),
        (["--format", "polnear", str(CORPUS), "--genre", "news"], "claimtrack: --genre: not an option of --format polnear\n"),
        ([str(CORPUS), "--split", "dev"], "claimtrack: --split: not an option of --format gum\n"),
        ([str(CORPUS), "--figures"], "claimtrack: --figures: not an option of --format gum\n"),
    ],
)
def test_cli_refuses_options_of_the_other_format(capsys, argv, message):
    assert main(["eval", *argv]) == 2
    assert capsys.readouterr().err == message


def test_figures_keep_nothing_from_the_corpus_text():
    figures = PolnearReport(split="train", models="test", documents=(SCORE,)).figures()
    assert figures["failed_documents"] == 0  # a count, not document names
    assert "misses_by_cue_lemma" not in figures and "statement_misses_by_cue_lemma" not in figures
    assert HARBOR not in json.dumps(figures)
    assert figures["false_positives_by_rule"] == {"test.C2": 1, "test.C6": 1}


def test_cli_reads_a_split_from_a_copy_in_a_folder_without_data(tmp_path, capsys):
    shutil.copytree(CORPUS / "data" / "dev", tmp_path / "dev")
    assert main(["eval", "--format", "polnear", str(tmp_path), "--split", "dev", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert (summary["split"], summary["documents"], summary["all"]["gold"]) == ("dev", 1, 1)


# ---------------------------------------------------------------------------
# Acts, source phrases and continued quotations (issue 20)


@pytest.mark.parametrize(
    "cue, lemmas, content, act",
    [
        ("said", ["say"], "the ferry would start in May", "statement"),
        ("hope", ["hope"], "the fares stay low", "intention"),
        ("believes", ["believe"], "the fares will stay low", "belief"),
        ("urged", ["urge"], "voters to register", "directive"),
        ("asked", ["ask"], "whether the fares would rise", "question"),
        ("asked", ["ask"], "the council to wait", "directive"),
        ("said", ["say"], '"Who will pay for it?"', "question"),
        ("told", ["tell"], "reporters the plan was dead", "statement"),
        ("told", ["tell"], "them to leave", "directive"),
        ("backs", ["back"], "the new line", "other"),
        ("called for", ["call", "for"], "a recount", "directive"),
        ("have called for", ["have", "call", "for"], "a recount", "directive"),
        ("called", ["call"], "the plan a failure", "statement"),
    ],
)
def test_the_act_of_a_gold_attribution_comes_from_the_yaml_file(cue, lemmas, content, act):
    assert load_statement_cues().act(cue, lemmas, [], content) == act


def test_the_act_of_a_gold_attribution_does_not_depend_on_the_hash_seed():
    """The cue's lemmas were read as a set, so "call for" was a phrase in one
    run and not in the next ('statement' or 'other' by PYTHONHASHSEED)."""
    script = (
        "from claimtrack.evaluation.statement import load_statement_cues;"
        "print(load_statement_cues().act('called for', ['call', 'for'], [], 'a recount'))"
    )
    acts = {
        subprocess.run(
            [sys.executable, "-c", script], env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3", "4", "5", "6")
    }
    assert acts == {"directive"}


def test_recall_and_precision_by_act():
    summary = PolnearReport(split="train", models="test", documents=(SCORE,)).summary()
    # E1, E2 (say) and E4 (colon) are statements, all matched; E3 (hope) an intention, missed.
    assert summary["recall_by_act"] == {
        "intention": {"gold": 1, "matched": 0, "recall": 0.0},
        "statement": {"gold": 3, "matched": 3, "recall": 1.0},
    }
    assert summary["precision_by_act"] == {"statement": {"predicted": 5, "matched": 3, "precision": 0.6}}


def test_a_continued_quotation_is_joined_to_the_claim_it_continues_before_scoring():
    c2, c3 = PREDICTED.claims[1], PREDICTED.claims[2]
    chained = Result(
        text=TEXT, document=PREDICTED.document,
        claims=(PREDICTED.claims[0], c2, attrs.evolve(c3, continues="C2"), PREDICTED.claims[3]),
    )

    score = score_polnear_document(HARBOR_DOC, chained, view_of(TEXT), load_statement_cues())

    # "We are ready" + "The boats are here" together cover E2's seven words: Dice 1, no fragment left over
    assert [(p.claim, p.dice) for p in score.pairs] == [("C1", 1.0), ("C2", 1.0), ("C4", 1.0)]
    assert score.false_positives == 0


def test_the_source_is_scored_on_the_whole_phrase_when_the_claim_has_one():
    c3 = PREDICTED.claims[2]
    phrase = Span("Nadia Brandt, the port director", *at("Nadia Brandt, the port director"))
    with_phrase = attrs.evolve(c3, source=attrs.evolve(c3.source, phrase=phrase))
    result = Result(text=TEXT, document=PREDICTED.document, claims=(with_phrase,))

    (pair,) = score_polnear_document(HARBOR_DOC, result, view_of(TEXT), load_statement_cues()).pairs

    assert (pair.source_match, pair.source_exact, pair.predicted_source) == (True, True, "Nadia Brandt, the port director")
