"""Semantic similarity for fact-check matching: a local sentence-transformers model.

Optional (``pip install 'claimtrack[semantic]'``) and never downloaded:
:class:`Embedder` loads a model folder that is already on disk (for example
``all-MiniLM-L6-v2`` saved with ``SentenceTransformer.save``) with the
Hugging Face hub switched off. Each fact-check's reviewed claim is embedded
once per :class:`~claimtrack.factcheck.reviews.FactChecks`; a claim's
candidates are the fact-checks whose cosine reaches ``min_semantic``
(``rules/factcheck.yaml``), found with one matrix product per document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from claimtrack.errors import ClaimtrackError, InputError

__all__ = ["Embedder"]


class Embedder:
    """A sentence-embedding model read from a local folder."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if not Path(path).is_dir():
            raise InputError(f"{path}: no such model folder (a sentence-transformers model saved on disk)")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder only: nothing is fetched
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ClaimtrackError(
                "--semantic-model needs sentence-transformers: pip install 'claimtrack[semantic]'"
            ) from None
        try:
            self.model = SentenceTransformer(self.path, device="cpu")
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: cannot load the model ({' '.join(str(error).split())})") from None

    def encode(self, texts: list[str]) -> Any:
        """Unit-length embeddings of ``texts``, one row each (a numpy array)."""
        return self.model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, batch_size=64)

    def similar(self, result: Any, fact_checks: Any, settings: Any) -> dict[str, dict[int, float]]:
        """For each claim id, the fact-checks (by position) whose cosine with it reaches ``min_semantic``."""
        if not result.claims or not len(fact_checks):
            return {}
        matrix = fact_checks.cached(
            f"embeddings:{self.path}", lambda checks: self.encode([check.claim_reviewed for check in checks])
        )
        scores = self.encode([claim.content.text for claim in result.claims]) @ matrix.T
        found = {}
        for claim, row in zip(result.claims, scores):
            close = (row >= settings.min_semantic).nonzero()[0]
            found[claim.id] = {int(number): round(float(row[number]), 3) for number in close}
        return found
