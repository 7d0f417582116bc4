"""Precision and recall of fact-check matches against hand-written expectations
(``claimtrack eval --format factcheck GOLD.yaml``).

The gold file names a feed folder, an articles folder and, per article, the
expected matches: a piece of a claim's content and the fact-checks (the last
part of their URL) that should match that claim::

    feed: feed
    articles: articles
    expected:
      tunnel.txt:
        "cost taxpayers 2 billion": [tunnel-cost, tunnel-cost-2]

Every article in the folder is extracted and matched; a pair (claim,
fact-check) is correct when the claim's content holds an expected piece
that lists the fact-check. A claim that no piece names should match nothing.
See ``tests/data/factcheck/expected.yaml``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import yaml

from claimtrack.errors import InputError
from claimtrack.factcheck.matching import annotate
from claimtrack.factcheck.reviews import FactChecks

__all__ = ["Pair", "Report", "evaluate", "format_report"]


@attrs.frozen
class Pair:
    """One (claim, fact-check) pair: expected, found, or both."""

    article: str
    claim: str  # the expected piece of content, or the claim's content when none names it
    fact_check: str  # the last part of the fact-check's URL
    score: float | None = None  # the match's score when one was found
    reasons: tuple[str, ...] = ()


@attrs.frozen
class Report:
    correct: tuple[Pair, ...]
    missed: tuple[Pair, ...]
    extra: tuple[Pair, ...]
    articles: int
    claims: int
    fact_checks: int

    @property
    def precision(self) -> float:
        found = len(self.correct) + len(self.extra)
        return len(self.correct) / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.correct) + len(self.missed)
        return len(self.correct) / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "correct": len(self.correct),
            "missed": [attrs.asdict(pair) for pair in self.missed],
            "extra": [attrs.asdict(pair) for pair in self.extra],
            "articles": self.articles,
            "claims": self.claims,
            "fact_checks": self.fact_checks,
        }


def evaluate(
    gold: str | Path,
    *,
    feed: str | Path | None = None,
    rules: Any = None,
    model: Any = None,
    extract: Callable[[Path], Any] | None = None,
) -> Report:
    """Score the matches on the articles and feed that ``gold`` names.

    ``extract`` turns an article path into a Result (default:
    :func:`claimtrack.pipeline.extract_file` with ``rules``).
    """
    gold_path = Path(gold)
    spec = _read_gold(gold_path)
    checks = FactChecks.load(feed or gold_path.parent / spec["feed"])
    if extract is None:
        from claimtrack.pipeline import extract_file

        def extract(path: Path) -> Any:
            return extract_file(path, rules=rules)

    correct, missed, extra = [], [], []
    claims = 0
    folder = gold_path.parent / spec["articles"]
    for name, pieces in spec["expected"].items():
        path = folder / name
        if not path.is_file():
            raise InputError(f"{gold_path}: article {name!r} is not in {folder}")
        result = annotate(extract(path), checks, rules=rules, model=model)
        claims += len(result.claims)
        found: set[tuple[str, str]] = set()
        for claim in result.claims:
            piece = next((piece for piece in pieces if piece in claim.content.text), None)
            wanted = set(pieces.get(piece, ())) if piece else set()
            for match in claim.fact_checks:
                slug = _slug(match.url)
                pair = Pair(name, piece or claim.content.text, slug, match.score, match.reasons)
                (correct if slug in wanted else extra).append(pair)
                found.add((piece or "", slug))
        missed.extend(
            Pair(name, piece, slug)
            for piece, slugs in pieces.items()
            for slug in slugs
            if (piece, slug) not in found
        )
    return Report(tuple(correct), tuple(missed), tuple(extra), len(spec["expected"]), claims, len(checks))


def format_report(report: Report) -> str:
    lines = [
        f"fact-check matches: {report.articles} articles, {report.claims} claims, {report.fact_checks} fact-checks",
        f"precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}  "
        f"({len(report.correct)} correct, {len(report.extra)} extra, {len(report.missed)} missed)",
    ]
    lines += [f"  missed: {pair.article}: {pair.claim!r} -> {pair.fact_check}" for pair in report.missed]
    lines += [
        f"  extra:  {pair.article}: {pair.claim!r} -> {pair.fact_check} ({pair.score}: {'; '.join(pair.reasons)})"
        for pair in report.extra
    ]
    return "\n".join(lines)


def _slug(url: str | None) -> str:
    return (url or "").rstrip("/").rsplit("/", 1)[-1]


def _read_gold(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read ({getattr(error, 'strerror', None) or error})") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: not YAML ({' '.join(str(error).split())})") from None
    if not (isinstance(data, dict) and isinstance(data.get("expected"), dict)):
        raise InputError(f"{path}: expected a mapping with 'feed', 'articles' and 'expected'")
    return {"feed": data.get("feed", "feed"), "articles": data.get("articles", "articles"), "expected": data["expected"]}
