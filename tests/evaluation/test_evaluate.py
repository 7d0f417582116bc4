"""`claimtrack eval`: matching predicted claims to gold attributions and scoring them.

Hand-made gold and predicted spans; each expected number is worked out beside
its input.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claimtrack.cli import main
from claimtrack.evaluation import EvalError
from claimtrack.evaluation.gum_gold import GoldAttribution, GoldDocument, Mention, load_gold, read_mentions
from claimtrack.evaluation.report import format_errors, format_report
from claimtrack.evaluation.scoring import Report, score_document
from claimtrack.parsing.parser import parse_conllu
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Part, Result, SourceEntity, Span
from repo_paths import REPO


TEXT = (
    'Ana Ruiz said the plan was dead. "It is over," she said. '
    "I think the weather was fine. Fans cheered loudly."
)


def at(fragment: str, text: str = TEXT, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``fragment`` as whole words."""
    found = list(re.finditer(rf"(?<!\w){re.escape(fragment)}(?!\w)", text))[nth]
    return found.span()


def gold(content: str, source: str, cue: str | None, kind: str = "indirect", category: str = "speech",
         source_pronoun: bool = False, source_type: str | None = "person", nth_cue: int = 0,
         lemma: str | None = None) -> GoldAttribution:
    return GoldAttribution(
        category=category,
        polarity="positive",
        kind=kind,
        content=(at(content),),
        scope=(at(content),),
        source=(at(source),),
        cue=(at(cue, nth=nth_cue),) if cue else (),
        cue_lemma=lemma,
        source_type=source_type,
        source_pronoun=source_pronoun,
        target=category == "speech",
    )


RUIZ_PLAN = gold("the plan was dead", "Ana Ruiz", "said", lemma="say")
SHE_OVER = gold('"It is over,"', "she", "said", kind="direct", source_pronoun=True, nth_cue=1, lemma="say")
WEATHER = gold("the weather was fine", "I", "think", category="cognition", lemma="think")
SENTENCES = tuple(
    at(sentence)
    for sentence in ("Ana Ruiz said the plan was dead.", '"It is over," she said.', "I think the weather was fine.",
                     "Fans cheered loudly.")
)
DOCUMENT = GoldDocument(
    id="doc", genre="news", text=TEXT, attributions=(RUIZ_PLAN, SHE_OVER, WEATHER), conllu=Path("doc.conllu"),
    sentences=SENTENCES,
)
MENTIONS = [Mention("e1", *at("Ana Ruiz"), pronoun=False), Mention("e1", *at("she"), pronoun=True)]


def span(fragment: str, nth: int = 0) -> Span:
    start, end = at(fragment, nth=nth)
    return Span(text=fragment, start=start, end=end)


def claim(cid: str, content: str, source: str | None = None, cue: str | None = None, kind: str = "indirect",
          entity: str | None = None, name: str | None = None, type: str = "person", nth_cue: int = 0) -> Claim:
    c = span(content)
    return Claim(
        id=cid,
        kind=kind,
        content=Content(text=c.text, start=c.start, end=c.end),
        cue=Cue(text=cue, start=span(cue, nth_cue).start, end=span(cue, nth_cue).end, lemma=cue, cls="neutral")
        if cue
        else None,
        source=ClaimSource(text=source, start=span(source).start, end=span(source).end, entity=entity, name=name,
                           type=type)
        if source
        else None,
        rules=("test.rule",),
    )


def result(*claims: Claim, sources: tuple[SourceEntity, ...] = ()) -> Result:
    return Result(text=TEXT, document=DocumentInfo.for_text(TEXT, "doc"), claims=claims, sources=sources)


RUIZ = SourceEntity(entity="S1", name="Ana Ruiz", type="person", mentions=(span("Ana Ruiz"), span("she")))
GOOD = result(
    claim("C1", "the plan was dead", "Ana Ruiz", "said", entity="S1", name="Ana Ruiz"),
    claim("C2", "It is over", "she", "said", kind="direct", entity="S1", name="Ana Ruiz", nth_cue=1),
    claim("C3", "the weather was fine", "I", "think"),  # overlaps the cognition gold: not a false positive
    claim("C4", "Fans cheered loudly", "Fans", "cheered"),  # overlaps no gold at all: a false positive
    sources=(RUIZ,),
)


def test_prediction_matching_each_target_counts_once_and_only_unannotated_text_is_false():
    score = score_document(DOCUMENT, GOOD, MENTIONS)
    assert (score.gold, score.predicted, score.matched, score.false_positives) == (2, 4, 2, 1)
    assert [(fp.content, fp.sentence) for fp in score.false_positive_claims] == [
        ("Fans cheered loudly", "Fans cheered loudly.")
    ]
    assert score.misses == ()
    summary = Report(parse="gold", documents=(score,)).summary()
    assert (summary["precision"], summary["recall"], summary["f1"]) == (0.6667, 1.0, 0.8)
    assert summary["strict_precision"] == 0.5  # 2 matched of 4 predicted
    assert summary["false_positives_by_rule"] == {"test.rule": 1}


