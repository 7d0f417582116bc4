"""Parsing: text -> stanza ``Document``, offline, cached on disk.

>>> import claimtrack
>>> doc = claimtrack.parse("The minister said it was over.")
>>> [word.deprel for word in doc.sentences[0].words][:3]
['det', 'nsubj', 'root']

Three model sets can parse:

- ``"compact"`` (the default): the small Stanza models shipped inside the
  package (``claimtrack/models/en_compact``), loaded with no download.
- ``"stanza"``: Stanza's official English models, if ``stanza.download('en')``
  has put them in Stanza's resources directory.
- a path: a folder holding ``tokenize.pt``, ``pos.pt``, ``lemma.pt``,
  ``depparse.pt`` (and ``mwt.pt`` if the tokenizer needs it), e.g. the output
  of ``python -m claimtrack.models.train``.

``default_parser()`` uses ``$CLAIMTRACK_MODELS`` (one of the above) or the
compact set; it builds one :class:`Parser` per process and reuses it, and
each Parser loads its Stanza pipeline only when a parse misses the cache.

``parse_conllu`` reads a pre-parsed CoNLL-U document instead (no Stanza run).

The device and int8 settings are in :mod:`claimtrack.parsing.runtime`.

Memory stays bounded whatever the input (issue 12): a text is parsed in
chunks of at most ``CHUNK_CHARS`` characters cut at line breaks (every line
is its own paragraph for Stanza anyway, so the parse is the same), a line
longer than that is cut at a sentence end or a space, and a sentence longer
than ``MAX_SENTENCE_WORDS`` tokens is split into pieces for the tagger and
parser, whose memory grows with the square of a sentence's length. Each
such cut leaves a note (offsets and a message) on the parse. Several texts
(:meth:`Parser.parse_many`) go through Stanza together, which is faster than
one call per text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
import time
import types
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.parsing.cache import CacheEntry, ParseCache, file_digest, units
from claimtrack.errors import ModelError
from claimtrack.parsing.chunks import (
    groups, original_note, paragraph_chunks, pieces, restore_token_texts, to_original, tokenized_sentences,
)
from claimtrack.parsing.conllu import parse_conllu
from claimtrack.parsing.titles import data_digest
from claimtrack.parsing.contractions import keep_whole_words
from claimtrack.parsing.headlines import retag_headlines
from claimtrack.parsing.lemmas import repair_lemmas
from claimtrack.parsing.verbs import repair_main_verbs, repair_measure_subjects, repair_verbs_read_as_nouns
from claimtrack.parsing.runtime import (
    DEVICE_ENV, INT8_ENV, import_stanza, quantize_pipeline,
    resolve_device, resolve_quantize, usable_device,
)

if TYPE_CHECKING:
    from stanza import Pipeline
    from stanza.models.common.doc import Document

__all__ = [
    "COMPACT_DIR", "DEVICE_ENV", "INT8_ENV", "MODELS_ENV", "PROCESSORS", "ModelSet", "ParseStats", "Parsed",
    "Parser", "build_pipeline", "compact_models", "default_parser", "get_parser", "paragraph_chunks", "parse",
    "parse_conllu", "quantize_pipeline", "resolve_device", "resolve_models", "resolve_quantize", "stanza_models",
    "stanza_resources_dirs", "usable_device",
]

MODELS_ENV = "CLAIMTRACK_MODELS"
COMPACT_DIR = Path(__file__).parents[1] / "models" / "en_compact"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
REQUIRED = ("tokenize", "pos", "lemma", "depparse")
# Part of every model id and cache key: bump it when the text or the parse is prepared differently (stale parses);
# 10: a title ("Sen.") ending a sentence joined to the name after it, with the data file's digest (git log: 4-9);
# 11: a verb left as its own lemma ("warning") given the lexicon's ("warn"); 12: not with a noun's dependents;
# 13: a title-case headline with no finite verb tagged again from its lower-case words (headlines.py); a
# measure before a verb with no subject its subject ('42 % say'); a noun with a subject and an object or a
# clause a verb ('who say the law unfairly targets ...', 'staff claim that ...': verbs.py)
PREPARATION_VERSION = f"13 {data_digest()}"
# Stanza parses up to 5000 words per batch by default; on a 340-sentence text
# that peaked at 2.0 GB, against 0.75 GB with 1000, which was also 20% faster
# and gave the same parse (bench/parse_bench.py, docs/foundation.md).
PIPELINE_DEFAULTS: dict[str, Any] = {"depparse_batch_size": 1000, "tokenize_postprocessor": keep_whole_words}
# Bounds that keep memory flat on any input (docs/scale.md): chunks cut at
# line breaks, several chunks per Stanza call, and the longest sentence the
# tagger and parser see. News sentences rarely pass 80 words; the parser's
# memory grows with the square of the length: a 3,000-word sentence fed whole
# took more than 7.7 GB, split at 200 tokens it peaks at 0.67 GB RSS.
STANZA_HINT = "run stanza.download('en') on a machine with internet, or copy a downloaded resources folder to one of those places"


@attrs.frozen
class ModelSet:
    """A set of Stanza models claimtrack can parse with."""

    name: str
    path: Path
    files: tuple[tuple[str, Path], ...] = ()
    official: bool = False
    pretrain: Path | None = None  # word vectors (pretrain.pt) for the tagger and parser, if any

    @property
    def processors(self) -> tuple[str, ...]:
        return tuple(processor for processor, _ in self.files)

    @property
    def size(self) -> int:
        extra = [self.pretrain] if self.pretrain is not None else []
        return sum(path.stat().st_size for path in [*(path for _, path in self.files), *extra])


@attrs.frozen
class ParseStats:
    """How the last parse went: from the cache or not, and how long it took."""

    cached: bool
    seconds: float
    sentences: int
    tokens: int


@attrs.frozen
class Parsed:
    """One text's parse as Stanza's sentence dicts (``Document.to_dict()``),
    offsets into ``text``; ``notes`` are (start, end, message) for each place
    where the text was cut for the parser."""

    text: str
    sentences: list = attrs.field(repr=False)
    notes: tuple[tuple[int, int, str], ...] = ()
    cached: bool = False

    @property
    def tokens(self) -> int:
        return sum(1 for sentence in self.sentences for _ in units(sentence))

    def document(self) -> Any:
        """The parse as claimtrack's read-only :class:`~claimtrack.document.Document`,
        built from the dicts without importing stanza."""
        from claimtrack.document import Document as View

        return View.from_dicts(self.text, self.sentences)

    def stanza_document(self) -> Document:
        """The parse as a stanza Document (imports stanza); its ``parse_notes`` are the notes."""
        from stanza.models.common.doc import Document

        doc = Document(self.sentences, self.text)
        doc.parse_notes = self.notes
        return doc


def compact_models() -> ModelSet:
    """The compact models shipped with claimtrack."""
    return _folder_models("compact", COMPACT_DIR)


def stanza_resources_dirs() -> tuple[Path, ...]:
    """Where Stanza keeps downloaded models: its configured directory, then the
    pre-1.10 default ``~/stanza_resources``."""
    from stanza.resources.common import DEFAULT_MODEL_DIR

    found = [Path(os.environ.get("STANZA_RESOURCES_DIR") or DEFAULT_MODEL_DIR).expanduser()]
    legacy = Path.home() / "stanza_resources"
    if legacy not in found:
        found.append(legacy)
    return tuple(found)


def stanza_models() -> ModelSet:
    """Stanza's official English models, or a :class:`ModelError` saying how to get them."""
    searched = stanza_resources_dirs()
    for folder in searched:
        files = _official_files(folder)
        if files:
            return ModelSet(name="stanza", path=folder, files=files, official=True)
    where = " or ".join(str(folder) for folder in searched)
    raise ModelError(f"Stanza's official English models are not installed (looked in {where}); {STANZA_HINT}")


