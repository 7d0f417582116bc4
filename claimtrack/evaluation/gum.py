"""Scoring claimtrack against gold attributions (``claimtrack eval``).

The gold is the GUM attribution set: ``gum_attr_train.jsonl`` plus one gold
CoNLL-U file per document. The scoring convention is the one its README
states:

- Targets (recall): attributions with ``category == "speech"``, positive
  polarity, not in a caption, cue not inside a quotation, source not a
  predicate.
- A predicted claim and a target match when the Dice coefficient of their
  word tokens is at least 0.5 against the target's ``content_local`` (the
  annotated scope clipped to the attribution's own sentences, the README's
  advice for a sentence-level extractor) or against its whole ``content``
  (a quotation that runs on over several sentences), whichever is higher. A
  split quote (``"A," she said, "B."``) may match on all its content or on
  one piece alone, because the gold often attaches the cue to one piece.
  Pairs are taken greedily, best Dice first, each prediction and each
  target at most once.
- A prediction that matches no target is a false positive only when it
  shares no word token with the whole annotated scope (``content``) of any
  gold attribution of any category (the discourse annotation is not
  exhaustive). ``strict_precision`` counts every unmatched prediction as
  false.

Over matched pairs: source mention (``overlap``: shares a word token with the
gold source; ``exact``: the same word tokens), cue (shares a word token with
the gold cue), kind, source type (against GUM's entity types) and source
entity, read from GUM's coreference annotation (``Entity=`` in the CoNLL-U
MISC column): same-source links between claims, and whether a third-person
pronoun source resolves to a name of its gold chain.

Word tokens are ``\\w+`` runs of the document text, so scores do not depend
on the parser's tokenisation.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import attrs

from claimtrack.errors import ClaimtrackError, InputError
from claimtrack.model import Claim, DocumentInfo, Result, to_dict

__all__ = [
    "DICE_THRESHOLD",
    "EvalError",
    "GoldAttribution",
    "GoldDocument",
    "Mention",
    "Report",
    "evaluate",
    "format_errors",
    "format_report",
    "load_gold",
    "read_conllu",
    "read_mentions",
    "score_document",
]

GOLD_FILE = "gum_attr_train.jsonl"
CONLLU_DIR = "conllu"
DICE_THRESHOLD = 0.5
KINDS = ("direct", "mixed", "indirect")
PARSE_MODES = ("gold", "model")
NOT_IN_GOLD = "not in gold"
TOP_COUNTS = 10

# claimtrack's source types against GUM's entity types, for type accuracy.
# This is the evaluation's convention, not extraction knowledge: a user's
# own types are simply unmapped (and count as wrong).
GUM_TYPE_OF = {
    "person": "person",
    "expert": "person",
    "witness": "person",
    "government": "organization",
    "military": "organization",
    "armed_group": "organization",
    "news_agency": "organization",
    "news_media": "organization",
    "organization": "organization",
    "social_media": "organization",
    "document": "abstract",
}

Parts = tuple[tuple[int, int], ...]

_WORD = re.compile(r"\w+")
_ENTITY_BRACKET = re.compile(r"\((?P<open>[^()]+)(?P<single>\))?|(?P<close>[^()]+)\)")


class EvalError(InputError):
    """The gold folder or one of its files cannot be used; the message is one line."""


# ---------------------------------------------------------------------------
# Gold documents


@attrs.frozen
class Mention:
    """A coreference mention of the gold CoNLL-U: its entity and its characters."""

    entity: str
    start: int
    end: int
    pronoun: bool


@attrs.frozen
class GoldAttribution:
    """One gold attribution; ``target`` says whether recall counts it."""

    category: str
    polarity: str
    kind: str
    content: Parts
    scope: Parts
    source: Parts
    cue: Parts
    cue_lemma: str | None
    source_type: str | None
    source_pronoun: bool  # a third-person pronoun
    target: bool


@attrs.frozen
class GoldDocument:
    id: str
    genre: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    conllu: Path
    sentences: Parts = ()

    @property
    def targets(self) -> tuple[GoldAttribution, ...]:
        return tuple(a for a in self.attributions if a.target)


def _parts(value: Any) -> Parts:
    return tuple((int(start), int(end)) for start, end in value or ())


def _is_target(record: dict[str, Any]) -> bool:
    flags = record["flags"]
    return (
        record["category"] == "speech"
        and record["polarity"] == "positive"
        and not flags["in_caption"]
        and not flags["cue_in_quote"]
        and not flags["source_is_predicate"]
    )


def _third_person_pronoun(flags: dict[str, Any]) -> bool:
    """Pronoun resolution is scored on he/she/it/they sources; an "I" or "you"
    stands for the speaker or the addressee, which news resolution leaves alone."""
    return bool(
        flags.get("source_pronoun") and not flags.get("source_first_person") and not flags.get("source_second_person")
    )


def _gold_attribution(record: dict[str, Any]) -> GoldAttribution:
    return GoldAttribution(
        category=record["category"],
        polarity=record["polarity"],
        kind=record["kind"],
        content=_parts(record["content_local_parts"]),
        scope=_parts(record["content_parts"]),
        source=_parts(record["source_parts"]),
        cue=_parts(record["cue_parts"]),
        cue_lemma=record.get("cue_lemma"),
        source_type=record.get("source_entity_type"),
        source_pronoun=_third_person_pronoun(record["flags"]),
        target=_is_target(record),
    )


def _gold_document(record: dict[str, Any], folder: Path) -> GoldDocument:
    return GoldDocument(
        id=record["id"],
        genre=record["genre"],
        text=record["text"],
        attributions=tuple(_gold_attribution(a) for a in record["attributions"]),
        conllu=folder / CONLLU_DIR / f"{record['id']}.conllu",
        sentences=_parts(record.get("sentences")),
    )


def load_gold(folder: str | Path, *, docs: int | None = None, genre: str | None = None) -> list[GoldDocument]:
    """The documents of a gum-attributions folder: all, those of one
    ``genre``, or the first ``docs`` of them."""
    folder = Path(folder)
    path = folder / GOLD_FILE
    if not folder.is_dir():
        raise EvalError(f"{folder}: not a directory (expected the gum-attributions folder)")
    if not path.is_file():
        raise EvalError(f"{path}: missing (the gold folder must hold {GOLD_FILE} and {CONLLU_DIR}/)")
    documents = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise EvalError(f"{path}: cannot read ({error})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            document = _gold_document(json.loads(line), folder)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise EvalError(f"{path}:{number}: not a gold document record ({type(error).__name__}: {error})") from None
        if genre is None or document.genre == genre:
            documents.append(document)
    if not documents:
        wanted = f" of genre {genre!r}" if genre is not None else ""
        raise EvalError(f"{path}: no document{wanted}")
    return documents[:docs] if docs is not None else documents


def read_conllu(document: GoldDocument) -> str:
    try:
        return document.conllu.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalError(f"{document.conllu}: missing gold CoNLL-U file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise EvalError(f"{document.conllu}: cannot read ({error})") from None


@attrs.frozen
class _Row:
    """One token or word line of a CoNLL-U file."""

    id: str
    upos: str
    misc: dict[str, str]


def _rows(conllu: str) -> Iterator[_Row]:
    for line in conllu.splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        misc = {}
        if len(fields) == 10 and fields[9] != "_":
            misc = dict(item.split("=", 1) for item in fields[9].split("|") if "=" in item)
        yield _Row(id=fields[0], upos=fields[3] if len(fields) > 3 else "_", misc=misc)


def _token_range(row: _Row, path: Path | str) -> tuple[int, int]:
    try:
        start, end = row.misc["TokenRange"].split(":")
        return int(start), int(end)
    except (KeyError, ValueError):
        raise EvalError(f"{path}: token {row.id} has no TokenRange=START:END in its MISC column") from None


def read_mentions(conllu: str, path: Path | str = "<conllu>") -> list[Mention]:
    """Coreference mentions from the ``Entity=`` brackets (CorefUD notation)
    of a CoNLL-U document whose words carry ``TokenRange=START:END``.

    A mention is a pronoun when every word in it is tagged PRON."""
    mentions = []
    opened: dict[str, list[tuple[int, int]]] = defaultdict(list)  # entity -> (start, first word) stack
    tags: list[str] = []
    for row in _rows(conllu):
        if "-" in row.id or "." in row.id:
            continue
        tags.append(row.upos)
        if "Entity" not in row.misc:
            continue
        start, end = _token_range(row, path)
        for bracket in _ENTITY_BRACKET.finditer(row.misc["Entity"]):
            if bracket["open"]:
                entity = bracket["open"].split("-", 1)[0]
                if bracket["single"]:
                    mentions.append(Mention(entity, start, end, row.upos == "PRON"))
                else:
                    opened[entity].append((start, len(tags) - 1))
            elif opened.get(bracket["close"]):
                first, first_word = opened[bracket["close"]].pop()
                pronoun = all(tag == "PRON" for tag in tags[first_word:])
                mentions.append(Mention(bracket["close"], first, end, pronoun))
    return mentions


# ---------------------------------------------------------------------------
# Matching


class _Words:
    """The word tokens (``\\w+``) of a text, to turn spans into token sets."""

    def __init__(self, text: str):
        found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def of(self, parts: Iterable[tuple[int, int]]) -> frozenset[int]:
        """Indices of the word tokens that overlap any of the parts."""
        indices: set[int] = set()
        for start, end in parts:
            first = bisect.bisect_right(self.ends, start)
            last = bisect.bisect_left(self.starts, end)
            indices.update(range(first, last))
        return frozenset(indices)


def dice(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _content_parts(claim: Claim) -> Parts:
    parts = tuple((part.start, part.end) for part in claim.content.parts)
    return parts or ((claim.content.start, claim.content.end),)


def _views(words: _Words, claim: Claim) -> list[frozenset[int]]:
    """The word tokens a claim can match on: all its content, and each piece
    of a split quote alone (the gold may attach the cue to one piece only)."""
    parts = _content_parts(claim)
    whole = words.of(parts)
    return [whole] + ([words.of((part,)) for part in parts] if len(parts) > 1 else [])


def _greedy_pairs(scores: list[list[float]]) -> list[tuple[int, int, float]]:
    """One-to-one (prediction, gold, dice) pairs at or above the threshold,
    best first, from a prediction x gold matrix of Dice scores."""
    candidates = sorted(
        (-score, p, g) for p, row in enumerate(scores) for g, score in enumerate(row) if score >= DICE_THRESHOLD
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for negative, p, g in candidates:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
            pairs.append((p, g, -negative))
    return pairs


# ---------------------------------------------------------------------------
# Per-document scores


@attrs.frozen
class Pair:
    """A predicted claim matched to a gold target, with what agrees."""

    claim: str
    dice: float
    kind: str
    predicted_kind: str
    source_overlap: bool
    source_exact: bool
    cue: bool | None
    gold_type: str | None
    predicted_type: str | None
    gold_entity: str | None
    predicted_entity: str | None
    pronoun_resolved: bool | None
    gold_source: str
    predicted_source: str | None


@attrs.frozen
class Miss:
    """A gold target no prediction matched, and the nearest prediction if any."""

    kind: str
    content: str
    source: str
    cue: str | None
    cue_lemma: str | None
    nearest: str | None
    nearest_dice: float
    sentence: str


@attrs.frozen
class FalsePositive:
    kind: str
    content: str
    source: str | None
    cue: str | None
    rules: tuple[str, ...]
    sentence: str


@attrs.frozen
class DocumentScore:
    id: str
    genre: str
    gold: int
    predicted: int
    matched: int
    false_positives: int
    gold_by_kind: dict[str, int]
    matched_by_kind: dict[str, int]
    pairs: tuple[Pair, ...]
    misses: tuple[Miss, ...]
    false_positive_claims: tuple[FalsePositive, ...]
    error: str | None = None


def _texts(text: str, parts: Parts) -> str:
    return " ... ".join(text[start:end] for start, end in parts)


def _sentences(document: GoldDocument, parts: Parts) -> str:
    """The text of the document's sentences that the parts touch (for error listings)."""
    touched = [
        (start, end)
        for start, end in document.sentences
        if any(start < part_end and part_start < end for part_start, part_end in parts)
    ]
    if not touched:
        return ""
    return document.text[touched[0][0] : touched[-1][1]]


