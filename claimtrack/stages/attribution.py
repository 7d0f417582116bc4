"""Attribution: for one cue, find the source mention and the reported content.

A cue verb's content comes from the first of its rule's frames that matches
(:mod:`claimtrack.stages.frames`); its source from the frame or, most often,
from the verb's subject and the surface fallbacks of
:mod:`claimtrack.stages.speakers` ("said the X" inversion, the noun phrase
before a sentence-final cue). Phrase cues ("according to X", "in a new
poll") and noun cues ("a statement saying X") have their own readers. A cue
that yields nothing gives the reason instead of a claim; the drafts are then
joined, cut and checked into claims (:func:`finish`).
"""

from __future__ import annotations

import bisect

import attrs

from claimtrack.document import Sentence as Sent
from claimtrack.document import Word
from claimtrack.model import Claim, ClaimSource, Content, Cue, Part, span_of
from claimtrack.parsing.textprep import is_line_break, line_break_count
from claimtrack.stages.frames import DEFAULT_FRAMES, CueContext, first_match
from claimtrack.stages.speakers import phrase_source, source_after_quote, verb_source
from claimtrack.stages.syntax import (
    bare_np_before,
    char_after,
    char_before,
    noun_phrase,
    passive_agent,
    speaker_pronoun,
    subject_of,
    trim,
    words_span,
)

__all__ = [
    "Draft", "attribute", "document_head", "finish", "merge_overlapping", "outside_quotations", "phrases_outside",
    "quote_continuations", "without_datelines",
]


@attrs.frozen
class Draft:
    """A claim before ids, kinds and nesting are settled."""

    cue: tuple[int, int] | None
    cue_lemma: str
    cue_class: str
    source: tuple[int, int] | None
    parts: tuple[tuple[int, int], ...]
    rules: tuple[str, ...]
    heading: bool = False
    quoted: bool = False  # its content came from a quotation frame (a direct quote)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _extension(sent: Sent, after: Word, lexicon) -> tuple[tuple[Word, ...], tuple[str, ...]]:
    """Words such as 'in a statement' right after the cue, and the id of the
    rule that names them."""
    for sequence, rule in lexicon.extensions:
        words = sent.words[after.index + 1 : after.index + 1 + len(sequence)]
        if len(words) == len(sequence) and all(
            w.text.lower() == s.lower() for w, s in zip(words, sequence)
        ):
            return tuple(words), (rule.id,)
    return (), ()


def attribute(text: str, sent: Sent, hit, quotes, lexicon) -> Draft | str:
    """A draft claim for one cue, or the reason there is none."""
    if hit.kind == "phrase" and hit.rule.get("heads"):
        return _attribute_document(text, sent, hit, quotes, lexicon)
    if hit.kind == "phrase":
        return _attribute_phrase(text, sent, hit, quotes)
    if hit.kind == "noun":
        return _attribute_noun(text, sent, hit, quotes)
    return _attribute_verb(text, sent, hit, quotes, lexicon)


def _attribute_verb(text, sent, hit, quotes, lexicon) -> Draft | str:
    cue, rule = hit.head, hit.rule
    cls = rule.get("class")
    particle = rule.get("particle")
    cue_words = [cue]
    if particle:
        following = sent.words[cue.index + 1 : cue.index + 2]
        if not following or following[0].lower != particle:
            return f"cue '{cue.text}' needs the particle '{particle}'"
        cue_words.append(following[0])
    context = CueContext(text, sent, cue, cue_words[-1], quotes, lexicon, rule)
    match = first_match(context, tuple(rule.get("frames") or DEFAULT_FRAMES))
    if match is None:
        if not lexicon.reportable(cls):
            return f"cue '{cue.text}' is a speech act ({cls}) with no quotation"
        if sent.kids(cue, "aux:pass", "nsubj:pass") and passive_agent(sent, cue) is None:
            return f"cue '{cue.text}' is passive with no agent"
        return f"cue '{cue.text}' has no clausal complement and no quotation"
    pattern, source = match.pattern, match.source
    if not match.sourced:
        source = verb_source(
            sent, cue, lexicon.source_cuts, inverted=not rule.get("addressee"), postmodifiers=lexicon.postmodifiers
        )
        if source is None and match.quoted and match.parts[0][1] < cue.start:
            source = source_after_quote(sent, match.parts[0][1], cue, lexicon)
        if source is None and (pattern == "pattern.as_verb_clause" or not sent.kids(cue, "aux:pass")):
            return f"cue '{cue.text}' has no source (an imperative, an infinitive or 'as noted')"
    unreal = _unreal(sent, cue, lexicon)
    if unreal:
        return f"cue '{cue.text}' is {unreal} speech, not a claim"
    if not lexicon.first_person_counts(cls) and _first_person_subject(sent, cue):
        return f"cue '{cue.text}' ({cls}) with a first- or second-person subject is the speaker's own voice"
    extension, extension_rule = _extension(sent, cue_words[-1], lexicon)
    cue_words.extend(extension)
    trimmed = tuple(p for p in (trim(text, *part, quotes) for part in match.parts if part) if p)
    if not trimmed:
        return f"cue '{cue.text}' has an empty content"
    if source is not None and _overlaps_any(source, trimmed):
        source = None if pattern != "pattern.clause_then_verb" else source
    rules = (rule.id, pattern) + extension_rule
    cue_span = (cue_words[0].start, cue_words[-1].end)
    lemma = cue.lemma if cue.lemma in lexicon.verbs else rule.get("lemma")  # a cue found by its form
    return Draft(cue_span, lemma, cls, source, trimmed, rules, quoted=match.quoted)


