"""Running claimtrack over PolNeAR (``claimtrack eval --format polnear PATH``).

Each article is parsed with claimtrack's parser (the shipped models unless
``$CLAIMTRACK_MODELS`` says otherwise; parses are cached on disk, so a second
run only re-runs the rules) and the claims are scored against the article's
gold attributions. Tune on ``train``; ``dev`` and ``test`` are held out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from claimtrack.document import Document
from claimtrack.errors import ClaimtrackError
from claimtrack.evaluation.polnear_gold import load_polnear
from claimtrack.evaluation.polnear_scoring import PolnearReport, PolnearScore, score_polnear_document
from claimtrack.evaluation.statement import load_statement_cues
from claimtrack.model import DocumentInfo, Result, checked_acts
from claimtrack.parsing.parser import default_parser
from claimtrack.pipeline import extract_document
from claimtrack.ruleset.loader import rules_from

__all__ = ["evaluate_polnear"]


def evaluate_polnear(
    root: str | Path,
    *,
    split: str = "train",
    rules: Any = None,
    docs: int | None = None,
    statement_cues: str | Path | None = None,
    acts: Iterable[str] | None = None,
    progress: Callable[[int, int, PolnearScore], None] | None = None,
) -> PolnearReport:
    """Parse, extract and score every article of one PolNeAR split (or the
    first ``docs`` in date order).

    A document whose extraction raises is scored as all missed and its error
    recorded; a problem with the input or the models stops the run with its
    one-line :class:`~claimtrack.errors.ClaimtrackError`. ``acts`` scores only
    the claims of those acts (``["statement", "belief"]``)."""
    wanted = None if acts is None else checked_acts(acts)
    documents = load_polnear(root, split=split, docs=docs)
    cues = load_statement_cues(statement_cues)
    ruleset = rules_from(rules)
    parser = default_parser()
    scores = []
    for number, document in enumerate(documents, start=1):
        parsed = parser.parse(document.text)
        view = Document.from_stanza(parsed)
        error = None
        try:
            result = extract_document(parsed, rules=ruleset, doc_id=document.id)
            if wanted is not None:
                result = result.with_acts(wanted)
        except ClaimtrackError:
            raise
        except Exception as failure:  # recorded per document, see the docstring
            error = f"{type(failure).__name__}: {failure}"
            result = Result(text=document.text, document=DocumentInfo.for_text(document.text, document.id))
        scores.append(score_polnear_document(document, result, view, cues, error))
        if progress is not None:
            progress(number, len(documents), scores[-1])
    return PolnearReport(split=split, models=parser.model_id, documents=tuple(scores))
