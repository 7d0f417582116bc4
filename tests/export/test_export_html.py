"""Exports, html: every span marked once and escaped, the claims table, sources panel and filters.

The story results are tests/story_fixtures.py's; export_cases.py holds the
hand-built edge cases."""

from __future__ import annotations

from html.parser import HTMLParser

import claimtrack
from claimtrack import export
from claimtrack.export import Article, html
from claimtrack.export.spans import Marked, marked_spans
from claimtrack.tracker.store import Tracker

from export_cases import every_result, injection, marks_of


def test_html_marks_every_span_once_with_its_text(articles):
    for result in every_result(articles):
        marks = marks_of(export.render([result], "html"))
        spans = marked_spans(result)
        assert marks.first == sorted(
            marks.first, key=[s.id for s in sorted(spans, key=lambda s: s.start)].index
        )
        assert sorted(marks.first) == sorted(span.id for span in spans)
        assert marks.texts == {span.id: span.text for span in spans}


def test_html_splits_spans_that_cross_and_nests_those_that_do_not():
    spans = [
        Marked("A", "content", "bcde", 1, 5),
        Marked("B", "source", "def", 3, 6),
        Marked("C", "cue", "c", 2, 3),
    ]
    out = html.marked_text("abcdefg", spans)
    assert out.replace(' tabindex="0"', "").replace(' data-first=""', "*") == (
        'a<mark class="ct ct-content" data-span="A" data-role="content" data-details=\'[["content", "bcde"]]\' title=""*>'
        'b<mark class="ct ct-cue" data-span="C" data-role="cue" data-details=\'[["cue", "c"]]\' title=""*>c</mark>'
        '<mark class="ct ct-source" data-span="B" data-role="source" data-details=\'[["source", "def"]]\' title=""*>de'
        '</mark></mark><mark class="ct ct-source" data-span="B" data-role="source" data-details=\'[["source", "def"]]\' title="">f</mark>g'
    )


def test_html_details_attribute_is_json_that_cannot_close_its_quotes():
    """data-details is single-quoted JSON; Jinja's tojson escapes ', <, > and &."""
    spans = [Marked("A", "content", "it's <b>&", 0, 9, details=[("rule", "x'><script>")])]
    out = html.marked_text("it's <b>&", spans)
    assert "data-details='[[\"content\", \"it\\u0027s \\u003cb\\u003e\\u0026\"], [\"rule\", \"x\\u0027\\u003e\\u003cscript\\u003e\"]]'" in out
    assert 'title="rule: x&#39;&gt;&lt;script&gt;"' in out
    assert out.endswith(">it&#39;s &lt;b&gt;&amp;</mark>")


def test_html_escapes_all_text(articles):
    page = export.render([injection()], "html")
    assert "<script>document.title" not in page
    assert "<img" not in page and "<b>" not in page
    assert "<script>alert(2)" not in page
    assert (
        "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
        in page
    )
    assert page.count("<script>") == 1  # the page's own
    hostile_title = Article(injection(), title="</title><script>alert(3)</script>")
    assert "<script>alert(3)" not in html.render([hostile_title])


def test_html_pages_load_nothing_from_the_network(articles):
    page = export.render(articles[:1], "html")
    assert "default-src 'none'" in page
    for needle in ("src=", "<link", "@import", "url("):
        assert needle not in page


class Table(HTMLParser):
    """Rows of <table id=...>: each row's attributes and its cells' text."""

    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.inside = attributes.get("id") == self.table_id
        elif self.inside and tag == "tr":
            self.rows.append((attributes, []))
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def table(page: str, table_id: str) -> list[tuple[dict, list[str]]]:
    parser = Table(table_id)
    parser.feed(page)
    return parser.rows


