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

import gc
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import time
import types
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.parsing.cache import CacheEntry, ParseCache, file_digest, intern_strings, units
from claimtrack.errors import ConlluError, ModelError
from claimtrack.parsing.textprep import LINE_BREAK_CHARS, LineBreaks

if TYPE_CHECKING:
    from stanza import Pipeline
    from stanza.models.common.doc import Document

__all__ = [
    "COMPACT_DIR",
    "MODELS_ENV",
    "PROCESSORS",
    "ModelSet",
    "ParseStats",
    "Parsed",
    "Parser",
    "build_pipeline",
    "compact_models",
    "default_parser",
    "get_parser",
    "paragraph_chunks",
    "parse",
    "parse_conllu",
    "resolve_models",
    "stanza_models",
    "stanza_resources_dirs",
]

MODELS_ENV = "CLAIMTRACK_MODELS"
COMPACT_DIR = Path(__file__).parents[1] / "models" / "en_compact"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
REQUIRED = ("tokenize", "pos", "lemma", "depparse")
# Part of every model id, so of every cache key: bump it whenever the text
# sent to Stanza is prepared differently (textprep), which makes cached parses stale.
PREPARATION_VERSION = 3
# Stanza parses up to 5000 words per batch by default; on a 340-sentence text
# that peaked at 2.0 GB, against 0.75 GB with 1000, which was also 20% faster
# and gave the same parse (bench/parse_bench.py, docs/foundation.md).
PIPELINE_DEFAULTS = {"depparse_batch_size": 1000}
# Bounds that keep memory flat on any input (docs/scale.md): chunks cut at
# line breaks, several chunks per Stanza call, and the longest sentence the
# tagger and parser see. News sentences rarely pass 80 words; the parser's
# memory grows with the square of the length: a 3,000-word sentence fed whole
# took more than 7.7 GB, split at 200 tokens it peaks at 0.67 GB RSS.
CHUNK_CHARS = 10_000
GROUP_CHARS = 50_000
MAX_SENTENCE_WORDS = 200
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

    def __init__(self, models: str | os.PathLike[str] | ModelSet = "compact", cache: bool = True):
        self.models = resolve_models(models)
        self.cache = cache
        self.import_seconds: float | None = None
        self.load_seconds: float | None = None
        self.last: ParseStats | None = None
        self._pipeline: Pipeline | None = None
        self._model_id: str | None = None

    def __repr__(self) -> str:
        return f"Parser(models={self.models.name!r}, path={str(self.models.path)!r}, cache={self.cache})"

    @property
    def model_id(self) -> str:
        """``<name>-<digest>``: the digest changes whenever a model file does."""
        if self._model_id is None:
            self._model_id = f"{_safe_name(self.models.name)}-{_model_digest(self.models)[:16]}"
        return self._model_id

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def pipeline(self) -> Pipeline:
        """The Stanza pipeline, built on first use and kept."""
        if self._pipeline is None:
            started = time.perf_counter()
            self._pipeline = build_pipeline(self.models)
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
            self.import_seconds = _import_stanza()
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

    pieces = [piece for index, text in enumerate(texts) for piece in _pieces(index, text)]
    sentences: list[list] = [[] for _ in texts]
    notes: list[list] = [[] for _ in texts]
    for index, start, end, message in (note for piece in pieces for note in piece.notes):
        notes[index].append((start, end, message))
    for group in _groups(pieces):
        tokenized = pipeline.process(
            [StanzaDocument([], text=piece.breaks.prepared) for piece in group], processors="tokenize,mwt"
        )
        split = []
        for piece, doc in zip(group, tokenized):
            short, cuts = _split_long_sentences(doc.to_dict())
            notes[piece.index].extend(_original_note(piece, cut) for cut in cuts)
            split.append(StanzaDocument(short, text=piece.breaks.prepared))
        tagged = pipeline.process(split, processors="pos,lemma,depparse")
        for piece, doc in zip(group, tagged):
            sentences[piece.index].extend(_to_original(piece, doc.to_dict()))
        if progress is not None:
            progress(sum(len(piece.breaks.original) for piece in group))
    parses = []
    for text, found, cut in zip(texts, sentences, notes):
        _restore_token_texts(found, text)
        parses.append(Parsed(text=text, sentences=found, notes=tuple(sorted(cut))))
    return parses


@attrs.frozen
class _Piece:
    index: int  # of the text
    offset: int  # of the piece in its text
    breaks: LineBreaks
    notes: tuple[tuple[int, int, int, str], ...] = ()


