"""Whether a clause found for a cue is a report: it has a predicate and is
no indirect question ('would not say when the ferry would run'), although
it may open with a wh-word that only opens a clause inside it ('said that
when the river rises, the ferry will not run')."""

from __future__ import annotations

from collections.abc import Collection

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.complements import Found, clause_pieces
from claimtrack.ud import VERBS

__all__ = ["reportable_clause"]


def reportable_clause(sent: Sent, found: Found, question_words: Collection[str] = ("whether", "if")) -> bool:
    """A reported clause has a predicate, and is no indirect question ('tell
    whether they will'): its first word is not 'whether', 'if' or a wh-word
    (``question_words``, from the rules). A clause that opens with another
    subordinator ('that although X, Y' with 'although' made the head's) is one."""
    if found[0] is None:
        return False
    words = [w for start, end in clause_pieces(found[0]) for w in sent.words_between(start, end)]
    if not any(w.upos in VERBS for w in words):
        return False
    ids = {w.id for w in words}
    heads = [w for w in words if w.head_id not in ids]
    first = words[0]
    if first.deprel == "mark" and first.lower in question_words and len(heads) == 1 and first.head_id == heads[0].id:
        return False  # the whole clause is an 'if'/'whether' question (not a condition before a clause)
    return "PronType=Int" not in first.feats or _fronted_wh_clause(sent, first, heads)


def _fronted_wh_clause(sent: Sent, first: Word, heads: list[Word]) -> bool:
    """'said that when you live by the pen, you die by the pen', 'said what
    he saw was a fire': the wh-word opens a clause that stands before the
    reported clause's head (an adverbial clause or a clausal subject), not
    the clause itself, so the report is a statement, not a question."""
    opened = sent.head_of(first)
    return (
        len(heads) == 1
        and opened is not None
        and opened.deprel in ("advcl", "csubj", "csubj:pass")
        and opened.head_id == heads[0].id
        and opened.index < heads[0].index
    )
