r"""A portability lint for rule patterns: would they backtrack catastrophically elsewhere?

This is not claimtrack's safety mechanism. claimtrack matches every rule
pattern with RE2 (:mod:`claimtrack.ruleset.regex`), in time linear in the
text whatever the pattern, and loading rules accepts anything RE2 compiles.
But rule files are shared and reused outside claimtrack: users test them
with Python's ``re`` in pytest, other tools read them with PCRE or
JavaScript, all of which backtrack. ``claimtrack rules check`` therefore also
refuses a pattern that would take exponential or polynomial (cubic or worse)
time in such an engine (:func:`portability_problem`); extraction never runs
this check.

Two checks, both on the pattern as Python's ``re`` parses it:

- `regexploit <https://github.com/doyensec/regexploit>`_ finds repeats that
  can match the same characters one after another or one inside another
  (``\d+\d+\d+!``, ``.*.*.*=x``, ``(\w+\s?)+$``), reporting cubic or worse
  as its own command line does.
- regexploit does not look inside a repeated alternation, so
  :func:`_ambiguous_alternation` adds one check: a repeat without upper bound
  whose alternatives can split the same text in two ways (``(?:a|b|ab)+``:
  ``ab`` is one alternative, or ``a`` then ``b``; Python reads ``(?:a|aa)``
  as ``aa?``, so optional parts count as alternatives too). It walks two
  alternatives side by side and clears them as soon as they part: no
  character can come next in both, or a word ends (``\b``) in one and goes
  on in the other. Anything it cannot follow counts as ambiguous.

Rule patterns are Python syntax, plus a few RE2 spellings that are read here
as Python would need them (``\x{2014}``, ``\p{L}`` as ``\w``, ``\z``). A
pattern Python's parser refuses even so is left unchecked: it is not portable
in the first place. Characters are compared as written: ``ignore_case`` is
passed to the parser, but neither check folds case.
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Iterator
from typing import Any

with warnings.catch_warnings():  # regexploit imports sre_parse, deprecated since Python 3.11
    warnings.simplefilter("ignore", DeprecationWarning)
    import regexploit.ast.char
    from regexploit.ast.branch import Branch
    from regexploit.ast.categories import Category, list_category
    from regexploit.ast.char import Character
    from regexploit.ast.repeat import FiniteRepeat, InfiniteRepeat, Repeat
    from regexploit.ast.sequence import Sequence
    from regexploit.ast.sre import SreOpParser
    from regexploit.redos import (
        Redos,
        expand_branches,
        find_redos_in_branchless_sequence,
    )

__all__ = ["portability_problem"]

# regexploit 1.0.0 lists the characters of \w, \s, \d (up to U+00FF) afresh
# each time a class is intersected with one (its cache is never filled):
# seconds for one shipped rule. Remember each list; the results are the same.
regexploit.ast.char.list_category = functools.cache(lambda *args: tuple(list_category(*args)))

# regexploit follows every combination of the alternatives in a row; past this
# much work (elements followed) a pattern is refused rather than checked for ever.
# The shipped rule that needs most takes 5,000.
MAX_WORK = 100_000
# Ways through one repeated group compared pairwise (past this many, not compared),
# and comparisons in all (past this many, the pattern is refused). The shipped rules
# need 32 and 500.
MAX_WAYS = 64
MAX_COMPARED = 10_000

_DEGREES = {3: "cubic", 4: "quartic", 5: "quintic", 6: "sextic", 7: "septic", 8: "octic", 9: "nonic", 10: "decic"}
_WHY = "(claimtrack's RE2 is linear, but rule files are shared)"
_ENGINES = "would backtrack catastrophically in Python's re, PCRE and JavaScript"
_RE2_ONLY = re.compile(r"\\(?:x\{([0-9A-Fa-f]{1,6})\}|([pP])(?:\{[^}]*\}|[A-Za-z])|(z)|.)", re.DOTALL)


@functools.lru_cache(maxsize=4096)
def portability_problem(pattern: str, *, ignore_case: bool = False) -> str | None:
    """Why ``pattern`` would backtrack catastrophically in a backtracking engine, or None.

    Only for ``claimtrack rules check``; ``pattern`` has already compiled with RE2.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # FutureWarning for "[[" and the like
            source, flags = _for_python(pattern), re.IGNORECASE if ignore_case else 0
            parsed = SreOpParser().parse_sre(source, flags)
            worst = _worst_redos(parsed)
            pair = None if worst is not None else _ambiguous_alternation(_Parser().parse_sre(source, flags))
    except _TooMany:
        return "has too many combinations of alternatives to check for backtracking; split it into several rules"
    except Exception:  # re.error (not Python syntax), or a construct regexploit cannot follow
        return None
    if worst is not None:
        degree = "exponential" if worst.starriness > 10 else _DEGREES.get(worst.starriness, "polynomial")
        return (
            f"{_ENGINES} ({degree} time on text like {_example(worst)}): repeats that can match the same "
            f"characters follow each other or nest; merge them (\\d+ for \\d+\\d+) or make them match "
            f"different characters {_WHY}"
        )
    if pair is not None:
        first, second = (repr("".join(_text(unit) for unit in way)) for way in pair)
        return (
            f"{_ENGINES} (exponential time): alternatives {first} and {second} of a repeated group can "
            f"split the same text in more than one way; let only one alternative match at each place, "
            f"as in (?:a|b)+ for (?:a|b|ab)+ {_WHY}"
        )
    return None


