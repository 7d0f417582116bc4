"""What each rule file may contain: sections, their keys and the keys' types.

This is the schema the loader checks rule files against; the vocabulary
itself lives in ``rules/*.yaml``. Each stage reads the sections named here.

A key with ``ref="kind.section"`` must name an entry (its ``name``) of that
section in the effective rules, defaults included: a verb's ``class`` must be
one of the cue classes, a gazetteer's ``type`` one of the source types.
Regular expressions are checked when the rules load: they must compile with
RE2, which matches in linear time whatever the pattern, and must not match
empty text (see :mod:`claimtrack.ruleset.regex`). A ``regex`` key with
``ignore_case=True`` is matched without regard to case.
"""

from __future__ import annotations

from typing import Any

import attrs

from claimtrack.ruleset.regex import regex_problem

__all__ = ["ACTS", "ACT_FRAMES", "ONE_OF", "REF_NAMES", "SCHEMA", "FieldSpec"]

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
REF_NAMES = {
    "cues.classes": "cue class",
    "sources.types": "source type",
    "hedges.classes": "hedge class",
    "confirmation.statuses": "confirmation status",
}


def _kind_of(value: Any) -> str:
    return _YAML_NAMES.get(type(value), type(value).__name__)


@attrs.frozen
class FieldSpec:
    """One key of a rule entry: its type, whether required, its allowed values."""

    type: str = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # "kind.section": each value must be the name of an entry there
    ignore_case: bool = False  # for a regex: match without regard to case

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
                problem = regex_problem(item, ignore_case=self.ignore_case)
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
    "passive_object",  # was criticised by the auditor because Y / was accused by rivals of lying
    "quoted_object",  # called it "a blatant aggression" (only with a quotation)
    "evidential",  # videos showed X
    "small_clause",  # called the report a lie / described the plan as reckless
    "passive_small_clause",  # is viewed as a bulwark / has long been considered a contender
    "infinitive",  # plans to cut taxes / vowed to fight on
    "object_infinitive",  # urged voters to register / asked them to leave
    "question",  # asked whether X / wondered who X
    "wh_clause",  # explained why X / how X (a statement)
    "gerund",  # denied firing on the convoy / admitted taking the money
)

# What a claim's source does with its content; equal to ``claimtrack.model.ACTS``
# (a test keeps them equal).
ACTS = ("statement", "belief", "intention", "directive", "question")
# The frames whose construction decides the act whatever the cue's entry says.
ACT_FRAMES = ("question", "infinitive", "object_infinitive", "quote")

