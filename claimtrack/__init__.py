"""claimtrack: who said what in English news text, how hedged, and who confirmed it.

>>> import claimtrack
>>> result = claimtrack.extract('"It is over," the minister said.')
>>> result.claims[0].source.text
'the minister'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers see; at run time each name loads on first use
    from claimtrack.errors import RulesError as RulesError
    from claimtrack.export.explain import explain as explain
    from claimtrack.factcheck import FactChecks as FactChecks
    from claimtrack.model import Claim as Claim, Result as Result, SourceEntity as SourceEntity, Span as Span
    from claimtrack.parsing.parser import Parser as Parser, parse as parse, parse_conllu as parse_conllu
    from claimtrack.pipeline import extract as extract, extract_document as extract_document
    from claimtrack.pipeline import extract_file as extract_file
    from claimtrack.parsing.reading import read_text as read_text
    from claimtrack.corpus.pipe import pipe as pipe
    from claimtrack.corpus.tables import to_pandas as to_pandas, to_records as to_records
    from claimtrack.corpus.loading import load as load
    from claimtrack.ruleset.loader import RuleSet as RuleSet, load_rules as load_rules
    from claimtrack.tracker.store import Tracker as Tracker

from claimtrack._version import __version__

# Public names and the module each lives in; imported on first use so that
# ``import claimtrack`` stays fast (stanza and torch load only when parsing).
_EXPORTS = {
    "extract": "claimtrack.pipeline",
    "extract_document": "claimtrack.pipeline",
    "extract_file": "claimtrack.pipeline",
    "read_text": "claimtrack.parsing.reading",
    "parse": "claimtrack.parsing.parser",
    "parse_conllu": "claimtrack.parsing.parser",
    "Parser": "claimtrack.parsing.parser",
    "load_rules": "claimtrack.ruleset.loader",
    "RuleSet": "claimtrack.ruleset.loader",
    "RulesError": "claimtrack.errors",
    "Result": "claimtrack.model",
    "Claim": "claimtrack.model",
    "Span": "claimtrack.model",
    "SourceEntity": "claimtrack.model",
    "Tracker": "claimtrack.tracker.store",
    "explain": "claimtrack.export.explain",
    "FactChecks": "claimtrack.factcheck",
    "load": "claimtrack.corpus.loading",
    "pipe": "claimtrack.corpus.pipe",
    "to_records": "claimtrack.corpus.tables",
    "to_pandas": "claimtrack.corpus.tables",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimtrack' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