def test_matched_pair_records_source_cue_kind_and_entity_agreement():
    pairs = score_document(DOCUMENT, GOOD, MENTIONS).pairs
    assert [(p.claim, p.dice, p.source_overlap, p.source_exact, p.cue, p.kind, p.predicted_kind) for p in pairs] == [
        ("C1", 1.0, True, True, True, "indirect", "indirect"),
        ("C2", 1.0, True, True, True, "direct", "direct"),
    ]
    assert [(p.gold_entity, p.predicted_entity, p.pronoun_resolved) for p in pairs] == [
        ("e1", "S1", None),  # not a pronoun source
        ("e1", "S1", True),  # "she" -> name "Ana Ruiz", a non-pronoun mention of gold chain e1
    ]
    summary = Report(parse="gold", documents=(score_document(DOCUMENT, GOOD, MENTIONS),)).summary()
    assert summary["source_entity"]["link_precision"] == 1.0
    assert summary["source_entity"]["link_recall"] == 1.0
    assert summary["source_entity"]["pronoun_resolution"] == {"accuracy": 1.0, "n": 1}


@pytest.mark.parametrize(
    "entity, resolved",
    [
        (SourceEntity(entity="S1", name="Ruiz", mentions=(span("Ana Ruiz"), span("she"))), True),  # name inside a mention
        (SourceEntity(entity="S1", name="Fans", mentions=(span("Fans"), span("she"))), False),  # not in gold chain e1
        (SourceEntity(entity="S1", name="she", mentions=(span("she"),)), False),  # left as the pronoun
    ],
)
def test_a_pronoun_source_is_resolved_when_its_name_stands_on_a_gold_chain_name(entity, resolved):
    quote = result(claim("C2", "It is over", "she", "said", kind="direct", entity="S1", nth_cue=1), sources=(entity,))
    (pair,) = score_document(DOCUMENT, quote, MENTIONS).pairs
    assert pair.pronoun_resolved is resolved


def test_a_second_prediction_on_a_matched_target_is_neither_match_nor_false_positive():
    twice = result(claim("C1", "the plan was dead"), claim("C2", "plan was dead"))
    score = score_document(DOCUMENT, twice)
    assert (score.matched, score.false_positives) == (1, 0)
    assert [p.claim for p in score.pairs] == ["C1"]  # Dice 1.0 beats Dice 6/7


def test_content_below_half_dice_is_a_miss_with_its_nearest_prediction():
    # 18 predicted words against the 4 gold words "the plan was dead": Dice 8/22 = 0.364 < 0.5
    too_long = result(claim("C1", 'Ana Ruiz said the plan was dead. "It is over," she said. I think the weather was fine.'))
    score = score_document(DOCUMENT, too_long)
    assert score.matched == 0
    assert [(m.content, m.nearest_dice, m.sentence) for m in score.misses] == [
        ("the plan was dead", 0.364, "Ana Ruiz said the plan was dead."),
        ('"It is over,"', 0.286, '"It is over," she said.'),  # 3 gold words, 18 predicted: 6/21
    ]
    assert score.false_positives == 0  # it overlaps gold attributions
    summary = Report(parse="gold", documents=(score,)).summary()
    assert summary["misses_by_cue_lemma"] == {"say": 2}


def test_a_quote_running_over_two_sentences_matches_the_whole_annotated_content():
    # Gold local content: "the weather was fine" (4 words); whole content: that and "Fans cheered loudly" (7 words).
    # The prediction has all 7: Dice 8/11 = 0.727 against the local content, 1.0 against the whole one.
    running_on = GoldAttribution(
        category="speech", polarity="positive", kind="indirect", content=(at("the weather was fine"),),
        scope=(at("the weather was fine"), at("Fans cheered loudly")), source=(at("I"),), cue=(at("think"),),
        cue_lemma="think", source_type="person", source_pronoun=False, target=True,
    )
    document = GoldDocument("doc", "news", TEXT, (running_on,), Path("doc.conllu"))
    prediction = Claim(
        id="C1", kind="indirect", content=Content(text=TEXT[at("the weather")[0]:], start=at("the weather")[0],
                                                  end=len(TEXT)),
    )
    (pair,) = score_document(document, result(prediction)).pairs
    assert pair.dice == 1.0


