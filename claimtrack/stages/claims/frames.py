"""Attribution frames: where a cue verb's content (and sometimes its source) is.

Each frame named in ``rules/cues.yaml`` (a cue rule's ``frames``) is one small
function in :data:`FRAMES`, all with one signature, ``frame(context) ->
FrameMatch | None``. A cue tries its rule's frames in :data:`FRAME_ORDER`;
the first that matches gives the content. A test keeps the rule schema's
frame names equal to this table.
"""

from __future__ import annotations

from collections.abc import Callable, Container

import attrs

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.stages.claims.act_frames import (
    as_marked,
    gerund,
    infinitive,
    object_infinitive,
    passive_small_clause,
    question,
    relative_small_clause,
    small_clause_predicate,
    wh_clause,
)
from claimtrack.stages.claims.complements import clause_pieces, complement
from claimtrack.stages.claims.cues import Lexicon
from claimtrack.stages.claims.frame_context import CueContext, FrameMatch, Span
from claimtrack.stages.claims.phrases import (
    after_case,
    before_own_predicate,
    cue_closes_sentence,
    evidential_subject,
    ing_form,
    noun_phrase,
    object_words,
    only_source_between,
    passive_agent,
    quote_opens_unit,
    span_heads,
    speaker_pronoun,
    verb_between,
    words_span,
)
from claimtrack.stages.claims.quotes import Quotes
from claimtrack.stages.claims.reportable import reportable_clause
from claimtrack.ud import NOUNS, NP_WORDS

__all__ = ["DEFAULT_FRAMES", "FRAMES", "FRAME_ORDER", "CueContext", "FrameMatch", "first_match"]

DEFAULT_FRAMES = ("complement", "quote")


def _quote(
    text: str, sent: Sent, cue: Word, quotes: Quotes, last: Word | None = None, cue_lemmas: Container[str] = frozenset(),
    closers: str = "",
) -> tuple[tuple[Span, ...], str] | None:
    """A direct quotation attributed by the cue: '"A," she said', 'She said:
    "A."', '"A," she said, "B."'. A quotation before the cue belongs to the
    first cue verb after it ('"A," Trump said ..., adding that B': not to
    'adding'). ``closers`` are the rules' closing quotation marks: an inner
    quotation's close before the outer one's ('... do you need?\u2019\u201d
    Weaver said'). Returns (parts, pattern id) or None."""
    before = quotes.ending_in(_quote_window(sent, cue), cue.start)
    last = last or cue
    after = quotes.opening_in(last.end, _quote_reach(text, sent))
    parts: list[Span] = []
    pattern: str | None = None
    if before:
        quote = before[-1]
        opening_sentence_start = quote_opens_unit(text, quote)
        gap = text[quote.after : cue.start]
        inner_end = text[quote.inner[0] : quote.end].rstrip().rstrip(closers)[-1:]
        other_cue = any(
            w.lemma in cue_lemmas and w.upos == "VERB" for w in sent.words_between(quote.after, cue.start)
        )
        if opening_sentence_start and not other_cue and (
            gap.lstrip()[:1] in (",", "") or inner_end in (",", "?", "!", "\u2014")
            or (inner_end.isalnum() or inner_end == ".") and gap.lstrip()[:1].isalnum()
            and _only_subject_between(sent, quote.after, cue)
        ):
            parts.append(quote.inner)
            pattern = "pattern.quote_then_verb"
    if after:
        quote = after[0]
        gap = text[last.end : quote.start]
        if pattern and only_source_between(gap):
            parts.append(quote.inner)
            pattern = "pattern.split_quote"
        elif not pattern and gap.strip()[-1:] in (":", ",", "") and not verb_between(sent, cue.end, quote.start):
            parts.append(quote.inner)
            pattern = "pattern.verb_then_quote"
    if not parts or pattern is None:  # (each part comes with its pattern)
        return None
    return tuple(parts), pattern


def _only_subject_between(sent: Sent, start: int, cue: Word) -> bool:
    """'"The caucus is a battle of niches" Grubbs said.': a comma left out
    after the quotation, with only the cue's subject between it and the cue,
    and the cue closing the sentence (the caller checks that a word or a
    sentence's end closes the quotation and a word follows it)."""
    between = sent.words_between(start, cue.start)
    subjects = sent.kids(cue, "nsubj")
    if not between or any(w.upos == "PUNCT" for w in between) or len(subjects) != 1 or not cue_closes_sentence(sent, cue):
        return False
    inside = {w.id for w in sent.subtree(subjects[0])}
    return all(w.id in inside for w in between)