def _unreal(sent: Sent, cue: Word, lexicon) -> str | None:
    """'negated' or 'hypothetical' when the speech did not happen (rules/cues.yaml 'unreal')."""
    if any(kid.lower in lexicon.unreal_negations for kid in sent.kids(cue, "advmod")):
        return "negated"
    subject = subject_of(sent, cue)
    if subject is not None and (
        subject.lower in lexicon.unreal_subjects
        or any(kid.lower in lexicon.unreal_determiners for kid in sent.kids(subject, "det"))
    ):
        return "negated"
    if any(kid.lower in lexicon.unreal_marks for kid in sent.kids(cue, "mark")):
        return "hypothetical"
    return None


def _first_person_subject(sent: Sent, cue: Word) -> bool:
    subject = subject_of(sent, cue)
    return subject is not None and speaker_pronoun(subject)


def _overlaps_any(span, parts) -> bool:
    return any(span[0] < end and start < span[1] for start, end in parts)


def _attribute_phrase(text, sent, hit, quotes) -> Draft | str:
    """'According to X, Y' / 'Y, according to X' / 'In X's view, Y'."""
    rule = hit.rule
    last = hit.words[-1]
    where = rule.get("source", "after")
    if where == "possessive":
        # 'In the union's view, X': the source stands between the two words.
        inner = [w for w in sent.words[hit.words[0].index + 1 : last.index] if w.upos != "PART"]
        source = words_span([w for w in inner if w.lower not in ("'", "\u2019")])
        if source is None:
            return f"phrase '{rule.get('words')}' has no source inside it"
    else:
        source = phrase_source(sent, hit, lexicon_cuts=frozenset())
    if source is None:
        return f"phrase '{rule.get('words')}' has no source after it"
    first = hit.words[0]
    leading = [w for w in sent.words[: first.index] if w.upos != "PUNCT"]
    if leading and leading[-1].lower == "that" and leading[-1].upos == "SCONJ":
        leading = []  # 'Wikinews has learned that according to a posting, X'
    if not leading:
        rest = [w for w in sent.words[last.index + 1 :] if w.start >= source[1]]
        content = words_span(rest)
        pattern = "pattern.phrase_then_clause"
    else:
        content = words_span(sent.words[: first.index])
        pattern = "pattern.clause_then_phrase"
        after = [w for w in sent.words[last.index + 1 :] if w.start >= source[1]]
        if after and after[0].lower == "," and any(w.upos != "PUNCT" for w in after[1:]):
            # 'In 2008, according to Google Analytics, the site had ...'
            tail = words_span(after[1:])
            content = (content, tail) if content else tail
            pattern = "pattern.parenthetical_phrase"
    if content is None:
        return f"phrase '{rule.get('words')}' has no content"
    pieces = content if isinstance(content[0], tuple) else (content,)
    trimmed = tuple(t for t in (trim(text, *piece, quotes) for piece in pieces) if t)
    if not trimmed:
        return f"phrase '{rule.get('words')}' has no content"
    cue_lemma = " ".join(rule.get("words").split())
    return Draft((first.start, last.end), cue_lemma, rule.get("class"), source, trimmed, (rule.id, pattern))