def resolve_models(models: str | os.PathLike[str] | ModelSet | None = None) -> ModelSet:
    """The model set a ``models=`` argument names: "compact", "stanza" or a folder."""
    if isinstance(models, ModelSet):
        return models
    if models is None:
        models = os.environ.get(MODELS_ENV) or "compact"
    if models == "compact":
        return compact_models()
    if models == "stanza":
        return stanza_models()
    folder = Path(models).expanduser()
    if not folder.is_dir():
        raise ModelError(f"{folder}: no such model folder (models are 'compact', 'stanza' or a folder of .pt files)")
    return _folder_models(folder.name or "custom", folder)


def _folder_models(name: str, folder: Path) -> ModelSet:
    files = tuple((processor, folder / f"{processor}.pt") for processor in PROCESSORS)
    present = tuple((processor, path) for processor, path in files if path.is_file())
    missing = [processor for processor in REQUIRED if processor not in dict(present)]
    if missing:
        raise ModelError(f"{folder}: missing model files {', '.join(p + '.pt' for p in missing)}")
    pretrain = folder / "pretrain.pt"
    return ModelSet(name=name, path=folder, files=present, pretrain=pretrain if pretrain.is_file() else None)


def _official_files(folder: Path) -> tuple[tuple[str, Path], ...]:
    try:
        resources = json.loads((folder / "resources.json").read_text(encoding="utf-8"))
        defaults = resources["en"]["default_processors"]
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    files = []
    for processor in PROCESSORS:
        package = defaults.get(processor) if isinstance(defaults, dict) else None
        if isinstance(package, str):
            files.append((processor, folder / "en" / processor / f"{package}.pt"))
    present = tuple((processor, path) for processor, path in files if path.is_file())
    if any(processor not in dict(present) for processor in REQUIRED):
        return ()
    return present


