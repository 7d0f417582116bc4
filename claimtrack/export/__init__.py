"""Exports: one module per format, each turning results into text or files.

``render(results, fmt)`` returns the export as one string (to print);
``write(results, fmt, out_dir)`` writes it into a folder and returns the paths
written (one file per document for the per-document formats). ``results``
may hold :class:`~claimtrack.model.Result` values or
:class:`~claimtrack.tracker.store.Article` values (a result with its title,
outlet, URL and date, which the claimreview, webanno and html exports use).

>>> sorted(FORMATS)
['brat', 'claimreview', 'csv', 'html', 'json', 'jsonl', 'webanno']
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from claimtrack.errors import ClaimtrackError
from claimtrack.model import Result

__all__ = ["FORMATS", "ExportError", "Format", "articles_of", "file_stems", "render", "write"]


class ExportError(ClaimtrackError):
    """An export that cannot be made as asked (one line, for the CLI)."""


@attrs.frozen
class Format:
    name: str
    description: str
    extension: str
    per_document: bool = False  # a file (or a pair) per document: use write() for many


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("json", "the JSON output contract, one object per document", ".json"),
        Format("jsonl", "one JSON object per line, one line per document", ".jsonl"),
        Format("csv", "one row per claim, stable columns", ".csv"),
        Format("claimreview", "schema.org JSON-LD Claim items, ready for a ClaimReview", ".jsonld"),
        Format(
            "webanno", "W3C Web Annotation JSON-LD, quote and position selectors for every span", ".jsonld"
        ),
        Format(
            "brat",
            "brat standoff: .txt and .ann per document, with annotation.conf",
            ".ann",
            per_document=True,
        ),
        Format(
            "html", "a self-contained page per document with highlighted claims", ".html", per_document=True
        ),
    )
}


def _module(fmt: str):
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    return importlib.import_module(f"claimtrack.export.{fmt}")


def articles_of(results: Iterable):
    """Results as Articles (a plain Result becomes an Article with no metadata)."""
    from claimtrack.tracker.store import Article

    return [item if isinstance(item, Article) else Article(result=_checked(item)) for item in results]


def _checked(item) -> Result:
    if not isinstance(item, Result):
        raise TypeError(f"expected a Result or an Article, got {type(item).__name__}")
    return item


def render(results: Iterable, fmt: str) -> str:
    """The export of ``results`` in format ``fmt`` as one string.

    Per-document formats (brat, html) render a single document here; for
    several, use :func:`write`.
    """
    module = _module(fmt)
    articles = articles_of(results)
    if FORMATS[fmt].per_document and len(articles) != 1:
        raise ExportError(f"--format {fmt} writes files per document; give an output folder (--out DIR)")
    return module.render(articles)


def write(results: Iterable, fmt: str, out_dir: str | Path) -> list[Path]:
    """Write the export of ``results`` into ``out_dir`` (created if needed); the paths written."""
    module = _module(fmt)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    articles = articles_of(results)
    if hasattr(module, "write"):
        return module.write(articles, out)
    paths = []
    for stem, article in zip(file_stems(articles), articles):
        path = out / f"{stem}{FORMATS[fmt].extension}"
        path.write_text(module.render([article]), encoding="utf-8")
        paths.append(path)
    return paths


def file_stems(articles) -> list[str]:
    """A safe, unique file name stem per article, from its document id."""
    stems: list[str] = []
    for article in articles:
        stem = re.sub(r"[^\w.-]+", "_", article.result.document.id).strip("._") or "document"
        unique, number = stem, 1
        while unique in stems:
            number += 1
            unique = f"{stem}-{number}"
        stems.append(unique)
    return stems
