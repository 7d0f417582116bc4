"""The arithmetic of a score: ratios, F1, accuracy, precision/recall rows.

Every figure is rounded to four places, and ``None`` where its denominator is
zero (nothing to measure), so reports tell "0.0" from "not measured".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["accuracy", "f1", "prf", "ratio"]


def ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return 0.0 if precision is not None and recall is not None else None
    return round(2 * precision * recall / (precision + recall), 4)


def accuracy(values: Iterable[bool | None]) -> dict[str, Any]:
    known = [value for value in values if value is not None]
    return {"accuracy": ratio(sum(known), len(known)), "n": len(known)}



def prf(gold: int, predicted: int, matched: int, false_positives: int) -> dict[str, Any]:
    precision = ratio(matched, matched + false_positives)
    recall = ratio(matched, gold)
    return {
        "gold": gold,
        "predicted": predicted,
        "matched": matched,
        "false_positives": false_positives,
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "strict_precision": ratio(matched, predicted),
    }
