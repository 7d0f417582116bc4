"""Which claims are the same claim, and which source mentions name the same source.

A claim is compared by its gist (:class:`Gist`): its content words (the
lower-cased words left after dropping words of one or two letters and the
stop list in ``rules/tracker.yaml``), the numbers it states and
the names it mentions. Two claims are the same claim when their numbers and
names agree and rapidfuzz's token-sort ratio of their content words (plus a
bonus when the source is the same) reaches the threshold; claims more than
``window_days`` apart are never grouped.

Comparing a new claim with every stored one would grow with the store, so
candidates come from a MinHash LSH index (datasketch): each claim's MinHash
over its word stems is cut into bands, and the tracker stores one key per
band (:func:`band_keys`). Only claims sharing a band key with the new claim
are compared. The keys live in an SQLite table rather than in datasketch's
in-memory index, so every ``track add`` process sees the same index without
rebuilding it.

Sources are merged by alias keys: a name's content words in order.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from itertools import groupby

import attrs
from rapidfuzz import fuzz

from claimtrack.model import SourceEntity

__all__ = [
    "Candidate",
    "Gist",
    "TrackerSettings",
    "alias_key",
    "band_keys",
    "agree",
    "best_group",
    "content_words",
    "similarity",
    "source_aliases",
]


@attrs.frozen
class TrackerSettings:
    """How claims are grouped: ``threshold`` on the :func:`similarity` of two
    claims, plus ``source_bonus`` when both come from the same source; claims
    more than ``window_days`` apart are never grouped."""

    threshold: float = attrs.field(
        default=0.75, validator=attrs.validators.and_(attrs.validators.ge(0.0), attrs.validators.le(1.0))
    )
    source_bonus: float = attrs.field(default=0.1, validator=attrs.validators.ge(0.0))
    window_days: int = attrs.field(default=60, validator=attrs.validators.ge(0))


@functools.cache
def _stopwords() -> frozenset[str]:
    """The stop list of the shipped rules (rules/tracker.yaml)."""
    from claimtrack.ruleset.loader import default_rules

    return frozenset(word.lower() for rule in default_rules().section("tracker", "stopwords") for word in rule.get("words"))


def _without_possessive(word: str) -> str:
    for ending in _possessives():
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


@functools.cache
def _possessives() -> tuple[str, ...]:
    """The possessive endings cut off a word (rules/tracker.yaml)."""
    from claimtrack.ruleset.loader import default_rules

    return tuple(ending for rule in default_rules().section("tracker", "possessives") for ending in rule.get("endings"))


_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def _words(text: str) -> list[str]:
    """The words of ``text`` in order, possessive 's dropped (a plain loop: it runs for every candidate)."""
    return [_without_possessive(word) for word in _WORD.findall(text)]


def _content_words(text: str) -> list[str]:
    stopwords = _stopwords()
    return [
        word for word in _words(text.lower()) if (len(word) > 2 or word.isdigit()) and word not in stopwords
    ]


def content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that say what it is about, lower-cased.

    >>> sorted(content_words("The fire was started deliberately, police said."))
    ['deliberately', 'fire', 'police', 'started']
    """
    return frozenset(_content_words(text))


# ---------------------------------------------------------------- claims


@attrs.frozen
class Gist:
    """What grouping compares of a claim's content."""

    words: str  # the content words in order, space-separated
    numbers: frozenset[str]
    names: frozenset[str]  # capitalised content words after the first word, lower-cased

    @classmethod
    def of(cls, text: str) -> Gist:
        """
        >>> Gist.of("Senator Hale said 1,200 jobs would go")
        Gist(words='senator hale 1200 jobs', numbers=frozenset({'1200'}), names=frozenset({'hale'}))
        """
        text = _THOUSANDS.sub("", text)  # "1,200" and "1200" are one number
        names = {word.lower() for word in _words(text)[1:] if _is_name_word(word)}
        numbers = frozenset(_NUMBER.findall(text))
        return cls(" ".join(_content_words(text)), numbers, frozenset(names))


def similarity(claim: Gist, other: Gist) -> float:
    """How alike two claims are, 0 to 1: rapidfuzz's token-sort ratio of their
    content words, or 0 when the two disagree on numbers or names.

    They disagree when both state numbers and the numbers differ ("500 jobs"
    is not "300 jobs"), or when each mentions a name the other does not
    ("Senator Ortiz" is not "Senator Hale", but "Hale" may be "Senator Hale").
    """
    if not agree(claim, other):
        return 0.0
    return fuzz.token_sort_ratio(claim.words, other.words) / 100