def _pieces(index: int, text: str) -> Iterator[_Piece]:
    for offset, chunk, note in paragraph_chunks(text):
        if chunk.strip():
            yield _Piece(index, offset, LineBreaks(chunk), ((index, *note),) if note else ())


def paragraph_chunks(
    text: str, limit: int | None = None
) -> Iterator[tuple[int, str, tuple[int, int, str] | None]]:
    """``(offset, chunk, note)`` pieces of at most ``limit`` (default
    ``CHUNK_CHARS``) characters that together make ``text``, cut after a line
    break where one is in reach; a longer line is cut at a sentence end or a
    space, with a note."""
    limit = limit or CHUNK_CHARS
    start = 0
    while start < len(text):
        end = start + limit
        if end >= len(text):
            yield start, text[start:], None
            return
        cut = max(text.rfind(char, start, end) for char in LINE_BREAK_CHARS) + 1
        note = None
        if cut <= start:
            cut = _inline_cut(text, start, end)
            note = (start, cut, f"a line longer than {limit:,} characters was cut here for the parser")
        yield start, text[start:cut], note
        start = cut


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def _inline_cut(text: str, start: int, end: int) -> int:
    """Where to cut a long line: after the last sentence end in the second
    half of the window, else at the last space, else at the window's end."""
    middle = start + (end - start) // 2
    ends = [match.end() for match in _SENTENCE_END.finditer(text, middle, end)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", middle, end), text.rfind("\t", middle, end))
    return space + 1 if space > start else end


def _groups(pieces: list[_Piece]) -> Iterator[list[_Piece]]:
    """Consecutive pieces of about ``GROUP_CHARS`` characters per Stanza call."""
    group: list[_Piece] = []
    size = 0
    for piece in pieces:
        group.append(piece)
        size += len(piece.breaks.prepared)
        if size >= GROUP_CHARS:
            yield group
            group, size = [], 0
    if group:
        yield group


def _split_long_sentences(sentences: list[list[dict]]) -> tuple[list[list[dict]], list[tuple[int, int, str]]]:
    """Sentences of more than ``MAX_SENTENCE_WORDS`` tokens split into even
    pieces (word ids renumbered); a (start, end, message) per split sentence,
    in the offsets of the text that was tokenized."""
    result, cuts = [], []
    for sentence in sentences:
        tokens = _token_groups(sentence)
        if len(tokens) <= MAX_SENTENCE_WORDS:
            result.append(sentence)
            continue
        count = math.ceil(len(tokens) / MAX_SENTENCE_WORDS)
        size = math.ceil(len(tokens) / count)
        for first in range(0, len(tokens), size):
            result.append(_renumbered([item for group in tokens[first : first + size] for item in group]))
        message = (
            f"a sentence of {len(tokens):,} tokens was parsed in {count} pieces of at most "
            f"{MAX_SENTENCE_WORDS} tokens"
        )
        cuts.append((tokens[0][0]["start_char"], tokens[-1][0]["end_char"], message))
    return result, cuts


def _token_groups(sentence: list[dict]) -> list[list[dict]]:
    """The sentence's dicts grouped by token: a multi-word token with its words."""
    groups: list[list[dict]] = []
    covered = 0
    for item in sentence:
        identifier = item["id"]
        number = identifier[0] if isinstance(identifier, (list, tuple)) else identifier
        if number > covered or not groups:
            groups.append([item])
        else:
            groups[-1].append(item)
        if isinstance(identifier, (list, tuple)) and len(identifier) == 2:
            covered = identifier[1]
    return groups


def _renumbered(items: list[dict]) -> list[dict]:
    first = items[0]["id"]
    shift = (first[0] if isinstance(first, (list, tuple)) else first) - 1
    renumbered = []
    for item in items:
        identifier = item["id"]
        if isinstance(identifier, (list, tuple)):
            identifier = tuple(number - shift for number in identifier)
        else:
            identifier -= shift
        renumbered.append({**item, "id": identifier})
    return renumbered


def _original_note(piece: _Piece, cut: tuple[int, int, str]) -> tuple[int, int, str]:
    start, end, message = cut
    return (piece.offset + piece.breaks.to_original(start), piece.offset + piece.breaks.to_original(end), message)


def _to_original(piece: _Piece, sentences: list[list[dict]]) -> list[list[dict]]:
    """Offsets in the prepared piece mapped to the whole original text."""
    for sentence in sentences:
        for item in sentence:
            for key in ("start_char", "end_char"):
                if isinstance(item.get(key), int):
                    item[key] = piece.offset + piece.breaks.to_original(item[key])
    return intern_strings(sentences)


def _restore_token_texts(sentences: list[list[dict]], text: str) -> None:
    """Make every token's text the text it spans. Stanza's tokenizer writes
    ``<UNK>`` for a token it cannot represent (a 400-character URL, say); the
    offsets are right, so the text is taken from them."""
    for sentence in sentences:
        for token in units(sentence):
            original = text[token["start_char"] : token["end_char"]]
            if token.get("text") != original:
                if not isinstance(token["id"], (list, tuple)) and token.get("lemma") == token.get("text"):
                    token["lemma"] = original
                token["text"] = original


_PARSERS: dict[tuple[str, bool], Parser] = {}


def get_parser(models: str | os.PathLike[str] | None = None, *, cache: bool = True) -> Parser:
    """The process-wide Parser for a model set (``None``: ``$CLAIMTRACK_MODELS`` or compact)."""
    spec = str(models if models is not None else os.environ.get(MODELS_ENV) or "compact")
    key = (spec, cache)
    if key not in _PARSERS:
        _PARSERS[key] = Parser(spec, cache=cache)
    return _PARSERS[key]


def default_parser() -> Parser:
    """The Parser ``claimtrack.extract`` and ``claimtrack.parsing.parser`` use."""
    return get_parser(None)


def parse(text: str, *, models: str | os.PathLike[str] | None = None, cache: bool = True) -> Document:
    """Parse ``text`` with the default (or the named) model set."""
    return get_parser(models).parse(text, cache=cache)


_IMPORT_SECONDS: list[float] = []


def _import_stanza() -> float:
    """Import stanza (and torch) once; the seconds that took, so timings can
    report it apart from parsing."""
    if not _IMPORT_SECONDS:
        started = time.perf_counter()
        try:
            import stanza  # noqa: F401
            import torch
        except ImportError as error:
            raise ModelError(f"stanza is not installed ({error}); pip install stanza") from None
        # One thread unless told otherwise: measured here, two threads gained
        # 13% on an idle 2-core machine and lost 10x when other work shared it.
        torch.set_num_threads(int(os.environ.get("CLAIMTRACK_THREADS", "1")))
        # torch and stanza leave about a million long-lived objects behind; the
        # next full garbage collection (typically while a cached parse is read)
        # would walk them all, 25x the read itself. Collect once, then keep
        # what is alive out of later collections.
        gc.collect()
        gc.freeze()
        _IMPORT_SECONDS.append(time.perf_counter() - started)
    return _IMPORT_SECONDS[0]


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
    _import_stanza()
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

_TOKEN_RANGE = re.compile(r"(?:^|\|)TokenRange=(\d+):(\d+)(?:\||$)")


def parse_conllu(source: str | os.PathLike[str], text: str | None = None) -> Document:
    """A Document from CoNLL-U (a path, or the CoNLL-U itself as a string).

    With ``text``, token offsets point into ``text``: taken from ``TokenRange=s:e``
    in MISC where every token has one (as in the GUM files), else found by
    laying the tokens over ``text`` in order. Without it, the text is rebuilt:
    from ``TokenRange`` when present (a paragraph break, ``# newpar``, becomes a
    newline), else from the ``# text`` comments and ``SpaceAfter``.
    """
    name, conllu = _conllu_source(source)
    from stanza.utils.conll import CoNLL, CoNLLError

    try:
        sentences, comments, empty = CoNLL.conll2dict(input_str=conllu)
    except (CoNLLError, ValueError) as error:
        raise ConlluError(f"{name}: not valid CoNLL-U ({_one_line(error)})") from None
    if not any(sentences):
        raise ConlluError(f"{name}: no sentences in the CoNLL-U")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rebuilt = CoNLL.add_char_offsets(sentences, comments)
    except (ValueError, KeyError, IndexError) as error:
        raise ConlluError(f"{name}: cannot rebuild the text ({_one_line(error)})") from None
    ranges = _token_ranges(sentences)
    if text is not None:
        if ranges is not None:
            _check_ranges(name, sentences, ranges, text)
            _apply_offsets(sentences, ranges)
        else:
            _apply_offsets(sentences, _align(name, sentences, text))
    elif ranges is not None:
        text = _text_from_ranges(name, sentences, comments, ranges)
        _apply_offsets(sentences, ranges)
    else:
        text = rebuilt
    return _conllu_document(name, sentences, comments, empty, text)


def _conllu_source(source: str | os.PathLike[str]) -> tuple[str, str]:
    from claimtrack.parsing.textio import read_text

    if isinstance(source, str) and ("\n" in source or "\t" in source):
        return "<conllu>", source
    path = Path(source)
    return str(path), read_text(path)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300] or type(error).__name__


