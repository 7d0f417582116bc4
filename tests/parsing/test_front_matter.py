"""One reader for articles with front matter (issue 14): ``extract``, ``track``
and the corpus path give the same offsets and the same document metadata,
and every export uses the article's url."""

from __future__ import annotations

import csv
import io
import json

import claimtrack
from claimtrack import export
from claimtrack.parsing.articles import split_front_matter
from repo_paths import REPO


ARTICLE = REPO / "examples" / "story" / "2026-03-02-harbour-courier.txt"
URL = "https://example.org/harbour-courier/velmor-warehouse-fire"


def test_front_matter_keeps_every_key_and_the_body_starts_after_the_fence():
    body, meta = split_front_matter("---\ntitle: T\nauthor: A. Writer\ndate: 2026-03-02\n---\nPolice said it was arson.\n")
    assert (body, meta) == ("Police said it was arson.\n", {"title": "T", "author": "A. Writer", "date": "2026-03-02"})


def test_extract_and_track_give_the_same_offsets_and_metadata(tmp_path):
    extracted = claimtrack.extract_file(ARTICLE)
    with claimtrack.Tracker(tmp_path / "story.db") as tracker:
        tracker.add_file(ARTICLE)
        (article,) = tracker.articles()
    tracked = article.result
    assert [(c.content.start, c.content.end) for c in extracted.claims] == [
        (c.content.start, c.content.end) for c in tracked.claims
    ]
    assert extracted.claims[0].content.start == ARTICLE.read_text(encoding="utf-8").split("---\n", 2)[2].index(
        extracted.claims[0].content.text
    )
    assert extracted.document.metadata == {
        "title": "Fire destroys grain warehouse in Velmor port",
        "outlet": "Harbour Courier",
        "url": URL,
        "date": "2026-03-02",
    }
    assert (article.title, article.outlet, article.url, article.date) == (
        "Fire destroys grain warehouse in Velmor port", "Harbour Courier", URL, "2026-03-02",
    )


def test_the_url_reaches_csv_claimreview_and_web_annotation():
    result = claimtrack.extract_file(ARTICLE)
    rows = list(csv.DictReader(io.StringIO(export.render([result], "csv"))))
    assert {row["url"] for row in rows} == {URL}
    assert URL in export.render([result], "claimreview")
    annotations = json.loads(export.render([result], "webanno"))
    assert URL in json.dumps(annotations)