def _for_python(pattern: str) -> str:
    r"""RE2 spellings Python's parser refuses, rewritten: \x{...}, \p{...} (as \w or \W), \z."""

    def rewrite(escape: re.Match[str]) -> str:
        code, unicode_class, end = escape.groups()
        if code:
            return re.escape(chr(min(int(code, 16), 0x10FFFF)))
        if unicode_class:
            return "\\w" if unicode_class == "p" else "\\W"
        return "\\Z" if end else escape.group()

    return _RE2_ONLY.sub(rewrite, pattern)


class _TooMany(Exception):
    pass


def _worst_redos(parsed: Any) -> Redos | None:
    """regexploit's worst finding: its ``find``, with a bound on the work.

    regexploit follows each combination of the alternatives in a row, which
    multiplies: two lists of 500 words are 250,000 combinations. An
    alternation none of whose alternatives a run of one character class can
    pass through (``(?:said|told)``: no character is both ``s`` and ``a``)
    stops every run the same way, whichever alternative is taken, so it is
    handed over as one element (a group matched once) rather than expanded.
    """
    if parsed is None:  # nothing but assertions
        return None
    worst = None
    elements = parsed.elements if isinstance(parsed, Sequence) else [parsed]
    sequence = Sequence([_whole(element) for element in elements])
    work = 0
    for branchless in expand_branches(sequence):
        # regexploit follows the sequence from each unbounded repeat in it
        work += len(branchless.elements) * (1 + sum(isinstance(e, InfiniteRepeat) for e in branchless.elements))
        if work > MAX_WORK:
            raise _TooMany
        for redos in find_redos_in_branchless_sequence(branchless):
            if worst is None or redos.starriness > worst.starriness:
                worst = redos
    return worst


def _whole(element: Any) -> Any:
    """An alternation of words that each stop any run (two characters no class holds both
    of), as one element; anything else as it is."""
    if isinstance(element, Branch) and not element.optional and all(_word(branch) for branch in element.branches):
        return FiniteRepeat(element, 1, 1)
    return element


def _word(node: Any) -> bool:
    return (
        isinstance(node, Sequence)
        and all(isinstance(element, Character) for element in node.elements)
        and node.overall_character_class() is None
    )


def _example(redos: Redos) -> str:
    try:
        return str(redos.example())
    except Exception:  # regexploit cannot always spell a character class
        return "a long run of one character"


def _text(unit: Any) -> str:
    try:
        return str(unit.example())
    except Exception:
        return "?"


class _Boundary:
    r"""``\b``, which regexploit's parser drops; kept for the alternation check, where
    ``(?:a|an)\b`` parts ``a`` from ``an``."""

    starriness = minimum_length = 0

    def overall_character_class(self) -> Character:
        return Character.ANY()

    def example(self) -> str:
        return ""


class _Parser(SreOpParser):  # type: ignore[misc]
    """regexploit's parser, keeping ``\\b``."""

    def from_AT(self, at: Any) -> Any:
        return _Boundary() if at.name == "AT_BOUNDARY" else super().from_AT(at)


def _ambiguous_alternation(node: Any) -> tuple[list[Any], list[Any]] | None:
    """Two ways through a repeated group without upper bound that can split the same text
    differently, or None."""
    compared = 0
    for repeat in _repeats(node):
        ways = [way for way in _ways(repeat.repeat) or [] if way]
        if len(ways) < 2:
            continue
        starts = functools.reduce(lambda a, b: a | b, (_first(way, Character.ANY()) for way in ways))
        for one, other in itertools.combinations(ways, 2):
            compared += 1
            if compared > MAX_COMPARED:
                raise _TooMany
            if _two_splits(one, other, starts):
                return one, other
    return None


