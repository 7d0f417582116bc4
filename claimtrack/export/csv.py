"""``--format csv``: one row per claim, with stable columns (:data:`COLUMNS`).

Offsets are character offsets into the document text; list-valued cells
(hedges, evidence, rules, fact_checks) are joined with ``|``. A fact-check
(matched with ``--fact-checks``) reads ``RATING by FACT-CHECKER (SCORE) URL``.

Cells are formula-safe by default: a spreadsheet runs a cell that begins with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a
formula, so a quote such as ``+cmd|' /C calc'!A0`` from an article or its
front matter could run a command on the reader's machine. As OWASP
recommends (https://owasp.org/www-community/attacks/CSV_Injection), such a
cell gets a leading apostrophe, which spreadsheets show as text and hide.
``render(articles, formula_safe=False)`` writes every cell exactly as
extracted, for pipelines that read the file as data, not in a spreadsheet.
"""

from __future__ import annotations

import csv
import io

__all__ = ["COLUMNS", "FORMULA_STARTS", "render", "rows", "safe_cell"]

# What a spreadsheet reads as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = (
    "document",
    "title",
    "outlet",
    "url",
    "date",
    "claim",
    "kind",
    "heading",
    "content",
    "content_start",
    "content_end",
    "cue",
    "cue_lemma",
    "cue_class",
    "cue_start",
    "cue_end",
    "source",
    "source_start",
    "source_end",
    "source_entity",
    "source_name",
    "source_type",
    "anonymous",
    "hedged",
    "hedges",
    "status",
    "evidence",
    "parent",
    "rules",
    "fact_checks",
)


def rows(articles) -> list[dict[str, object]]:
    found = []
    for article in articles:
        for claim in article.result.claims:
            cue, source = claim.cue, claim.source
            found.append(
                {
                    "document": article.result.document.id,
                    "title": article.title or "",
                    "outlet": article.outlet or "",
                    "url": article.url or "",
                    "date": article.date or "",
                    "claim": claim.id,
                    "kind": claim.kind,
                    "heading": _flag(claim.heading),
                    "content": claim.content.text,
                    "content_start": claim.content.start,
                    "content_end": claim.content.end,
                    "cue": cue.text if cue else "",
                    "cue_lemma": cue.lemma if cue else "",
                    "cue_class": cue.cls if cue else "",
                    "cue_start": cue.start if cue else "",
                    "cue_end": cue.end if cue else "",
                    "source": source.text if source else "",
                    "source_start": source.start if source else "",
                    "source_end": source.end if source else "",
                    "source_entity": (source.entity or "") if source else "",
                    "source_name": (source.name or "") if source else "",
                    "source_type": source.type if source else "",
                    "anonymous": _flag(source.anonymous) if source else "",
                    "hedged": _flag(claim.hedged),
                    "hedges": "|".join(hedge.text for hedge in claim.hedges),
                    "status": claim.confirmation.status,
                    "evidence": "|".join(evidence.text for evidence in claim.confirmation.evidence),
                    "parent": claim.parent or "",
                    "rules": "|".join(claim.rules),
                    "fact_checks": "|".join(_fact_check(match) for match in claim.fact_checks),
                }
            )
    return found


def _fact_check(match) -> str:
    return f"{match.rating or 'no rating'} by {match.fact_checker or 'unknown'} ({match.score}) {match.url or ''}".rstrip()


def _flag(value: bool) -> str:
    return "true" if value else "false"


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet shows it as text: a string that starts like a
    formula gets a leading apostrophe; anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def render(articles, *, formula_safe: bool = True) -> str:
    """The CSV text; ``formula_safe=False`` keeps cells that start like a formula as they are."""
    found = rows(articles)
    if formula_safe:
        found = [{key: safe_cell(value) for key, value in row.items()} for row in found]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(found)
    return out.getvalue()