def _gold_entity(source: frozenset[int], mentions: list[tuple[Mention, frozenset[int]]]) -> Mention | None:
    """The coreference mention that best covers a gold source span."""
    best = max(
        ((dice(source, tokens), -len(tokens), mention) for mention, tokens in mentions if source & tokens),
        default=None,
        key=lambda item: item[:2],
    )
    return best[2] if best else None


def _name_mention(result: Result, claim: Claim) -> tuple[int, int] | None:
    """Where the predicted source entity's name stands in the text."""
    if claim.source is None or claim.source.entity is None:
        return None
    try:
        entity = result.source(claim.source.entity)
    except KeyError:
        return None
    for mention in sorted(entity.mentions, key=lambda mention: mention.text != entity.name):
        inside = mention.text.find(entity.name)
        if inside >= 0:
            return (mention.start + inside, mention.start + inside + len(entity.name))
    return None


def _pronoun_resolved(
    result: Result, claim: Claim, gold: Mention | None, mentions: list[tuple[Mention, frozenset[int]]], words: _Words
) -> bool | None:
    """For a pronoun source whose gold chain has a name: does the predicted
    entity's name stand on a non-pronoun mention of that chain?"""
    if gold is None:
        return None
    names = [tokens for mention, tokens in mentions if mention.entity == gold.entity and not mention.pronoun]
    if not names:
        return None
    where = _name_mention(result, claim)
    if where is None:
        return False
    found = words.of((where,))
    return any(found & tokens for tokens in names)