def test_a_split_quote_matches_a_gold_that_holds_one_piece_only():
    # Predicted pieces: "the plan was dead" (4 words) and "the weather was fine. Fans cheered loudly" (7 words).
    # All 11 words against the 4 gold words: Dice 8/15 = 0.533; the first piece alone: Dice 1.0.
    first, second = at("the plan was dead"), (at("the weather")[0], at("loudly")[1])
    split = Claim(
        id="C1", kind="direct", content=Content(text=TEXT[first[0]:second[1]], start=first[0], end=second[1],
                                                parts=(Part(*first), Part(*second))),
    )
    (pair,) = score_document(DOCUMENT, result(split)).pairs
    assert (pair.claim, pair.dice, pair.kind) == ("C1", 1.0, "indirect")


def test_a_prediction_inside_a_multi_sentence_scope_is_not_a_false_positive():
    # The gold target's local content is the first quote; its annotated scope runs on to the last sentence.
    long_scope = GoldAttribution(
        category="speech", polarity="positive", kind="direct", content=(at('"It is over,"'),),
        scope=((at('"It is over,"')[0], len(TEXT)),), source=(at("she"),), cue=(at("said", nth=1),),
        cue_lemma="say", source_type="person", source_pronoun=True, target=True,
    )
    document = GoldDocument("doc", "news", TEXT, (long_scope,), Path("doc.conllu"))
    score = score_document(document, result(claim("C1", "Fans cheered loudly")))
    assert (score.matched, score.false_positives, len(score.misses)) == (0, 0, 1)


def test_wrong_source_and_missing_cue_are_counted_against_the_pair():
    wrong = result(claim("C1", "the plan was dead", "Fans"))
    (pair,) = score_document(DOCUMENT, wrong).pairs
    assert (pair.source_overlap, pair.source_exact, pair.cue) == (False, False, False)
    assert (pair.gold_source, pair.predicted_source) == ("Ana Ruiz", "Fans")


def test_source_overlap_and_exact_differ_on_a_partial_mention():
    partial = result(claim("C1", "the plan was dead", "Ruiz", "said"))
    (pair,) = score_document(DOCUMENT, partial).pairs
    assert (pair.source_overlap, pair.source_exact) == (True, False)


def test_recall_by_kind_and_type_confusion():
    only_quote = result(claim("C2", "It is over", "she", "said", kind="direct", type="government", nth_cue=1))
    summary = Report(parse="gold", documents=(score_document(DOCUMENT, only_quote),)).summary()
    assert summary["recall_by_kind"] == {
        "direct": {"gold": 1, "matched": 1, "recall": 1.0},
        "mixed": {"gold": 0, "matched": 0, "recall": None},
        "indirect": {"gold": 1, "matched": 0, "recall": 0.0},
    }
    assert summary["source_type"]["accuracy"] == 0.0  # government -> organization, gold says person
    assert summary["source_type"]["confusion"] == {"person -> government": 1}
    assert (summary["anonymity"], summary["hedge"], summary["status"]) == ("not in gold",) * 3


def test_nothing_predicted_gives_zero_recall_and_no_precision():
    summary = Report(parse="gold", documents=(score_document(DOCUMENT, result()),)).summary()
    assert (summary["precision"], summary["recall"], summary["f1"]) == (None, 0.0, None)


def test_text_report_headline():
    report = Report(parse="gold", documents=(score_document(DOCUMENT, GOOD, MENTIONS),))
    lines = format_report(report).splitlines()
    assert lines[0] == "parse: gold   documents: 1   gold targets: 2   predicted: 4"
    assert lines[2] == (
        "precision 0.667   recall 1.000   F1 0.800   (matched 2, false positives 1, strict precision 0.500)"
    )
    assert lines[-1].split() == ["doc", "news", "2", "4", "2", "1", "0.667", "1.000", "0.800"]


def test_error_listing_shows_each_miss_and_false_positive_with_its_sentence():
    only_fans = result(claim("C4", "Fans cheered loudly", "Fans", "cheered"))
    listing = format_errors(Report(parse="gold", documents=(score_document(DOCUMENT, only_fans),)))
    assert listing.splitlines()[1:] == [
        "== doc",
        "MISS (indirect) source='Ana Ruiz' cue='said'",
        "  sentence: Ana Ruiz said the plan was dead.",
        "  gold:     the plan was dead",
        "MISS (direct) source='she' cue='said'",
        '  sentence: "It is over," she said.',
        '  gold:     "It is over,"',
        "FALSE POSITIVE (indirect) source='Fans' cue='cheered' rules=test.rule",
        "  sentence: Fans cheered loudly.",
        "  content:  Fans cheered loudly",
    ]


# ---------------------------------------------------------------------------
# Reading the gold folder

