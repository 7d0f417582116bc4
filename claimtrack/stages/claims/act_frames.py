"""Attribution frames for the acts other than statements: an intention
('plans to cut taxes'), a directive ('urged voters to register') and a
question ('asked whether the count was fair'); and the same wh-clause as a
statement ('explained why X'). Each has the frames'
signature, ``frame(context) -> FrameMatch | None``; the table is
:data:`claimtrack.stages.claims.frames.FRAMES`.
"""

from __future__ import annotations

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.frame_context import CueContext, FrameMatch
from claimtrack.stages.claims.phrases import ing_form, words_span
from claimtrack.stages.claims.set_off import before_added_report, set_off_by_comma

__all__ = [
    "as_marked", "gerund", "infinitive", "object_infinitive", "passive_small_clause", "question", "relative_small_clause",
    "small_clause_predicate", "wh_clause",
]


def _infinitive_clause(sent: Sent, word: Word) -> bool:
    """A clause headed by an infinitive with its marker: 'to register'."""
    return word.has("VerbForm=Inf") and any(kid.xpos == "TO" for kid in sent.kids(word, "mark"))


def _infinitives_after(sent: Sent, cue: Word, *relations: str) -> list[Word]:
    found = sent.kids(cue, "xcomp", "ccomp", *relations)
    return [kid for kid in found if kid.index > cue.index and _infinitive_clause(sent, kid)]


def infinitive(context: CueContext) -> FrameMatch | None:
    """'plans to cut taxes', 'vowed to fight on': the content is the
    infinitive, marker included. Not with an object before it ('urged voters
    to ...', the object infinitive) nor a subject of its own."""
    sent, cue = context.sentence, context.cue
    for clause in _infinitives_after(sent, cue):
        if sent.kids(clause, "nsubj") or any(kid.index < clause.index for kid in _addressees(context)):
            continue
        span = words_span(before_added_report(sent, sent.subtree(clause)))
        if span is not None:
            return FrameMatch((span,), "pattern.verb_infinitive", sourced=False)
    return None


def gerund(context: CueContext) -> FrameMatch | None:
    """'denied firing on the convoy', 'admitted having taken the money',
    'called for doubling the caps': the content is the gerund clause right
    after the cue (and its particle, which the parse may make the clause's
    subordinator), with no subject or other subordinator of its own (not
    '..., saying X', an added clause)."""
    sent, cue, last = context.sentence, context.cue, context.last
    for clause in sent.kids(cue, "xcomp", "ccomp", "obj", "advcl", "obl"):
        words = [w for w in sent.subtree(clause) if w.index > last.index]
        helpers = sent.kids(clause, "aux", "aux:pass")
        if (
            not words
            or clause.index <= last.index
            or clause.upos != "VERB"
            or not (ing_form(clause) or any(ing_form(aux) for aux in helpers))
            or sent.kids(clause, "nsubj", "nsubj:pass")
            or any(mark.index != last.index for mark in sent.kids(clause, "mark"))
            or any(w.upos == "PUNCT" for w in sent.words[last.index + 1 : words[0].index])
            or set_off_by_comma(sent, clause)  # "..., the Post reported, | citing a source"
            or words[0].index > last.index + 2
        ):
            continue
        span = words_span(words)
        if span is not None:
            return FrameMatch((span,), "pattern.verb_gerund", sourced=False)
    return None


def _addressees(context: CueContext) -> list[Word]:
    """The person a directive is addressed to: the object ('urged voters'),
    or the noun after the cue's particle ('called on Congress')."""
    sent, cue = context.sentence, context.cue
    found = [kid for kid in sent.kids(cue, "obj", "iobj") if kid.index > cue.index]
    if context.last is not cue:
        found += [
            kid for kid in sent.kids(cue, "obl")
            if kid.index > context.last.index and any(case is context.last for case in sent.kids(kid, "case"))
        ]
    return found


def object_infinitive(context: CueContext) -> FrameMatch | None:
    """'urged voters to register', 'asked them to leave', 'called on Congress
    to act': the content is the addressee and the infinitive, as the parse
    gives it (the addressee as object, or as the infinitive's own subject)."""
    sent, cue = context.sentence, context.cue
    addressees = _addressees(context)
    if any(kid.lemma in context.lexicon.not_addressees for kid in addressees):
        return None  # 'requested anonymity to discuss ...': what was asked for, and why
    # the parse may read the infinitive as a purpose clause, or hang it on the addressee ('urged both sides | to
    # stop fighting' with 'to stop' a modifier of 'sides')
    on_addressee = [
        kid for addressee in addressees for kid in sent.kids(addressee, "acl")
        if sent.subtree(kid)[0].index == addressee.index + 1 and _infinitive_clause(sent, kid)
    ]
    for clause in _infinitives_after(sent, cue, "advcl") + on_addressee:
        subjects = [kid for kid in sent.kids(clause, "nsubj") if kid.index < clause.index]
        before = [kid for kid in addressees if kid.index < clause.index]
        if not subjects and not before:
            continue
        first = min((before or subjects)[0].index, context.last.index + 1)  # 'urged | both sides to ...'
        words = sent.subtree(clause) + [w for kid in before for w in sent.subtree(kid)] + sent.words[first:clause.index]
        span = words_span([w for w in words if w.index >= first])
        if span is not None:
            return FrameMatch((span,), "pattern.verb_object_infinitive")
    return None


