"""Has it been checked already? Claims matched against published fact-checks.

>>> from claimtrack.factcheck import FactChecks, match
>>> checks = FactChecks.from_items([{"@type": "ClaimReview",
...     "claimReviewed": "The Dunmore bridge is closing for good in March",
...     "reviewRating": {"@type": "Rating", "alternateName": "False"}}])

:class:`FactChecks` reads ClaimReview feeds (:mod:`~claimtrack.factcheck.reviews`);
:func:`match` gives each claim of a result the fact-checks that match it,
:func:`annotate` the result with them in each claim's ``fact_checks``
(:mod:`~claimtrack.factcheck.matching`). The weights and thresholds are in
``rules/factcheck.yaml``; an optional sentence-embedding model
(``claimtrack[semantic]``) lives in :mod:`~claimtrack.factcheck.semantic`.
"""

from __future__ import annotations

from claimtrack.factcheck.matching import annotate, match
from claimtrack.factcheck.reviews import FactCheck, FactChecks

__all__ = ["FactCheck", "FactChecks", "annotate", "match"]
