"""Detection: quotations and cue words, then one claim per attributed cue.

``find_claims`` walks the document sentence by sentence. Quotation spans are
found on the raw text first (so a quote can run over several sentences or
continue into the next paragraph); cue words come from ``rules/cues.yaml``
(verbs by Stanza lemma, phrases, nouns: :mod:`~claimtrack.stages.claims.cues`).
Each cue is handed to :mod:`~claimtrack.stages.claims.attribution`, which
finds its source and content; cues that yield nothing leave a
:class:`~claimtrack.model.Diagnostic` saying why. The drafts are then
combined into claims (:mod:`~claimtrack.stages.claims.drafts`).
"""

from __future__ import annotations

import attrs

from claimtrack.document import Document
from claimtrack.document import Sentence as Sent
from claimtrack.model import Diagnostic, span_of
from claimtrack.parsing.textprep import paragraph_spans
from claimtrack.ruleset.loader import RuleSet
from claimtrack.stages.claims import drafts as combine
from claimtrack.stages.claims.attribution import attribute
from claimtrack.stages.claims.cues import Lexicon, build_lexicon, find_cues
from claimtrack.stages.claims.drafts import Draft
from claimtrack.stages.claims.quotes import Quotes, find_quotes
from claimtrack.stages.findings import Findings, Lines

__all__ = ["find_claims"]


def _label_drafts(document: Document, lines: Lines, lexicon: Lexicon) -> list[Draft]:
    """Claims cued by punctuation: a speaker's label and a colon at the start
    of a line ('SMITH: We will win.', 'Mayor: bridge is safe', 'Maria Lopez,
    mayor of Springfield: ...'), or a quotation signed with a dash ('"We
    will rebuild." -- Maria Lopez'). The content must be a clause (a finite
    verb or an auxiliary): 'Born: June 11' and 'BDSM as business: An
    interview with ...' are titles; a rule with ``quoted`` takes a
    quotation as it is ("Dana Reyes: 'The mayor's fair game.'"). A rule with ``headings_only`` and
    ``first_line`` reads the document's first line as a heading, whatever
    its punctuation (a title). A pattern's ``phrase`` group, when it has
    one, is the source's whole phrase (the name and its title); a rule with
    ``after_line`` may start on the line before (a signature under its quote)."""
    text = document.text
    drafts = []
    paragraphs = paragraph_spans(text)
    for number, (start, end) in enumerate(paragraphs):
        if lines.skipped(start, end):
            continue
        heading = lines.heading_at(start, end)
        for rule in lexicon.labels:
            if rule.get("headings_only") and not heading and not (number == 0 and rule.get("first_line")):
                continue  # the first line is the title, whatever its punctuation
            begin = paragraphs[number - 1][0] if rule.get("after_line") and number else start
            match = rule.regex("pattern").search(text, begin, end)
            if match is None or match.group("source").lower() in (rule.get("not_sources") or ()):
                continue
            content = document.within(*match.span("content"))
            if not rule.get("quoted") and not any(w.upos == "AUX" or w.has("VerbForm=Fin") for w in content):
                continue
            if any(w.upos == "VERB" for w in document.within(*match.span("source"))):
                continue  # 'She said: "..."' has its own cue
            mark = text[slice(*match.span("cue"))].strip()
            phrase = match.span("phrase") if "phrase" in rule.regex("pattern").groupindex else match.span("source")
            drafts.append(
                Draft(
                    match.span("cue"), mark, rule.get("class"), match.span("source"),
                    (match.span("content"),), (rule.id, "pattern.colon_label" if mark == ":" else "pattern.dash_label"),
                    heading=heading, act=lexicon.act(rule), phrase=phrase,
                )
            )
            break
    return drafts


def _near_misses(text: str, sent: Sent, lexicon: Lexicon) -> list[Diagnostic]:
    """A diagnostic for each verb that narrowly misses a cue through its
    lemma (:meth:`Lexicon.near_cue`), saying how to make it count."""
    found = []
    for word in sent.words:
        if word.upos != "VERB" or lexicon.verb_rules(word):
            continue
        cue = lexicon.near_cue(word)
        if cue is not None:
            reason = (
                f"{word.text}: lemma '{word.lemma}' is no cue; its form matches cue '{cue}' "
                f"(add forms: [{word.lower}] to that entry to count it)"
            )
            found.append(Diagnostic(span_of(text, word.start, word.end), span_of(text, sent.start, sent.end), reason, lexicon.verbs[cue][0].id))
    return found


def find_claims(document: Document, found: Findings, rules: RuleSet) -> Findings:
    """The stage: quotations and cues, one claim per attributed cue, and a
    diagnostic for each cue that gave none."""
    text, lines = document.text, found.lines
    lexicon = rules.compiled("cues.lexicon", build_lexicon)
    quotes = Quotes(find_quotes(text, lexicon.quote_pairs))
    drafts: list[Draft] = []
    diagnostics: list[Diagnostic] = []
    for sent in document.sentences:
        if lines.skipped(sent.start, sent.end):
            continue
        heading = lines.heading_at(sent.start, sent.end)
        for hit in find_cues(sent, lexicon, text):
            outcome = attribute(text, sent, hit, quotes, lexicon)
            if isinstance(outcome, str):
                diagnostics.append(
                    Diagnostic(
                        cue=span_of(text, hit.start, hit.end),
                        sentence=span_of(text, sent.start, sent.end),
                        reason=outcome,
                        rule=hit.rule.id,
                    )
                )
                continue
            drafts.append(attrs.evolve(outcome, heading=heading))
        diagnostics.extend(_near_misses(text, sent, lexicon))
    drafts += _label_drafts(document, lines, lexicon)
    drafts = combine.phrases_outside(text, drafts, quotes)
    drafts = combine.without_datelines(text, drafts, lines.datelines)
    drafts = combine.merge_overlapping(combine.outside_quotations(drafts, quotes))
    drafts = combine.quote_continuations(text, quotes, drafts, lines, document.sentence_at)
    claims = combine.finish(text, drafts, quotes)
    return attrs.evolve(found, claims=found.claims + tuple(claims), diagnostics=found.diagnostics + tuple(diagnostics))