def _quote_reach(text: str, sent: Sent) -> int:
    """Where a quotation after the cue may open: in the cue's sentence, or at
    the start of the next one when the cue's sentence ends in a colon ('The
    governor tweeted from her account:\n"Great news for farmers."')."""
    if text[sent.start : sent.end].rstrip().endswith(":") and sent.number + 1 < len(sent.document.sentences):
        following = sent.document.sentences[sent.number + 1]
        return following.start + 1
    return sent.end


def _quote_window(sent: Sent, cue: Word) -> int:
    """Where a quotation before the cue may close: in the cue's sentence, or
    in the one before when the cue opens its sentence -- the splitter cuts
    after '?"' and '!"' (the parse joins a lower-case continuation back, not
    '"Why?" Smith asked.'), also
    when the cue's sentence is only its speaker and the cue ('"Who will pay
    for it?" | the senator asked.')."""
    if sent.number > 0 and (cue.index == 0 or _only_speaker_and_cue(sent, cue)):
        return sent.document.sentences[sent.number - 1].start
    return sent.start


def _only_speaker_and_cue(sent: Sent, cue: Word) -> bool:
    """No other verb in the sentence, and only a noun phrase before the cue."""
    others = [word for word in sent.words if word is not cue]
    return not any(word.upos in ("VERB", "AUX") for word in others) and all(
        word.upos in NP_WORDS + ("PUNCT",) for word in sent.words[: cue.index]
    )


def _object_frame(text: str, sent: Sent, cue: Word, particle: str | None) -> tuple[Span | None, str] | None:
    """'accused X of Y', 'condemned X for Y', 'counted X', 'called for X'."""
    words = object_words(sent, cue)
    if particle:
        if _particle_object(sent, cue, particle) is None:
            return None  # 'the people she was talking about', 'talking about now'
        words = [w for w in words if not (w.lower == particle and w.index == cue.index + 1)]
        words = [w for w in words if w.index > cue.index + 1] or words
    relations = ("obj", "obl", "ccomp", "xcomp", "iobj") if particle else ("obj", "ccomp", "xcomp", "iobj")
    if not any(w.base_deprel in relations for w in sent.kids(cue)):
        return None  # 'announced on Monday': a time, not what was announced
    return words_span(words), "pattern.verb_object"


def _particle_object(sent: Sent, cue: Word, particle: str) -> Word | None:
    """The phrase the particle right after the cue introduces ('spoke about
    | the need for ...', 'called for | a recount'), unless the particle is
    stranded ('the people she was talking about') or takes a bare adverb
    ('talking about now')."""
    marker = sent.words[cue.index + 1]
    head = sent.head_of(marker)
    if head is cue:  # the particle parsed as the verb's own ('talked | about | the plan' with 'about' compound:prt)
        head = next((kid for kid in sent.kids(cue, "obj", "obl", "ccomp", "xcomp") if kid.index > marker.index), None)
    if marker.lower != particle or head is None or head.index <= marker.index:
        return None
    if head.upos == "ADV" and not sent.kids(head):
        return None  # a bare adverb; 'about | how she pushed ...' may hang on 'how'
    return head


def _passive_agent_frame(text: str, sent: Sent, cue: Word) -> tuple[Span | None, Span | None, str] | None:
    """'many have been claimed by the group': the agent is the source, the
    passive subject (with what precedes it) the content."""
    agent = passive_agent(sent, cue)
    if agent is None or not sent.kids(cue, "aux:pass", "nsubj:pass"):
        return None  # not a reduced passive: 'As reported by X, ...'
    auxiliaries = sent.kids(cue, "aux", "aux:pass")
    first = min([w.index for w in auxiliaries] + [cue.index])
    content = words_span(sent.words[:first])
    return content, after_case(sent, agent, noun_phrase(sent, agent)), "pattern.passive_agent"


