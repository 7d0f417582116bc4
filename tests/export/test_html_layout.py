"""The HTML report's layout in headless Chromium at 1280 and 390 px (issue 23,
point 6): the page never scrolls sideways, a wide claims table scrolls in its
own box, the content column keeps a readable width however long the rule ids
are, and each claim row names its sentence (point 8). Screenshots at both
widths go to tests/artifacts/ (or $CLAIMTRACK_TEST_ARTIFACTS)."""

from __future__ import annotations

import json
import re
import struct
from html import escape as html_escape
from html import unescape as html_unescape

import attrs
import pytest
from repo_paths import SEED
from test_html_browser import ARTIFACTS, CHROMIUM, chromium

import claimtrack
from claimtrack import export
from claimtrack.export import Article

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found: install Debian's 'chromium' package (apt-get install -y chromium); .ci/run does",
)

LONG_RULE = "overlay.desk_specific.a_rule_identifier_with_no_break_in_it_at_all"

# Measures the laid-out page and leaves the figures on <body> for --dump-dom.
MEASURE = """<script>
const box = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; };
const cols = {};
for (const th of document.querySelectorAll('#claims thead th')) cols[th.textContent] = Math.round(th.getBoundingClientRect().width);
document.body.setAttribute('data-layout', JSON.stringify({
  viewport: window.innerWidth, page: document.documentElement.scrollWidth,
  main: box(document.querySelector('main')), scroller: box(document.querySelector('#claims').parentElement), cols}));
</script>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory, compact_parser):
    result = claimtrack.extract_file(SEED, parser=compact_parser)
    claims = [attrs.evolve(claim, rules=(*claim.rules, LONG_RULE)) for claim in result.claims]
    html = export.render([Article(result=attrs.evolve(result, claims=claims))], "html")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)  # lets MEASURE run
    path = tmp_path_factory.mktemp("layout") / "seed.html"
    path.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    return path


def framed(page, width: int):
    """A page holding the report in an iframe ``width`` CSS pixels wide (a
    headless window is at least 500 px wide, a phone is 390): the report lays
    out, and its media queries apply, as in a viewport of that width."""
    path = page.with_name(f"framed-{width}.html")
    path.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe id="f" style="border:0;display:block;width:{width}px;height:900px" srcdoc="{html_escape(page.read_text(encoding="utf-8"))}"></iframe>'
        "<script>const f = document.getElementById('f');"
        "const copy = () => document.body.setAttribute('data-layout', f.contentDocument.body.getAttribute('data-layout'));"
        "f.addEventListener('load', copy); if (f.contentDocument.readyState === 'complete') copy();</script>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def layout(page, tmp_path, width: int) -> dict:
    window = f"--window-size={max(width, 500)},900"
    dom = chromium(framed(page, width), tmp_path / "profile", window, "--hide-scrollbars", "--dump-dom")
    return json.loads(html_unescape(re.search(r'<body[^>]*data-layout="([^"]*)"', dom).group(1)))


def png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


@pytest.mark.slow  # a subprocess, a corpus run or a browser: CI runs it, the quick loop does not
@pytest.mark.parametrize(("width", "content_at_least"), [(1280, 224), (390, 176)])
def test_the_claims_table_stays_in_the_page_column_and_content_stays_readable(page, tmp_path, width, content_at_least):
    found = layout(page, tmp_path, width)
    assert found["viewport"] == width
    assert found["page"] == width  # no sideways scrolling of the page
    assert found["scroller"][1] <= found["main"][1] <= width  # the table's box ends inside the page column
    assert found["cols"]["content"] >= content_at_least  # 14rem / 11rem
    assert found["cols"]["rules"] <= 176  # long ids wrap instead of widening the table
    shot = ARTIFACTS / f"seed-layout-{width}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    window = max(width, 500)
    chromium(framed(page, width), tmp_path / "profile", f"--window-size={window},900", "--hide-scrollbars", f"--screenshot={shot}")
    assert png_size(shot) == (window, 900)


def test_each_claim_row_names_its_sentence(page):
    html = page.read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-claim="(C\d+)"[^>]*data-sentence="(\d+)"', html)
    assert rows[:4] == [("C1", "1"), ("C2", "2"), ("C3", "3"), ("C4", "4")]
    assert len(rows) == 14
