"""The data model: what claimtrack finds, as attrs classes.

Values are frozen and slotted. Serialisation is one function, :func:`to_dict`,
built on ``attrs.asdict``; the shape it produces is the JSON output contract
(``docs/OUTPUT.md``). Every span carries character offsets into the original
text, and ``text[start:end] == span.text`` holds for all of them.
"""

from __future__ import annotations

import hashlib
from typing import Any

import attrs

__all__ = [
    "CLAIM_KINDS",
    "CONFIRMATION_STATUSES",
    "Claim",
    "Diagnostic",
    "ClaimSource",
    "Confirmation",
    "Content",
    "Cue",
    "DocumentInfo",
    "Evidence",
    "Hedge",
    "Result",
    "SourceEntity",
    "Span",
    "Part",
    "span_of",
    "to_dict",
]

CLAIM_KINDS = ("direct", "mixed", "indirect")
CONFIRMATION_STATUSES = (
    "confirmed",
    "corroborated",
    "denied",
    "disputed",
    "unverified",
    "no_response",
    "unconfirmed",
)


def _non_negative(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


def _end_after_start(instance: Any, attribute: attrs.Attribute, value: int) -> None:
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
    parts: tuple[Part, ...] = attrs.field(converter=tuple, factory=tuple)


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


def _status(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if value not in CONFIRMATION_STATUSES:
        raise ValueError(f"unknown confirmation status {value!r}")


@attrs.frozen
class Confirmation:
    status: str = attrs.field(default="unconfirmed", validator=_status)
    evidence: tuple[Evidence, ...] = attrs.field(converter=tuple, factory=tuple)


@attrs.frozen
class SourceEntity:
    """A source across the document: every mention that refers to it."""

    entity: str
    name: str
    type: str = "unknown"
    anonymous: bool = False
    anonymity_cues: tuple[Span, ...] = attrs.field(converter=tuple, factory=tuple)
    mentions: tuple[Span, ...] = attrs.field(converter=tuple, factory=tuple)


def _kind(instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if value not in CLAIM_KINDS:
        raise ValueError(f"unknown claim kind {value!r}")


@attrs.frozen
class Claim:
    id: str
    kind: str = attrs.field(validator=_kind)
    content: Content
    cue: Cue | None = None
    source: ClaimSource | None = None
    hedged: bool = False
    hedges: tuple[Hedge, ...] = attrs.field(converter=tuple, factory=tuple)
    confirmation: Confirmation = attrs.field(factory=Confirmation)
    parent: str | None = None
    rules: tuple[str, ...] = attrs.field(converter=tuple, factory=tuple)
    heading: bool = attrs.field(default=False, metadata={"json_omit_false": True})


@attrs.frozen
class DocumentInfo:
    id: str
    length: int
    sha256: str
    provenance: tuple[Span, ...] = attrs.field(
        converter=tuple, factory=tuple, metadata={"json_omit_empty": True}
    )

    @classmethod
    def for_text(cls, text: str, doc_id: str, provenance: tuple[Span, ...] = ()) -> DocumentInfo:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return cls(id=doc_id, length=len(text), sha256=digest, provenance=provenance)


@attrs.frozen
class Diagnostic:
    """Why a cue word in a sentence gave no claim (for ``--explain``)."""

    cue: Span
    sentence: Span
    reason: str
    rule: str | None = None


@attrs.frozen
class Result:
    """Everything claimtrack found in one document."""

    text: str = attrs.field(repr=False, metadata={"json_omit": True})
    document: DocumentInfo
    sources: tuple[SourceEntity, ...] = attrs.field(converter=tuple, factory=tuple)
    claims: tuple[Claim, ...] = attrs.field(converter=tuple, factory=tuple)
    claimtrack_version: str = attrs.field(default="", metadata={"json_first": True})
    diagnostics: tuple[Diagnostic, ...] = attrs.field(
        converter=tuple, factory=tuple, repr=False, metadata={"json_omit": True}
    )

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    def explain(self, rules: Any = None) -> str:
        """Per claim, its sentence with source, cue and content marked and the
        rules (with file:line) that fired; then why cue words gave no claim.
        ``rules``: the RuleSet or overlay directories that produced this result."""
        from claimtrack.export.explain import explain

        return explain(self, rules)

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


def _keep(attribute: attrs.Attribute, value: Any) -> bool:
    meta = attribute.metadata
    if meta.get("json_omit"):
        return False
    if meta.get("json_omit_none") and value is None:
        return False
    if meta.get("json_omit_false") and value is False:
        return False
    if meta.get("json_omit_empty") and not value:
        return False
    return True


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
        from claimtrack import __version__

        data.pop("claimtrack_version", None)
        data = {"claimtrack_version": value.claimtrack_version or __version__, **data}
    return data
