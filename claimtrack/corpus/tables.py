"""Claims as a table in Python: ``claimtrack.to_records`` and ``claimtrack.to_pandas``.

One flat row per claim, with exactly the columns of the Parquet output
(:data:`claimtrack.corpus.parquet.COLUMNS`: the document, the claim, its cue,
source, hedges, status and rule ids), so a DataFrame built here and one read
from ``extract --format parquet`` have the same columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from claimtrack.corpus.parquet import COLUMNS, claim_rows
from claimtrack.errors import ClaimtrackError

__all__ = ["to_pandas", "to_records"]


def to_records(results: Any) -> list[dict[str, Any]]:
    """One dict per claim of ``results`` (a Result, its ``to_dict()``, or an
    iterable of either), keys in the order of the Parquet columns."""
    names = [name for name, _kind in COLUMNS]
    rows = []
    for result in _each(results):
        data = result if isinstance(result, dict) else result.to_dict()
        rows.extend({name: row[name] for name in names} for row in claim_rows(data))
    return rows


def to_pandas(results: Any) -> Any:
    """:func:`to_records` as a ``pandas.DataFrame`` (needs pandas), with the
    Parquet columns even when there is no claim."""
    try:
        import pandas
    except ImportError:
        raise ClaimtrackError("to_pandas() needs pandas: pip install pandas") from None
    return pandas.DataFrame.from_records(to_records(results), columns=[name for name, _kind in COLUMNS])


def _each(results: Any) -> Iterable[Any]:
    if isinstance(results, dict) or hasattr(results, "to_dict"):
        return [results]
    return results
