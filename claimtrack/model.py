"""The data model: what claimtrack finds, as attrs classes.

Values are frozen and slotted. Serialisation is one function, :func:`to_dict`,
and reading it back one more, :func:`from_dict`; both are driven by the same
field metadata (``json`` renames a field, ``json_omit*`` leaves it out), so the
JSON output contract (``docs/OUTPUT.md``) is written down once. Every span
carries character offsets into the original text, and
``text[start:end] == span.text`` holds for all of them.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from claimtrack._version import __version__
from claimtrack.errors import ResultError

__all__ = [
    "ACTS",
    "ARTICLE_KEYS",
    "CHECKABLE_ACTS",
    "CLAIM_KINDS",
    "DEFAULT_STATUS",
    "Claim",
    "ClaimSentence",
    "ClaimSource",
    "Confirmation",
    "Content",
    "Cue",
    "Diagnostic",
    "DocumentEvidence",
    "DocumentInfo",
    "Evidence",
    "FactCheckMatch",
    "Hedge",
    "Part",
    "Result",
    "SourceEntity",
    "Span",
    "checked_acts",
    "from_dict",
    "span_of",
    "text_sha256",
    "to_dict",
]

# What describes an article wherever one is read or written: front matter,
# JSONL records, `track add --title ...`, every export.
ARTICLE_KEYS = ("title", "outlet", "url", "date")
CLAIM_KINDS = ("direct", "mixed", "indirect")
# What a claim's source does with its content (docs/OUTPUT.md, "What counts").
ACTS = ("statement", "belief", "intention", "directive", "question")
# The acts whose content can be checked against the world: what ClaimReview
# and the tracker's claim groups take.
CHECKABLE_ACTS = ("statement", "belief")
# The confirmation statuses are declared by the rule set (rules/confirmation.yaml,
# RuleSet.names("confirmation", "statuses")), not here: a status an overlay
# declares is a status. "unconfirmed" is the shipped rules' default, for a
# Confirmation built by hand.
DEFAULT_STATUS = "unconfirmed"


def _items(values: Iterable[Any]) -> tuple[Any, ...]:
    """A sequence field's value as a tuple, so a list may be passed (typed
    for mypy's attrs plugin, which cannot read the generic ``tuple``)."""
    return tuple(values)


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


def _end_after_start(instance: Any, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < instance.start:
        raise ValueError(f"end ({value}) is before start ({instance.start})")


@attrs.frozen
class Span:
    """A piece of the input text: ``text == document[start:end]``."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)


def span_of(text: str, start: int, end: int) -> Span:
    """The span of ``text`` between two offsets, with its text cut from the input."""
    return Span(text=text[start:end], start=start, end=end)


@attrs.frozen
class Part:
    """One piece of a discontinuous content span (offsets only, as in the contract)."""

    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)


@attrs.frozen
class Content:
    """The reported material; ``parts`` lists the pieces of a split quote."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)
    parts: tuple[Part, ...] = attrs.field(converter=_items, factory=tuple)

    @property
    def ranges(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) of each piece: the parts of a split quote, or the whole content."""
        return tuple((part.start, part.end) for part in self.parts) or ((self.start, self.end),)


@attrs.frozen
class Cue:
    """The word or phrase that marks the report (``said``, ``according to``)."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)
    lemma: str
    cls: str = attrs.field(metadata={"json": "class"})


@attrs.frozen
class ClaimSource:
    """The source mention in the claim's own sentence, plus its resolved entity."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)
    entity: str | None = None
    name: str | None = None
    type: str = "unknown"
    anonymous: bool = False
    # The whole noun phrase that names the source, with its apposition,
    # relative clause, title or of-phrase ('Lael Brainard, a Fed governor').
    phrase: Span | None = attrs.field(default=None, metadata={"json_omit_none": True})


@attrs.frozen
class Hedge:
    """A hedge cue that weakens a claim (``may``, ``reportedly``)."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)
    cls: str = attrs.field(metadata={"json": "class"})
    rule: str | None = attrs.field(default=None, metadata={"json_omit_none": True})


@attrs.frozen
class Evidence:
    """A span that sets a claim's confirmation status, with the rule that read it."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)
    rule: str


def _status(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"a confirmation status must be a name, got {value!r}")


@attrs.frozen
class DocumentEvidence:
    """Evidence that bears on no claim of the document ("X declined to comment"
    where no claim is about X), listed with the status it would set."""

    text: str
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)
    rule: str
    status: str = attrs.field(validator=_status)


@attrs.frozen
class Confirmation:
    status: str = attrs.field(default=DEFAULT_STATUS, validator=_status)
    evidence: tuple[Evidence, ...] = attrs.field(converter=_items, factory=tuple)


@attrs.frozen
class SourceEntity:
    """A source across the document: every mention that refers to it."""

    entity: str
    name: str
    type: str = "unknown"
    anonymous: bool = False
    anonymity_cues: tuple[Span, ...] = attrs.field(converter=_items, factory=tuple)
    mentions: tuple[Span, ...] = attrs.field(converter=_items, factory=tuple)


@attrs.frozen
class ClaimSentence:
    """The parsed sentence a claim was read from (the one holding its cue):
    its number in the document's parse, from 0, and its character offsets."""

    index: int = attrs.field(validator=_non_negative)
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_end_after_start)


