"""The extraction pipeline: text -> parse -> one Document view -> stages -> Result.

The stages run in the order of :data:`STAGES`, each with the one signature
``stage(document, found, rules) -> found`` (see
:mod:`claimtrack.stages.findings`); claim ids are given once, at the end.
``extract_document`` starts from an already parsed document (a CoNLL-U file,
a cached parse), so rules can be re-run without Stanza.

One road from text to Document: :func:`extract` and the corpus runner both
take the parser's :class:`~claimtrack.parsing.parser.Parsed` (sentence dicts,
from Stanza or the parse cache) to the claimtrack view in
:func:`extract_parsed`; a cache hit imports neither stanza nor torch. Only
``claimtrack.parse`` builds a stanza ``Document``. Where the parser had to
cut a sentence, the note becomes a diagnostic (``--explain`` shows it).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack._version import __version__
from claimtrack.document import Document
from claimtrack.model import Claim, ClaimSentence, Diagnostic, DocumentInfo, Result, checked_acts, span_of
from claimtrack.parsing.textprep import replace_surrogates
from claimtrack.ruleset.loader import RulesArg, rules_from
from claimtrack.stages.claims.detect import find_claims
from claimtrack.stages.confirmation.confirm import set_confirmation
from claimtrack.stages.findings import Findings, Stage, in_document_order
from claimtrack.stages.hedging import mark_hedges
from claimtrack.stages.noise import classify_lines
from claimtrack.stages.sources.resolve import resolve_sources
from claimtrack.stages.unsourced import find_unsourced

if TYPE_CHECKING:
    from claimtrack.parsing.parser import Parsed

__all__ = ["STAGES", "extract", "extract_document", "extract_file", "extract_parsed", "surrogate_note"]

STAGES: tuple[Stage, ...] = (
    classify_lines,
    find_claims,
    find_unsourced,
    resolve_sources,
    mark_hedges,
    set_confirmation,
)


def extract_document(doc: Any, *, rules: RulesArg = None, doc_id: str = "document") -> Result:
    """Every reported claim in an already parsed document (a claimtrack
    :class:`~claimtrack.document.Document` or a stanza ``Document``)."""
    ruleset = rules_from(rules)
    document = Document.from_stanza(doc)
    found = Findings()
    for stage in STAGES:
        found = stage(document, found, ruleset)
    text = document.text
    return Result(
        text=text,
        document=DocumentInfo.for_text(text, doc_id, found.lines.provenance),
        sources=found.sources,
        claims=[_with_sentence(document, claim) for claim in _numbered(found.claims)],
        document_evidence=found.evidence,
        claimtrack_version=__version__,
        diagnostics=found.diagnostics,
    )


def extract_parsed(parsed: Parsed, *, rules: RulesArg = None, doc_id: str = "document") -> Result:
    """Every reported claim in one parse of the parser (or its cache), read
    through claimtrack's own view of the sentence dicts; each place where the
    parser cut the text becomes a diagnostic."""
    result = extract_document(parsed.document(), rules=rules, doc_id=doc_id)
    if not parsed.notes:
        return result
    notes = tuple(_parse_note(parsed.text, start, end, message) for start, end, message in parsed.notes)
    return attrs.evolve(result, diagnostics=(*notes, *result.diagnostics))


def _parse_note(text: str, start: int, end: int, message: str) -> Diagnostic:
    """A cut the parser made, as a diagnostic: the cut sentence's first word
    stands for it, the sentence is the span cut."""
    first = text[start:end].split(maxsplit=1)
    word_end = start + text[start:end].index(first[0]) + len(first[0]) if first else end
    return Diagnostic(cue=span_of(text, start, word_end), sentence=span_of(text, start, end), reason=message)


def _with_sentence(document: Document, claim: Claim) -> Claim:
    """The claim naming the parsed sentence that holds its cue (its content's
    start when it has no cue)."""
    if not document.sentences:
        return claim
    number = document.sentence_at(claim.cue.start if claim.cue is not None else claim.content.start)
    start, end = document.sentence_span(number)
    return attrs.evolve(claim, sentence=ClaimSentence(index=number, start=start, end=end))


def _numbered(claims: tuple[Claim, ...]) -> list[Claim]:
    """Claims sorted by where their content starts (the longer first) and
    numbered C1, C2, ...; ``parent`` and ``continues`` follow the new ids."""
    ordered = in_document_order(claims)
    ids = {claim.id: f"C{number}" for number, claim in enumerate(ordered, 1)}
    return [
        attrs.evolve(
            claim,
            id=ids[claim.id],
            parent=ids.get(claim.parent) if claim.parent else None,
            continues=ids.get(claim.continues) if claim.continues else None,
        )
        for claim in ordered
    ]


def extract(
    text: str,
    *,
    rules: RulesArg = None,
    doc_id: str = "document",
    parser: Any = None,
    cache: bool = True,
    acts: Iterable[str] | None = None,
) -> Result:
    """Parse ``text`` and return every reported claim in it.

    ``parser`` is a :class:`claimtrack.Parser` (default: the shipped compact
    models); ``rules`` adds overlay rule directories to the shipped rules.
    A text over the input limit (10 MiB of UTF-8, as for files) raises an
    InputError; a ``text`` that is not a str, a TypeError.
    ``acts`` keeps only the claims of those acts (``["statement", "belief"]``;
    default: every act), see :meth:`claimtrack.model.Result.with_acts`.
    """
    wanted = None if acts is None else checked_acts(acts)  # an unknown act fails before any parsing
    from claimtrack.parsing.parser import Parser, default_parser
    from claimtrack.parsing.textio import MAX_BYTES, check_size

    if not isinstance(text, str):
        raise TypeError(f"extract() takes a str, got {type(text).__name__}")
    if not isinstance(doc_id, str):
        raise TypeError(f"extract() takes doc_id as a str, got {type(doc_id).__name__}")
    if len(text) * 4 > MAX_BYTES:  # only then can its UTF-8 be over the input limit
        check_size(len(text.encode("utf-8", "surrogatepass")), doc_id)
    ruleset = rules_from(rules)  # a broken overlay fails before any parsing
    cleaned = replace_surrogates(text)  # same length: every offset holds
    text = cleaned.text
    if not text.strip():
        return Result(text=text, document=DocumentInfo.for_text(text, doc_id), claimtrack_version=__version__)
    active = parser if isinstance(parser, Parser) else default_parser()
    (parsed,) = active.parse_many([text], cache=cache)
    result = extract_parsed(parsed, rules=ruleset, doc_id=doc_id)
    result = surrogate_note(result, cleaned.count)
    return result if wanted is None else result.with_acts(wanted)


def surrogate_note(result: Result, count: int) -> Result:
    """The result with the diagnostic that ``count`` lone surrogates of its
    text were replaced by U+FFFD (the result itself when there were none)."""
    if not count:
        return result
    text = result.text
    first = next(i for i, char in enumerate(text) if char == "\ufffd")
    note = Diagnostic(
        cue=span_of(text, first, first + 1),
        sentence=span_of(text, first, first + 1),
        reason=f"{count} lone surrogate(s) replaced by U+FFFD (offsets unchanged)",
    )
    return attrs.evolve(result, diagnostics=(note, *result.diagnostics))


def extract_file(path: str | Path, *, rules: RulesArg = None, parser: Any = None, cache: bool = True) -> Result:
    """Extract from a text file or a CoNLL-U file (``.conllu``: no parsing).

    A text file may open with front matter (``---`` lines): offsets count from
    the body, and the front matter becomes ``document.metadata``."""
    from claimtrack.parsing.articles import split_front_matter
    from claimtrack.parsing.parser import parse_conllu
    from claimtrack.parsing.textio import read_text

    path = Path(path)
    if path.suffix == ".conllu":
        return extract_document(parse_conllu(path), rules=rules, doc_id=path.stem)
    body, metadata = split_front_matter(read_text(path), str(path))
    result = extract(body, rules=rules, doc_id=path.stem, parser=parser, cache=cache)
    if metadata:
        result = attrs.evolve(result, document=attrs.evolve(result.document, metadata=metadata))
    return result
