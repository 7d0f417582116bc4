"""The extraction pipeline: text -> parse -> detect -> attribute -> resolve ->
hedging -> confirmation -> Result.

Each stage is one module with one entry function; this module only runs them
in order. ``extract_document`` starts from an already parsed document (a
CoNLL-U file, a cached parse), so rules can be re-run without Stanza.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from claimtrack import __version__
from claimtrack.stages import confirmation, detect, hedging, noise
from claimtrack.stages import sources as resolve
from claimtrack.model import Claim, DocumentInfo, Result
from claimtrack.ruleset.loader import RulesArg, rules_from

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

__all__ = ["extract", "extract_document", "extract_file"]



def extract_document(
    doc: Document, *, rules: RulesArg = None, doc_id: str = "document"
) -> Result:
    """Every reported claim in an already parsed document."""
    ruleset = rules_from(rules)
    text = doc.text
    lines = noise.classify(text, ruleset)
    found = detect.find_claims(text, doc, ruleset, lines)
    claims = _in_document_order(found.claims + hedging.unsourced_claims(text, doc, ruleset, lines, found.claims))
    claims, sources = resolve.resolve_sources(text, doc, claims, ruleset)
    claims = hedging.apply(text, doc, claims, ruleset)
    claims = confirmation.apply(text, doc, claims, sources, ruleset)
    return Result(
        text=text,
        document=DocumentInfo.for_text(text, doc_id, lines.provenance),
        sources=sources,
        claims=claims,
        claimtrack_version=__version__,
        diagnostics=found.diagnostics,
    )


def _in_document_order(claims: list[Claim]) -> list[Claim]:
    """Claims sorted by where their content starts (the longer first) and
    numbered C1, C2, ...; parents follow their claims' new ids."""
    ordered = sorted(claims, key=lambda c: (c.content.start, -(c.content.end - c.content.start)))
    ids = {claim.id: f"C{number}" for number, claim in enumerate(ordered, 1)}
    return [attrs.evolve(claim, id=ids[claim.id], parent=ids.get(claim.parent)) for claim in ordered]


def extract(
    text: str,
    *,
    rules: RulesArg = None,
    doc_id: str = "document",
    parser=None,
    cache: bool = True,
) -> Result:
    """Parse ``text`` and return every reported claim in it.

    ``parser`` is a :class:`claimtrack.Parser` (default: the shipped compact
    models); ``rules`` adds overlay rule directories to the shipped rules.
    """
    from claimtrack.parsing.parser import Parser, default_parser

    ruleset = rules_from(rules)  # a broken overlay fails before any parsing
    if not text.strip():
        return Result(text=text, document=DocumentInfo.for_text(text, doc_id), claimtrack_version=__version__)
    active = parser if isinstance(parser, Parser) else default_parser()
    doc = active.parse(text, cache=cache)
    return extract_document(doc, rules=ruleset, doc_id=doc_id)


def extract_file(path: str | Path, *, rules: RulesArg = None, parser=None, cache: bool = True) -> Result:
    """Extract from a text file or a CoNLL-U file (``.conllu``: no parsing)."""
    from claimtrack.parsing.parser import parse_conllu
    from claimtrack.parsing.textio import read_text

    path = Path(path)
    if path.suffix == ".conllu":
        return extract_document(parse_conllu(path), rules=rules, doc_id=path.stem)
    return extract(read_text(path), rules=rules, doc_id=path.stem, parser=parser, cache=cache)