def _units(sentences: list[list[dict]]) -> list[tuple[dict, list[dict]]]:
    from stanza.utils.conll import group_sentence_units

    return [unit for sentence in sentences for unit in group_sentence_units(sentence)]


def _token_ranges(sentences: list[list[dict]]) -> list[tuple[int, int]] | None:
    """``TokenRange`` of every token, or None unless every token has one."""
    ranges = []
    for token, _ in _units(sentences):
        match = _TOKEN_RANGE.search(token.get("misc") or "")
        if match is None:
            return None
        ranges.append((int(match.group(1)), int(match.group(2))))
    return ranges


def _check_ranges(name: str, sentences: list[list[dict]], ranges: list[tuple[int, int]], text: str) -> None:
    for (token, _), (start, end) in zip(_units(sentences), ranges):
        if text[start:end] != token["text"]:
            raise ConlluError(
                f"{name}: TokenRange={start}:{end} of token {token['text']!r} does not match the text "
                f"({text[start:end]!r} there)"
            )


def _align(name: str, sentences: list[list[dict]], text: str) -> list[tuple[int, int]]:
    """Token offsets found by searching ``text`` in order; only whitespace may lie between tokens."""
    ranges = []
    position = 0
    for token, _ in _units(sentences):
        form = token["text"]
        start = text.find(form, position)
        if start < 0 or text[position:start].strip():
            raise ConlluError(f"{name}: token {form!r} not found in the text after offset {position}")
        ranges.append((start, start + len(form)))
        position = start + len(form)
    return ranges