def test_read_mentions_follows_nested_brackets():
    conllu = """\
1\tAna\tAna\tPROPN\tNNP\t_\t0\troot\t_\tEntity=(1-person-new-x-cf1-1-coref(2-abstract-new-x-cf2-1-coref|TokenRange=0:3
2\tRuiz\tRuiz\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)|TokenRange=4:8
3\tplan\tplan\tNOUN\tNN\t_\t1\tdep\t_\tEntity=2)|TokenRange=9:13
4\tshe\tshe\tPRON\tPRP\t_\t1\tdep\t_\tEntity=(1-person-giv-x-cf1-1-coref)|TokenRange=14:17
"""
    assert read_mentions(parse_conllu(conllu)) == [
        Mention("1", 0, 8, pronoun=False),
        Mention("2", 0, 13, pronoun=False),
        Mention("1", 14, 17, pronoun=True),
    ]


def record(**overrides) -> dict:
    attribution = {
        "category": "speech", "polarity": "positive", "kind": "direct",
        "content_local_parts": [[10, 15]], "content_parts": [[10, 15]], "source_parts": [[0, 3]], "cue_parts": [[4, 8]],
        "source_entity_type": "person",
        "flags": {"in_caption": False, "cue_in_quote": False, "source_is_predicate": False, "source_pronoun": True},
    }
    base = {"id": "d", "genre": "news", "text": 'She said: "Go."', "attributions": [attribution]}
    return {**base, **overrides}


def write_gold(folder: Path, *records: dict) -> Path:
    (folder / "conllu").mkdir(parents=True)
    (folder / "gum_attr_train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def test_load_gold_keeps_targets_by_the_readme_filter(tmp_path):
    caption = dict(record()["attributions"][0], flags={"in_caption": True, "cue_in_quote": False,
                                                       "source_is_predicate": False})
    folder = write_gold(tmp_path / "g", record(attributions=[record()["attributions"][0], caption]))
    (document,) = load_gold(folder)
    assert [a.target for a in document.attributions] == [True, False]
    assert document.targets[0].content == ((10, 15),)
    assert document.conllu == folder / "conllu" / "d.conllu"


def test_only_third_person_pronoun_sources_are_scored_for_resolution(tmp_path):
    she = record()["attributions"][0]  # flags: source_pronoun
    i = dict(she, flags={**she["flags"], "source_first_person": True})
    (document,) = load_gold(write_gold(tmp_path / "g", record(attributions=[she, i])))
    assert [a.source_pronoun for a in document.attributions] == [True, False]


def test_load_gold_selects_genre_and_count(tmp_path):
    folder = write_gold(tmp_path / "g", record(id="a"), record(id="b", genre="bio"), record(id="c"))
    assert [d.id for d in load_gold(folder, genre="news")] == ["a", "c"]
    assert [d.id for d in load_gold(folder, docs=1)] == ["a"]


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda tmp: tmp / "nowhere", "nowhere: not a directory (expected the gum-attributions folder)"),
        (lambda tmp: tmp, "gum_attr_train.jsonl: missing (the gold folder must hold gum_attr_train.jsonl and conllu/)"),
        (lambda tmp: write_gold(tmp / "g", record(), {"id": "x"}), "gum_attr_train.jsonl:2: not a gold document record"),
    ],
)
def test_bad_gold_folder_is_one_line_naming_the_file(tmp_path, setup, message):
    with pytest.raises(EvalError) as error:
        load_gold(setup(tmp_path))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_unknown_genre_is_an_error(tmp_path):
    with pytest.raises(EvalError, match="no document of genre 'poetry'"):
        load_gold(write_gold(tmp_path / "g", record()), genre="poetry")


def test_cli_reports_a_bad_gold_folder_in_one_line(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "nowhere")]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"claimtrack: {tmp_path / 'nowhere'}: not a directory (expected the gum-attributions folder)\n"


def test_cli_rejects_a_non_positive_document_count(capsys):
    with pytest.raises(SystemExit):
        main(["eval", "gold", "--docs", "0"])
    assert "must be at least 1, got 0" in capsys.readouterr().err


GUM = REPO.parent / "shared" / "data" / "gum-attributions"


@pytest.mark.skipif(not (GUM / "gum_attr_train.jsonl").is_file(), reason="../shared/data/gum-attributions is not here")
def test_cli_scores_one_real_gold_document_on_its_gold_parse(tmp_path, capsys):
    # GUM_news_worship: 936 characters, 2 reported-speech targets.
    line = next(line for line in (GUM / "gum_attr_train.jsonl").open(encoding="utf-8") if '"GUM_news_worship"' in line)
    folder = write_gold(tmp_path / "g", json.loads(line))
    (folder / "conllu" / "GUM_news_worship.conllu").write_text(
        (GUM / "conllu" / "GUM_news_worship.conllu").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["eval", str(folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["summary"]["parse"], report["summary"]["documents"], report["summary"]["gold"]) == ("gold", 1, 2)
    (document,) = report["documents"]
    assert (document["id"], document["gold"], document["error"]) == ("GUM_news_worship", 2, None)
    assert document["matched"] + len(document["misses"]) == 2
    assert all(pair["dice"] >= 0.5 for pair in document["pairs"])
