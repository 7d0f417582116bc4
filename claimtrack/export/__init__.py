"""Exports: one module per format, each turning results into text or files.

``render(results, fmt)`` returns the export as one string (to print);
``write(results, fmt, out_dir)`` writes it into a folder and returns the paths
written (one file per document for the per-document formats). ``results``
may hold :class:`~claimtrack.model.Result` values or articles: any value with
a ``result`` and its ``title``, ``outlet``, ``url`` and ``date`` (such as
:class:`Article` or the tracker's stored articles), which the csv, json,
claimreview, webanno and html exports use.

Options are keywords that only the formats which declare them use (a format
ignores the rest, so a command can pass the same options whatever the
format): ``formula_safe`` (csv, default true) prefixes cells that a
spreadsheet would run as formulas with an apostrophe.

>>> sorted(FORMATS)
['brat', 'claimreview', 'csv', 'html', 'json', 'jsonl', 'webanno']
"""

from __future__ import annotations

import hashlib
import importlib
import re
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

import attrs

from claimtrack.errors import ClaimtrackError
from claimtrack.model import ARTICLE_KEYS, Result

__all__ = ["FORMATS", "Article", "ExportError", "Format", "articles_of", "file_stems", "render", "web_url", "write"]


class ExportError(ClaimtrackError):
    """An export that cannot be made as asked (one line, for the CLI)."""


@attrs.frozen
class Format:
    name: str
    description: str
    extension: str
    per_document: bool = False  # a file (or a pair) per document: use write() for many
    options: tuple[str, ...] = ()  # the keyword options its render() takes


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("json", "the JSON output contract, one object per document", ".json"),
        Format("jsonl", "one JSON object per line, one line per document", ".jsonl"),
        Format(
            "csv",
            "one row per claim, stable columns, formula-safe cells",
            ".csv",
            options=("formula_safe",),
        ),
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


@attrs.frozen
class Article:
    """A document's result and where it appeared (what front matter gives)."""

    result: Result
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    date: str | None = None
    path: str | None = None  # the file it was read from, when there was one

    @property
    def text(self) -> str:
        return self.result.text


def articles_of(results: Iterable) -> list:
    """Results as articles (a plain Result becomes an Article with no metadata)."""
    return [_article(item) for item in results]


def _article(item):
    if isinstance(item, Result):
        # A result read from a file with front matter carries it in its
        # document record: title, outlet, url and date reach every export.
        meta = item.document.metadata or {}
        known = {key: str(meta[key]) for key in ARTICLE_KEYS if meta.get(key)}
        return Article(result=item, **known)
    if isinstance(getattr(item, "result", None), Result):
        return item
    raise TypeError(f"expected a Result or an article with a result, got {type(item).__name__}")


def render(results: Iterable, fmt: str, **options: object) -> str:
    """The export of ``results`` in format ``fmt`` as one string.

    Per-document formats (brat, html) render a single document here; for
    several, use :func:`write`. ``options``: see the module docstring.
    """
    module = _module(fmt)
    articles = articles_of(results)
    if FORMATS[fmt].per_document and len(articles) != 1:
        raise ExportError(f"--format {fmt} writes files per document; give an output folder (--out DIR)")
    return module.render(articles, **_options_for(fmt, options))


def _options_for(fmt: str, options: dict[str, object]) -> dict[str, object]:
    known = {name for spec in FORMATS.values() for name in spec.options}
    unknown = sorted(set(options) - known)
    if unknown:
        raise ExportError(f"unknown export option {unknown[0]!r} (known: {', '.join(sorted(known))})")
    return {name: value for name, value in options.items() if name in FORMATS[fmt].options}


def write(results: Iterable, fmt: str, out_dir: str | Path, **options: object) -> list[Path]:
    """Write the export of ``results`` into ``out_dir`` (created if needed); the paths written."""
    module = _module(fmt)
    chosen = _options_for(fmt, options)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    articles = articles_of(results)
    if hasattr(module, "write"):
        return module.write(articles, out, **chosen)
    paths = []
    for stem, article in zip(file_stems(articles), articles):
        path = out / f"{stem}{FORMATS[fmt].extension}"
        path.write_text(module.render([article], **chosen), encoding="utf-8")
        paths.append(path)
    return paths


MAX_STEM_BYTES = 150  # a file name may hold 255 bytes; room for "-N" and the extension


def file_stems(articles) -> list[str]:
    """A safe, unique file name stem per article, from its document id; a
    long id is cut to :data:`MAX_STEM_BYTES` bytes and ends in a short hash of
    the whole id, so that two long ids keep two names."""
    stems: list[str] = []
    for article in articles:
        doc_id = article.result.document.id
        stem = re.sub(r"[^\w.-]+", "_", doc_id).strip("._") or "document"
        if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
            digest = hashlib.sha256(doc_id.encode("utf-8", "backslashreplace")).hexdigest()[:10]
            stem = stem.encode("utf-8")[: MAX_STEM_BYTES - 11].decode("utf-8", "ignore") + "-" + digest
        unique, number = stem, 1
        while unique in stems:
            number += 1
            unique = f"{stem}-{number}"
        stems.append(unique)
    return stems


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address a consumer may follow as a link
    or use as a JSON-LD id, else None (``javascript:...``, text that is no
    address, spaces or control characters): front matter is untrusted."""
    if not url:
        return None
    parts = urllib.parse.urlsplit(url) if url.isprintable() and not any(char.isspace() for char in url) else None
    return url if parts is not None and parts.scheme.lower() in ("http", "https") and parts.netloc else None