def document_head(sent: Sent, last: Word, rule) -> Word | None:
    """The noun a phrase cue with ``heads`` introduces ('in | a new poll'):
    the word the phrase's last word is the case marker of, when its lemma is
    one of the rule's heads; else None."""
    head = sent.head_of(last)
    heads = {word.lower() for word in rule.get("heads") or ()}
    if head is None or last.base_deprel != "case" or head.index <= last.index:
        return None
    if head.upos not in ("NOUN", "PROPN") or head.lemma.lower() not in heads:
        return None
    own = {word.lower() for word in rule.get("not_modifiers") or ()}
    if any(kid.lower in own for kid in sent.kids(head, "det", "nmod:poss", "amod")):
        return None  # 'in this study', 'in our analysis': the writer's own work
    return head


def _figure(sent: Sent, word: Word) -> bool:
    """A number phrase of the predicate: 'to 10 percent', 'at 5%'."""
    return word.base_deprel == "obl" and (word.upos == "NUM" or bool(sent.kids(word, "nummod")))


def _has_finite(words) -> bool:
    return any(w.upos == "AUX" or w.upos == "VERB" and w.has("VerbForm=Fin") for w in words)


def _attribute_document(text, sent, hit, quotes, lexicon) -> Draft | str:
    """'In a new poll, X leads' / 'X leads in the latest poll': a poll, a
    survey or a study (the rule's ``heads``) as the source of the clause the
    phrase belongs to. Only a phrase of the main clause's predicate (not 'a
    lead in the polls', not 'who led in the polls'), whose predicate is no
    cue verb ('said in a report': the verb's own), standing at the clause's
    start before a comma or at its end; the content must be a clause with a
    finite verb."""
    rule, marker = hit.rule, hit.words[-1]
    name = rule.get("words")
    head = document_head(sent, marker, rule)
    governor = sent.head_of(head) if head is not None else None
    if head is not None and governor is not None and head.base_deprel == "nmod" and _figure(sent, governor):
        governor = sent.head_of(governor)  # 'fell to 10 percent | in the poll': the parse hung it on the figure
    elif head is not None and head.base_deprel != "obl":
        governor = None
    if head is None or governor is None or governor.deprel != "root":
        return f"phrase '{name}' is no phrase of the main clause"
    if governor.lemma in lexicon.verbs:
        return f"phrase '{name}' belongs to the cue verb '{governor.text}'"
    source = phrase_source(sent, hit, lexicon_cuts=frozenset())
    if source is None:
        return f"phrase '{name}' has no source after it"
    first = hit.words[0]
    leading = [w for w in sent.words[: first.index] if w.upos not in ("PUNCT", "CCONJ")]
    after = [w for w in sent.words[marker.index + 1 :] if w.start >= source[1]]
    if not leading:
        if not after or after[0].lower != ",":
            return f"phrase '{name}' opens the sentence with no comma after its source"
        words, pattern = after[1:], "pattern.document_then_clause"
    else:
        if any(w.upos != "PUNCT" for w in after) and after[0].lower not in (",", ";", "\u2014", "--"):
            return f"phrase '{name}' does not end its clause"
        words, pattern = sent.words[: first.index], "pattern.clause_then_document"
    if not _has_finite(words):
        return f"phrase '{name}' has no clause with a finite verb"
    content = words_span(words)
    trimmed = trim(text, *content, quotes) if content is not None else None
    if trimmed is None:
        return f"phrase '{name}' has no content"
    return Draft((first.start, marker.end), name, rule.get("class"), source, (trimmed,), (rule.id, pattern))


def _attribute_noun(text, sent, hit, quotes) -> Draft | str:
    """'released a statement saying (that) X': the statement's issuer is the source."""
    noun, link = hit.words[0], hit.words[-1]
    words = sent.words[link.index + 1 :]
    while words and words[0].lower == "that":
        words = words[1:]
    content = words_span(words)
    if content is None:
        return f"noun cue '{noun.text}' has no content"
    trimmed = trim(text, *content, quotes)
    if trimmed is None:
        return f"noun cue '{noun.text}' has no content"
    governor = sent.head_of(noun)
    source = None
    if governor is not None:
        subject = subject_of(sent, governor)
        if subject is not None and subject.index < noun.index:
            source = noun_phrase(sent, subject)
    if source is None:
        source = bare_np_before(sent, noun)
    cue_text = f"{noun.lemma} {link.lower}"
    return Draft((noun.start, link.end), cue_text, hit.rule.get("class"), source, (trimmed,), (hit.rule.id, "pattern.noun_statement"))


_TRAILING_PHRASES = ("pattern.clause_then_phrase", "pattern.clause_then_document")


