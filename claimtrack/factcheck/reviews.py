"""Reading published fact-checks: schema.org ClaimReview as fact-checkers publish it.

Three shapes are read, from a file or a folder of them (``*.json``,
``*.jsonld``, ``*.jsonl``, searched recursively, in name order):

- JSON-LD: one ClaimReview object, an array of them, or an object with an
  ``@graph`` (items of other types, such as the page that carries the
  review, are passed over);
- JSONL: one JSON value per line, each in any of these shapes;
- the Google Fact Check Tools API's search result: ``claims[]``, each with
  its ``text``, ``claimant``, ``claimDate`` and ``claimReview[]``
  (``publisher``, ``url``, ``reviewDate``, ``textualRating``).

A malformed item (no claim text, a date that is not a date, a value of the
wrong JSON type, a line that is not JSON) is skipped; :attr:`FactChecks.skipped`
holds one line per skipped item naming the file and the item
(``feed.jsonl:7: skipped: ...``, ``feed.json: @graph[3]: skipped: ...``).
Nothing is fetched from the network: a URL in a review is only copied.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from claimtrack.errors import InputError

__all__ = ["FEED_SUFFIXES", "FactCheck", "FactChecks", "read_items"]

FEED_SUFFIXES = (".json", ".jsonld", ".jsonl")
_REVIEW_TYPE = "ClaimReview"


class _Malformed(ValueError):
    """An item that cannot be read as a fact-check (its message ends the skip line)."""


@attrs.frozen
class FactCheck:
    """One published fact-check: the claim it reviews, who made the claim, the verdict.

    ``where`` names the file and item it was read from.
    """

    claim_reviewed: str
    rating: str | None = None
    fact_checker: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD of the review
    claimant: str | None = None
    claimant_type: str | None = None  # schema.org @type of the claimant (Person, Organization, ...)
    claim_date: str | None = None  # when the claim was made, if the review says
    where: str = ""


def _items(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen
class FactChecks:
    """A collection of fact-checks to match claims against.

    >>> checks = FactChecks.from_items([{"@type": "ClaimReview", "claimReviewed": "The bridge is unsafe",
    ...     "reviewRating": {"alternateName": "False"}}])
    >>> len(checks), checks[0].rating
    (1, 'False')
    """

    items: tuple[FactCheck, ...] = attrs.field(converter=_items, factory=tuple)
    skipped: tuple[str, ...] = attrs.field(converter=_items, factory=tuple)
    _index: dict[str, Any] = attrs.field(factory=dict, eq=False, repr=False, init=False)

    @classmethod
    def load(cls, *paths: str | Path) -> FactChecks:
        """The fact-checks in files or folders (see the module docstring for the shapes).

        Raises :class:`~claimtrack.errors.InputError` for a path that does not
        exist; malformed items are skipped and listed in :attr:`skipped`.
        """
        files = [file for path in paths for file in _feed_files(Path(path))]
        return cls._of(found for file in files for found in _read_file(file))

    @classmethod
    def from_items(cls, data: Iterable[Any], where: str = "<items>") -> FactChecks:
        """The fact-checks in already parsed JSON values (any of the shapes)."""
        return cls._of(
            found for number, value in enumerate(data) for found in read_items(value, f"{where}: [{number}]")
        )

    @classmethod
    def _of(cls, found: Iterable[FactCheck | str]) -> FactChecks:
        items: list[FactCheck] = []
        skipped: list[str] = []
        for one in found:
            if isinstance(one, str):
                skipped.append(one)
            else:
                items.append(one)
        return cls(items, skipped)

    def match(self, result: Any, **options: Any) -> Any:
        """:func:`claimtrack.factcheck.match` of ``result`` against these fact-checks."""
        from claimtrack.factcheck.matching import match

        return match(result, self, **options)

    def annotate(self, result: Any, **options: Any) -> Any:
        """``result`` with each claim's matching fact-checks in ``Claim.fact_checks``."""
        from claimtrack.factcheck.matching import annotate

        return annotate(result, self, **options)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[FactCheck]:
        return iter(self.items)

    def __getitem__(self, number: int) -> FactCheck:
        return self.items[number]

    def cached(self, key: str, build: Any) -> Any:
        """A value built once per collection and setting (the candidate index, embeddings)."""
        if key not in self._index:
            self._index[key] = build(self)
        return self._index[key]


def _feed_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(file for file in path.rglob("*") if file.is_file() and file.suffix.lower() in FEED_SUFFIXES)
        if not files:
            raise InputError(f"{path}: no fact-check files in this folder (*{', *'.join(FEED_SUFFIXES)})")
        return files
    if not path.exists():
        raise InputError(f"{path}: no such fact-check file or folder")
    return [path]