@attrs.frozen
class FactCheckMatch:
    """A published fact-check (a schema.org ClaimReview) that matches a claim.

    ``score`` (0 to 1) and ``reasons`` say why it matches: how alike the two
    claims are, whether the fact-check's claimant is the claim's source, and
    when the check was published (``later_checked`` when after the article).
    ``verdict`` is the rating normalised by ``rules/factcheck.yaml``
    ("Pants on Fire" -> ``false``). Made by :mod:`claimtrack.factcheck`.
    """

    claim_reviewed: str
    score: float
    rating: str | None = None
    verdict: str | None = None
    fact_checker: str | None = None
    url: str | None = None
    published: str | None = None
    claimant: str | None = None
    later_checked: bool = False
    reasons: tuple[str, ...] = attrs.field(converter=_items, factory=tuple)
    rules: tuple[str, ...] = attrs.field(converter=_items, factory=tuple)


def _kind(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in CLAIM_KINDS:
        raise ValueError(f"unknown claim kind {value!r}")


def checked_acts(acts: Iterable[str]) -> tuple[str, ...]:
    """``acts`` as a tuple, or :class:`ValueError` naming the first that is no act."""
    given = tuple(acts)
    for act in given:
        if act not in ACTS:
            raise ValueError(f"unknown act {act!r} (one of {', '.join(ACTS)})")
    return given


def _act(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if value not in ACTS:
        raise ValueError(f"unknown act {value!r} (one of {', '.join(ACTS)})")


@attrs.frozen
class Claim:
    id: str
    kind: str = attrs.field(validator=_kind)
    content: Content
    act: str = attrs.field(default="statement", validator=_act)
    cue: Cue | None = None
    source: ClaimSource | None = None
    hedged: bool = False
    hedges: tuple[Hedge, ...] = attrs.field(converter=_items, factory=tuple)
    confirmation: Confirmation = attrs.field(factory=Confirmation)
    parent: str | None = None
    # The claim whose quotation this one goes on with (a quotation sentence
    # with no cue of its own after a speaker's quote).
    continues: str | None = attrs.field(default=None, metadata={"json_omit_none": True})
    rules: tuple[str, ...] = attrs.field(converter=_items, factory=tuple)
    heading: bool = attrs.field(default=False, metadata={"json_omit_false": True})
    sentence: ClaimSentence | None = attrs.field(default=None, metadata={"json_omit_none": True})
    fact_checks: tuple[FactCheckMatch, ...] = attrs.field(
        converter=_items, factory=tuple, metadata={"json_omit_empty": True}
    )


@attrs.frozen
class DocumentInfo:
    id: str
    length: int
    sha256: str
    provenance: tuple[Span, ...] = attrs.field(
        converter=_items, factory=tuple, metadata={"json_omit_empty": True}
    )
    # What the input said about the document (title, outlet, url, date, any
    # other key of a JSONL record or front matter), as JSON values.
    metadata: dict[str, Any] = attrs.field(factory=dict, hash=False, metadata={"json_omit_empty": True})

    @classmethod
    def for_text(cls, text: str, doc_id: str, provenance: tuple[Span, ...] = ()) -> DocumentInfo:
        return cls(id=doc_id, length=len(text), sha256=text_sha256(text), provenance=provenance)


def text_sha256(text: str) -> str:
    """The sha256 of a document's text (UTF-8), as ``document.sha256`` holds it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@attrs.frozen
class Diagnostic:
    """Why a cue word in a sentence gave no claim (for ``--explain``)."""

    cue: Span
    sentence: Span
    reason: str
    rule: str | None = None


@attrs.frozen(repr=False)
class Result:
    """Everything claimtrack found in one document.

    Its ``repr`` is short, as spaCy's ``Doc`` shows its text:
    ``Result(id='doc', claims=14, sources=10, text='Baghdad, Iraq...')``.
    """

    text: str = attrs.field(repr=False, metadata={"json_omit": True})
    document: DocumentInfo
    sources: tuple[SourceEntity, ...] = attrs.field(converter=_items, factory=tuple)
    claims: tuple[Claim, ...] = attrs.field(converter=_items, factory=tuple)
    document_evidence: tuple[DocumentEvidence, ...] = attrs.field(
        converter=_items, factory=tuple, metadata={"json_omit_empty": True}
    )
    claimtrack_version: str = attrs.field(default="", metadata={"json_first": True})
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        converter=_items, factory=tuple, repr=False, metadata={"json_omit": True}
    )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = to_dict(self)
        return data

    @classmethod
    def from_dict(cls, data: Any, text: str = "") -> Result:
        """The result whose ``to_dict()`` is ``data``, so that
        ``Result.from_dict(r.to_dict()).to_dict() == r.to_dict()``.

        The JSON does not hold the text (nor the diagnostics): pass ``text`` to
        have it back; without it ``text`` is empty and the offsets still point
        into the original document. Raises :class:`~claimtrack.errors.ResultError`
        naming the field path when ``data`` is not such a dict.
        """
        return from_dict(cls, data, text=text)

    def __repr__(self) -> str:
        start = self.text[:40] + ("..." if len(self.text) > 40 else "")
        return (
            f"Result(id={self.document.id!r}, claims={len(self.claims)}, "
            f"sources={len(self.sources)}, text={start!r})"
        )
    def with_acts(self, acts: Iterable[str]) -> Result:
        """This result with only the claims of the given acts (``statement``,
        ``belief``, ...) and the sources they name. Claims keep their ids; a
        ``parent`` or ``continues`` that names a claim left out becomes null.
        Raises :class:`ValueError` naming an unknown act."""
        wanted = checked_acts(acts)
        kept = [claim for claim in self.claims if claim.act in wanted]
        ids = {claim.id for claim in kept}
        claims = [
            attrs.evolve(
                claim,
                parent=claim.parent if claim.parent in ids else None,
                continues=claim.continues if claim.continues in ids else None,
            )
            for claim in kept
        ]
        named = {claim.source.entity for claim in claims if claim.source is not None}
        sources = [source for source in self.sources if source.entity in named]
        return attrs.evolve(self, claims=claims, sources=sources)

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def source(self, entity: str) -> SourceEntity:
        for source in self.sources:
            if source.entity == entity:
                return source
        raise KeyError(entity)


def _keep(attribute: attrs.Attribute[Any], value: Any) -> bool:
    meta = attribute.metadata
    return not (
        meta.get("json_omit")
        or (meta.get("json_omit_none") and value is None)
        or (meta.get("json_omit_false") and value is False)
        or (meta.get("json_omit_empty") and not value)
    )


def to_dict(value: Any) -> Any:
    """The JSON-ready form of a model value, with the contract's field names.

    Field metadata says which field is renamed (``cls`` -> ``class``) and
    which is left out (the text, empty provenance, a false heading flag).
    """
    if isinstance(value, (list, tuple)):
        return [to_dict(item) for item in value]
    if not attrs.has(type(value)):
        return value
    data = {}
    for attribute in attrs.fields(type(value)):
        item = getattr(value, attribute.name)
        if _keep(attribute, item):
            data[attribute.metadata.get("json", attribute.name)] = to_dict(item)
    if isinstance(value, Result):
        data.pop("claimtrack_version", None)
        data = {"claimtrack_version": value.claimtrack_version or __version__, **data}
    return data


_Model = TypeVar("_Model", bound=AttrsInstance)

# JSON scalar types and how an error message names them.
_SCALARS: dict[Any, str] = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def from_dict(cls: type[_Model], data: Any, **omitted: Any) -> _Model:
    """The model value whose :func:`to_dict` is ``data``: its inverse.

    The same field metadata drives it: a renamed field is read under its JSON
    name (``class``), a field the JSON never holds (``json_omit``: a result's
    text) is taken from ``omitted``, and one left out when None, false or empty
    gets its default back. Keys the model does not know are skipped, since the
    contract lets later versions add fields. A missing key, a value of the
    wrong JSON type or one the model refuses raises :class:`ResultError`
    naming the field path (``claims[2].cue.class: expected a string, got 5``).
    """
    return _structure(cls, data, "", omitted)


def _structure(cls: type[_Model], data: Any, path: str, omitted: dict[str, Any]) -> _Model:
    if not isinstance(data, dict):
        raise ResultError(f"{path or 'top level'}: expected an object, got {_shown(data)}")
    values = dict(omitted)
    for attribute in _json_fields(cls):
        key = attribute.metadata.get("json", attribute.name)
        where = f"{path}.{key}" if path else key
        if key in data:
            values[attribute.name] = _decode(attribute.type, data[key], where)
        elif attribute.default is attrs.NOTHING:
            raise ResultError(f"{where}: missing")
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise ResultError(f"{path or 'top level'}: {error}") from None


def _json_fields(cls: type[AttrsInstance]) -> list[attrs.Attribute[Any]]:
    """The fields of ``cls`` that its JSON holds, with their types resolved
    (``attrs.resolve_types`` does it once per class)."""
    fields = attrs.fields(attrs.resolve_types(cls))
    return [attribute for attribute in fields if not attribute.metadata.get("json_omit")]


def _decode(hint: Any, value: Any, path: str) -> Any:
    """``value`` read as the type ``hint``: None only where the field is
    optional, a list for a tuple, an object for a model class or a dict."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        if value is None and len(options) < len(typing.get_args(hint)):
            return None
        (option,) = options  # the model's unions are all ``X | None``
        return _decode(option, value, path)
    if origin is tuple:
        if not isinstance(value, list):
            raise ResultError(f"{path}: expected a list, got {_shown(value)}")
        item = typing.get_args(hint)[0]
        return tuple(_decode(item, entry, f"{path}[{index}]") for index, entry in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise ResultError(f"{path}: expected an object, got {_shown(value)}")
        return dict(value)
    if isinstance(hint, type) and attrs.has(hint):
        return _structure(hint, value, path, {})
    if hint is Any:
        return value
    if hint is float and type(value) is int:  # a score written as 1
        return float(value)
    if type(value) is not hint:  # exact: JSON's true is no integer offset
        raise ResultError(f"{path}: expected {_SCALARS[hint]}, got {_shown(value)}")
    return value


def _shown(value: Any) -> str:
    """A JSON value as a message shows it: short, and in JSON's own spelling."""
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."
