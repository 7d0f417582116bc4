"""The GUM report as plain-text tables, and the listing of every miss and
false positive (``claimtrack eval --errors``)."""

from __future__ import annotations

from typing import Any

from claimtrack.evaluation.metrics import prf
from claimtrack.evaluation.scoring import Report

__all__ = ["TOP_COUNTS", "cell", "false_positive_lines", "format_errors", "format_report", "miss_lines"]

TOP_COUNTS = 10


def cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: Report, *, per_document: bool = True) -> str:
    """The report as plain-text tables."""
    s = report.summary()
    parse = s["parse"] if s["models"] == s["parse"] else f"{s['parse']} ({s['models']})"
    lines = [
        f"parse: {parse}   documents: {s['documents']}   gold targets: {s['gold']}   "
        f"predicted: {s['predicted']}",
        "",
        f"precision {cell(s['precision'])}   recall {cell(s['recall'])}   F1 {cell(s['f1'])}   "
        f"(matched {s['matched']}, false positives {s['false_positives']}, "
        f"strict precision {cell(s['strict_precision'])})",
    ]
    accuracies = [
        ("source mention (token overlap)", s["source_mention"]["overlap"]),
        ("source mention (exact tokens)", s["source_mention"]["exact"]),
        ("cue", s["cue"]),
        ("kind", s["kind"]),
        ("source type (GUM types)", s["source_type"]),
        ("he/she/it/they source named right", s["source_entity"]["pronoun_resolution"]),
    ]
    lines += ["", "over matched pairs:"]
    lines += [f"  {name:<36} {cell(acc['accuracy'])}  (n={acc['n']})" for name, acc in accuracies]
    entity = s["source_entity"]
    lines.append(
        f"  {'same-source links P/R/F1':<36} {cell(entity['link_precision'])} / {cell(entity['link_recall'])} / "
        f"{cell(entity['link_f1'])}  (claim pairs={entity['claim_pairs']})"
    )
    lines += [f"  {name:<36} {s[name]}" for name in ("anonymity", "hedge", "status")]
    for title, counts in (
        ("false positives by first rule", s["false_positives_by_rule"]),
        ("misses by gold cue lemma", s["misses_by_cue_lemma"]),
    ):
        if counts:
            top = list(counts.items())[:TOP_COUNTS]
            lines += ["", f"{title} (top {len(top)}):", "  " + ", ".join(f"{name} {n}" for name, n in top)]
    for title, table in (("recall by kind", s["recall_by_kind"]), ("recall by genre", s["recall_by_genre"])):
        lines += ["", f"{title}:"]
        lines += [f"  {name:<14} {row['matched']:>4}/{row['gold']:<4} {cell(row['recall'])}" for name, row in table.items()]
    if s["failed_documents"]:
        lines += ["", "extraction failed on: " + ", ".join(s["failed_documents"])]
    if per_document:
        lines += ["", f"{'document':<34} {'genre':<13} {'gold':>4} {'pred':>4} {'tp':>4} {'fp':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        for d in report.documents:
            row = prf(d.gold, d.predicted, d.matched, d.false_positives)
            lines.append(
                f"{d.id:<34} {d.genre:<13} {d.gold:>4} {d.predicted:>4} {d.matched:>4} {d.false_positives:>4} "
                f"{cell(row['precision']):>6} {cell(row['recall']):>6} {cell(row['f1']):>6}"
                + (f"  ERROR {d.error}" if d.error else "")
            )
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    """Every miss and false positive, by document, with its sentence."""
    lines = []
    for d in report.documents:
        if not d.misses and not d.false_positive_claims:
            continue
        lines += ["", f"== {d.id}"]
        for miss in d.misses:
            lines += miss_lines(miss.kind, miss)
        for fp in d.false_positive_claims:
            lines += false_positive_lines(fp.kind, fp)
    return "\n".join(lines)


def miss_lines(label: str, miss: Any) -> list[str]:
    """A missed gold attribution in an error listing (GUM's and PolNeAR's)."""
    lines = [
        f"MISS ({label}) source={miss.source!r} cue={miss.cue!r}",
        f"  sentence: {miss.sentence}",
        f"  gold:     {miss.content}",
    ]
    if miss.nearest is not None:
        lines.append(f"  nearest:  {miss.nearest}  (Dice {miss.nearest_dice:.2f})")
    return lines


def false_positive_lines(label: str, fp: Any) -> list[str]:
    """A claim that matched no gold attribution, in an error listing."""
    return [
        f"FALSE POSITIVE ({label}) source={fp.source!r} cue={fp.cue!r} rules={', '.join(fp.rules)}",
        f"  sentence: {fp.sentence}",
        f"  content:  {fp.content}",
    ]