class Parser:
    """Parses English text with one model set, caching parses on disk.

    >>> parser = Parser("compact")
    >>> doc = parser.parse("Officials said the bridge was safe.")
    >>> parser.last.cached in (True, False)
    True
    """

    def __init__(
        self,
        models: str | os.PathLike[str] | ModelSet = "compact",
        cache: bool = True,
        *,
        quantize: bool | None = None,
        device: str | None = None,
    ):
        self.models = resolve_models(models)
        self.cache = cache
        self.device = resolve_device(device)
        # int8 is a CPU technique: a GPU run keeps the float models
        self.quantize = resolve_quantize(quantize) and not self.device.startswith("cuda")
        self.import_seconds: float | None = None
        self.load_seconds: float | None = None
        self.last: ParseStats | None = None
        self._pipeline: Pipeline | None = None
        self._model_id: str | None = None

    def __repr__(self) -> str:
        return (
            f"Parser(models={self.models.name!r}, path={str(self.models.path)!r}, cache={self.cache}, "
            f"quantize={self.quantize}, device={self.device!r})"
        )

    @property
    def model_id(self) -> str:
        """``<name>-<digest>`` (``-int8`` when quantised): the digest changes
        whenever a model file does, and the suffix keeps int8 parses apart."""
        if self._model_id is None:
            suffix = "-int8" if self.quantize else ""
            self._model_id = f"{_safe_name(self.models.name)}-{_model_digest(self.models)[:16]}{suffix}"
        return self._model_id

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def pipeline(self) -> Pipeline:
        """The Stanza pipeline, built on first use and kept."""
        if self._pipeline is None:
            started = time.perf_counter()
            device = usable_device(self.device)
            self._pipeline = build_pipeline(self.models, device=device)
            if self.quantize:
                quantize_pipeline(self._pipeline)
            self.load_seconds = time.perf_counter() - started
        return self._pipeline

    def parse(self, text: str, cache: bool = True) -> Document:
        """The parse of ``text``: token offsets index into ``text`` itself.
        Notes on cuts made for the parser are in the document's ``parse_notes``."""
        return self.parse_many([text], cache=cache)[0].stanza_document()

    def parse_many(
        self, texts: Sequence[str], *, cache: bool = True, progress: Callable[[int], None] | None = None
    ) -> list[Parsed]:
        """The parses of several texts, in order; the ones not in the cache go
        through Stanza together. A cache hit imports neither stanza nor torch.
        ``progress(characters)`` is called as parsing advances."""
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"Parser.parse() takes a str, got {type(text).__name__}")
        use_cache = self.cache and cache
        store = ParseCache() if use_cache else None
        started = time.perf_counter()
        found: list[Parsed | None] = [self._cached(store, text) for text in texts]
        missing = [index for index, parsed in enumerate(found) if parsed is None]
        if missing:
            self.import_seconds = import_stanza()
            pipeline = self.pipeline()
            started = time.perf_counter()
            fresh = parse_texts(pipeline, [texts[index] for index in missing], progress=progress)
            for index, parsed in zip(missing, fresh):
                found[index] = parsed
                if store is not None:
                    store.put_entry(parsed.text, self.model_id, CacheEntry(parsed.sentences, notes=parsed.notes))
        parses = [parsed for parsed in found if parsed is not None]
        self.last = ParseStats(
            cached=not missing,
            seconds=time.perf_counter() - started,
            sentences=sum(len(parsed.sentences) for parsed in parses),
            tokens=sum(parsed.tokens for parsed in parses),
        )
        return parses

    def _cached(self, store: ParseCache | None, text: str) -> Parsed | None:
        entry = store.entry(text, self.model_id) if store is not None else None
        if entry is None:
            return None
        return Parsed(text=text, sentences=entry.sentences, notes=entry.notes, cached=True)


