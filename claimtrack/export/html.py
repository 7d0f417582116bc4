"""``--format html``: self-contained pages for reading claims in a browser.

A page per article shows the text with every span highlighted (sources,
cues, content, hedges, evidence and anonymity cues in distinct colours),
details on hover or focus (source type, anonymity, hedges, status, rule
ids), a panel of the sources (entity, type, anonymity, mentions) and a table
of the claims (status, hedges, evidence) with filters by source type, status
and hedging. Everything works from the keyboard: spans and rows take focus,
Enter on a row highlights its claim, the filters are plain form controls. A
link to ``page.html#C1.cue`` opens the page with that span's details
showing; ``page.html?status=denied&hedged=yes`` opens it filtered. For a
tracker, :func:`write_groups` adds an index of claim groups and a page per
group with its timeline.

The pages are rendered from the Jinja2 templates in ``claimtrack/templates``
with autoescaping on, so every piece of text is escaped; the page script only
ever sets ``textContent``. Pages load nothing from the network: CSS and
script are inline and the Content-Security-Policy forbids everything else.

Spans may overlap without nesting (a nested claim's content inside its
parent's); such a span is drawn as several ``<mark>`` fragments sharing one
``data-span`` id, the first marked ``data-first``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import attrs
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from claimtrack.export import file_stems
from claimtrack.export.spans import ROLES, Marked, marked_spans
from claimtrack.tracked import ClaimGroup

__all__ = ["CSP", "article_page", "group_page", "index_page", "marked_pieces", "marked_text", "render", "write", "write_groups"]

ROLE_LABELS = {
    "source": "source",
    "cue": "cue",
    "content": "content",
    "hedge": "hedge",
    "evidence": "confirmation evidence",
    "anonymity": "anonymity cue",
}

# The claim filters of an article page: (key, label, what a claim row carries).
FILTERS = (("source-type", "Source type"), ("status", "Status"), ("hedged", "Hedged"))

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("claimtrack", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _render(template: str, **context) -> str:
    return _environment().get_template(template).render(csp=Markup(CSP), **context)


@attrs.frozen
class Piece:
    """One step of the marked text: open a span's ``<mark>``, close one, or text."""

    kind: str  # "open", "close" or "text"
    span: Marked | None = None
    first: bool = False
    text: str = ""

    @property
    def details(self) -> list[list[str]]:
        return [[ROLE_LABELS[self.span.role], self.span.text], *map(list, self.span.details)]

    @property
    def title(self) -> str:
        return "\n".join(f"{key}: {value}" for key, value in self.span.details)


def marked_pieces(text: str, spans: list[Marked]) -> list[Piece]:
    """``text`` cut at every span boundary, with the marks to open and close
    there (a span that crosses another's end is closed and reopened)."""
    role_rank = {role: rank for rank, role in enumerate(ROLES)}
    pending = sorted(
        (span for span in spans if span.end > span.start),
        key=lambda span: (span.start, -span.end, role_rank[span.role]),
    )
    boundaries = sorted({0, len(text)} | {s.start for s in pending} | {s.end for s in pending})
    pieces: list[Piece] = []
    stack: list[Marked] = []
    index = 0
    for number, position in enumerate(boundaries):
        ending = [depth for depth, span in enumerate(stack) if span.end == position]
        if ending:
            lowest = min(ending)
            reopen = sorted((span for span in stack[lowest:] if span.end != position), key=lambda span: -span.end)
            pieces.extend(Piece("close") for _ in stack[lowest:])
            del stack[lowest:]
            for span in reopen:
                pieces.append(Piece("open", span))
                stack.append(span)
        while index < len(pending) and pending[index].start == position:
            pieces.append(Piece("open", pending[index], first=True))
            stack.append(pending[index])
            index += 1
        if number + 1 < len(boundaries):
            pieces.append(Piece("text", text=text[position : boundaries[number + 1]]))
    return pieces


def marked_text(text: str, spans: list[Marked]) -> Markup:
    """``text`` escaped, with a ``<mark>`` around every span (split where spans cross)."""
    return Markup(_render("marked.html.j2", pieces=marked_pieces(text, spans)))


@attrs.frozen
class _ClaimRow:
    claim: object
    source_type: str
    hedged: str


def _claim_rows(result) -> list[_ClaimRow]:
    return [
        _ClaimRow(claim, claim.source.type if claim.source else "none", "yes" if claim.hedged else "no")
        for claim in result.claims
    ]


@attrs.frozen
class _Filter:
    key: str  # the query parameter and the row's data- attribute
    label: str
    options: tuple[str, ...]


def _filters(rows: list[_ClaimRow]) -> list[_Filter]:
    options = {
        "source-type": sorted({row.source_type for row in rows}),
        "status": sorted({row.claim.confirmation.status for row in rows}),
        "hedged": ["yes", "no"],
    }
    return [_Filter(key, label, tuple(options[key])) for key, label in FILTERS]


def article_page(article, back: str | None = None) -> str:
    result = article.result
    rows = _claim_rows(result)
    claims_by_entity: dict[str, list[str]] = {}
    for claim in result.claims:
        if claim.source is not None and claim.source.entity:
            claims_by_entity.setdefault(claim.source.entity, []).append(claim.id)
    return _render(
        "article.html.j2",
        title=article.title or result.document.id,
        article=article,
        back=back,
        legend=list(ROLE_LABELS.items()),
        marked=marked_text(result.text, marked_spans(result)),
        sources=result.sources,
        claims_by_entity=claims_by_entity,
        claims=rows,
        filters=_filters(rows),
    )


def render(articles) -> str:
    (article,) = articles
    return article_page(article)


def write(articles, out: Path) -> list[Path]:
    paths = []
    for stem, article in zip(file_stems(articles), articles):
        path = out / f"{stem}.html"
        path.write_text(article_page(article), encoding="utf-8")
        paths.append(path)
    return paths


def write_groups(groups: Sequence[ClaimGroup], articles, out: str | Path) -> list[Path]:
    """A tracker's pages: ``index.html`` (the claim groups), ``G<n>.html`` per
    group with its timeline, and the article pages they link to."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    stems = dict(zip((a.result.document.sha256 for a in articles), file_stems(articles)))
    paths = []
    for stem, article in zip(file_stems(articles), articles):
        path = out / f"{stem}.html"
        path.write_text(article_page(article, back="index.html"), encoding="utf-8")
        paths.append(path)
    for group in groups:
        path = out / f"{group.id}.html"
        path.write_text(group_page(group, stems), encoding="utf-8")
        paths.append(path)
    index = out / "index.html"
    index.write_text(index_page(groups), encoding="utf-8")
    return [index, *paths]


def group_page(group: ClaimGroup, stems: dict[str, str]) -> str:
    """A claim group's timeline: each appearance with its date, outlet, status and source."""
    appearances = [
        {"appearance": appearance, "stem": stems.get(appearance.document.sha256)} for appearance in group.appearances
    ]
    return _render("group.html.j2", title=f"{group.id}: {group.label}", group=group, appearances=appearances)


def index_page(groups: Sequence[ClaimGroup]) -> str:
    return _render("index.html.j2", title="Tracked claims", groups=groups)
