"""What each rule file may contain: sections, their keys and the keys' types.

This is the schema the loader checks rule files against; the vocabulary
itself lives in ``rules/*.yaml``. Each stage reads the sections named here.

A key with ``ref="kind.section"`` must name an entry (its ``name``) of that
section in the effective rules, defaults included: a verb's ``class`` must be
one of the cue classes, a gazetteer's ``type`` one of the source types.
Regular expressions are checked when the rules load: they must compile, must
not match empty text, and must not nest quantifiers in a way that backtracks
catastrophically (``(a+)+``), since rules run on untrusted text.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import attrs

__all__ = ["ONE_OF", "REF_NAMES", "SCHEMA", "FieldSpec", "regex_problem"]

_TYPE_NAMES = {
    "str": "a string",
    "str_list": "a list of strings",
    "bool": "true or false",
    "int": "an integer",
    "regex": "a regular expression",
}

_YAML_NAMES = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    str: "a string",
    type(None): "nothing",
    list: "a list",
    dict: "a mapping",
}

# What a ``ref`` names, in messages ("unknown cue class 'neutrall'").
REF_NAMES = {"cues.classes": "cue class", "sources.types": "source type", "hedges.classes": "hedge class"}


def _kind_of(value: Any) -> str:
    return _YAML_NAMES.get(type(value), type(value).__name__)


@attrs.frozen
class FieldSpec:
    """One key of a rule entry: its type, whether required, its allowed values."""

    type: str = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # "kind.section": each value must be the name of an entry there

    def check(self, key: str, value: Any) -> str | None:
        """A message if ``value`` does not fit, else None."""
        if self.type == "bool":
            return None if isinstance(value, bool) else f"{key!r} must be true or false, got {_kind_of(value)}"
        if self.type == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            return None if ok else f"{key!r} must be an integer, got {_kind_of(value)}"
        if self.type == "str_list" and not isinstance(value, list):
            return f"{key!r} must be {_TYPE_NAMES['str_list']}, got {_kind_of(value)}"
        for item in value if self.type == "str_list" else [value]:
            if not isinstance(item, str):
                what = f"an item of {key!r}" if self.type == "str_list" else repr(key)
                return f"{what} must be a string, got {_kind_of(item)} (quote it)"
            if not item.strip():
                return f"{key!r} must not be empty"
            if self.choices and item not in self.choices:
                return f"{key!r} must be one of {', '.join(self.choices)}; got {item!r}"
            if self.type == "regex":
                problem = regex_problem(item)
                if problem:
                    return f"{key!r}: {problem}"
        return None

    def values(self, value: Any) -> list[str]:
        """The value as a list of strings (for ``ref`` checks)."""
        return list(value) if self.type == "str_list" else [value]


S = FieldSpec
CUE_FRAMES = (
    "complement",  # said (that) X / X, she said
    "quote",  # "X," she said
    "object",  # denied the report / confirmed X
    "of_object",  # accused X of Y
    "for_object",  # condemned X for Y
    "passive_agent",  # claimed by X
    "quoted_object",  # called it "a blatant aggression" (only with a quotation)
    "evidential",  # videos showed X
    "infinitive",  # urged X to Y, vowed to Y
)

SCHEMA: dict[str, dict[str, dict[str, FieldSpec]]] = {
    "cues": {
        "classes": {
            "name": S(required=True),
            "description": S(),
            "reportable": S("bool"),
            "first_person": S("bool"),
        },
        "verbs": {
            "lemma": S(required=True),
            "class": S(required=True, ref="cues.classes"),
            "frames": S("str_list", choices=CUE_FRAMES),
            "particle": S(),
            "subjects": S("str_list"),
            "passive": S("bool"),
            "addressee": S("bool"),
            "note": S(),
        },
        "phrases": {
            "words": S(required=True),
            "class": S(required=True, ref="cues.classes"),
            "source": S(choices=("after", "before", "possessive")),
            "initial": S("bool"),
            "note": S(),
        },
        "nouns": {
            "lemma": S(required=True),
            "class": S(required=True, ref="cues.classes"),
            "links": S("str_list"),
            "note": S(),
        },
        "quotes": {
            "open": S(required=True),
            "close": S(required=True),
        },
        "extensions": {
            "words": S(required=True),
            "note": S(),
        },
        "source_cuts": {
            "words": S("str_list", required=True),
            "note": S(),
        },
        "subject_sources": {
            "cases": S("str_list", required=True),
            "note": S(),
        },
        "not_cues": {
            "pattern": S("regex", required=True),
            "note": S(),
        },
    },
    "noise": {
        "lines": {
            "pattern": S("regex", required=True),
            "provenance": S("bool"),
            "note": S(),
        },
        "headings": {
            "max_words": S("int", required=True),
            "final_punctuation": S("regex", required=True),
            "note": S(),
        },
    },
    "sources": {
        "types": {"name": S(required=True), "description": S()},
        "gazetteer": {
            "names": S("str_list", required=True),
            "type": S(required=True, ref="sources.types"),
            "note": S(),
        },
        "metonymy": {
            "names": S("str_list", required=True),
            "type": S(required=True, ref="sources.types"),
            "note": S(),
        },
        "aliases": {"names": S("str_list", required=True), "note": S()},
        "name_endings": {
            "words": S("str_list", required=True),
            "type": S(required=True, ref="sources.types"),
            "note": S(),
        },
        "titles": {
            "words": S("str_list", required=True),
            "type": S(required=True, ref="sources.types"),
            "gender": S(choices=("masculine", "feminine")),
            "note": S(),
        },
        "head_nouns": {
            "lemmas": S("str_list", required=True),
            "type": S(required=True, ref="sources.types"),
            "animate": S("bool"),
            "note": S(),
        },
        "patterns": {
            "pattern": S("regex", required=True),
            "type": S(required=True, ref="sources.types"),
            "scope": S(choices=("phrase", "mention")),
            "note": S(),
        },
        "ner_labels": {
            "labels": S("str_list", required=True),
            "type": S(required=True, ref="sources.types"),
            "note": S(),
        },
        "name_defaults": {
            "pattern": S("regex", required=True),
            "type": S(required=True, ref="sources.types"),
            "note": S(),
        },
        "apposition_heads": {"pattern": S("regex", required=True), "note": S()},
        "pronouns": {
            "words": S("str_list", required=True),
            "number": S(choices=("singular", "plural", "any")),
            "animate": S("bool"),
            "resolve": S("bool"),
            "gender": S(choices=("masculine", "feminine")),
            "note": S(),
        },
        "anonymous_heads": {"lemmas": S("str_list", required=True), "note": S()},
        "anonymity_cues": {"pattern": S("regex", required=True), "note": S()},
    },
    "hedges": {
        "classes": {
            "name": S(required=True),
            "description": S(),
            "unsourced": S("bool"),
        },
        "cues": {
            "class": S(required=True, ref="hedges.classes"),
            "words": S("str_list"),
            "lemmas": S("str_list"),
            "upos": S("str_list"),
            "pattern": S("regex"),
            "cue_classes": S("str_list", ref="cues.classes"),
            "unsourced": S("bool"),
            "note": S(),
        },
    },
    "confirmation": {
        "statuses": {
            "name": S(
                required=True,
                choices=("confirmed", "corroborated", "denied", "disputed", "unverified", "no_response"),
            ),
            "rank": S("int", required=True),
        },
        "cues": {
            "status": S(
                required=True,
                choices=("confirmed", "corroborated", "denied", "disputed", "unverified", "no_response"),
            ),
            "lemmas": S("str_list"),
            "pattern": S("regex"),
            "note": S(),
        },
        "references": {
            "lemmas": S("str_list", required=True),
            "cue_classes": S("str_list", ref="cues.classes"),
            "note": S(),
        },
        "negations": {"words": S("str_list", required=True), "note": S()},
        "links": {
            "min_shared": S("int", required=True),
            "min_percent": S("int", required=True),
            "percent_of": S(choices=("smaller", "larger")),
            "note": S(),
        },
        "party_extensions": {"pattern": S("regex", required=True), "note": S()},
    },
}

# Sections whose entries need at least one of these keys to match anything.
ONE_OF: dict[tuple[str, str], tuple[str, ...]] = {
    ("hedges", "cues"): ("words", "lemmas", "pattern", "cue_classes"),
    ("confirmation", "cues"): ("lemmas", "pattern"),
}


# --- regular expressions -------------------------------------------------
#
# Rule patterns run on untrusted text, and Python's re backtracks: a repeated
# group whose inner repeat can match the same text in more than one way
# ("(a+)+", "(\\w+\\s?)*") takes exponential time on a long non-matching
# input. Such patterns are refused when the rules load. The check works on
# re's parse tree: for each repeat R nested in a repeat (outer maximum > 1),
# it asks whether the characters that may follow R inside the outer body
# (including the start of the body's next iteration) overlap with the
# characters R itself starts with; if so the split between R and what follows
# is ambiguous and backtracking multiplies (an optional item counts too:
# "(?:aa?)+"). A repeated group that can match
# empty text, or that holds two alternatives matching the same character
# ("(?:.|a)+"), is refused too. Character classes are compared on
# a sample alphabet (ASCII, Latin-1 and a few other characters), ignoring case.

try:  # Python 3.11+
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

_ALPHABET = "".join(chr(code) for code in range(256)) + "\u2018\u2019\u201c\u201d\u2014\u2028\u0416\u4e2d\u0627"
_ALL = frozenset(_ALPHABET)
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
# Possessive repeats and atomic groups never backtrack (Python 3.11+).
_POSSESSIVE = getattr(_sre, "POSSESSIVE_REPEAT", object())
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", object())
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_CATEGORIES = {
    name: frozenset(ch for ch in _ALPHABET if re.fullmatch(cls, ch))
    for name, cls in (
        ("CATEGORY_DIGIT", r"\d"), ("CATEGORY_NOT_DIGIT", r"\D"),
        ("CATEGORY_SPACE", r"\s"), ("CATEGORY_NOT_SPACE", r"\S"),
        ("CATEGORY_WORD", r"\w"), ("CATEGORY_NOT_WORD", r"\W"),
        ("CATEGORY_LINEBREAK", r"\n"), ("CATEGORY_NOT_LINEBREAK", r"[^\n]"),
    )
}


def regex_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be a rule's regular expression, or None if it can."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            compiled = re.compile(pattern)
            tree = _sre.parse(pattern)
    except re.error as error:
        return f"invalid regular expression: {error}"
    except (RecursionError, OverflowError):
        return "regular expression is nested too deeply"
    if compiled.fullmatch("") is not None or _nullable(list(tree)):
        return "regular expression matches empty text; it must match at least one character"
    if _ambiguous_nesting(list(tree)):
        return (
            "regular expression can backtrack catastrophically: a repeated group can match "
            "the same text in more than one way (as in '(a+)+' or '(a|.)+'); rewrite it"
        )
    return None


def _leaf(op, av) -> frozenset[str]:
    if op is _sre.LITERAL:
        return _caseless(frozenset(chr(av)))
    if op is _sre.NOT_LITERAL:
        return _ALL - _caseless(frozenset(chr(av)))
    if op is _sre.ANY:
        return _ALL
    chars: set[str] = set()
    negate = False
    for item_op, item_av in av:  # IN
        if item_op is _sre.NEGATE:
            negate = True
        elif item_op is _sre.LITERAL:
            chars.add(chr(item_av))
        elif item_op is _sre.RANGE:
            low, high = item_av
            chars.update(ch for ch in _ALPHABET if low <= ord(ch) <= high)
        elif item_op is _sre.CATEGORY:
            chars.update(_CATEGORIES.get(str(item_av).replace("_UNI_", "_").replace("_LOC_", "_"), _ALL))
        else:
            chars.update(_ALL)
    found = _caseless(frozenset(chars))
    return _ALL - found if negate else found


def _caseless(chars: frozenset[str]) -> frozenset[str]:
    return frozenset(ch for ch in _ALPHABET if ch in chars or ch.lower() in chars or ch.upper() in chars)


def _children(op, av) -> list[list]:
    """The sub-sequences an item contains (lookarounds excluded)."""
    if op is _sre.SUBPATTERN:
        return [list(av[-1])]
    if op is _sre.BRANCH:
        return [list(alt) for alt in av[1]]
    if op in _REPEATS or op is _POSSESSIVE:
        return [list(av[2])]
    if op is _ATOMIC:
        return [list(av)]
    if op is _sre.GROUPREF_EXISTS:
        return [list(part) for part in av[1:] if part is not None]
    return []


def _nullable_item(op, av) -> bool:
    if op in _ZERO_WIDTH:
        return True
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN):
        return False
    if op in _REPEATS or op is _POSSESSIVE:
        return av[0] == 0 or _nullable(list(av[2]))
    if op is _sre.BRANCH:
        return any(_nullable(list(alt)) for alt in av[1])
    if op is _sre.GROUPREF_EXISTS:
        return av[2] is None or any(_nullable(list(part)) for part in av[1:] if part is not None)
    children = _children(op, av)
    return all(_nullable(child) for child in children) if children else True


def _nullable(seq: list) -> bool:
    return all(_nullable_item(op, av) for op, av in seq)


def _first_item(op, av) -> frozenset[str]:
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN):
        return _leaf(op, av)
    if op in _ZERO_WIDTH:
        return frozenset()
    if op is _sre.GROUPREF:
        return _ALL
    return frozenset().union(*(_first(child) for child in _children(op, av)))


def _first(seq: list) -> frozenset[str]:
    chars: frozenset[str] = frozenset()
    for op, av in seq:
        chars |= _first_item(op, av)
        if not _nullable_item(op, av):
            break
    return chars


def _follow(seq: list, target) -> tuple[frozenset[str], bool] | None:
    """What may follow ``target`` inside ``seq``: (characters, whether seq may end there)."""
    for index, item in enumerate(seq):
        if item is target:
            chars, open_end = frozenset(), True
        else:
            found = _follow_inside(item, target)
            if found is None:
                continue
            chars, open_end = found
        if open_end:
            rest = seq[index + 1 :]
            chars, open_end = chars | _first(rest), _nullable(rest)
        return chars, open_end
    return None


def _follow_inside(item, target) -> tuple[frozenset[str], bool] | None:
    op, av = item
    for child in _children(op, av):
        found = _follow(child, target)
        if found is not None:
            chars, open_end = found
            if op in _REPEATS and av[1] > 1 and open_end:
                chars |= _first(child)
            return chars, open_end
    return None


def _inner_repeats(seq: list):
    """Quantified items inside ``seq`` whose count varies (``a+``, ``a?``, ``a{1,3}``)."""
    for item in seq:
        op, av = item
        if op in _REPEATS and av[0] != av[1]:
            yield item
        if op is not _ATOMIC and op is not _POSSESSIVE:
            for child in _children(op, av):
                yield from _inner_repeats(child)


def _single_item(op, av) -> frozenset[str]:
    """The characters c such that the item can match exactly the text c."""
    if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN):
        return _leaf(op, av)
    if op in _REPEATS and av[1] == 0:
        return frozenset()
    return frozenset().union(*(_single(child) for child in _children(op, av)))


def _single(seq: list) -> frozenset[str]:
    """The characters c such that the sequence can match exactly the text c."""
    solid = [item for item in seq if not _nullable_item(*item)]
    if len(solid) > 1:
        return frozenset()
    candidates = solid or seq
    return frozenset().union(*(_single_item(*item) for item in candidates))


def _branches(seq: list):
    """BRANCH items inside ``seq``, at any depth (not inside atomic groups)."""
    for item in seq:
        op, av = item
        if op is _sre.BRANCH:
            yield item
        if op is not _ATOMIC and op is not _POSSESSIVE:
            for child in _children(op, av):
                yield from _branches(child)


def _overlapping_alternatives(body: list) -> bool:
    """Two alternatives of one group that can match the same single character."""
    for _, (_, alternatives) in _branches(body):
        seen: frozenset[str] = frozenset()
        for alternative in alternatives:
            chars = _single(list(alternative))
            if chars & seen:
                return True
            seen |= chars
    return False


def _ambiguous_nesting(seq: list) -> bool:
    for item in seq:
        op, av = item
        if op in _REPEATS and av[1] > 1:
            body = list(av[2])
            if _nullable(body) or _overlapping_alternatives(body):
                return True
            for inner in _inner_repeats(body):
                inner_body = list(inner[1][2])
                chars, open_end = _follow(body, inner)
                if open_end:
                    chars |= _first(body)
                if _nullable(inner_body) or chars & _first(inner_body):
                    return True
        if any(_ambiguous_nesting(child) for child in _children(op, av)):
            return True
    return False