def _span_words(words: _Words, span: Any) -> frozenset[int]:
    """The word tokens of a predicted span (cue, source), none for a missing one."""
    return words.of(((span.start, span.end),)) if span is not None else frozenset()


def _pair(
    result: Result,
    claim: Claim,
    target: GoldAttribution,
    score: float,
    words: _Words,
    chain: list[tuple[Mention, frozenset[int]]],
) -> Pair:
    gold_source = words.of(target.source)
    predicted_source = _span_words(words, claim.source)
    gold_mention = _gold_entity(gold_source, chain)
    return Pair(
        claim=claim.id,
        dice=round(score, 3),
        kind=target.kind,
        predicted_kind=claim.kind,
        source_overlap=bool(gold_source & predicted_source),
        source_exact=bool(gold_source) and gold_source == predicted_source,
        cue=bool(words.of(target.cue) & _span_words(words, claim.cue)) if target.cue else None,
        gold_type=target.source_type,
        predicted_type=claim.source.type if claim.source else None,
        gold_entity=gold_mention.entity if gold_mention else None,
        predicted_entity=claim.source.entity if claim.source else None,
        pronoun_resolved=_pronoun_resolved(result, claim, gold_mention, chain, words) if target.source_pronoun else None,
        gold_source=_texts(result.text, target.source),
        predicted_source=claim.source.text if claim.source else None,
    )


