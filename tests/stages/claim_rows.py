"""The row a construction test compares: (content, cue, source, kind) for
each claim of a text, through the whole pipeline; shared by the test files
that list news constructions as input and exact expected claims."""

from __future__ import annotations

import claimtrack


def rows(text: str) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (c.content.text, c.cue.text if c.cue else None, c.source.text if c.source else None, c.kind)
        for c in claimtrack.extract(text).claims
    ]


def conllu_rows(conllu: str) -> list[tuple[str, str | None, str | None, str]]:
    """The same rows from a parse given as CoNLL-U (a misread the compact
    models made), so the rules that recover from it are tested whatever
    models ship."""
    return [
        (c.content.text, c.cue.text if c.cue else None, c.source.text if c.source else None, c.kind)
        for c in claimtrack.extract_document(claimtrack.parse_conllu(conllu)).claims
    ]
