"""The PolNeAR report as plain-text tables, and the listing of every miss and
false positive (``claimtrack eval --format polnear --errors``)."""

from __future__ import annotations

from claimtrack.evaluation.polnear_scoring import PolnearReport
from claimtrack.evaluation.report import cell, false_positive_lines, miss_lines

__all__ = ["TOP_MISSES", "format_polnear_errors", "format_polnear_report"]

TOP_MISSES = 15
TOP_RULES = 10


def _figure_line(name: str, row: dict) -> str:
    return (
        f"{name:<22} precision {cell(row['precision'])}   recall {cell(row['recall'])}   F1 {cell(row['f1'])}   "
        f"source {cell(row['source']['accuracy'])}   (gold {row['gold']}, matched {row['matched']}, "
        f"false positives {row['false_positives']})"
    )


def _top(counts: dict[str, int], n: int) -> str:
    return ", ".join(f"{name} {count}" for name, count in list(counts.items())[:n])


def format_polnear_report(report: PolnearReport, *, per_document: bool = True) -> str:
    """Both headline figures, the source over matched pairs, the commonest
    misses and false positives, and a per-document table."""
    s = report.summary()
    every, statement = s["all"], s["statement_like"]
    lines = [
        f"format: polnear   split: {s['split']}   parse: {s['models']}   documents: {s['documents']}   "
        f"gold attributions: {every['gold']}   predicted (outermost): {s['predicted']}",
        "",
        _figure_line("all attributions", every),
        _figure_line("statement-like", statement),
        "",
        "source over matched pairs (all / statement-like):",
    ]
    for key, name in (("source", "Dice >= 0.5"), ("source_overlap", "token overlap"), ("source_exact", "exact tokens")):
        lines.append(
            f"  {name:<14} {cell(every[key]['accuracy'])} (n={every[key]['n']})   "
            f"{cell(statement[key]['accuracy'])} (n={statement[key]['n']})"
        )
    lines += ["", "recall by act of the gold (matched / gold), precision by the claim's act (matched / predicted):"]
    for act, row in s["recall_by_act"].items():
        mine = s["precision_by_act"].get(act)
        precision = f"   precision {cell(mine['precision'])} ({mine['matched']}/{mine['predicted']})" if mine else ""
        lines.append(f"  {act:<10} recall {cell(row['recall'])} ({row['matched']}/{row['gold']}){precision}")
    lines += [
        "",
        "false positives by what they overlap:",
        "  " + _top(s["false_positives_by_overlap"], 3),
        f"  lenient precision (only those overlapping no attribution count): {cell(every['lenient_precision'])} all, "
        f"{cell(statement['lenient_precision'])} statement-like",
    ]
    for title, counts, n in (
        ("false positives by first rule", s["false_positives_by_rule"], TOP_RULES),
        ("misses by gold cue lemma", s["misses_by_cue_lemma"], TOP_MISSES),
        ("statement-like misses by gold cue lemma", s["statement_misses_by_cue_lemma"], TOP_MISSES),
    ):
        if counts:
            lines += ["", f"{title} (top {min(n, len(counts))}):", "  " + _top(counts, n)]
    if s["failed_documents"]:
        lines += ["", "extraction failed on: " + ", ".join(s["failed_documents"])]
    if per_document:
        lines += ["", f"{'document':<52} {'gold':>4} {'stmt':>4} {'pred':>4} {'tp':>4} {'fp':>4}"]
        for d in report.documents:
            lines.append(
                f"{d.id:<52} {d.gold:>4} {d.statement_gold:>4} {d.predicted:>4} {d.matched:>4} {d.false_positives:>4}"
                + (f"  ERROR {d.error}" if d.error else "")
            )
    return "\n".join(lines)


def format_polnear_errors(report: PolnearReport) -> str:
    """Every miss and false positive, by document, with its sentence."""
    lines = []
    for d in report.documents:
        if not d.misses and not d.false_positive_claims:
            continue
        lines += ["", f"== {d.id}"]
        for miss in d.misses:
            subset = "statement" if miss.statement else "other"
            lines += miss_lines(f"{subset}, {miss.act}, cue lemma {miss.cue_lemma}", miss)
        for fp in d.false_positive_claims:
            subset = "statement" if fp.statement else "other"
            lines += false_positive_lines(f"{subset}; {fp.overlaps}", fp)
    return "\n".join(lines)