def parse_texts(
    pipeline: Pipeline, texts: Sequence[str], *, progress: Callable[[int], None] | None = None
) -> list[Parsed]:
    """Parse texts with a Stanza pipeline in bounded pieces (see the module docstring)."""
    from stanza.models.common.doc import Document as StanzaDocument

    cut = [piece for index, text in enumerate(texts) for piece in pieces(index, text)]
    sentences: list[list] = [[] for _ in texts]
    notes: list[list] = [[] for _ in texts]
    for index, start, end, message in (note for piece in cut for note in piece.notes):
        notes[index].append((start, end, message))
    for group in groups(cut):
        tokenized = pipeline.process(
            [StanzaDocument([], text=piece.breaks.prepared) for piece in group], processors="tokenize,mwt"
        )
        split = []
        for piece, doc in zip(group, tokenized):
            short, cuts = tokenized_sentences(doc.to_dict(), piece.breaks.prepared)
            notes[piece.index].extend(original_note(piece, cut) for cut in cuts)
            split.append(StanzaDocument(short, text=piece.breaks.prepared))
        tagged = [doc.to_dict() for doc in pipeline.process(split, processors="pos,lemma,depparse")]
        tagged = retag_headlines(pipeline, tagged)
        for piece, found in zip(group, tagged):
            repaired = repair_measure_subjects(repair_main_verbs(repair_verbs_read_as_nouns(repair_lemmas(found))))
            sentences[piece.index].extend(to_original(piece, repaired))
        if progress is not None:
            progress(sum(len(piece.breaks.original) for piece in group))
    parses = []
    for text, found, text_notes in zip(texts, sentences, notes):
        restore_token_texts(found, text)
        parses.append(Parsed(text=text, sentences=found, notes=tuple(sorted(text_notes))))
    return parses


_PARSERS: dict[tuple[str, bool, bool, str], Parser] = {}