SCHEMA: dict[str, dict[str, dict[str, FieldSpec]]] = {
    "cues": {
        "classes": {
            "name": S(required=True),
            "description": S(),
            "reportable": S("bool"),
            "first_person": S("bool"),
            "act": S(choices=ACTS),  # the act of a cue of this class whose entry names none
        },
        "verbs": {
            "lemma": S(required=True),
            "forms": S("str_list"),  # surface forms that count even when the lemmatiser gives another lemma
            "class": S(required=True, ref="cues.classes"),
            "act": S(choices=ACTS),
            "frames": S("str_list", choices=CUE_FRAMES),
            "particle": S(),
            "subjects": S("str_list"),
            "objects": S("str_list"),  # only with an object of these lemmas: 'claimed | responsibility for X'
            "passive": S("bool"),
            "addressee": S("bool"),
            "put_to_subject": S("bool"),  # a bare participle was put to its subject: 'Asked about X, she said'
            "note": S(),
        },
        "phrases": {
            "words": S(required=True),
            "class": S(required=True, ref="cues.classes"),
            "act": S(choices=ACTS),
            "source": S(choices=("after", "before", "possessive")),
            "initial": S("bool"),
            "heads": S("str_list"),  # only before a noun with one of these lemmas: 'in | a new poll'
            "not_modifiers": S("str_list"),  # but not a head with one of these words: 'in | this study'
            "source_upos": S("str_list"),  # only before a source of these word classes and a comma: 'To her, ...'
            "third_person": S("bool"),  # not before 'me', 'us', 'you' (the writer's or reader's own view)
            "note": S(),
        },
        "nouns": {
            "lemma": S(required=True),
            "class": S(required=True, ref="cues.classes"),
            "act": S(choices=ACTS),
            "links": S("str_list"),
            "keep_links": S("str_list"),  # links that open the content: 'the plan | to cut taxes'
            "owned": S("bool"),  # only with a possessor or a subject: 'his belief that X', not 'the belief that X'
            "note": S(),
        },
        "constructions": {
            "frame": S(required=True, choices=ACT_FRAMES),
            "act": S(required=True, choices=ACTS),
            "ends_with": S(),  # only when the content ends with this text ('?': a quoted question)
            "not_addressees": S("str_list"),  # objects that are asked for, not asked: 'requested anonymity to ...'
            "note": S(),
        },
        "question_words": {
            "words": S("str_list", required=True),
            "note": S(),
        },
        "venue_prepositions": {
            "words": S("str_list", required=True),
            "note": S(),
        },
        "quotes": {
            "open": S(required=True),
            "close": S(required=True),
            "also_close": S("str_list"),
            "paired_only": S("bool"),
            "note": S(),
        },
        "extensions": {
            "words": S(required=True),
            "note": S(),
        },
        "source_cuts": {
            "words": S("str_list", required=True),
            "phrase_end": S("bool"),  # the whole source phrase ends before these words too
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
        "labels": {
            "pattern": S("regex", required=True),
            "class": S(required=True, ref="cues.classes"),
            "act": S(choices=ACTS),
            "headings_only": S("bool"),
            "first_line": S("bool"),  # with headings_only: the document's first line counts as a heading
            "after_line": S("bool"),  # the match may start on the line before (a signature under its quote)
            "quoted": S("bool"),  # the content is a quotation: no finite verb needed ("Dana Reyes: 'The mayor's fair game.'")
            "not_sources": S("str_list"),
            "note": S(),
        },
        "unreal": {
            "subject_determiners": S("str_list"),
            "subject_words": S("str_list"),
            "cue_negations": S("str_list"),
            "marks": S("str_list"),
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
            "title_pattern": S("regex"),
            "note": S(),
        },
        "datelines": {
            "pattern": S("regex", required=True),
            "note": S(),
        },
    },
    "sources": {
        "types": {
            "name": S(required=True),
            "description": S(),
            "of_personal_pronoun": S("bool"),  # the type a source named by 'he', 'she' gets
            "personal_pronouns": S("bool"),  # false: 'he', 'she' never refer to a source of this type
        },
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
            "joins": S("str_list", ref="sources.types"),
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
        "apposition_heads": {"pattern": S("regex", required=True, ignore_case=True), "note": S()},
        "naming_phrases": {"pattern": S("regex", required=True, ignore_case=True), "note": S()},
        "pronouns": {
            "words": S("str_list", required=True),
            "number": S(choices=("singular", "plural", "any")),
            "animate": S("bool"),
            "resolve": S("bool"),
            "gender": S(choices=("masculine", "feminine")),
            "note": S(),
        },
        "anonymous_heads": {"lemmas": S("str_list", required=True), "note": S()},
        "anonymity_cues": {"pattern": S("regex", required=True, ignore_case=True), "note": S()},
        "postmodifiers": {"lemmas": S("str_list", required=True), "note": S()},
        "employers": {
            "roles": S("str_list", required=True),
            "links": S("str_list", required=True),
            "types": S("str_list", required=True, ref="sources.types"),
            "note": S(),
        },
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
            "pattern": S("regex", ignore_case=True),
            "cue_classes": S("str_list", ref="cues.classes"),
            "unsourced": S("bool"),
            "note": S(),
        },
        "cue_links": {
            "dependents": S("str_list", required=True),
            "governed_as": S("str_list", required=True),
            "note": S(),
        },
        "sentence_ends": {"marks": S("str_list", required=True), "note": S()},
    },
    "confirmation": {
        "statuses": {
            "name": S(required=True),
            "rank": S("int", required=True),
            "default": S("bool"),
            "names_its_object": S("bool"),
            "nearest_claim": S("bool"),
            "marks_own_claim": S("bool"),
            "links_by_party": S("bool"),
            "party_shares_content": S("bool"),
            "content_objects": S("bool"),
            "drops_claims_cued_inside": S("bool"),
            "description": S(),
            "note": S(),
        },
        "cues": {
            "status": S(required=True, ref="confirmation.statuses"),
            "lemmas": S("str_list"),
            "pattern": S("regex", ignore_case=True),
            "note": S(),
        },
        "references": {
            "lemmas": S("str_list", required=True),
            "cue_classes": S("str_list", ref="cues.classes"),
            "note": S(),
        },
        "topics": {
            "mentions": S("str_list", required=True),
            "content_lemmas": S("str_list"),
            "content_upos": S("str_list"),
            "note": S(),
        },
        "noun_objects": {
            "upos": S("str_list", required=True),
            "object_deprels": S("str_list", required=True),
            "determiners": S("str_list"),
            "possessor_deprels": S("str_list"),
            "note": S(),
        },
        "content_words": {"upos": S("str_list", required=True), "noun_upos": S("str_list"), "note": S()},
        "parties": {
            "subject_deprels": S("str_list", required=True),
            "skip_deprels": S("str_list"),
            "not_in_names": S("str_list"),
            "speakers": S("str_list"),
            "note": S(),
        },
        "negations": {"words": S("str_list", required=True), "window": S("int"), "note": S()},
        "links": {
            "min_shared": S("int", required=True),
            "min_percent": S("int", required=True),
            "percent_of": S(choices=("smaller", "larger")),
            "status": S(ref="confirmation.statuses"),
            "note": S(),
        },
        "party_extensions": {"pattern": S("regex", required=True), "note": S()},
    },
    "factcheck": {
        "scores": {
            "min_score": S("int", required=True),
            "min_content": S("int", required=True),
            "min_overlap": S("int", required=True),
            "claimant_agrees": S("int", required=True),
            "claimant_type_agrees": S("int", required=True),
            "claimant_differs": S("int", required=True),
            "later_checked": S("int", required=True),
            "max_matches": S("int", required=True),
            "min_semantic": S("int"),
            "note": S(),
        },
        "verdicts": {
            "name": S(required=True),
            "ratings": S("str_list", required=True),
            "alert": S("bool"),
            "note": S(),
        },
        "quantities": {"words": S("str_list", required=True), "note": S()},
        "claimants": {
            "schema_types": S("str_list", required=True),
            "source_types": S("str_list", required=True, ref="sources.types"),
            "note": S(),
        },
    },
    "tracker": {
        "stopwords": {"words": S("str_list", required=True), "note": S()},
        "possessives": {"endings": S("str_list", required=True), "note": S()},
    },
}

# Sections whose entries need at least one of these keys to match anything.
ONE_OF: dict[tuple[str, str], tuple[str, ...]] = {
    ("hedges", "cues"): ("words", "lemmas", "pattern", "cue_classes"),
    ("confirmation", "cues"): ("lemmas", "pattern"),
}