def _passive_object(context: CueContext) -> FrameMatch | None:
    """'The council was criticised by the auditor because the accounts were
    late', 'was accused by rivals of lying': the agent is the source; the
    content is the passive subject and what the cue says of it after the
    agent (the reason or the charge), as two parts when they are apart."""
    sent, cue = context.sentence, context.cue
    agent = passive_agent(sent, cue)
    subjects = [kid for kid in sent.kids(cue, "nsubj:pass") if kid.index < cue.index]
    if agent is None or not subjects:
        return None
    source = after_case(sent, agent, noun_phrase(sent, agent))
    reasons = [
        kid for kid in sent.kids(cue, "obl", "advcl", "xcomp", "ccomp")
        if kid.index > agent.index and kid is not agent
    ]
    if source is None or not reasons:
        return None
    subject = words_span(sent.subtree(subjects[0]))
    reason = words_span([w for kid in reasons for w in sent.subtree(kid)])
    if subject is None or reason is None:
        return None
    return FrameMatch((subject, reason), "pattern.passive_object", source=source, sourced=True)


def _evidential(
    text: str, sent: Sent, cue: Word, lexicon: Lexicon, subjects: Container[str]
) -> tuple[Span | None, Span | None, str] | None:
    """'videos shared on a Telegram channel showed X': the medium is the source."""
    subject = evidential_subject(sent, cue, subjects)
    if subject is None:
        return None
    source_head = subject
    for word in sent.words[subject.index : cue.index]:
        if word.lower in lexicon.time_words:
            continue  # 'posted online on Monday': a time, not a medium
        if word.upos in NOUNS and any(k.lower in lexicon.subject_cases for k in sent.kids(word, "case")):
            source_head = word
            break
    words = object_words(sent, cue)
    source = before_own_predicate(sent, source_head, cue, noun_phrase(sent, source_head, lexicon.source_cuts))
    if source_head is not subject:
        source = after_case(sent, source_head, source)
    return words_span(words), source, "pattern.evidential"


def _names_something(sent: Sent, cue: Word, as_predicate: bool = False) -> bool:
    """'called it "a blatant aggression"' characterises; 'it is called "T-town"',
    'calling themselves "the boat people"' and 'we call it a sholid' only
    name, and 'called off the projects' is another verb. With an 'as'
    predicate a reflexive object characterises too ('describes himself as
    "a consistent conservative"')."""
    if sent.kids(cue, "aux:pass", "nsubj:pass", "compound:prt"):
        return False
    following = sent.words[cue.index + 1 : cue.index + 2]
    if following and following[0].upos == "ADP":
        return False  # 'called off the projects' with 'off' read as a preposition
    if any(speaker_pronoun(kid) for kid in sent.kids(cue, "nsubj")):
        return False
    return as_predicate or not any("Reflex=Yes" in kid.feats for kid in sent.kids(cue, "obj"))


# ---------------------------------------------------------------- the table


def _evidential_frame(context: CueContext) -> FrameMatch | None:
    found = _evidential(context.text, context.sentence, context.cue, context.lexicon, context.rule.get("subjects") or ())
    if not found or found[0] is None:
        return None
    return FrameMatch((found[0],), found[2], source=found[1], sourced=True)


def _passive_frame(context: CueContext) -> FrameMatch | None:
    found = _passive_agent_frame(context.text, context.sentence, context.cue)
    if not found or found[0] is None:
        return None
    return FrameMatch((found[0],), found[2], source=found[1], sourced=True)


def _quote_frame(context: CueContext) -> FrameMatch | None:
    closers = "".join(mark for pair in context.lexicon.quote_pairs for mark in pair.closers)
    found = _quote(
        context.text, context.sentence, context.cue, context.quotes, context.last, context.lexicon.verbs, closers
    )
    if not found:
        return None
    if "quoted_object" in (context.rule.get("frames") or ()):
        if not _names_something(context.sentence, context.cue):
            return None  # 'The bridge is called "the Old Lady" by the locals' only names
        gap = context.text[context.last.end : found[0][-1][0]]
        if found[1] == "pattern.verb_then_quote" and not any(mark in gap for mark in ":,"):
            return None  # 'a podcast called "The Show"' only names
    shared = _coordinated_speaker(context)
    return FrameMatch(tuple(found[0]), found[1], source=shared, sourced=shared is not None, quoted=True)


def _complement_frame(context: CueContext) -> FrameMatch | None:
    if not context.reportable:
        return None
    found = complement(
        context.text, context.sentence, context.cue, bool(context.rule.get("addressee")), context.quotes,
        context.lexicon.statement_nouns,
        context.lexicon.time_words,
        context.lexicon.venue_prepositions,
    )
    if not found or not found[0] or not reportable_clause(context.sentence, found, context.lexicon.question_words):
        return None
    parts = tuple(_before_semicolon(context, _before_coordinated_cue(context, part)) for part in clause_pieces(found[0]))
    shared = _coordinated_speaker(context)
    if shared is not None:
        return FrameMatch(parts, found[1], source=shared, sourced=True)
    return FrameMatch(parts, found[1])


