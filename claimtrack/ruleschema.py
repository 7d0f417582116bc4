"""What each rule file may contain: sections, their keys and the keys' types.

This is the schema the loader checks rule files against; the vocabulary
itself lives in ``rules/*.yaml``. Each stage reads the sections named here.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

__all__ = ["SCHEMA", "FieldSpec"]

_TYPE_NAMES = {
    "str": "a string",
    "str_list": "a list of strings",
    "bool": "true or false",
    "int": "an integer",
    "regex": "a regular expression",
}


@attrs.frozen
class FieldSpec:
    """One key of a rule entry: its type, whether required, its allowed values."""

    type: str = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # "kind.section": the value must be the name of an entry there

    def check(self, key: str, value: Any) -> str | None:
        """A message if ``value`` does not fit, else None."""
        values = value if self.type == "str_list" else [value]
        if self.type == "str_list" and not isinstance(value, list):
            return f"{key!r} must be {_TYPE_NAMES['str_list']}, got {type(value).__name__}"
        if self.type == "bool":
            return None if isinstance(value, bool) else f"{key!r} must be true or false, got {value!r}"
        if self.type == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            return None if ok else f"{key!r} must be an integer, got {value!r}"
        for item in values:
            if not isinstance(item, str):
                return f"{key!r} must be {_TYPE_NAMES[self.type]}, got {type(item).__name__}"
            if not item.strip():
                return f"{key!r} must not be empty"
            if self.choices and item not in self.choices:
                return f"{key!r} must be one of {', '.join(self.choices)}; got {item!r}"
            if self.type == "regex":
                try:
                    re.compile(item)
                except re.error as error:
                    return f"invalid regular expression in {key!r}: {error}"
        return None


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
            "final_punctuation": S(required=True),
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
        "apposition_heads": {"pattern": S("regex", required=True), "note": S()},
        "pronouns": {
            "words": S("str_list", required=True),
            "number": S(choices=("singular", "plural", "any")),
            "animate": S("bool"),
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
            "cue_classes": S("str_list"),
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
            "cue_classes": S("str_list"),
            "note": S(),
        },
        "negations": {"words": S("str_list", required=True), "note": S()},
        "links": {
            "min_shared": S("int", required=True),
            "min_percent": S("int", required=True),
            "note": S(),
        },
        "party_extensions": {"pattern": S("regex", required=True), "note": S()},
    },
}