def phrases_outside(text: str, drafts: list[Draft], quotes) -> list[Draft]:
    """A phrase cue after its clause ('..., according to press reports', '...
    in the latest poll') attributes the whole clause, cue verbs and all: a
    claim whose cue lies in that clause ('Kasich said he would have fired
    him, according to press reports') has its content end before the
    phrase, and a quotation that the cue's claim reads before the clause
    ('"...?" Smith said at a rally, according to the Sun', the quotation
    split off by the sentence splitter) joins the phrase's content. So the
    phrase's claim holds the other, not the other way round."""
    phrases = [d for d in drafts if d.cue is not None and d.source is not None and d.rules[-1] in _TRAILING_PHRASES]
    if not phrases:
        return drafts
    changed: dict[int, Draft] = {}
    cued = sorted((d for d in drafts if d.cue is not None), key=lambda d: d.cue[0])
    cue_starts = [d.cue[0] for d in cued]
    for phrase in phrases:
        # only the drafts whose cue starts inside the phrase's claim (an index, not a pass over all)
        inside = cued[bisect.bisect_left(cue_starts, phrase.start) : bisect.bisect_right(cue_starts, phrase.end)]
        for draft in inside:
            if draft is phrase or draft.cue[1] > phrase.end:
                continue
            draft = changed.get(id(draft), draft)
            cut = phrase.cue[0]
            parts = []
            for start, end in draft.parts:
                piece = trim(text, start, cut, quotes) if start < cut < end else (start, end)
                if piece is not None:
                    parts.append(piece)
            if parts and tuple(parts) != draft.parts:
                changed[id(draft)] = attrs.evolve(draft, parts=tuple(parts))
            if draft.quoted and draft.end <= phrase.start and not text[draft.end : phrase.start].strip(_QUOTE_GAP):
                current = changed.get(id(phrase), phrase)
                first = (draft.start, current.parts[0][1])
                changed[id(phrase)] = attrs.evolve(current, parts=(first, *current.parts[1:]))
    return [changed.get(id(draft), draft) for draft in drafts]


_QUOTE_GAP = " \t\n,.?!\"'\u201d\u2019"


def merge_overlapping(drafts: list[Draft]) -> list[Draft]:
    """One claim per content: a later draft with the same content as an
    earlier one (two cues for one quotation) is dropped."""
    kept: list[Draft] = []
    seen: set[tuple] = set()
    for draft in sorted(drafts, key=lambda d: (d.start, d.cue or (0, 0))):
        if draft.parts in seen:
            continue
        seen.add(draft.parts)
        kept.append(draft)
    return kept


class _Containers:
    """Drafts by where they start, asked "which contain [start, end)?" without
    scanning them all: no draft is longer than the longest, so only those
    starting within that length before ``end`` can contain the span."""

    def __init__(self, drafts: list[Draft]):
        self.drafts = sorted(drafts, key=lambda d: d.start)
        self.starts = [draft.start for draft in self.drafts]
        self.longest = max((draft.end - draft.start for draft in self.drafts), default=0)

    def containing(self, start: int, end: int) -> list[Draft]:
        last = bisect.bisect_right(self.starts, start)
        first = bisect.bisect_left(self.starts, end - self.longest, hi=last)
        return [draft for draft in self.drafts[first:last] if end <= draft.end]


def without_datelines(text: str, drafts: list[Draft], datelines) -> list[Draft]:
    """A content piece that starts in a dateline ('GENEVA (Reuters) - ...')
    starts after it: the dateline is the document's provenance."""
    if not datelines:
        return drafts
    clipped = []
    for draft in drafts:
        parts = []
        for start, end in draft.parts:
            for line in datelines:
                if line.start <= start < line.end:
                    start = line.end
                    while start < end and text[start].isspace():
                        start += 1
            if start < end:
                parts.append((start, end))
        if parts:
            clipped.append(attrs.evolve(draft, parts=tuple(parts)))
    return clipped


def outside_quotations(drafts: list[Draft], quotes) -> list[Draft]:
    """Drop the drafts built from inside someone else's quotation: in
    '"They are blaming us," the minister said' and '"The minister said we
    would win," the aide recalled' only the quoted speaker speaks. A draft
    goes when its cue lies in another draft's quotation, or when its cue and
    its source both lie inside one closed quotation."""
    quoted = _Containers([attrs.evolve(draft, parts=(part,)) for draft in drafts if draft.quoted for part in draft.parts])
    kept = []
    for draft in drafts:
        if draft.cue is not None and any(other.cue != draft.cue for other in quoted.containing(*draft.cue)):
            continue
        if draft.cue is not None and draft.source is not None and any(
            quote.closed and quote.inner[0] <= min(draft.cue[0], draft.source[0])
            and max(draft.cue[1], draft.source[1]) <= quote.end
            for quote in quotes.touching(*draft.cue)
        ):
            continue
        kept.append(draft)
    return kept