def get_parser(
    models: str | os.PathLike[str] | None = None,
    *,
    cache: bool = True,
    quantize: bool | None = None,
    device: str | None = None,
) -> Parser:
    """The process-wide Parser for a model set (``None``: ``$CLAIMTRACK_MODELS`` or compact),
    quantisation (``None``: ``$CLAIMTRACK_INT8``) and device (``None``: ``$CLAIMTRACK_DEVICE``)."""
    spec = str(models if models is not None else os.environ.get(MODELS_ENV) or "compact")
    key = (spec, cache, resolve_quantize(quantize), resolve_device(device))
    if key not in _PARSERS:
        _PARSERS[key] = Parser(spec, cache=cache, quantize=key[2], device=key[3])
    return _PARSERS[key]


def default_parser() -> Parser:
    """The Parser ``claimtrack.extract`` and ``claimtrack.parsing.parser`` use."""
    return get_parser(None)


def parse(text: str, *, models: str | os.PathLike[str] | None = None, cache: bool = True) -> Document:
    """Parse ``text`` with the default (or the named) model set."""
    return get_parser(models).parse(text, cache=cache)


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.]+", "_", name) or "models"


def _model_digest(models: ModelSet) -> str:
    """A digest of the model files. Official Stanza models are identified by
    Stanza's version and their names and sizes (hashing hundreds of MB on every
    start would cost more than it protects); shipped and custom models by content."""
    digest = hashlib.sha256(f"preparation {PREPARATION_VERSION}\n".encode())
    if models.official:
        from importlib.metadata import version

        digest.update(f"stanza {version('stanza')}\n".encode())
        for processor, path in models.files:
            digest.update(f"{processor} {path.name} {path.stat().st_size}\n".encode())
    else:
        for processor, path in models.files:
            digest.update(f"{processor} {file_digest(path)}\n".encode())
        if models.pretrain is not None:
            digest.update(f"pretrain {file_digest(models.pretrain)}\n".encode())
    return digest.hexdigest()


def build_pipeline(models: ModelSet, processors: str | None = None, **options: Any) -> Pipeline:
    """A Stanza pipeline for a model set, loaded with no download.

    ``processors`` defaults to every processor the set has; ``options`` go to
    ``stanza.Pipeline`` (e.g. ``tokenize_pretokenized=True``).
    """
    import_stanza()
    import stanza

    processors = processors or ",".join(models.processors)
    options = {**PIPELINE_DEFAULTS, **options}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            if models.official:
                return stanza.Pipeline(
                    "en",
                    dir=str(models.path),
                    processors=processors,
                    download_method=None,
                    logging_level="ERROR",
                    **options,
                )
            return _local_pipeline(stanza, models, processors, options)
    except Exception as error:  # stanza raises many kinds; the user needs one line
        detail = " ".join(str(error).split()) or type(error).__name__
        raise ModelError(f"{models.path}: cannot load the {models.name} models ({detail})") from None


def _local_pipeline(stanza: Any, models: ModelSet, processors: str, options: dict[str, Any]) -> Pipeline:
    """Stanza wants a resources.json even with ``download_method=None``; an empty
    one in a throwaway folder plus an explicit path per processor loads local
    models with no network access."""
    wanted = processors.split(",")
    paths = {f"{processor}_model_path": str(path) for processor, path in models.files if processor in wanted}
    pretrain = str(models.pretrain) if models.pretrain is not None else None
    with tempfile.TemporaryDirectory(prefix="claimtrack-stanza-") as folder:
        Path(folder, "resources.json").write_text("{}", encoding="utf-8")
        return stanza.Pipeline(
            "en",
            dir=folder,
            processors=processors,
            pos_pretrain_path=pretrain,
            depparse_pretrain_path=pretrain,
            download_method=None,
            allow_unknown_language=True,
            logging_level="ERROR",
            **paths,
            **options,
        )


# ---------------------------------------------------------------------------
# CoNLL-U input

class _CallableModule(types.ModuleType):
    """``claimtrack.parse(text)`` must work even after ``import claimtrack.parsing.parser``
    (which binds the package attribute to this module): calling the module parses."""

    def __call__(self, text: str, **options: Any) -> Document:
        return parse(text, **options)


sys.modules[__name__].__class__ = _CallableModule
