"""The HTML export in a real headless Chromium (Debian's ``chromium`` package).

Each page is rendered with its scripts run, and the DOM Chromium ends with is


checked: one highlighted element per span, the page's own script ran, no
injected markup came alive, the claim filters (set from the page's query
string, as a shared link would) hide exactly the rows they should. Screenshots
are saved under tests/artifacts/ (git-ignored; or $CLAIMTRACK_TEST_ARTIFACTS)
for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import story_fixtures as story
from export_cases import injection, marks_of, split_quote

from claimtrack import export
from claimtrack.export import html
from claimtrack.export.spans import marked_spans
from claimtrack.tracker.store import Tracker
from repo_paths import SEED, TESTS

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install Debian's 'chromium' package (apt-get install -y chromium); .ci/run does",
)

ARTIFACTS = Path(os.environ.get("CLAIMTRACK_TEST_ARTIFACTS", TESTS / "artifacts"))


def chromium(page: Path, profile: Path, *args: str, fragment: str = "") -> str:
    """Run headless Chromium on ``page`` (``fragment``: a ?query and/or #hash)."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
        page.resolve().as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def rendered_dom(page: Path, tmp_path: Path, fragment: str = "") -> str:
    return chromium(page, tmp_path / "profile", "--dump-dom", fragment=fragment)


def screenshot(page: Path, tmp_path: Path, name: str, fragment: str = "") -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / name
    chromium(
        page,
        tmp_path / "profile",
        "--window-size=1200,900",
        "--hide-scrollbars",
        f"--screenshot={shot}",
        fragment=fragment,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000  # a blank page is a few hundred bytes
    return shot


def body_attributes(dom: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", dom).group(1)
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["monday", "tuesday", "thursday"])
def test_story_page_renders_one_highlighted_element_per_span(tmp_path, name):
    article = dict(zip(["monday", "tuesday", "thursday"], story.story()))[name]
    (page,) = export.write([article], "html", tmp_path)
    dom = rendered_dom(page, tmp_path)
    spans = marked_spans(article.result)
    assert body_attributes(dom)["data-ready"] == "yes"
    assert body_attributes(dom)["data-spans"] == str(len(spans))
    marks = marks_of(dom)
    assert sorted(marks.first) == sorted(span.id for span in spans)
    assert marks.texts == {span.id: span.text for span in spans}
    if name == "thursday":
        screenshot(page, tmp_path, "story-thursday.png")


@pytest.mark.slow
def test_a_link_to_a_span_opens_the_page_with_its_details_showing(tmp_path):
    (page,) = export.write([story.story()[0]], "html", tmp_path)
    dom = rendered_dom(page, tmp_path, fragment="#C1.source")
    tip = re.search(r'<div id="tip" role="tooltip"([^>]*)>(.*?)</div>', dom)
    assert "hidden" not in tip.group(1)
    assert re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", tip.group(2)) == [
        ("source", "a port official"),
        ("claim", "C1"),
        ("kind", "direct"),
        ("status", "unconfirmed"),
        ("source name", "a port official"),
        ("type", "government"),
        ("anonymous", "yes"),
        ("hedges", "none"),
        ("rules", "cue.verb.say, pattern.quote_then_verb"),
    ]
    screenshot(page, tmp_path, "story-monday-details.png", fragment="#C1.source")


@pytest.mark.slow
def test_split_quote_page_marks_each_piece(tmp_path):
    (page,) = export.write([split_quote()], "html", tmp_path)
    marks = marks_of(rendered_dom(page, tmp_path))
    assert marks.texts == {
        "C1.source": "she",
        "C1.cue": "said",
        "C1.content.1": "The port is closed,",
        "C1.content.2": "and\nit stays closed.",
    }


@pytest.mark.slow
def test_injected_markup_stays_text_in_the_browser(tmp_path):
    (page,) = export.write([injection()], "html", tmp_path)
    dom = rendered_dom(page, tmp_path)
    assert re.search(r"<title>(.*?)</title>", dom).group(1) == "inject"
    assert "<img" not in dom and "<b>" not in dom
    assert body_attributes(dom)["data-ready"] == "yes"
    assert (
        marks_of(dom).texts["C1.content.1"]
        == "<script>document.title='pwned'</script><img src=x onerror=alert(1)>"
    )
    screenshot(page, tmp_path, "injection.png")


@pytest.mark.slow
def test_tracker_group_page_shows_the_timeline(tmp_path):
    with Tracker(tmp_path / "t.db") as tracker:
        for a in story.story():
            tracker.add_result(a.result, title=a.title, outlet=a.outlet, url=a.url, date=a.date)
        html.write_groups(tracker.groups(), tracker.articles(), tmp_path / "site")
    dom = rendered_dom(tmp_path / "site" / "G1.html", tmp_path)
    items = re.findall(r'<li data-appearance="\d+"><strong>([\d-]+)</strong>\s*·\s*([^·<]+?)\s*·', dom)
    assert items == [
        ("2026-03-02", "Harbour Courier"),
        ("2026-03-03", "Daily Ledger"),
        ("2026-03-05", "Velmor Times"),
    ]
    assert '<span class="status status-confirmed">confirmed</span> · 3 appearance(s)' in dom
    screenshot(tmp_path / "site" / "G1.html", tmp_path, "story-group-G1.png")
    index = rendered_dom(tmp_path / "site" / "index.html", tmp_path)
    assert index.count('<tr><td><a href="G') == 5


@pytest.mark.slow
def test_seed_article_from_the_real_engine_renders_every_span(tmp_path):
    """The seed article has nested claims (AFP reports what a Telegram video showed)."""
    import claimtrack

    seed = SEED
    result = claimtrack.extract_file(seed)
    (page,) = export.write([result], "html", tmp_path)
    dom = rendered_dom(page, tmp_path)
    spans = marked_spans(result)
    assert body_attributes(dom)["data-spans"] == str(len(spans))
    assert marks_of(dom).texts == {span.id: span.text for span in spans}
    screenshot(page, tmp_path, "seed-baghdad.png")


class Rows(HTMLParser):
    """The claim rows of a page as Chromium left them: id -> hidden or not;
    and which claims' marks are dimmed."""

    def __init__(self):
        super().__init__()
        self.hidden: dict[str, bool] = {}
        self.dimmed: set[str] = set()
        self.output = ""
        self._in_output = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "tr" and "data-claim" in attributes:
            self.hidden[attributes["data-claim"]] = "hidden" in attributes
        if tag == "mark" and "dimmed" in (attributes.get("class") or "").split():
            self.dimmed.add(attributes["data-claim"])
        self._in_output = tag == "output"

    def handle_data(self, data):
        if self._in_output:
            self.output += data

    def handle_endtag(self, tag):
        if tag == "output":
            self._in_output = False


def rows_of(dom: str) -> Rows:
    parser = Rows()
    parser.feed(dom)
    return parser


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "visible"),
    [
        ("", ["C1", "C2", "C3"]),
        ("?status=confirmed", ["C1"]),
        ("?source-type=government", ["C1", "C2"]),
        ("?hedged=yes", ["C3"]),
        ("?hedged=no&source-type=government", ["C1", "C2"]),
        ("?status=unconfirmed&source-type=person", ["C3"]),
        ("?status=denied", ["C1", "C2", "C3"]),  # not a status on this page: the filter stays at "all"
    ],
)
def test_filters_change_the_visible_claim_rows(tmp_path, query, visible):
    """Thursday's article: C1 confirmed (Velmor police, government), C2 unconfirmed
    (police spokeswoman Ina Dorn, government), C3 unconfirmed and hedged
    ("would"; Karel Brandt, person)."""
    (page,) = export.write([story.story()[2]], "html", tmp_path)
    dom = rendered_dom(page, tmp_path, fragment=query)
    rows = rows_of(dom)
    assert [claim for claim, hidden in rows.hidden.items() if not hidden] == visible
    assert rows.dimmed == {claim for claim, hidden in rows.hidden.items() if hidden}
    assert rows.output == f"{len(visible)} of 3 claims shown"
    assert body_attributes(dom)["data-shown"] == str(len(visible))
    if query == "?hedged=yes":
        screenshot(page, tmp_path, "story-thursday-hedged.png", fragment=query)


@pytest.mark.slow
def test_the_sources_panel_lists_each_entity_with_its_mentions(tmp_path):
    """Monday's article: one anonymous source, "a port official", later "The official"."""
    article = story.story()[0]
    (page,) = export.write([article], "html", tmp_path)
    dom = rendered_dom(page, tmp_path)
    panel = re.search(r'<table id="sources" class="sources">(.*?)</table>', dom, re.DOTALL).group(1)
    (row,) = re.findall(r"<tr data-entity=.*?</tr>", panel, re.DOTALL)
    cells = re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
    mentions = [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", cells[4])]
    first, second = article.text.index("a port official"), article.text.index("The official")
    assert cells[:4] + [cells[5]] == ["S1", "a port official", "government", "yes: speaking on condition of anonymity", "C1, C2"]
    assert mentions == [f"a port official ({first}–{first + 15})", f"The official ({second}–{second + 12})"]