def agree(claim: Gist, other: Gist) -> bool:
    """False when two claims state different numbers or name different people (see :func:`similarity`)."""
    if claim.numbers and other.numbers and claim.numbers != other.numbers:
        return False
    return claim.names <= other.names or other.names <= claim.names


@attrs.frozen
class Candidate:
    """A stored claim that shares an index band with the claim being added."""

    group: int
    content: str
    same_source: bool
    date: str | None
    related: bool  # the new claim's parent or child, in the same document


def best_group(
    content: str, date: str | None, candidates: Iterable[Candidate], settings: TrackerSettings
) -> int | None:
    """The group of the most similar candidate (the earliest stored on a tie), if similar enough."""
    gist = Gist.of(content)
    best, best_score = None, 0.0
    for candidate in candidates:
        if candidate.related or not _within(date, candidate.date, settings.window_days):
            continue
        score = similarity(gist, Gist.of(candidate.content))
        if candidate.same_source:
            score += settings.source_bonus
        if score > best_score:
            best, best_score = candidate.group, score
    return best if best_score >= settings.threshold else None


def _within(date: str | None, other: str | None, days: int) -> bool:
    if date is None or other is None:
        return True
    gap = dt.date.fromisoformat(date) - dt.date.fromisoformat(other)
    return abs(gap.days) <= days


# ---------------------------------------------------------------- the candidate index

# MinHash LSH: 128 permutations, bands chosen by datasketch for a Jaccard
# threshold of 0.3 with misses weighted 4 to 1 over extra candidates (a
# missed candidate is a claim left out of its group; an extra one costs one
# comparison): 42 bands of 3 rows. Two claims whose stem sets have a Jaccard
# similarity of 0.5 become candidates with probability 0.996, at 0.4 with
# 0.94, at 0.1 with 0.04. Changing these changes every stored key: a schema
# migration.
_PERMUTATIONS = 128
_LSH_THRESHOLD = 0.3
_LSH_WEIGHTS = (0.2, 0.8)
_SCHEME = "affine32"
_STEM = 5  # shingles are the first letters of each content word, so inflections share one


@functools.cache
def _minhash_setup():
    """datasketch's permutations and band ranges (imported on first use: it loads scipy)."""
    from datasketch import MinHash, MinHashLSH

    bands = MinHashLSH(threshold=_LSH_THRESHOLD, num_perm=_PERMUTATIONS, weights=_LSH_WEIGHTS).hashranges
    return MinHash(num_perm=_PERMUTATIONS, seed=1, scheme=_SCHEME).permutations, tuple(bands)


def band_keys(content: str) -> tuple[int, ...]:
    """The claim's keys in the candidate index: one signed 64-bit integer per
    MinHash band (none for a claim without content words)."""
    shingles = sorted({word[:_STEM] for word in _content_words(_THOUSANDS.sub("", content))})
    if not shingles:
        return ()
    from datasketch import MinHash

    permutations, bands = _minhash_setup()
    minhash = MinHash(num_perm=_PERMUTATIONS, permutations=permutations, scheme=_SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles])
    values = minhash.hashvalues.astype("<u8")
    return tuple(_band_key(index, values[start:end].tobytes()) for index, (start, end) in enumerate(bands))


def _band_key(index: int, values: bytes) -> int:
    digest = hashlib.blake2b(index.to_bytes(2, "little") + values, digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


# ---------------------------------------------------------------- sources


def alias_key(text: str) -> str:
    """A name's comparison key: its content words in order ("Ana Ruiz's" -> "ana ruiz")."""
    return " ".join(
        word
        for word in _words(text.lower())
        if word not in _stopwords() and (len(word) > 1 or word.isdigit())
    )


def source_aliases(entity: SourceEntity) -> list[str]:
    """Comparison keys of an entity: its name, every mention that carries a
    capitalised content word (a name, not a pronoun or a bare description),
    and the full names inside them ("Karel Brandt" in "Port authority
    spokesman Karel Brandt")."""
    aliases = []
    for text in (entity.name, *(mention.text for mention in entity.mentions)):
        words = _WORD.findall(text)
        if text is entity.name or any(_is_name_word(word) for word in words):
            aliases.append(alias_key(text))
        aliases.extend(alias_key(" ".join(run)) for run in _name_runs(words) if len(run) > 1)
    return list(dict.fromkeys(alias for alias in aliases if alias))


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _stopwords()


def _name_runs(words: Sequence[str]) -> list[list[str]]:
    """Maximal runs of consecutive capitalised content words."""
    return [list(run) for named, run in groupby(words, key=_is_name_word) if named]