def score_document(document: GoldDocument, result: Result, mentions: list[Mention] = ()) -> DocumentScore:
    """Match one document's predicted claims to its gold targets and score them."""
    text = document.text
    words = _Words(text)
    targets = document.targets
    claims = list(result.claims)
    gold = [(words.of(target.content), words.of(target.scope)) for target in targets]
    views = [_views(words, claim) for claim in claims]
    scores = [
        [max(dice(view, target) for view in claim_views for target in both) for both in gold] for claim_views in views
    ]
    covered = [words.of(a.scope) for a in document.attributions]
    chain = [(mention, words.of(((mention.start, mention.end),))) for mention in mentions]
    pairs = _greedy_pairs(scores)
    matched_p = {p for p, _, _ in pairs}
    matched_g = {g for _, g, _ in pairs}

    scored = [_pair(result, claims[p], targets[g], score, words, chain) for p, g, score in pairs]

    misses = []
    for g, target in enumerate(targets):
        if g in matched_g:
            continue
        nearest = max(range(len(claims)), key=lambda p: scores[p][g], default=None)
        near_score = scores[nearest][g] if nearest is not None else 0.0
        misses.append(
            Miss(
                kind=target.kind,
                content=_texts(text, target.content),
                source=_texts(text, target.source),
                cue=_texts(text, target.cue) if target.cue else None,
                cue_lemma=target.cue_lemma,
                nearest=claims[nearest].content.text if near_score > 0 else None,
                nearest_dice=round(near_score, 3),
                sentence=_sentences(document, target.content),
            )
        )

    false_positives = [
        FalsePositive(
            kind=claim.kind,
            content=claim.content.text,
            source=claim.source.text if claim.source else None,
            cue=claim.cue.text if claim.cue else None,
            rules=claim.rules,
            sentence=_sentences(document, _content_parts(claim)),
        )
        for p, claim in enumerate(claims)
        if p not in matched_p and not any(views[p][0] & tokens for tokens in covered)
    ]
    return DocumentScore(
        id=document.id,
        genre=document.genre,
        gold=len(targets),
        predicted=len(claims),
        matched=len(pairs),
        false_positives=len(false_positives),
        gold_by_kind=dict(Counter(target.kind for target in targets)),
        matched_by_kind=dict(Counter(targets[g].kind for g in matched_g)),
        pairs=tuple(scored),
        misses=tuple(misses),
        false_positive_claims=tuple(false_positives),
    )