def _coordinated_speaker(context: CueContext) -> Span | None:
    """'The regulator said it had never seen such a case and said it "will
    act quickly"', '"...," Jacobs said, adding that ...': a cue right after
    'and'/'but', or a participle right after a comma, with no subject of its
    own has the speaker of the cue verb before it, however the parse hung it."""
    sent, cue = context.sentence, context.cue
    previous = sent.words[cue.index - 1 : cue.index]
    if not previous or sent.kids(cue, "nsubj", "nsubj:pass"):
        return None
    if not (previous[0].upos == "CCONJ" or ing_form(cue) and previous[0].lower == ","):
        return None
    for word in reversed(sent.words[: cue.index - 1]):
        if word.upos == "VERB" and word.lemma in context.lexicon.verbs:
            subjects = [kid for kid in sent.kids(word, "nsubj") if kid.index < word.index]
            if subjects:
                return noun_phrase(sent, subjects[-1], context.lexicon.source_cuts, context.lexicon.postmodifiers)
            return None
    return None


def _before_semicolon(context: CueContext, part: Span) -> Span:
    """A reported clause ends at a semicolon outside quotations: 'has said
    that the browser has 150 flaws; 20 percent of these are critical' reports
    the first clause."""
    for word in context.sentence.words_between(*part):
        if word.lower == ";" and word.start > part[0] and not context.quotes.touching(word.start, word.end):
            return part[0], context.sentence.words[word.index - 1].end
    return part


def _before_coordinated_cue(context: CueContext, part: Span) -> Span:
    """A clause ends before 'and/but' plus another cue verb of the same
    speaker: 'said it had never seen such a case and said it "will act
    quickly"' reports two things, the second with a claim of its own. An -ing
    verb after a cue of another form goes on with the reported clause ('says
    the mayor is acting unlawfully and showing disregard for the law')."""
    words = context.sentence.words_between(*part)
    for position, word in enumerate(words[:-1]):
        following = words[position + 1]
        if (
            word.upos == "CCONJ"
            and following.upos == "VERB"
            and (following.xpos != "VBG" or context.cue.xpos == "VBG")
            and (following.lemma in context.lexicon.verbs or _goes_on_with_the_cue(context, words, following))
            and not context.sentence.kids(following, "nsubj", "nsubj:pass")
            and position > 0
        ):
            return part[0], words[position - 1].end
    return part


def _goes_on_with_the_cue(context: CueContext, words: list[Word], verb: Word) -> bool:
    """'said it would study the complaint but gave no timetable': a verb
    after 'and/but' in the tense of the cue, with no auxiliary of its own,
    after a reported clause built with an auxiliary, tells what the speaker
    did next, not what they said ('said X and that Y' stays reported)."""
    sent = context.sentence
    heads = span_heads(sent, words)
    return (
        bool(heads)
        and verb.xpos == context.cue.xpos
        and not sent.kids(verb, "aux", "aux:pass")
        and bool(sent.kids(heads[0], "aux"))
        and not sent.kids(heads[0], "aux")[0].xpos == context.cue.xpos
    )


def _object(context: CueContext) -> FrameMatch | None:
    if not context.reportable:
        return None
    found = _object_frame(context.text, context.sentence, context.cue, context.rule.get("particle"))
    if not found or not found[0]:
        return None
    return FrameMatch((_before_extension(context, found[0]),), found[1])


def _before_extension(context: CueContext, span: Span) -> Span:
    """The object up to a phrase of the rules' ``extensions`` that the parse
    hung inside it ('claimed responsibility for the attack | in a statement
    on its news agency'): where the claim was made, not what was claimed."""
    words = [w for w in context.sentence.words if span[0] <= w.start and w.end <= span[1]]
    for position, word in enumerate(words[1:], start=1):
        if context.lexicon.extension_at(context.sentence, word.index) is not None:
            return words_span(words[:position]) or span
    return span