def test_html_claims_table_has_status_hedges_evidence_and_filter_attributes(articles):
    """Thursday: Velmor police confirmed the arson (evidence: the cue 'confirmed');
    Karel Brandt said the port 'would' reopen (hedged)."""
    rows = table(export.render(articles[2:], "html"), "claims")
    assert rows[0][1] == ["id", "content", "cue", "source", "type", "kind", "hedges", "status", "evidence", "rules"]
    assert [(r["data-claim"], r["data-status"], r["data-source-type"], r["data-hedged"], r["tabindex"]) for r, _ in rows[1:]] == [
        ("C1", "confirmed", "government", "no", "0"),
        ("C2", "unconfirmed", "government", "no", "0"),
        ("C3", "unconfirmed", "person", "yes", "0"),
    ]
    assert rows[1][1] == [
        "C1", "the fire at the grain warehouse was started deliberately", "confirmed", "Velmor police",
        "government", "indirect", "", "confirmed", "confirmed (confirmation.cue.confirm)",
        "cue.verb.confirm, pattern.verb_complement",
    ]
    assert (rows[3][1][6], rows[3][1][8]) == ("would", "")


def test_html_sources_panel_lists_entities_with_type_anonymity_and_mentions(articles):
    rows = table(export.render(articles[:1], "html"), "sources")
    text = articles[0].text
    first, second = text.index("a port official"), text.index("The official")
    assert rows[1:] == [
        (
            {"data-entity": "S1", "data-source-type": "government"},
            ["S1", "a port official", "government", "yes: speaking on condition of anonymity",
             f"a port official ({first}–{first + 15}) The official ({second}–{second + 12})", "C1, C2"],
        )
    ]


class Controls(HTMLParser):
    """The filter form's selects (name -> option values) and whether each sits in a label."""

    def __init__(self):
        super().__init__()
        self.labels, self.selects, self.current = 0, {}, None
        self.labelled = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label":
            self.labels += 1
        elif tag == "select":
            self.current = attributes["data-filter"]
            self.selects[self.current] = []
            self.labelled.append(self.labels > 0)
        elif tag == "option" and self.current:
            self.selects[self.current].append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "label":
            self.labels -= 1
        elif tag == "select":
            self.current = None


def test_html_filters_offer_the_values_on_the_page_as_labelled_controls(articles):
    controls = Controls()
    controls.feed(export.render(articles[2:], "html"))
    assert controls.selects == {
        "source-type": ["", "government", "person"],
        "status": ["", "confirmed", "unconfirmed"],
        "hedged": ["", "yes", "no"],
    }
    assert controls.labelled == [True, True, True]


def test_html_pages_come_from_the_packaged_templates():
    from importlib import resources

    names = sorted(p.name for p in resources.files("claimtrack").joinpath("templates").iterdir())
    assert names == [
        "article.html.j2", "base.html.j2", "factchecks.html.j2", "group.html.j2", "index.html.j2",
        "macros.html.j2", "marked.html.j2", "report.css", "report.js",
    ]


def test_html_for_a_tracker_has_an_index_and_a_timeline_page_per_group(tmp_path, articles):
    with Tracker(tmp_path / "t.db") as tracker:
        for a in articles:
            tracker.add_result(a.result, title=a.title, outlet=a.outlet, url=a.url, date=a.date)
        paths = html.write_groups(tracker.groups(), tracker.articles(), tmp_path / "site")
    assert sorted(p.name for p in paths) == sorted(
        ["index.html", "G1.html", "G2.html", "G3.html", "G4.html", "G5.html"]
        + [f"{a.result.document.id}.html" for a in articles]
    )
    group_page = (tmp_path / "site" / "G1.html").read_text()
    assert group_page.count("<li data-appearance=") == 3
    for name in ("G1.html", "index.html"):  # the same page frame as an article's
        page = (tmp_path / "site" / name).read_text()
        assert "default-src 'none'" in page and page.count("<script>") == 1
    assert 'href="2026-03-05-velmor-times.html#C1"' in group_page
    assert '<span class="status status-confirmed">confirmed</span>' in group_page


def test_html_lists_evidence_that_bears_on_no_claim():
    text = "The mayor said the bridge would reopen in May. The contractor could not be reached for comment."
    page = export.render([claimtrack.extract(text)], "html")
    assert "Evidence that bears on no claim" in page
    assert "could not be reached for comment" in page
