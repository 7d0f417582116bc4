"""Attribution: for one cue, find the source mention and the reported content.

Each frame in ``rules/cues.yaml`` (complement, quote, object, of_object,
for_object, passive_agent, evidential) is one function here. Frames combine
the dependency parse with surface patterns (quotation marks, the cue's
position, "said the X" inversion), because the compact models get exactly
these constructions wrong at times: a source parsed as the object of
"said", "saying" tagged as a noun. A frame that finds nothing returns None;
when no frame fits, the cue yields a reason instead of a claim.
"""

from __future__ import annotations

import bisect

import attrs

from claimtrack.model import Claim, ClaimSource, Content, Cue, Part, span_of
from claimtrack.document import Sentence as Sent
from claimtrack.document import Word

__all__ = [
    "Draft",
    "attribute",
    "finish",
    "merge_overlapping",
    "quote_continuations",
    "evidential_subject",
]

DEFAULT_FRAMES = ("complement", "quote")
# The patterns whose content is a quotation: a quote-only sentence after one of
# them continues the quotation.
QUOTATION_PATTERNS = frozenset(
    {"pattern.quote_then_verb", "pattern.split_quote", "pattern.verb_then_quote", "pattern.verb_quoted_object"}
)
# Relations of a cue verb whose subtrees are not part of its object content.
CLAUSE_CUT = ("conj", "cc", "punct", "parataxis", "nsubj", "aux", "mark")
SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
NP_SKIP = ("acl:relcl", "parataxis", "punct", "advcl", "dep", "obl:tmod", "nmod:tmod")
PUNCT_EDGES = " \t\r\n,;:.—–-"


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


# ---------------------------------------------------------------- helpers


def _span(words: list[Word]) -> tuple[int, int] | None:
    words = [word for word in words if word.upos != "PUNCT"] or words
    if not words:
        return None
    return min(word.start for word in words), max(word.end for word in words)


def _trim(text: str, start: int, end: int, quotes) -> tuple[int, int] | None:
    """Strip spaces and edge punctuation; take in the quotation marks of a
    quote the content starts or ends inside, so 'was "martyred"' keeps both."""
    while start < end and text[start] in PUNCT_EDGES:
        start += 1
    while end > start and text[end - 1] in PUNCT_EDGES:
        end -= 1
    if end <= start:
        return None
    for quote in quotes.touching(start, end):
        if quote.start < start <= quote.end < end and text[quote.start + 1 : start].strip(PUNCT_EDGES) == "":
            start = quote.start
        if start < quote.start < end <= quote.end and text[end : quote.end].strip(PUNCT_EDGES) == "":
            end = min(quote.end + 1, len(text)) if quote.closed else end
    return start, end


def _subject(sent: Sent, verb: Word) -> Word | None:
    """The subject of a verb, climbing through conj, xcomp and aux chains
    (``called`` in "accused X and called it Y"; ``show`` in "appeared to show")."""
    current = verb
    for _ in range(4):
        subjects = sent.kids(current, *SUBJECTS)
        if subjects:
            before = [s for s in subjects if s.index < verb.index]
            return before[-1] if before else subjects[0]
        head = sent.head_of(current)
        if head is None or current.base_deprel not in ("conj", "xcomp", "advcl"):
            return None
        current = head
    return None


def _noun_in(word: Word, lemmas) -> bool:
    """The word's lemma is listed; a plural the tagger took for a name
    ('Videos' as PROPN) counts by its singular."""
    if word.lemma in lemmas or word.lower in lemmas:
        return True
    return word.lower.endswith("s") and word.lower[:-1] in lemmas


def evidential_subject(sent: Sent, verb: Word, subjects) -> Word | None:
    """The subject of an evidential verb when it is a video, document or the
    like; when the parse gives the verb no subject, the nearest such noun
    before it in the same clause."""
    subject = _subject(sent, verb)
    if subject is not None and _noun_in(subject, subjects):
        return subject
    for word in reversed(sent.words[: verb.index]):
        if word.upos in ("NOUN", "PROPN") and _noun_in(word, subjects):
            if subject is not None and word in sent.subtree(subject):
                return subject  # 'A video posted online' parsed with 'online' as its head
            return word
        if word.lower in (";", ":"):
            break
    return None


