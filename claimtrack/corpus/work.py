"""Extraction of one batch of records in this process.

The texts of a batch go through Stanza together (faster than one call each);
CoNLL-U records are read instead of parsed. A document that fails records its
error and fails alone; a problem with the models or the rules stops the run,
since every document would fail the same way.

Each process keeps one Parser per model set (``get_parser``), so a worker
process loads the models once, on its first cache miss.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from claimtrack.corpus.records import Record
from claimtrack.errors import ClaimtrackError, ModelError

__all__ = ["Outcome", "Settings", "extract_batch", "to_document"]


@attrs.frozen
class Settings:
    """What every worker needs to extract as the caller would: picklable."""

    models: str | None = None
    cache: bool = True
    rules: Any = None  # overlay folders (a list of paths) or a RuleSet


@attrs.frozen
class Outcome:
    """One document's result (or error) and how it went."""

    record: Record
    result: Any = None  # claimtrack.model.Result
    error: str | None = None
    tokens: int = 0
    parse_seconds: float = 0.0
    rules_seconds: float = 0.0
    how: str = ""  # "cache hit", "parsed", "CoNLL-U" or "" when nothing was parsed
    loaded: str | None = None  # "model <id> loaded in 2.1s" on the first outcome of the batch that loaded it

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_batch(
    records: Sequence[Record], settings: Settings, progress: Callable[[int], None] | None = None
) -> list[Outcome]:
    """Outcomes for ``records``, in order; ``progress(characters)`` as parsing advances."""
    ruleset = _ruleset(settings.rules)
    parsed, parse_info = _parse_texts(records, settings, progress)
    outcomes = []
    for record in records:
        if record.error is not None:
            outcomes.append(Outcome(record=record.without_text(), error=record.error))
            continue
        outcome = _extract_one(record, parsed.get(id(record)), parse_info, ruleset)
        if outcome.loaded:
            parse_info = {**parse_info, "loaded": None}
        outcomes.append(outcome)
    return outcomes


_RULESETS: dict[str, Any] = {}


def to_document(parsed: Any) -> Any:
    """The Document view of a parse: ``parsed.document()``. Kept for scripts
    written before extraction took one road (the reliability audit's among them)."""
    return parsed.document()


def _ruleset(rules: Any) -> Any:
    """The rule set, loaded once per process for each overlay list."""
    from claimtrack.ruleset.loader import rules_from

    if rules is None or not isinstance(rules, (str, list, tuple)):
        return rules_from(rules)
    key = repr(rules)
    if key not in _RULESETS:
        _RULESETS[key] = rules_from(rules)
    return _RULESETS[key]


def _parse_texts(
    records: Sequence[Record], settings: Settings, progress: Callable[[int], None] | None
) -> tuple[dict[int, Any], dict[str, Any]]:
    """The parses of the batch's texts, by record; if the batch cannot be
    parsed together, each text is parsed alone so that only the bad one fails."""
    texts = [record for record in records if record.error is None and record.text is not None and record.text.strip()]
    if not texts:
        return {}, {"seconds": 0.0, "loaded": None}
    from claimtrack.parsing.parser import get_parser

    parser = get_parser(settings.models, cache=settings.cache)
    was_loaded = parser.loaded
    try:
        parses = parser.parse_many([record.text for record in texts], cache=settings.cache, progress=progress)
        found: dict[int, Any] = {id(record): parse for record, parse in zip(texts, parses)}
        seconds = parser.last.seconds
    except ModelError:
        raise
    except Exception:  # noqa: BLE001 - one bad text must not sink the batch
        found, seconds = {}, 0.0
        for record in texts:
            try:
                found[id(record)] = parser.parse_many([record.text], cache=settings.cache)[0]
                seconds += parser.last.seconds
            except ModelError:
                raise
            except Exception as error:  # noqa: BLE001
                found[id(record)] = error
    loaded = None
    if parser.loaded and not was_loaded:
        loaded = f"model {parser.model_id} loaded in {parser.load_seconds:.2f}s"
    total_tokens = sum(parse.tokens for parse in found.values() if not isinstance(parse, Exception)) or 1
    return found, {"seconds": seconds, "tokens": total_tokens, "loaded": loaded}


def _extract_one(record: Record, parsed: Any, parse_info: dict[str, Any], ruleset: Any) -> Outcome:
    from claimtrack.pipeline import extract, extract_document, extract_parsed, surrogate_note

    bare = record.without_text()
    try:
        started = time.perf_counter()
        if record.conllu is not None:
            from claimtrack.parsing.parser import parse_conllu

            doc = parse_conllu(record.conllu)
            how, tokens, parse_seconds = "CoNLL-U", doc.num_tokens, time.perf_counter() - started
        elif parsed is None:  # only whitespace: nothing to parse
            result = surrogate_note(extract(record.text, rules=ruleset, doc_id=record.doc_id), record.repaired)
            return Outcome(record=bare, result=_with_metadata(result, record.metadata))
        elif isinstance(parsed, Exception):
            raise parsed
        else:
            doc = None  # the parser's sentence dicts: extract_parsed reads them
            tokens = parsed.tokens
            how = "cache hit" if parsed.cached else "parsed"
            parse_seconds = parse_info["seconds"] * tokens / parse_info["tokens"]
        started = time.perf_counter()
        if doc is None:
            result = surrogate_note(extract_parsed(parsed, rules=ruleset, doc_id=record.doc_id), record.repaired)
        else:
            result = surrogate_note(extract_document(doc, rules=ruleset, doc_id=record.doc_id), record.repaired)
        rules_seconds = time.perf_counter() - started
    except (ModelError, KeyboardInterrupt):
        raise
    except ClaimtrackError as error:
        return Outcome(record=bare, error=_named(record, str(error)))
    except Exception as error:  # noqa: BLE001 - a bug on one document must not stop a corpus
        return Outcome(record=bare, error=_named(record, f"{type(error).__name__}: {error}"))
    return Outcome(
        record=bare,
        result=_with_metadata(result, record.metadata),
        tokens=tokens,
        parse_seconds=parse_seconds,
        rules_seconds=rules_seconds,
        how=how,
        loaded=parse_info.get("loaded") if how in ("parsed", "cache hit") else None,
    )


def _with_metadata(result: Any, metadata: dict[str, Any]) -> Any:
    """The result with the record's metadata in its document record, where the
    data model has a place for it (else the writers add it to the output)."""
    if not metadata:
        return result
    info = result.document
    if "metadata" in attrs.fields_dict(type(info)):
        return attrs.evolve(result, document=attrs.evolve(info, metadata=dict(metadata)))
    return result


def _named(record: Record, message: str) -> str:
    message = " ".join(message.split())
    return message if message.startswith(record.name) else f"{record.name}: {message}"