def question(context: CueContext) -> FrameMatch | None:
    """'asked whether the count was fair', 'wondered who would pay': a
    clause after the cue that opens with a question word (rules/cues.yaml
    ``question_words``)."""
    span = _clause_with_question_word(context)
    return None if span is None else FrameMatch((span,), "pattern.verb_question")


def wh_clause(context: CueContext) -> FrameMatch | None:
    """'explained why Merkel was selected', 'explained how he would be free
    of conflicts': the same clause as :func:`question`, reported as what
    the source said (a statement), not asked."""
    span = _clause_with_question_word(context)
    return None if span is None else FrameMatch((span,), "pattern.verb_wh_clause")


def _clause_with_question_word(context: CueContext) -> tuple[int, int] | None:
    sent, cue = context.sentence, context.cue
    for kid in sent.kids(cue, "ccomp", "xcomp", "advcl", "obj"):
        if kid.index <= cue.index:
            continue
        words = sent.subtree(kid)
        if words and words[0].lower in context.lexicon.question_words and len(words) > 1:
            span = words_span(words)
            if span is not None:
                return span
    return None


def passive_small_clause(context: CueContext) -> FrameMatch | None:
    """'The kingdom is viewed as a bulwark', 'has long been considered a top
    contender': a passive cue says what its subject is held to be. The
    content is the subject and the predicate, as two parts; the source is
    the 'by' agent, when there is one. Not with a modal ('would be
    considered a distinct group', 'will be considered a battleground': a
    classification or a forecast) nor a relative pronoun for subject ('who
    is regarded as a germaphobe': a description)."""
    sent, cue = context.sentence, context.cue
    subjects = [kid for kid in sent.kids(cue, "nsubj:pass") if kid.index < cue.index]
    helpers = sent.kids(cue, "aux", "aux:pass")
    if (
        not subjects
        or not sent.kids(cue, "aux:pass")
        or any(aux.xpos == "MD" for aux in helpers)
        or "PronType=Rel" in subjects[0].feats
    ):
        return None
    predicates = [
        kid for kid in sent.kids(cue, "xcomp", "obl", "advcl")
        if kid.index > cue.index and (kid.base_deprel == "xcomp" and not _infinitive_clause(sent, kid) or as_marked(sent, kid))
    ]
    if not predicates:
        return None
    subject = words_span(sent.subtree(subjects[0]))
    predicate = words_span(sent.subtree(predicates[0]))
    if subject is None or predicate is None:
        return None
    return FrameMatch((subject, predicate), "pattern.passive_small_clause")


def as_marked(sent: Sent, kid: Word) -> bool:
    """'as reckless', 'as "all very good"' (a predicate, parsed as a phrase
    or a verbless clause), not 'as you near the islands' (a clause with a
    subject of its own)."""
    return any(case.lemma == "as" for case in sent.kids(kid, "case", "mark")) and not sent.kids(
        kid, "nsubj", "nsubj:pass"
    )


def small_clause_predicate(sent: Sent, kid: Word) -> bool:
    """What a small-clause cue says its object is: a second object or an open
    complement that is no name or pronoun ('call him Bob', 'call it
    something' only name), or an 'as' phrase."""
    return kid.base_deprel in ("obj", "xcomp") and kid.upos not in ("PROPN", "PRON") or as_marked(sent, kid)


def relative_small_clause(context: CueContext) -> FrameMatch | None:
    """'$2.9 billion, which Mr. Trump called "a disgrace"', 'the marchers,
    whom he described as "peaceful"': a relative clause whose pronoun is the
    cue's object says what its antecedent is; the content is the antecedent
    (without the clause) and the predicate, in two parts."""
    sent, cue = context.sentence, context.cue
    if cue.deprel != "acl:relcl":
        return None
    antecedent = sent.head_of(cue)
    pronouns = [kid for kid in sent.kids(cue, "obj") if kid.index < cue.index and "PronType=Rel" in kid.feats]
    if antecedent is None or not pronouns:
        return None
    predicates = [
        kid for kid in sent.kids(cue, "obj", "xcomp", "obl", "advcl")
        if kid.index > cue.index and small_clause_predicate(sent, kid)
    ]
    cases = {kid.i for kid in sent.kids(antecedent, "case")}  # 'with | the marchers, whom ...'
    named = [w for w in sent.subtree(antecedent) if w.index < pronouns[0].index and w.i not in cases]
    while named and named[-1].upos == "PUNCT":
        named.pop()
    if not predicates or not named:
        return None
    subject, predicate = words_span(named), words_span(sent.subtree(predicates[0]))
    if subject is None or predicate is None:
        return None
    return FrameMatch((subject, predicate), "pattern.relative_small_clause")