def _noun_phrase(sent: Sent, head: Word, cuts: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """A source mention: the head's subtree, cut before a comma, relative
    clause, apposition or time phrase that follows the head."""
    words = sent.subtree(head, skip=NP_SKIP)
    kept = []
    for word in words:
        if word.index > head.index:
            gap = sent.words[kept[-1].index + 1 : word.index] if kept else []
            stop = (",", "(", "\u2014", "who", "which", "that")
            if word.lower in stop or word.lower in cuts or any(w.lower in stop for w in gap):
                break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower in cuts:
        kept.pop()
    return _with_possessor(sent, kept)


def _with_possessor(sent: Sent, words: list[Word]) -> tuple[int, int] | None:
    """Take in a possessor the parse left outside: "al-Sudani's office"."""
    if not words:
        return None
    first = words[0].index
    if first >= 2 and sent.words[first - 1].lower in ("'s", "\u2019s", "'"):
        start = first - 1
        while start > 0 and sent.words[start - 1].upos in ("PROPN", "NOUN") or (
            start > 1 and sent.words[start - 1].lower == "-" and sent.words[start - 2].upos == "PROPN"
        ):
            start -= 1
        words = sent.words[start:first] + words
    return _span(words)


def _np_after(sent: Sent, index: int, cuts: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Surface noun phrase starting at word ``index``: up to a comma, final
    punctuation, a participle ('speaking on condition ...') or a relative."""
    kept = []
    if index < len(sent.words) and sent.words[index].upos in ("ADP", "SCONJ", "CCONJ", "PART"):
        return None
    for word in sent.words[index:]:
        if word.upos == "PUNCT" or word.lower in ("who", "which", "that") or (kept and word.lower in cuts):
            break
        if word.upos == "AUX" or kept and word.upos == "VERB" and "VerbForm=Fin" in word.feats:
            break
        if kept and word.upos == "VERB" and ("VerbForm=Ger" in word.feats or "VerbForm=Part" in word.feats):
            break
        if kept and word.upos == "ADP" and word.lower in ("in", "on") and _is_extension_start(sent, word):
            break
        kept.append(word)
    if not kept or not any(w.upos in ("NOUN", "PROPN", "PRON", "NUM", "ADJ", "X") for w in kept):
        return None
    return _span(kept)


def _ends_clause(sent: Sent, offset: int) -> bool:
    """Nothing but punctuation, a preposition phrase or a participle clause
    follows ``offset`` ('said the official, speaking on condition ...')."""
    following = [w for w in sent.words if w.start >= offset][:1]
    return not following or following[0].upos in ("PUNCT", "ADP") or "VerbForm=Ger" in following[0].feats


def _is_extension_start(sent: Sent, word: Word) -> bool:
    following = sent.words[word.index + 1 : word.index + 3]
    return any(w.lower in ("a", "an", "statement", "interview") for w in following)


def _np_before(sent: Sent, cue: Word) -> tuple[int, int] | None:
    """Surface noun phrase before a sentence-final cue: the stretch after the
    last comma (", an aide to the minister said."); when a quotation closes
    before the cue, the first stretch after it ('"...," Khaled Al-Maeena,
    editor at the Gazette, said.')."""
    words = sent.words[: cue.index]
    segments, current = [], []
    for word in words:
        if word.lower in (",", ":") or word.lower in ('"', "\u201d", "\u2019"):
            segments.append((current, word.lower))
            current = []
        else:
            current.append(word)
    segments.append((current, None))
    closing = [i for i, (_, mark) in enumerate(segments) if mark in ('"', "\u201d", "\u2019")]
    candidates = segments[closing[-1] + 1 :] if closing else segments[-1:]
    for segment, _ in candidates:
        kept = [w for w in segment if w.upos != "ADV"]
        if kept and any(w.upos in ("NOUN", "PROPN", "PRON") for w in kept):
            return _span(kept)
    return None


def _quote_at(quotes, start: int, end: int):
    """Quotations lying inside [start, end]."""
    return list(quotes.within(start, end))


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


# ---------------------------------------------------------------- frames


def _frame_quote(text, sent, cue, quotes, last=None):
    """A direct quotation attributed by the cue: '"A," she said', 'She said:
    "A."', '"A," she said, "B."'. Returns (parts, pattern id) or None."""
    before = quotes.ending_in(sent.start, cue.start)
    last = last or cue
    after = quotes.opening_in(last.end, sent.end)
    parts = []
    pattern = None
    if before:
        quote = before[-1]
        opening_sentence_start = _quote_opens_unit(text, quote)
        gap = text[quote.end + 1 : cue.start]
        inner_end = text[quote.start + 1 : quote.end].rstrip()[-1:]
        if opening_sentence_start and (gap.lstrip()[:1] in (",", "") or inner_end in (",", "?", "!", "\u2014")):
            parts.append(quote.inner)
            pattern = "pattern.quote_then_verb"
    if after:
        quote = after[0]
        gap = text[last.end : quote.start]
        if pattern and _only_source_between(gap):
            parts.append(quote.inner)
            pattern = "pattern.split_quote"
        elif not pattern and gap.strip()[-1:] in (":", ",", "") and not _verb_between(sent, cue.end, quote.start):
            parts.append(quote.inner)
            pattern = "pattern.verb_then_quote"
    if not parts:
        return None
    return tuple(parts), pattern


def _verb_between(sent: Sent, start: int, end: int) -> bool:
    return any(w.upos in ("VERB", "AUX") for w in sent.words_between(start, end))


def _quote_opens_unit(text: str, quote) -> bool:
    """The opening mark starts a sentence or paragraph (nothing but space or a
    dash between it and the previous sentence end)."""
    before = _char_before(text, quote.start)
    return not before or before in ".!?\n:\u201d\"\u2014"


def _char_before(text: str, offset: int) -> str:
    """The last character before ``offset`` that is not a space or tab ('' if none)."""
    while offset > 0 and text[offset - 1] in " \t":
        offset -= 1
    return text[offset - 1] if offset > 0 else ""


def _char_after(text: str, offset: int) -> str:
    """The first character from ``offset`` on that is not a space or tab ('' if none)."""
    while offset < len(text) and text[offset] in " \t":
        offset += 1
    return text[offset] if offset < len(text) else ""


def _only_source_between(gap: str) -> bool:
    stripped = gap.strip()
    return stripped.startswith(",") or stripped.endswith(",") or stripped == ""


def _frame_complement(text, sent, cue):
    """Indirect speech: the cue's clausal complement ('said (that) X'), or the
    clause before the cue when the cue follows it ('X, the official said')."""
    complements = sent.kids(cue, "ccomp")
    comma = _last_comma_before(sent, cue)
    for kid in complements:
        if kid.index > cue.index:
            return _span(_without_complementiser(sent.subtree(kid))), "pattern.verb_complement"
    for kid in complements:
        if comma is not None and kid.index < comma.index:
            words = [w for w in sent.subtree(kid) if w.index < comma.index]
            return _span(words), "pattern.clause_then_verb"
    head = sent.head_of(cue)
    if head is not None and cue.base_deprel == "advcl" and head.index > cue.index:
        if any(mark.lower == "as" for mark in sent.kids(cue, "mark")) and _reports_as(sent, cue):
            # 'As the Chief Justice said, small changes are better.'
            own = {w.id for w in sent.subtree(cue)}
            words = [w for w in sent.subtree(head) if w.id not in own and w.index > cue.index]
            return _span(words), "pattern.as_verb_clause"
    if head is not None and cue.base_deprel == "parataxis" and comma is not None and head.index < comma.index:
        words = [w for w in sent.subtree(head) if w.index < comma.index]
        return _span(words), "pattern.clause_then_verb"
    if comma is not None and comma.index > 1 and _finite(sent, cue) and _inverted_tail(sent, cue, comma):
        return _span(sent.words[: comma.index]), "pattern.clause_then_verb"
    if comma is not None and comma.index > 1 and _finite(sent, cue):
        closing = _parenthetical_close(sent, cue)
        if closing is not None:
            before = _span(sent.words[: comma.index])
            after = _span(sent.words[closing.index + 1 :])
            if before and after:
                return (before, after), "pattern.parenthetical_verb"
    colon = [
        w for w in sent.kids(cue)
        if w.index > cue.index and w.base_deprel == "parataxis"
        and any(p.lower == ":" for p in sent.words[cue.index + 1 : w.index])
    ]
    if colon:
        return _span(sent.subtree(colon[0])), "pattern.verb_complement"
    return _that_clause(sent, cue)


def _parenthetical_close(sent: Sent, cue: Word) -> Word | None:
    """The comma closing '..., said Mauer, ...' or '..., he said, ...'."""
    if sent.kids(cue, "obj", "iobj", "ccomp", "xcomp"):
        return None
    opening = _last_comma_before(sent, cue)
    lead = sent.words[opening.index + 1 : cue.index] if opening is not None else []
    if any(w.upos not in ("PRON", "PROPN", "NOUN", "DET", "ADJ") for w in lead):
        return None
    between = []
    for word in sent.words[cue.index + 1 :]:
        if word.lower == ",":
            if any(w.upos in ("NOUN", "PROPN", "PRON") for w in between) or not between:
                return word if word.index < len(sent.words) - 2 else None
            return None
        if word.upos in ("VERB", "AUX", "SCONJ"):
            return None
        between.append(word)
    return None


def _finite(sent: Sent, cue: Word) -> bool:
    """A finite cue ('said', 'has said'), not a participle or gerund ('hoping')."""
    return "VerbForm=Fin" in cue.feats or bool(sent.kids(cue, "aux", "aux:pass"))


def _inverted_tail(sent: Sent, cue: Word, comma: Word) -> bool:
    """After the comma stand only a noun phrase and the cue ('..., an aide
    said.') or the cue and a noun phrase ('..., said the official.'), and the
    cue takes no object or clause of its own."""
    between = sent.words[comma.index + 1 : cue.index]
    if between and sent.kids(cue, "obj", "ccomp", "xcomp", "iobj"):
        return False
    if not _cue_closes_sentence(sent, cue):
        return False
    return all(w.upos in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM", "ADP", "PART", "ADV", "PUNCT", "CCONJ") for w in between)


def _reports_as(sent: Sent, cue: Word) -> bool:
    """'As the minister said, X' reports X; 'As I recall', 'As he assumes
    that responsibility' do not: the cue needs a third-person subject and no
    object or clause of its own."""
    subjects = sent.kids(cue, "nsubj")
    if not subjects or subjects[0].upos == "PRON" and "Person=3" not in subjects[0].feats:
        return False
    return not sent.kids(cue, "obj", "ccomp", "xcomp")


def _reportable_clause(sent: Sent, found) -> bool:
    """A reported clause has a predicate, and is no indirect question ('tell
    whether they will'): its first word is not 'whether', 'if' or a wh-word."""
    pieces = found[0] if isinstance(found[0][0], tuple) else (found[0],)
    words = [w for start, end in pieces for w in sent.words_between(start, end)]
    if not any(w.upos in ("VERB", "AUX") for w in words):
        return False
    ids = {w.id for w in words}
    heads = [w for w in words if w.head_id not in ids]
    first = words[0]
    if first.deprel == "mark" and first.lower != "that" and heads and first.head_id == heads[0].id:
        return False  # the whole clause is an 'if'/'whether' question
    return "PronType=Int" not in first.feats


def _that_clause(sent: Sent, cue: Word):
    """Surface fallback: the first 'that' clause after the cue, wherever the
    parse attached it ('told by a colleague that the vote was delayed')."""
    for word in sent.words[cue.index + 1 :]:
        if word.lower == "that" and word.deprel == "mark":
            head = sent.head_of(word)
            if head is not None and head.index > word.index:
                words = [w for w in sent.subtree(head) if w.index > word.index]
                return _span(words), "pattern.verb_that_clause"
        if word.upos == "VERB" and word.base_deprel in ("conj", "parataxis"):
            break
    return None


def _last_comma_before(sent: Sent, cue: Word) -> Word | None:
    """The comma before the cue, unless a verb well before the cue intervenes."""
    for word in reversed(sent.words[: cue.index]):
        if word.lower == ",":
            return word
        if word.upos == "VERB" and word.deprel != "amod" and word.index < cue.index - 8:
            return None
    return None


def _cue_closes_sentence(sent: Sent, cue: Word) -> bool:
    """Only the source, an extension or punctuation follow the cue."""
    rest = [w for w in sent.words[cue.index + 1 :] if w.upos != "PUNCT"]
    return len(rest) <= 8 and not any(w.upos == "VERB" and w.deprel in ("ccomp", "xcomp") for w in rest)


def _object_words(sent: Sent, cue: Word) -> list[Word]:
    """Everything the cue governs after it, minus coordinated clauses and a
    leading complementiser ('show that X' -> X)."""
    words = []
    for kid in sent.kids(cue):
        if kid.index > cue.index and kid.deprel not in CLAUSE_CUT and kid.base_deprel not in CLAUSE_CUT:
            words.extend(sent.subtree(kid))
    words.sort(key=lambda w: w.index)
    return _without_complementiser(words)


def _without_complementiser(words: list[Word]) -> list[Word]:
    """A clause without its leading 'that' ('said that X' -> X)."""
    while words and words[0].deprel == "mark" and words[0].lower == "that":
        words = words[1:]
    return words


def _frame_object(text, sent, cue, particle: str | None):
    """'accused X of Y', 'condemned X for Y', 'counted X', 'called for X'."""
    words = _object_words(sent, cue)
    if particle:
        words = [w for w in words if not (w.lower == particle and w.index == cue.index + 1)]
        words = [w for w in words if w.index > cue.index + 1] or words
    if not any(w.base_deprel in ("obj", "obl", "ccomp", "xcomp", "iobj") for w in sent.kids(cue)):
        return None
    return _span(words), "pattern.verb_object"


def _passive_agent(sent: Sent, cue: Word) -> Word | None:
    """The 'by X' agent of a passive cue verb, if any."""
    if not sent.kids(cue, "aux:pass", "nsubj:pass"):
        return None
    for word in sent.kids(cue, "obl"):
        if any(k.lower == "by" for k in sent.kids(word, "case")):
            return word
    return None


def _after_case(sent: Sent, head: Word, span):
    """A noun phrase span without its leading preposition ('by the group')."""
    if span is None:
        return None
    case = sent.kids(head, "case")
    if case and span[0] <= case[0].start:
        following = [w for w in sent.words if w.start > case[0].start]
        return (following[0].start, span[1]) if following else span
    return span


def _frame_passive_agent(text, sent, cue):
    """'many have been claimed by the group': the agent is the source, the
    passive subject (with what precedes it) the content."""
    agent = _passive_agent(sent, cue)
    if agent is None:
        return None
    auxiliaries = sent.kids(cue, "aux", "aux:pass")
    first = min([w.index for w in auxiliaries] + [cue.index])
    content = _span(sent.words[:first])
    return content, _after_case(sent, agent, _noun_phrase(sent, agent)), "pattern.passive_agent"


def _frame_evidential(text, sent, cue, lexicon, subjects):
    """'videos shared on a Telegram channel showed X': the medium is the source."""
    subject = evidential_subject(sent, cue, subjects)
    if subject is None:
        return None
    source_head = subject
    for word in sent.words[subject.index : cue.index]:
        if word.upos in ("NOUN", "PROPN") and any(k.lower in lexicon.subject_cases for k in sent.kids(word, "case")):
            source_head = word
            break
    words = _object_words(sent, cue)
    source = _noun_phrase(sent, source_head, lexicon.source_cuts)
    if source_head is not subject:
        source = _after_case(sent, source_head, source)
    return _span(words), source, "pattern.evidential"


# ---------------------------------------------------------------- entry points


def attribute(text: str, sent: Sent, hit, quotes, lexicon) -> Draft | str:
    """A draft claim for one cue, or the reason there is none."""
    if hit.kind == "phrase":
        return _attribute_phrase(text, sent, hit, quotes)
    if hit.kind == "noun":
        return _attribute_noun(text, sent, hit, quotes)
    return _attribute_verb(text, sent, hit, quotes, lexicon)


def _attribute_verb(text, sent, hit, quotes, lexicon) -> Draft | str:
    cue, rule = hit.head, hit.rule
    frames = tuple(rule.get("frames") or DEFAULT_FRAMES)
    cls = rule.get("class")
    particle = rule.get("particle")
    cue_words = [cue]
    if particle:
        following = sent.words[cue.index + 1 : cue.index + 2]
        if not following or following[0].lower != particle:
            return f"cue '{cue.text}' needs the particle '{particle}'"
        cue_words.append(following[0])
    content = source = None
    pattern = None
    if "evidential" in frames:
        found = _frame_evidential(text, sent, cue, lexicon, rule.get("subjects") or ())
        if found:
            content, source, pattern = found
    if content is None and "passive_agent" in frames:
        found = _frame_passive_agent(text, sent, cue)
        if found:
            content, source, pattern = found
    parts = None
    if content is None and "quote" in frames:
        found = _frame_quote(text, sent, cue, quotes, cue_words[-1])
        if found:
            parts, pattern = found
    if content is None and parts is None and lexicon.reportable(cls):
        if "complement" in frames:
            found = _frame_complement(text, sent, cue)
            if found and found[0] and not _reportable_clause(sent, found):
                found = None
            if found and found[0] and isinstance(found[0][0], tuple):
                parts, pattern = found
            elif found and found[0]:
                content, pattern = found
        if content is None and {"object", "of_object", "for_object"} & set(frames):
            found = _frame_object(text, sent, cue, particle)
            if found and found[0]:
                content, pattern = found
    if content is None and parts is None and "quoted_object" in frames and _names_something(sent, cue):
        found = _frame_object(text, sent, cue, particle)
        if found and found[0] and _quote_at(quotes, *found[0]):
            content, pattern = found[0], "pattern.verb_quoted_object"
    if content is None and parts is None:
        if not lexicon.reportable(cls):
            return f"cue '{cue.text}' is a speech act ({cls}) with no quotation"
        if sent.kids(cue, "aux:pass", "nsubj:pass") and _passive_agent(sent, cue) is None:
            return f"cue '{cue.text}' is passive with no agent"
        return f"cue '{cue.text}' has no clausal complement and no quotation"
    if source is None and pattern not in ("pattern.evidential", "pattern.passive_agent"):
        source = _verb_source(sent, cue, lexicon.source_cuts, inverted=not rule.get("addressee"))
        if source is None and (pattern == "pattern.as_verb_clause" or not sent.kids(cue, "aux:pass")):
            return f"cue '{cue.text}' has no source (an imperative, an infinitive or 'as noted')"
    if not lexicon.first_person_counts(cls) and _first_person_subject(sent, cue):
        return f"cue '{cue.text}' ({cls}) with a first- or second-person subject is the speaker's own voice"
    extension, extension_rule = _extension(sent, cue_words[-1], lexicon)
    cue_words.extend(extension)
    parts = parts or (content,)
    trimmed = tuple(p for p in (_trim(text, *part, quotes) for part in parts if part) if p)
    if not trimmed:
        return f"cue '{cue.text}' has an empty content"
    if source is not None and _overlaps_any(source, trimmed):
        source = None if pattern != "pattern.clause_then_verb" else source
    rules = (rule.id, pattern) + extension_rule
    cue_span = (cue_words[0].start, cue_words[-1].end)
    return Draft(cue_span, cue.lemma, cls, source, trimmed, rules, quoted=pattern in QUOTATION_PATTERNS)


def _first_person_subject(sent: Sent, cue: Word) -> bool:
    subject = _subject(sent, cue)
    return subject is not None and subject.upos == "PRON" and any(
        f"Person={person}" in subject.feats for person in ("1", "2")
    )


def _names_something(sent: Sent, cue: Word) -> bool:
    """'called it "a blatant aggression"' characterises; 'it is called "T-town"'
    and 'calling themselves "the boat people"' only name."""
    if sent.kids(cue, "aux:pass", "nsubj:pass"):
        return False
    return not any("Reflex=Yes" in kid.feats for kid in sent.kids(cue, "obj"))


def _overlaps_any(span, parts) -> bool:
    return any(span[0] < end and start < span[1] for start, end in parts)


def _verb_source(
    sent: Sent, cue: Word, cuts: frozenset[str], inverted: bool = True
) -> tuple[int, int] | None:
    """The subject of the cue verb; for 'said the official' (source after the
    verb, however the parser labelled it), the noun phrase after the cue,
    unless the verb's object is its addressee ('told reporters')."""
    agent = _passive_agent(sent, cue)
    if agent is not None:
        return _after_case(sent, agent, _noun_phrase(sent, agent, cuts))
    previous = sent.words[cue.index - 1 : cue.index]
    if inverted and previous and previous[0].upos == "PUNCT" and _finite(sent, cue):
        after = _np_after(sent, cue.index + 1, cuts)
        if after is not None and _ends_clause(sent, after[1]):
            return after
    own = [w for w in sent.kids(cue, *SUBJECTS) if w.index < cue.index]
    if own:
        return _noun_phrase(sent, own[-1], cuts)
    subject = _subject(sent, cue)
    if subject is not None and subject.index < cue.index:
        return _noun_phrase(sent, subject, cuts)
    if subject is not None and subject.index > cue.index:
        return _np_after(sent, cue.index + 1, cuts)
    if _cue_closes_sentence(sent, cue):
        found = _np_before(sent, cue)
        if found is not None:
            return found
    return _np_right_before(sent, cue) or _leading_np(sent, cue)


NP_WORDS = ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON")


def _np_right_before(sent: Sent, cue: Word) -> tuple[int, int] | None:
    """Surface fallback: the noun phrase standing right before the cue
    ('..., Najib Razak said', 'with one poster writing')."""
    words = []
    for word in reversed(sent.words[: cue.index]):
        if word.upos not in NP_WORDS and word.lower not in ("'s", "\u2019s", "-"):
            break
        words.insert(0, word)
    if not words or words[-1].upos not in ("NOUN", "PROPN", "PRON"):
        return None
    return _span(words)


def _leading_np(sent: Sent, cue: Word) -> tuple[int, int] | None:
    """Surface fallback for a subject set off by commas: 'A security
    official, speaking on condition of anonymity, said ...'."""
    words = []
    for word in sent.words[: cue.index]:
        if word.lower == ",":
            break
        if word.upos not in NP_WORDS:
            return None
        words.append(word)
    if not words or len(words) == cue.index or not any(w.upos in ("NOUN", "PROPN", "PRON") for w in words):
        return None
    return _span(words)


def _phrase_source(sent: Sent, hit, lexicon_cuts: frozenset[str]) -> tuple[int, int] | None:
    """The noun phrase a phrasal cue introduces: the word the phrase is the
    case marker of, with what it governs up to itself ('According to the
    Saudi Interior Ministry over 345 pilgrims ...' -> 'the Saudi Interior
    Ministry'); the surface noun phrase when the parse says otherwise."""
    last = hit.words[-1]
    head = sent.head_of(hit.words[0])
    if (
        head is not None
        and head.index > last.index
        and hit.words[0].base_deprel in ("case", "mark")
        and head.upos in ("NOUN", "PROPN", "PRON")
    ):
        words = [w for w in sent.subtree(head) if last.index < w.index <= head.index]
        trailing = [
            w for w in sent.words[head.index + 1 :]
            if w.head_id == head.id and w.deprel in ("flat", "compound", "nmod", "appos") and w.upos == "PROPN"
        ]
        span = _span(words + trailing)
        if span is not None:
            return span
    return _np_after(sent, last.index + 1, lexicon_cuts)


def _attribute_phrase(text, sent, hit, quotes) -> Draft | str:
    """'According to X, Y' / 'Y, according to X' / 'In X's view, Y'."""
    rule = hit.rule
    last = hit.words[-1]
    where = rule.get("source", "after")
    if where == "possessive":
        # 'In the union's view, X': the source stands between the two words.
        inner = [w for w in sent.words[hit.words[0].index + 1 : last.index] if w.upos != "PART"]
        source = _span([w for w in inner if w.lower not in ("'", "\u2019")])
        if source is None:
            return f"phrase '{rule.get('words')}' has no source inside it"
    else:
        source = _phrase_source(sent, hit, lexicon_cuts=frozenset())
    if source is None:
        return f"phrase '{rule.get('words')}' has no source after it"
    first = hit.words[0]
    leading = [w for w in sent.words[: first.index] if w.upos != "PUNCT"]
    if leading and leading[-1].lower == "that" and leading[-1].upos == "SCONJ":
        leading = []  # 'Wikinews has learned that according to a posting, X'
    if not leading:
        rest = [w for w in sent.words[last.index + 1 :] if w.start >= source[1]]
        content = _span(rest)
        pattern = "pattern.phrase_then_clause"
    else:
        content = _span(sent.words[: first.index])
        pattern = "pattern.clause_then_phrase"
        after = [w for w in sent.words[last.index + 1 :] if w.start >= source[1]]
        if after and after[0].lower == "," and any(w.upos != "PUNCT" for w in after[1:]):
            # 'In 2008, according to Google Analytics, the site had ...'
            tail = _span(after[1:])
            content = (content, tail) if content else tail
            pattern = "pattern.parenthetical_phrase"
    if content is None:
        return f"phrase '{rule.get('words')}' has no content"
    pieces = content if isinstance(content[0], tuple) else (content,)
    trimmed = tuple(t for t in (_trim(text, *piece, quotes) for piece in pieces) if t)
    if not trimmed:
        return f"phrase '{rule.get('words')}' has no content"
    cue_lemma = " ".join(rule.get("words").split())
    return Draft((first.start, last.end), cue_lemma, rule.get("class"), source, trimmed, (rule.id, pattern))


def _attribute_noun(text, sent, hit, quotes) -> Draft | str:
    """'released a statement saying (that) X': the statement's issuer is the source."""
    noun, link = hit.words[0], hit.words[-1]
    words = sent.words[link.index + 1 :]
    while words and words[0].lower == "that":
        words = words[1:]
    content = _span(words)
    if content is None:
        return f"noun cue '{noun.text}' has no content"
    trimmed = _trim(text, *content, quotes)
    if trimmed is None:
        return f"noun cue '{noun.text}' has no content"
    governor = sent.head_of(noun)
    source = None
    if governor is not None:
        subject = _subject(sent, governor)
        if subject is not None and subject.index < noun.index:
            source = _noun_phrase(sent, subject)
    if source is None:
        source = _bare_np_before(sent, noun)
    cue_text = f"{noun.lemma} {link.lower}"
    return Draft((noun.start, link.end), cue_text, hit.rule.get("class"), source, (trimmed,), (hit.rule.id, "pattern.noun_statement"))


def _bare_np_before(sent: Sent, noun: Word) -> tuple[int, int] | None:
    """'AFP reports that X' with 'reports' tagged as a noun: the names right
    before a determiner-less cue noun are its source."""
    words = []
    for word in reversed(sent.words[: noun.index]):
        if word.upos not in ("PROPN", "NOUN"):
            break
        words.insert(0, word)
    if not words or words[0].index != 0 and sent.words[words[0].index - 1].upos not in ("PUNCT", "CCONJ"):
        return None
    return _span(words)


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


def quote_continuations(text, quotes, drafts, lines) -> list[Draft]:
    """A sentence that is only a quotation, right after an attributed direct
    quote, continues it: same source, same cue."""
    found: list[Draft] = []
    quoted = sorted((d for d in drafts if d.quoted), key=lambda d: d.end)
    quoted_ends = [draft.end for draft in quoted]
    containers = _Containers(drafts)
    used = {part for draft in drafts for part in draft.parts}
    for quote in quotes:
        inner = _trim(text, *quote.inner, quotes)
        if inner is None or inner in used or containers.containing(*inner):
            continue
        if lines.skipped(quote.start, quote.end):
            continue
        before, after = _char_before(text, quote.start), _char_after(text, quote.end + 1)
        if before and before not in ".!?\n\"\u201d":
            continue
        if after and after not in ".!?\n":
            continue
        count = bisect.bisect_right(quoted_ends, quote.start)
        if not count:
            continue
        last = quoted[count - 1]
        between = text[last.end : quote.start]
        if between.count("\n") > 1 or len(between) > 80:
            continue
        found.append(attrs.evolve(last, parts=(inner,), rules=last.rules[:1] + ("pattern.quote_continuation",)))
    return found


def _kind(text: str, parts, quotes) -> str:
    """direct when every letter or digit of the content lies inside a quotation,
    mixed when some do, else indirect."""
    total = covered = 0
    for start, end in parts:
        total += _letters(text, start, end)
        for quote in quotes.touching(start, end):
            inside_start, inside_end = max(start, quote.start + 1), min(end, quote.end)
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