def _repeats(node: Any) -> Iterator[Any]:
    """The repeats without upper bound in ``node``, outermost first."""
    if isinstance(node, InfiniteRepeat):
        yield node
    children = (
        node.elements if isinstance(node, Sequence) else node.branches if isinstance(node, Branch)
        else [node.repeat] if isinstance(node, Repeat) else []
    )
    for child in children:
        yield from _repeats(child)


def _ways(node: Any) -> list[list[Any]] | None:
    """The ways through ``node`` as lists of units, expanding alternatives and optional
    parts (Python reads ``(?:a|aa)`` as ``aa?``); None past MAX_WAYS."""
    if isinstance(node, Sequence):
        ways: list[list[Any]] | None = [[]]
        for element in node.elements:
            inner = _ways(element)
            if ways is None or inner is None or len(ways) * len(inner) > MAX_WAYS:
                return None
            ways = [way + more for way in ways for more in inner]
        return ways
    if isinstance(node, Branch):
        options = [_ways(branch) for branch in node.branches]
        if any(option is None for option in options):
            return None
        ways = [way for option in options for way in option or []] + ([[]] if node.optional else [])
    elif isinstance(node, FiniteRepeat) and (node.minimum_repeats, node.maximum_repeats) == (0, 1):
        ways = _ways(node.repeat)
        ways = None if ways is None else [*ways, []]
    else:
        ways = [[node]]
    return ways if ways is None or len(ways) <= MAX_WAYS else None


def _class(unit: Any, *, empty_too: bool = False) -> Character | None:
    """The characters a unit matches one at a time: a character, or a repeat of one
    at least once (or any number of times, with ``empty_too``). None for anything else:
    the walk cannot follow it."""
    if isinstance(unit, Character):
        return unit
    if isinstance(unit, Repeat) and isinstance(unit.repeat, Character) and (empty_too or unit.minimum_repeats > 0):
        return unit.repeat
    return None


def _first(units: list[Any], then: Character) -> Character:
    """The characters ``units`` can begin with; ``then``, what follows, where they can be empty."""
    found = None
    for unit in units:
        if isinstance(unit, _Boundary):
            continue
        chars = _class(unit, empty_too=True)
        if chars is None:
            return Character.ANY()
        found = chars | found
        if unit.minimum_length > 0:
            return found
    return then | found


def _word_only(unit: Any) -> bool:
    """Whether ``unit`` matches word characters only (so ``\\b`` after it needs a non-word one)."""
    chars = _class(unit)
    if chars is None or not chars.positive or (chars.literals is None and chars.categories is None):
        return False
    return all(Category.WORD.contains(char) for char in chars.literals or ()) and set(
        chars.categories or ()
    ) <= {Category.WORD, Category.DIGIT}


def _two_splits(one: list[Any], other: list[Any], starts: Character) -> bool:
    """Whether two ways through a repeated group can match the same text in different
    places. ``starts``: the characters a repetition of the group can begin with."""
    at = 0
    while at < max(len(one), len(other)):
        units = [way[at] if at < len(way) else None for way in (one, other)]
        if any(isinstance(unit, _Boundary) for unit in units):
            # A word that ends (\b) in one way and goes on in the other parts them.
            ends, goes_on = units if isinstance(units[0], _Boundary) else units[::-1]
            before = (one if ends is units[0] else other)[at - 1] if at else None
            if _word_only(before) and _word_only(goes_on):
                return False
            one, other = (
                way[:at] + way[at + 1 :] if isinstance(unit, _Boundary) else way for way, unit in zip((one, other), units)
            )
            continue
        if (_first(one[at:], starts) & _first(other[at:], starts)) is None:
            return False  # no character can come next in both: they part here
        if units[0] is None or units[1] is None:
            return True  # one way ended, and what the other matches next can start a repetition
        x, y = units
        if isinstance(x, Character) and isinstance(y, Character):
            at += 1
            continue
        if x != y:
            return True  # a repeat against something else: cannot tell where each ends
        # The same repeat in both ends at the same place if what follows cannot continue it.
        chars = _class(x, empty_too=True)
        if chars is None:
            return True
        if any((_first(way[at + 1 :], starts) & chars) is not None for way in (one, other)):
            return True
        at += 1
    return True  # both ended together: the same text, two ways