def failed_document(document: GoldDocument, error: str) -> DocumentScore:
    """The score of a document whose extraction raised: every target missed."""
    empty = Result(text=document.text, document=DocumentInfo.for_text(document.text, document.id))
    return attrs.evolve(score_document(document, empty), error=error)


# ---------------------------------------------------------------------------
# The report


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 4) if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return 0.0 if precision is not None and recall is not None else None
    return round(2 * precision * recall / (precision + recall), 4)


def _accuracy(values: Iterable[bool | None]) -> dict[str, Any]:
    known = [value for value in values if value is not None]
    return {"accuracy": _ratio(sum(known), len(known)), "n": len(known)}


def _links(scores: Iterable[DocumentScore]) -> dict[str, Any]:
    """Same-source links between matched claims of a document, gold entity
    chains against predicted entities: precision, recall, F1 of "same source"."""
    both = gold_only = predicted_only = agree = total = 0
    for score in scores:
        known = [pair for pair in score.pairs if pair.gold_entity is not None]
        for a, b in combinations(known, 2):
            gold_same = a.gold_entity == b.gold_entity
            predicted_same = a.predicted_entity is not None and a.predicted_entity == b.predicted_entity
            both += gold_same and predicted_same
            gold_only += gold_same and not predicted_same
            predicted_only += predicted_same and not gold_same
            agree += gold_same == predicted_same
            total += 1
    precision = _ratio(both, both + predicted_only)
    recall = _ratio(both, both + gold_only)
    return {
        "link_precision": precision,
        "link_recall": recall,
        "link_f1": _f1(precision, recall),
        "pair_agreement": _ratio(agree, total),
        "claim_pairs": total,
    }


def _type_scores(pairs: list[Pair]) -> dict[str, Any]:
    known = [pair for pair in pairs if pair.gold_type is not None]
    right = sum(GUM_TYPE_OF.get(pair.predicted_type or "") == pair.gold_type for pair in known)
    confusion = Counter(f"{pair.gold_type} -> {pair.predicted_type}" for pair in known)
    return {
        "accuracy": _ratio(right, len(known)),
        "n": len(known),
        "mapping": "claimtrack type -> GUM entity type: " + ", ".join(f"{k}={v}" for k, v in GUM_TYPE_OF.items()),
        "confusion": dict(confusion.most_common()),
    }


def _recall_table(scores: list[DocumentScore], key: Callable[[DocumentScore], Iterable[tuple[str, int, int]]]):
    gold: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for score in scores:
        for name, n_gold, n_found in key(score):
            gold[name] += n_gold
            found[name] += n_found
    return {name: {"gold": gold[name], "matched": found[name], "recall": _ratio(found[name], gold[name])} for name in gold}


def _prf(gold: int, predicted: int, matched: int, false_positives: int) -> dict[str, Any]:
    precision = _ratio(matched, matched + false_positives)
    recall = _ratio(matched, gold)
    return {
        "gold": gold,
        "predicted": predicted,
        "matched": matched,
        "false_positives": false_positives,
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "strict_precision": _ratio(matched, predicted),
    }