def _read_file(path: Path) -> Iterator[FactCheck | str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        yield f"{path}: skipped: cannot read ({getattr(error, 'strerror', None) or error})"
        return
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield from _read_json(line, f"{path}:{number}")
        return
    yield from _read_json(text, str(path))


def _read_json(text: str, where: str) -> Iterator[FactCheck | str]:
    try:
        value = json.loads(text)
    except ValueError as error:
        yield f"{where}: skipped: not JSON ({error})"
        return
    yield from read_items(value, where)


def read_items(value: Any, where: str) -> Iterator[FactCheck | str]:
    """The fact-checks in one JSON value, and a skip line for each malformed item."""
    if isinstance(value, list):
        for number, item in enumerate(value):
            yield from _one(item, f"{where}: [{number}]")
    elif isinstance(value, dict) and isinstance(value.get("claims"), list) and "@type" not in value:
        yield from _api_claims(value["claims"], where)
    elif isinstance(value, dict) and "@graph" in value:
        graph = value["@graph"]
        if not isinstance(graph, list):
            yield f"{where}: skipped: @graph is not a list"
            return
        for number, item in enumerate(graph):
            yield from _one(item, f"{where}: @graph[{number}]")
    else:
        yield from _one(value, where)


def _one(item: Any, where: str) -> Iterator[FactCheck | str]:
    if not isinstance(item, dict):
        yield f"{where}: skipped: expected a ClaimReview object, got {_shown(item)}"
        return
    types = _types(item)
    if types and _REVIEW_TYPE not in types:
        return  # another schema.org item beside the reviews (a WebPage, an Organization)
    if not types and "claimReviewed" not in item:
        yield f"{where}: skipped: neither a ClaimReview nor a Fact Check Tools result"
        return
    try:
        yield _claim_review(item, where)
    except _Malformed as error:
        yield f"{where}: skipped: {error}"


def _claim_review(item: dict[str, Any], where: str) -> FactCheck:
    reviewed = item.get("itemReviewed")
    if reviewed is not None and not isinstance(reviewed, dict):
        raise _Malformed(f"itemReviewed must be an object, got {_shown(reviewed)}")
    reviewed = reviewed or {}
    claimant = _first(reviewed.get("author"))
    rating = item.get("reviewRating")
    if rating is not None and not isinstance(rating, dict):
        raise _Malformed(f"reviewRating must be an object, got {_shown(rating)}")
    return FactCheck(
        claim_reviewed=_required(item.get("claimReviewed"), "claimReviewed"),
        rating=_text((rating or {}).get("alternateName"), "reviewRating.alternateName"),
        fact_checker=_name(_first(item.get("author")), "author"),
        url=_text(item.get("url"), "url"),
        published=_date(item.get("datePublished"), "datePublished"),
        claimant=_name(claimant, "itemReviewed.author"),
        claimant_type=_type_of(claimant),
        claim_date=_date(reviewed.get("datePublished"), "itemReviewed.datePublished"),
        where=where,
    )


def _api_claims(claims: list[Any], where: str) -> Iterator[FactCheck | str]:
    for number, claim in enumerate(claims):
        place = f"{where}: claims[{number}]"
        if not isinstance(claim, dict):
            yield f"{place}: skipped: expected an object, got {_shown(claim)}"
            continue
        reviews = claim.get("claimReview")
        if not isinstance(reviews, list):
            yield f"{place}: skipped: claimReview must be a list, got {_shown(reviews)}"
            continue
        for index, review in enumerate(reviews):
            try:
                yield _api_review(claim, review, f"{place}.claimReview[{index}]")
            except _Malformed as error:
                yield f"{place}.claimReview[{index}]: skipped: {error}"


def _api_review(claim: dict[str, Any], review: Any, where: str) -> FactCheck:
    if not isinstance(review, dict):
        raise _Malformed(f"expected an object, got {_shown(review)}")
    publisher = review.get("publisher")
    if publisher is not None and not isinstance(publisher, dict):
        raise _Malformed(f"publisher must be an object, got {_shown(publisher)}")
    return FactCheck(
        claim_reviewed=_required(claim.get("text"), "text"),
        rating=_text(review.get("textualRating"), "textualRating"),
        fact_checker=_text((publisher or {}).get("name"), "publisher.name"),
        url=_text(review.get("url"), "url"),
        published=_date(review.get("reviewDate"), "reviewDate"),
        claimant=_text(claim.get("claimant"), "claimant"),
        claim_date=_date(claim.get("claimDate"), "claimDate"),
        where=where,
    )


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("@type")
    values = value if isinstance(value, list) else [value]
    # "schema:ClaimReview" and "http://schema.org/ClaimReview" are ClaimReview too
    return {str(one).rsplit("/", 1)[-1].rsplit(":", 1)[-1] for one in values if one is not None}


def _first(value: Any) -> Any:
    """A single value of a key that JSON-LD allows to hold a list."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name(value: Any, key: str) -> str | None:
    """A person's or organisation's name: a string, or an object's ``name``."""
    if value is None or isinstance(value, str):
        return _text(value, key)
    if not isinstance(value, dict):
        raise _Malformed(f"{key} must be an object or a name, got {_shown(value)}")
    return _text(value.get("name"), f"{key}.name")


def _type_of(value: Any) -> str | None:
    if isinstance(value, dict):
        types = sorted(_types(value))
        return types[0] if types else None
    return None


def _required(value: Any, key: str) -> str:
    text = _text(value, key)
    if text is None:
        raise _Malformed(f"no {key}")
    return text


def _text(value: Any, key: str) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise _Malformed(f"{key} must be a string, got {_shown(value)}")
    return " ".join(value.split())


def _date(value: Any, key: str) -> str | None:
    """YYYY-MM-DD from a date or date-time ("2026-01-04T09:30:00Z")."""
    text = _text(value, key)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise _Malformed(f"{key} {text!r} is not a date") from None


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."