def _quoted_object(context: CueContext) -> FrameMatch | None:
    if not _names_something(context.sentence, context.cue):
        return None
    found = _object_frame(context.text, context.sentence, context.cue, context.rule.get("particle"))
    if not found or not found[0]:
        return None
    start, end = found[0]
    opened = context.quotes.opening_in(start - 1, end)
    if not opened:
        return None
    # The quotation may close after the words the parse gave the object
    # ('called the program "worse than amnesty."': the period is inside).
    shared = _coordinated_speaker(context)
    return FrameMatch(
        ((start, max(end, opened[-1].inner[1])),), "pattern.verb_quoted_object",
        source=shared, sourced=shared is not None, quoted=True,
    )


def _small_clause(context: CueContext) -> FrameMatch | None:
    """'called the report a lie', 'described the plan as reckless': the cue
    says what its object is; the content is the object and what it is called.
    'called the meeting' (no second part) is not a claim. A relative
    pronoun for object: :func:`.relative_small_clause`."""
    sent, cue = context.sentence, context.cue
    relative = relative_small_clause(context)
    if relative is not None:
        return relative
    as_predicate = next(
        (kid for kid in sent.kids(cue, "obl", "advcl", "xcomp") if kid.index > cue.index and as_marked(sent, kid)), None
    )
    if not _names_something(sent, cue, as_predicate is not None) or not any(
        kid.index > cue.index and (kid.base_deprel == "obj" or as_predicate is not None and kid.index < as_predicate.index)
        for kid in sent.kids(cue, "obj", "obl:unmarked")
    ):
        return None  # 'described | a day at home ... | as the perfect day off' with 'a day' a bare noun phrase
    # 'labelled him a liar' parsed as indirect object + object counts as well
    objects = [
        kid for kid in sent.kids(cue, "obj", "iobj", "xcomp", "obl", "advcl") if kid.index > cue.index
        and (kid.base_deprel != "advcl" or as_marked(sent, kid))  # 'as | "all very good"' parsed as a clause
    ]
    predicates = [kid for kid in objects[1:] if small_clause_predicate(sent, kid) or _bare_noun_predicate(context, kid)]
    if not predicates:
        return None
    words = [w for kid in objects if kid.index <= predicates[0].index for w in sent.subtree(kid)]
    span = words_span(sorted(words, key=lambda w: w.index))
    if span is None:
        return None
    shared = _coordinated_speaker(context)
    return FrameMatch((span,), "pattern.verb_small_clause", source=shared, sourced=shared is not None)


def _bare_noun_predicate(context: CueContext, kid: Word) -> bool:
    """'called the report | a lie' with 'a lie' parsed as a bare noun phrase
    of the verb (UD's obl:unmarked, which also takes 'last week')."""
    return kid.deprel == "obl:unmarked" and kid.upos == "NOUN" and kid.lower not in context.lexicon.time_words


Frame = Callable[[CueContext], "FrameMatch | None"]

FRAMES: dict[str, Frame] = {
    "evidential": _evidential_frame,  # videos showed X
    "passive_agent": _passive_frame,  # claimed by X
    "passive_object": _passive_object,  # was criticised by X because Y
    "quote": _quote_frame,  # "X," she said
    "question": question,  # asked whether X / wondered who X
    "wh_clause": wh_clause,  # explained why X (a statement)
    "object_infinitive": object_infinitive,  # urged voters to register / asked them to leave
    "infinitive": infinitive,  # plans to cut taxes / vowed to fight on
    "gerund": gerund,  # denied firing on the convoy / admitted taking the money
    "complement": _complement_frame,  # said (that) X / X, she said
    "object": _object,  # denied the report / confirmed X
    "of_object": _object,  # accused X of Y
    "for_object": _object,  # condemned X for Y
    "quoted_object": _quoted_object,  # called it "a blatant aggression" (only with a quotation)
    "small_clause": _small_clause,  # called the report a lie, described X as Y
    "passive_small_clause": passive_small_clause,  # is viewed as a bulwark / has been considered a contender
}
FRAME_ORDER = tuple(FRAMES)


def first_match(context: CueContext, names: tuple[str, ...]) -> FrameMatch | None:
    """The first of the named frames (in :data:`FRAME_ORDER`) that matches."""
    tried: set[Frame] = set()
    for name in FRAME_ORDER:
        frame = FRAMES[name]
        if name not in names or frame in tried:
            continue
        tried.add(frame)
        found = frame(context)
        if found is not None:
            return attrs.evolve(found, frame=name)
    return None
