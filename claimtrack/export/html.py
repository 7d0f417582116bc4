"""``--format html``: self-contained pages for reading claims in a browser.

A page per article shows the text with every span highlighted (sources,
cues, content, hedges, evidence and anonymity cues in distinct colours),
details on hover or focus (source type, anonymity, hedges, status, rule
ids), and a table of the claims. A link to ``page.html#C1.cue`` opens the
page with that span's details showing. For a tracker, :func:`write_groups` adds an
index of claim groups and a page per group with its timeline.

Pages load nothing from the network: CSS and script are inline and the
Content-Security-Policy forbids everything else. All text is escaped; the
script only ever sets ``textContent``.

Spans may overlap without nesting (a nested claim's content inside its
parent's); such a span is drawn as several ``<mark>`` fragments sharing one
``data-span`` id, the first marked ``data-first``.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from claimtrack.export import file_stems
from claimtrack.export.spans import ROLES, Marked, marked_spans

__all__ = ["marked_text", "page", "render", "write", "write_groups"]

ROLE_LABELS = {
    "source": "source",
    "cue": "cue",
    "content": "content",
    "hedge": "hedge",
    "evidence": "confirmation evidence",
    "anonymity": "anonymity cue",
}

CSS = """
:root { font-family: Georgia, 'DejaVu Serif', serif; color: #1d1d1d; background: #fbfaf7; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
.meta { color: #555; margin: 0 0 1rem; font-family: sans-serif; font-size: .9rem; }
.legend { font-family: sans-serif; font-size: .85rem; margin-bottom: 1rem; }
.legend mark { margin-right: .6rem; }
.text { white-space: pre-wrap; line-height: 2.1; font-size: 1.08rem; background: #fff;
        padding: 1rem 1.2rem; border: 1px solid #ddd; border-radius: 6px; }
mark { border-radius: 3px; padding: .12em 0; cursor: help; color: inherit; }
mark.ct-content { background: #ffe38a; }
mark.ct-source { background: #8fd3ff; }
mark.ct-cue { background: #ff9f9f; font-weight: bold; }
mark.ct-hedge { background: #c9b3ff; text-decoration: underline dotted; }
mark.ct-evidence { background: #9be39b; font-weight: bold; }
mark.ct-anonymity { background: #d9d9d9; font-style: italic; }
mark.focus { outline: 2px solid #d33; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-family: sans-serif; font-size: .88rem; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eee; }
tr[data-claim] { cursor: pointer; }
tr.focus { background: #fff3c4; }
.status { font-family: sans-serif; font-size: .8rem; padding: .1rem .4rem; border-radius: 8px; background: #ddd; }
.status-confirmed, .status-corroborated { background: #9be39b; }
.status-denied, .status-disputed { background: #ff9f9f; }
.status-unverified, .status-no_response { background: #ffd59b; }
#tip { position: fixed; max-width: 26rem; background: #222; color: #fff; font-family: sans-serif;
       font-size: .8rem; padding: .45rem .6rem; border-radius: 5px; pointer-events: none; z-index: 10; }
#tip dl { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; }
#tip dt { color: #bbb; }
#tip dd { margin: 0; }
ol.timeline { list-style: none; padding: 0; border-left: 3px solid #bbb; margin-left: .5rem; }
ol.timeline li { margin: 0 0 1rem; padding-left: 1rem; position: relative; font-family: sans-serif; }
ol.timeline li::before { content: ''; position: absolute; left: -.5rem; top: .35rem; width: .7rem; height: .7rem;
                         border-radius: 50%; background: #888; }
ol.timeline blockquote { margin: .3rem 0; font-family: Georgia, serif; }
"""

SCRIPT = """
(function () {
  var tip = document.getElementById('tip');
  function show(mark, x, y) {
    var details = JSON.parse(mark.getAttribute('data-details'));
    var list = document.createElement('dl');
    details.forEach(function (pair) {
      var term = document.createElement('dt'); term.textContent = pair[0];
      var value = document.createElement('dd'); value.textContent = pair[1];
      list.appendChild(term); list.appendChild(value);
    });
    tip.replaceChildren(list);
    tip.hidden = false;
    tip.style.left = Math.min(x + 12, window.innerWidth - tip.offsetWidth - 8) + 'px';
    tip.style.top = (y + 16) + 'px';
  }
  document.querySelectorAll('mark[data-span]').forEach(function (mark) {
    mark.addEventListener('mouseenter', function (e) { show(mark, e.clientX, e.clientY); });
    mark.addEventListener('mouseleave', function () { tip.hidden = true; });
    mark.addEventListener('focus', function () {
      var box = mark.getBoundingClientRect(); show(mark, box.left, box.bottom);
    });
    mark.addEventListener('blur', function () { tip.hidden = true; });
  });
  document.querySelectorAll('tr[data-claim]').forEach(function (row) {
    row.addEventListener('click', function () {
      var claim = row.getAttribute('data-claim');
      var on = !row.classList.contains('focus');
      document.querySelectorAll('.focus').forEach(function (el) { el.classList.remove('focus'); });
      if (!on) { return; }
      row.classList.add('focus');
      document.querySelectorAll('mark[data-claim="' + CSS.escape(claim) + '"]').forEach(function (mark) {
        mark.classList.add('focus');
      });
    });
  });
  var wanted = decodeURIComponent(location.hash.slice(1));
  var target = wanted && document.querySelector('mark[data-first][data-span="' + CSS.escape(wanted) + '"]');
  if (target) {
    target.focus();
    var box = target.getBoundingClientRect();
    show(target, box.left, box.bottom);
  }
  var spans = new Set();
  document.querySelectorAll('mark[data-span]').forEach(function (mark) { spans.add(mark.getAttribute('data-span')); });
  document.body.setAttribute('data-spans', String(spans.size));
  document.body.setAttribute('data-ready', 'yes');
})();
"""

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _open_tag(span: Marked, first: bool) -> str:
    details = json.dumps([[ROLE_LABELS[span.role], span.text], *span.details], ensure_ascii=False)
    title = "\n".join(f"{key}: {value}" for key, value in span.details)
    claim = f' data-claim="{_attr(span.claim)}"' if span.claim else ""
    extra = ' data-first="" tabindex="0"' if first else ""
    return (
        f'<mark class="ct ct-{span.role}" data-span="{_attr(span.id)}" data-role="{span.role}"{claim}'
        f' data-details="{_attr(details)}" title="{_attr(title)}"{extra}>'
    )


def marked_text(text: str, spans: list[Marked]) -> str:
    """``text`` escaped, with a ``<mark>`` around every span (split where spans cross)."""
    role_rank = {role: rank for rank, role in enumerate(ROLES)}
    pending = sorted(
        (span for span in spans if span.end > span.start),
        key=lambda span: (span.start, -span.end, role_rank[span.role]),
    )
    boundaries = sorted({0, len(text)} | {s.start for s in pending} | {s.end for s in pending})
    out: list[str] = []
    stack: list[Marked] = []
    index = 0
    for number, position in enumerate(boundaries):
        ending = [depth for depth, span in enumerate(stack) if span.end == position]
        if ending:
            lowest = min(ending)
            reopen = sorted(
                (span for span in stack[lowest:] if span.end != position), key=lambda span: -span.end
            )
            out.append("</mark>" * (len(stack) - lowest))
            del stack[lowest:]
            for span in reopen:
                out.append(_open_tag(span, first=False))
                stack.append(span)
        while index < len(pending) and pending[index].start == position:
            out.append(_open_tag(pending[index], first=True))
            stack.append(pending[index])
            index += 1
        if number + 1 < len(boundaries):
            out.append(escape(text[position : boundaries[number + 1]], quote=False))
    return "".join(out)


def _legend() -> str:
    items = "".join(f'<mark class="ct-{role}">{escape(label)}</mark>' for role, label in ROLE_LABELS.items())
    return f'<p class="legend">{items}</p>'


def _link(url: str | None) -> str:
    if not url:
        return ""
    if url.startswith(("http://", "https://")):
        return f'<a href="{_attr(url)}" rel="noreferrer">{escape(url)}</a>'
    return escape(url)


def _meta_line(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def page(title: str, body: str) -> str:
    """A complete self-contained HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
        f'<div id="tip" role="tooltip" hidden></div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n'
    )


def _status(status: str) -> str:
    return f'<span class="status status-{_attr(status)}">{escape(status)}</span>'


def _claims_table(result) -> str:
    rows = []
    for claim in result.claims:
        source = claim.source
        who = escape(source.name or source.text) if source else "<em>none</em>"
        kind_of_source = escape(f"{source.type}{', anonymous' if source.anonymous else ''}") if source else ""
        rows.append(
            f'<tr data-claim="{_attr(claim.id)}" id="{_attr(claim.id)}"><td>{escape(claim.id)}</td>'
            f"<td>{escape(claim.content.text)}</td><td>{escape(claim.cue.text) if claim.cue else ''}</td>"
            f"<td>{who}</td><td>{kind_of_source}</td><td>{escape(claim.kind)}</td>"
            f"<td>{escape(', '.join(h.text for h in claim.hedges))}</td><td>{_status(claim.confirmation.status)}</td>"
            f"<td>{escape(', '.join(claim.rules))}</td></tr>"
        )
    head = "".join(
        f"<th>{name}</th>"
        for name in ("id", "content", "cue", "source", "type", "kind", "hedges", "status", "rules")
    )
    return f'<table id="claims"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def article_page(article, back: str | None = None) -> str:
    result = article.result
    title = article.title or result.document.id
    nav = f'<p class="meta"><a href="{_attr(back)}">all claims</a></p>' if back else ""
    body = (
        f"<header>{nav}<h1>{escape(title)}</h1>"
        f'<p class="meta">{_meta_line(escape(article.outlet or ""), escape(article.date or ""), _link(article.url))}</p>'
        f"{_legend()}</header>\n<main>\n"
        f'<article id="text" class="text">{marked_text(result.text, marked_spans(result))}</article>\n'
        f"<section><h2>Claims ({len(result.claims)})</h2>{_claims_table(result)}</section>\n</main>"
    )
    return page(title, body)


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


def write_groups(groups, articles, out: str | Path) -> list[Path]:
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


def group_page(group, stems: dict[str, str]) -> str:
    items = []
    for number, appearance in enumerate(group.appearances):
        document = appearance.document
        stem = stems.get(document.sha256)
        headline = escape(document.title or document.doc_id)
        if stem:
            headline = f'<a href="{_attr(stem)}.html#{_attr(appearance.claim)}">{headline}</a>'
        source = escape(appearance.source or "no source")
        if appearance.source_type:
            source += escape(f" ({appearance.source_type}{', anonymous' if appearance.anonymous else ''})")
        items.append(
            f'<li data-appearance="{number}"><strong>{escape(document.date or document.added_at[:10])}</strong> · '
            f"{escape(document.outlet or '')} · {headline} {_status(appearance.status)}"
            f"<blockquote>{escape(appearance.content)}</blockquote>"
            f"<span>{source}{' — ' + escape(appearance.cue) if appearance.cue else ''}"
            f"{' · first appearance' if number == 0 else ''}</span></li>"
        )
    body = (
        '<header><p class="meta"><a href="index.html">all claims</a></p>'
        f"<h1>{escape(group.id)}: {escape(group.label)}</h1>"
        f'<p class="meta">current status {_status(group.status)} · {len(group.appearances)} appearance(s)</p></header>'
        f'<main><h2>Timeline</h2><ol class="timeline">{"".join(items)}</ol></main>'
    )
    return page(f"{group.id}: {group.label}", body)


def index_page(groups) -> str:
    rows = "".join(
        f'<tr><td><a href="{_attr(group.id)}.html">{escape(group.id)}</a></td><td>{escape(group.label)}</td>'
        f"<td>{_status(group.status)}</td><td>{escape(group.first.document.date or '')}</td>"
        f"<td>{len(group.appearances)}</td>"
        f"<td>{escape(', '.join(sorted({a.source for a in group.appearances if a.source})))}</td></tr>"
        for group in groups
    )
    head = "".join(
        f"<th>{name}</th>" for name in ("id", "claim", "status", "first seen", "appearances", "sources")
    )
    body = (
        f'<header><h1>Tracked claims</h1><p class="meta">{len(groups)} claim group(s)</p></header>'
        f'<main><table id="groups"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></main>'
    )
    return page("Tracked claims", body)