def quote_continuations(text, quotes, drafts, lines, sentence_at=None) -> list[Draft]:
    """A sentence or paragraph that is only a quotation, right after an
    attributed direct quote, continues it: one claim, the new quotation
    another piece of its content (``parts``). Between the two stands at most
    one paragraph break and the rest of the cue's sentence: short, or, with
    ``sentence_at`` (offset -> sentence number), the quotation opens the
    sentence right after it ('"A," said X, a strategist who ... . "B."').

    The drafts come back with their continuations joined."""
    quoted = sorted((d for d in drafts if d.quoted), key=lambda d: d.end)
    quoted_ends = [draft.end for draft in quoted]
    containers = _Containers(drafts)
    used = {part for draft in drafts for part in draft.parts}
    joined: dict[int, list[tuple[int, int]]] = {}
    latest: tuple[Draft, int] | None = None  # the last draft extended, and where it now ends
    for quote in quotes:
        inner = trim(text, *quote.inner, quotes)
        if inner is None or inner in used or containers.containing(*inner):
            continue
        if lines.skipped(quote.start, quote.end):
            continue
        before, after = char_before(text, quote.start), char_after(text, quote.after)
        if before and not (before in ".!?\"\u201d" or is_line_break(before)):
            continue
        if after and not (after in ".!?" or is_line_break(after)):
            continue
        count = bisect.bisect_right(quoted_ends, quote.start)
        last, last_end = (quoted[count - 1], quoted[count - 1].end) if count else (None, -1)
        if latest is not None and last_end < latest[1] <= quote.start:
            last, last_end = latest
        if last is None:
            continue
        between = text[last_end : quote.start]
        if line_break_count(between) > 2:
            continue  # at most one paragraph break
        next_sentence = sentence_at is not None and sentence_at(quote.start) == sentence_at(last_end) + 1
        if len(between) > 80 and not (next_sentence and len(between) <= 400):
            continue  # no other text but the rest of the cue's sentence
        joined.setdefault(id(last), []).append(inner)
        latest = (last, inner[1])
    return [
        attrs.evolve(
            draft,
            parts=draft.parts + tuple(joined[id(draft)]),
            rules=draft.rules + ("pattern.quote_continuation",),
        )
        if id(draft) in joined else draft
        for draft in drafts
    ]


def _kind(text: str, parts, quotes) -> str:
    """direct when every letter or digit of the content lies inside a quotation,
    mixed when some do, else indirect."""
    total = covered = 0
    for start, end in parts:
        total += _letters(text, start, end)
        for quote in quotes.touching(start, end):
            inside_start, inside_end = max(start, quote.inner[0]), min(end, quote.end)
            if inside_start < inside_end:
                covered += _letters(text, inside_start, inside_end)
    if total and covered == total:
        return "direct"
    return "mixed" if covered else "indirect"


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for char in text[start:end] if char.isalnum())


def finish(text: str, drafts: list[Draft], quotes) -> list[Claim]:
    """Claims in document order with provisional ids, kinds and parents."""
    ordered = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    ids = {id(draft): f"d{number}" for number, draft in enumerate(ordered, 1)}  # provisional: numbered at the end
    containers = _Containers(ordered)
    claims = []
    for draft in ordered:
        parent = None
        if draft.cue is not None:
            holders = [
                other for other in containers.containing(*draft.cue)
                if other is not draft and not (other.start == draft.start and other.end == draft.end)
            ]
            if holders:
                parent = ids[id(min(holders, key=lambda d: d.end - d.start))]
        start, end = draft.start, draft.end
        content = Content(
            text=text[start:end],
            start=start,
            end=end,
            parts=tuple(Part(s, e) for s, e in draft.parts) if len(draft.parts) > 1 else (),
        )
        cue = None
        if draft.cue is not None:
            span = span_of(text, *draft.cue)
            cue = Cue(text=span.text, start=span.start, end=span.end, lemma=draft.cue_lemma, cls=draft.cue_class)
        source = None
        if draft.source is not None:
            span = span_of(text, *draft.source)
            source = ClaimSource(text=span.text, start=span.start, end=span.end)
        claims.append(
            Claim(
                id=ids[id(draft)],
                kind=_kind(text, draft.parts, quotes),
                content=content,
                cue=cue,
                source=source,
                parent=parent,
                rules=tuple(rule for rule in draft.rules if rule),
                heading=draft.heading,
            )
        )
    return claims