@attrs.frozen
class Report:
    parse: str
    documents: tuple[DocumentScore, ...]
    models: str = "gold"

    def summary(self) -> dict[str, Any]:
        docs = list(self.documents)
        pairs = [pair for score in docs for pair in score.pairs]
        totals = _prf(
            sum(s.gold for s in docs),
            sum(s.predicted for s in docs),
            sum(s.matched for s in docs),
            sum(s.false_positives for s in docs),
        )
        return {
            "parse": self.parse,
            "models": self.models,
            "documents": len(docs),
            "failed_documents": [s.id for s in docs if s.error],
            **totals,
            "source_mention": {
                "overlap": _accuracy(pair.source_overlap for pair in pairs),
                "exact": _accuracy(pair.source_exact for pair in pairs),
            },
            "cue": _accuracy(pair.cue for pair in pairs),
            "kind": _accuracy(pair.kind == pair.predicted_kind for pair in pairs),
            "recall_by_kind": _recall_table(
                docs, lambda s: ((k, s.gold_by_kind.get(k, 0), s.matched_by_kind.get(k, 0)) for k in KINDS)
            ),
            "recall_by_genre": _recall_table(docs, lambda s: ((s.genre, s.gold, s.matched),)),
            "source_entity": {
                **_links(docs),
                "pronoun_resolution": _accuracy(pair.pronoun_resolved for pair in pairs),
            },
            "source_type": _type_scores(pairs),
            "anonymity": NOT_IN_GOLD,
            "hedge": NOT_IN_GOLD,
            "status": NOT_IN_GOLD,
            "false_positives_by_rule": dict(
                Counter(fp.rules[0] if fp.rules else "-" for s in docs for fp in s.false_positive_claims).most_common()
            ),
            "misses_by_cue_lemma": dict(Counter(miss.cue_lemma or "-" for s in docs for miss in s.misses).most_common()),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "documents": to_dict(self.documents)}


# ---------------------------------------------------------------------------
# Running


def _extractor(parse: str, rules: Any) -> tuple[Callable[[GoldDocument], Result], str]:
    """How to extract from a gold document in this parse mode, and the name of
    the parse (``gold`` or the parser's model id, which changes with the model files)."""
    from claimtrack.parsing.parser import default_parser, parse_conllu
    from claimtrack.pipeline import extract, extract_document
    from claimtrack.ruleset.loader import rules_from

    ruleset = rules_from(rules)
    if parse == "gold":
        return (
            lambda document: extract_document(
                parse_conllu(document.conllu, text=document.text), rules=ruleset, doc_id=document.id
            ),
            "gold",
        )
    if parse == "model":
        parser = default_parser()
        return (
            lambda document: extract(document.text, rules=ruleset, doc_id=document.id, parser=parser),
            parser.model_id,
        )
    raise EvalError(f"unknown parse mode {parse!r} (choose from {', '.join(PARSE_MODES)})")


