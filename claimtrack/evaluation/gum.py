"""Running claimtrack over the GUM attribution gold (``claimtrack eval GOLD``).

Each document's gold CoNLL-U is read once: its coreference mentions score
the sources, and in ``--parse gold`` mode it is also the parse that
extraction runs on (no Stanza run). ``--parse model`` parses the text with
claimtrack's parser (cached on disk).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimtrack.errors import ClaimtrackError
from claimtrack.evaluation import EvalError
from claimtrack.evaluation.gum_gold import GoldDocument, load_gold, read_gold_parse, read_mentions
from claimtrack.evaluation.scoring import DocumentScore, Report, failed_document, score_document
from claimtrack.model import Result, checked_acts
from claimtrack.parsing.parser import default_parser
from claimtrack.pipeline import extract, extract_document
from claimtrack.ruleset.loader import rules_from

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

__all__ = ["PARSE_MODES", "evaluate"]

PARSE_MODES = ("gold", "model")

Extractor = Callable[[GoldDocument, "Document"], Result]


def _extractor(parse: str, rules: Any) -> tuple[Extractor, str]:
    """How to extract from a gold document (given its gold parse) in this parse
    mode, and the name of the parse (``gold`` or the parser's model id, which
    changes with the model files)."""
    ruleset = rules_from(rules)
    if parse == "gold":
        return (
            lambda document, gold_parse: extract_document(gold_parse, rules=ruleset, doc_id=document.id),
            "gold",
        )
    if parse == "model":
        parser = default_parser()
        return (
            lambda document, _: extract(document.text, rules=ruleset, doc_id=document.id, parser=parser),
            parser.model_id,
        )
    raise EvalError(f"unknown parse mode {parse!r} (choose from {', '.join(PARSE_MODES)})")


def evaluate(
    folder: str | Path,
    *,
    parse: str = "gold",
    rules: Any = None,
    docs: int | None = None,
    genre: str | None = None,
    acts: Iterable[str] | None = None,
    progress: Callable[[int, int, DocumentScore], None] | None = None,
) -> Report:
    """Run extraction on every gold document and score it.

    A document whose extraction raises is scored as all missed and its error
    is recorded, so one bad document does not lose a long run; a problem
    with the input (a gold file, the models) stops the run with its one-line
    :class:`~claimtrack.errors.ClaimtrackError`. ``acts`` scores only the
    claims of those acts (``["statement", "belief"]``)."""
    wanted = None if acts is None else checked_acts(acts)
    documents = load_gold(folder, docs=docs, genre=genre)
    run, models = _extractor(parse, rules)
    scores = []
    for number, document in enumerate(documents, start=1):
        gold_parse = read_gold_parse(document)
        mentions = read_mentions(gold_parse, document.conllu)
        try:
            result = run(document, gold_parse)
            score = score_document(document, result if wanted is None else result.with_acts(wanted), mentions)
        except ClaimtrackError:
            raise
        except Exception as error:  # recorded per document, see the docstring
            score = failed_document(document, f"{type(error).__name__}: {error}")
        scores.append(score)
        if progress is not None:
            progress(number, len(documents), score)
    return Report(parse=parse, documents=tuple(scores), models=models)
