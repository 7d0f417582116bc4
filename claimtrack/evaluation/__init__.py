"""Scoring claimtrack against gold attributions (``claimtrack eval``).

One module per concern:

- ``gum_gold``, ``polnear_gold``: reading each gold format (GUM's attribution
  set with its gold CoNLL-U; PolNeAR's brat standoff files).
- ``matching``: word tokens, Dice and the one-to-one pairing both formats use.
- ``scoring``, ``polnear_scoring``: per-document scores and the summaries.
- ``report``, ``polnear_report``: the plain-text tables and error listings.
- ``gum``, ``polnear``: running extraction over a gold folder.
- ``statement``: which gold attributions are statement-like, from
  ``statement_cues.yaml``.
"""

from __future__ import annotations

from claimtrack.errors import InputError

__all__ = ["EvalError"]


class EvalError(InputError):
    """A gold folder or one of its files cannot be used; the message is one line."""