def _text_from_ranges(
    name: str, sentences: list[list[dict]], comments: list[list[str]], ranges: list[tuple[int, int]]
) -> str:
    """The text the TokenRange offsets index into: tokens at their offsets,
    spaces between them, a newline before each new paragraph."""
    length = max((end for _, end in ranges), default=0)
    chars = [" "] * length
    units = _units(sentences)
    for (token, _), (start, end) in zip(units, ranges):
        if end - start != len(token["text"]):
            raise ConlluError(f"{name}: TokenRange={start}:{end} does not fit token {token['text']!r}")
        chars[start:end] = token["text"]
    index = 0
    for sentence, sentence_comments in zip(sentences, comments):
        count = len(_units([sentence]))
        if count and index and any(comment.startswith("# newpar") for comment in sentence_comments):
            previous_end, start = ranges[index - 1][1], ranges[index][0]
            chars[previous_end:start] = "\n" * (start - previous_end)
        index += count
    return "".join(chars)


def _apply_offsets(sentences: list[list[dict]], ranges: list[tuple[int, int]]) -> None:
    from stanza.utils.conll import annotate_mwt_words

    for (token, words), (start, end) in zip(_units(sentences), ranges):
        token["start_char"], token["end_char"] = start, end
        for word in words:
            word.pop("start_char", None)
            word.pop("end_char", None)
        annotate_mwt_words(token, words, start)


def _conllu_document(
    name: str, sentences: list[list[dict]], comments: list[list[str]], empty: list[list[dict]], text: str
) -> Document:
    """Built as ``CoNLL.conll2doc(reconstruct_text=True)`` builds it: the text is
    attached after construction so that MISC is not rewritten."""
    from stanza.models.common.doc import Document

    try:
        doc = Document(sentences, text=None, comments=comments, empty_sentences=empty)
    except (ValueError, IndexError, KeyError) as error:
        raise ConlluError(f"{name}: not a valid UD document ({_one_line(error)})") from None
    doc.text = text
    for sentence in doc.sentences:
        if sentence.tokens:
            sentence.text = text[sentence.tokens[0].start_char : sentence.tokens[-1].end_char]
    doc.build_ents()
    return doc



class _CallableModule(types.ModuleType):
    """``claimtrack.parse(text)`` must work even after ``import claimtrack.parsing.parser``
    (which binds the package attribute to this module): calling the module parses."""

    def __call__(self, text: str, **options: Any) -> Document:
        return parse(text, **options)


sys.modules[__name__].__class__ = _CallableModule