def evaluate(
    folder: str | Path,
    *,
    parse: str = "gold",
    rules: Any = None,
    docs: int | None = None,
    genre: str | None = None,
    progress: Callable[[int, int, DocumentScore], None] | None = None,
) -> Report:
    """Run extraction on every gold document and score it.

    ``parse="gold"`` reads each document's gold CoNLL-U (no Stanza run);
    ``parse="model"`` parses the text with claimtrack's parser (cached).
    A document whose extraction raises is scored as all missed and its error
    is recorded, so one bad document does not lose a long run; a problem
    with the input (a gold file, the models) stops the run with its one-line
    :class:`~claimtrack.errors.ClaimtrackError`."""
    documents = load_gold(folder, docs=docs, genre=genre)
    extract, models = _extractor(parse, rules)
    scores = []
    for number, document in enumerate(documents, start=1):
        mentions = read_mentions(read_conllu(document), document.conllu)
        try:
            score = score_document(document, extract(document), mentions)
        except ClaimtrackError:
            raise
        except Exception as error:  # recorded per document, see the docstring
            score = failed_document(document, f"{type(error).__name__}: {error}")
        scores.append(score)
        if progress is not None:
            progress(number, len(documents), score)
    return Report(parse=parse, documents=tuple(scores), models=models)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(report: Report, *, per_document: bool = True) -> str:
    """The report as plain-text tables."""
    s = report.summary()
    parse = s["parse"] if s["models"] == s["parse"] else f"{s['parse']} ({s['models']})"
    lines = [
        f"parse: {parse}   documents: {s['documents']}   gold targets: {s['gold']}   "
        f"predicted: {s['predicted']}",
        "",
        f"precision {_cell(s['precision'])}   recall {_cell(s['recall'])}   F1 {_cell(s['f1'])}   "
        f"(matched {s['matched']}, false positives {s['false_positives']}, "
        f"strict precision {_cell(s['strict_precision'])})",
    ]
    accuracies = [
        ("source mention (token overlap)", s["source_mention"]["overlap"]),
        ("source mention (exact tokens)", s["source_mention"]["exact"]),
        ("cue", s["cue"]),
        ("kind", s["kind"]),
        ("source type (GUM types)", s["source_type"]),
        ("he/she/it/they source named right", s["source_entity"]["pronoun_resolution"]),
    ]
    lines += ["", "over matched pairs:"]
    lines += [f"  {name:<36} {_cell(acc['accuracy'])}  (n={acc['n']})" for name, acc in accuracies]
    entity = s["source_entity"]
    lines.append(
        f"  {'same-source links P/R/F1':<36} {_cell(entity['link_precision'])} / {_cell(entity['link_recall'])} / "
        f"{_cell(entity['link_f1'])}  (claim pairs={entity['claim_pairs']})"
    )
    lines += [f"  {name:<36} {s[name]}" for name in ("anonymity", "hedge", "status")]
    for title, counts in (
        ("false positives by first rule", s["false_positives_by_rule"]),
        ("misses by gold cue lemma", s["misses_by_cue_lemma"]),
    ):
        if counts:
            top = list(counts.items())[:TOP_COUNTS]
            lines += ["", f"{title} (top {len(top)}):", "  " + ", ".join(f"{name} {n}" for name, n in top)]
    for title, table in (("recall by kind", s["recall_by_kind"]), ("recall by genre", s["recall_by_genre"])):
        lines += ["", f"{title}:"]
        lines += [f"  {name:<14} {row['matched']:>4}/{row['gold']:<4} {_cell(row['recall'])}" for name, row in table.items()]
    if s["failed_documents"]:
        lines += ["", "extraction failed on: " + ", ".join(s["failed_documents"])]
    if per_document:
        lines += ["", f"{'document':<34} {'genre':<13} {'gold':>4} {'pred':>4} {'tp':>4} {'fp':>4} {'P':>6} {'R':>6} {'F1':>6}"]
        for d in report.documents:
            row = _prf(d.gold, d.predicted, d.matched, d.false_positives)
            lines.append(
                f"{d.id:<34} {d.genre:<13} {d.gold:>4} {d.predicted:>4} {d.matched:>4} {d.false_positives:>4} "
                f"{_cell(row['precision']):>6} {_cell(row['recall']):>6} {_cell(row['f1']):>6}"
                + (f"  ERROR {d.error}" if d.error else "")
            )
    return "\n".join(lines)


def format_errors(report: Report) -> str:
    """Every miss and false positive, by document, with its sentence."""
    lines = []
    for d in report.documents:
        if not d.misses and not d.false_positive_claims:
            continue
        lines += ["", f"== {d.id}"]
        for miss in d.misses:
            lines.append(f"MISS ({miss.kind}) source={miss.source!r} cue={miss.cue!r}")
            lines.append(f"  sentence: {miss.sentence}")
            lines.append(f"  gold:     {miss.content}")
            if miss.nearest is not None:
                lines.append(f"  nearest:  {miss.nearest}  (Dice {miss.nearest_dice:.2f})")
        for fp in d.false_positive_claims:
            lines.append(f"FALSE POSITIVE ({fp.kind}) source={fp.source!r} cue={fp.cue!r} rules={', '.join(fp.rules)}")
            lines.append(f"  sentence: {fp.sentence}")
            lines.append(f"  content:  {fp.content}")
    return "\n".join(lines)
