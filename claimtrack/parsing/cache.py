"""The on-disk parse cache: a parsed document is stored once per text and model.

Entries live under ``cache_dir()/parses/<model id>/<aa>/<sha256 of text>.json``
as JSON (stanza's sentence dicts, never pickle), written to a temporary file
in the same folder and renamed into place, so a reader (or another worker
process writing the same entry) never sees half an entry. An entry that
cannot be read, belongs to another text, or whose offsets do not point at its
tokens is treated as missing: the text is parsed again and the entry rewritten.

Reading an entry needs neither stanza nor torch: :meth:`ParseCache.entry`
returns the sentence dicts, from which ``claimtrack.document.Document`` is
built directly.

The cache directory is ``$CLAIMTRACK_CACHE_DIR`` if set, else the user cache
directory (``platformdirs`` when installed, else ``$XDG_CACHE_HOME`` or
``~/.cache``) plus ``claimtrack``. The parses in it are kept under a size cap,
``$CLAIMTRACK_CACHE_MAX_SIZE`` (default 2 GB): when more than a twentieth of
the cap has been written since the last check, the least recently used
entries are removed until the cache is back under it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from claimtrack.errors import ClaimtrackError

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

__all__ = [
    "DEFAULT_MAX_SIZE",
    "ENTRY_FORMAT",
    "MAX_SIZE_ENV",
    "CacheEntry",
    "CacheInfo",
    "ParseCache",
    "cache_dir",
    "file_digest",
    "format_size",
    "intern_strings",
    "max_size",
    "parse_size",
    "text_digest",
]

ENTRY_FORMAT = "claimtrack-parse/1"
MAX_SIZE_ENV = "CLAIMTRACK_CACHE_MAX_SIZE"
# A parse takes about 30 times its text on disk: 2 GB holds the parses of
# some 65 MB of news text (about 10,000 articles), and costs little to keep.
DEFAULT_MAX_SIZE = 2 * 1000**3
_CHECK_FRACTION = 20


def cache_dir() -> Path:
    """Where claimtrack keeps cached data (created on first write, not here)."""
    override = os.environ.get("CLAIMTRACK_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    try:
        import platformdirs
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / "claimtrack"
    return Path(platformdirs.user_cache_dir("claimtrack", appauthor=False))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3,
          "t": 1000**4, "tb": 1000**4, "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}


def parse_size(value: str) -> int:
    """Bytes from a size such as ``500MB``, ``2G``, ``1.5GiB`` or ``100000``."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value)
    unit = match.group(2).lower() if match else None
    if match is None or unit not in _UNITS:
        raise ClaimtrackError(f"{value!r} is not a size (write e.g. 500MB, 2GB or 1.5GiB)")
    return int(float(match.group(1)) * _UNITS[unit])


def format_size(size: int) -> str:
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def max_size() -> int:
    """The size cap: ``$CLAIMTRACK_CACHE_MAX_SIZE`` or the default."""
    value = os.environ.get(MAX_SIZE_ENV)
    return parse_size(value) if value else DEFAULT_MAX_SIZE


@attrs.frozen
class CacheEntry:
    """A cached parse: stanza's sentence dicts (``Document.to_dict()``) and notes."""

    sentences: list
    comments: list | None = None
    notes: tuple[tuple[int, int, str], ...] = ()


@attrs.frozen
class CacheInfo:
    location: Path
    entries: int
    size: int
    max_size: int


class ParseCache:
    """Parsed documents on disk, keyed by the text's sha256 and the model id."""

    def __init__(self, root: str | os.PathLike[str] | None = None):
        self.root = Path(root) if root is not None else cache_dir() / "parses"

    def path(self, text: str, model_id: str) -> Path:
        digest = text_digest(text)
        return self.root / model_id / digest[:2] / f"{digest}.json"

    def entry(self, text: str, model_id: str) -> CacheEntry | None:
        """The cached parse of ``text`` by ``model_id`` as dicts, or None
        (missing or unusable). Imports neither stanza nor torch."""
        path = self.path(text, model_id)
        try:
            entry = _entry(json.loads(_read_entry_file(path)), text, model_id)
        except Exception:  # missing, unreadable or damaged in any way: parse again
            return None
        if entry is not None:
            _touch(path)
        return entry

    def get(self, text: str, model_id: str) -> Document | None:
        """The cached parse of ``text`` by ``model_id`` as a stanza Document, or None."""
        entry = self.entry(text, model_id)
        if entry is None:
            return None
        from stanza.models.common.doc import Document

        try:
            if entry.comments is not None:
                return Document(entry.sentences, text, entry.comments)
            return Document(entry.sentences, text)
        except Exception:  # a damaged entry that still looked like one
            return None

    def put(self, text: str, model_id: str, doc: Document) -> bool:
        """Store a stanza Document's parse; False (and nothing written) when the cache is not writable."""
        return self.put_entry(text, model_id, CacheEntry(doc.to_dict(), doc.sentence_comments()))

    def put_entry(self, text: str, model_id: str, entry: CacheEntry) -> bool:
        """Store a parse given as dicts; False when the cache is not writable."""
        path = self.path(text, model_id)
        payload: dict[str, Any] = {
            "format": ENTRY_FORMAT,
            "model": model_id,
            "sha256": text_digest(text),
            "sentences": entry.sentences,
        }
        if entry.comments is not None:
            payload["comments"] = entry.comments
        if entry.notes:
            payload["notes"] = [list(note) for note in entry.notes]
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, data)
        except OSError:
            return False
        _keep_under_cap(self, len(data))
        return True

    # -- housekeeping (``claimtrack cache info|clear|prune``) ------------------

    def files(self) -> Iterator[os.DirEntry]:
        """Every entry file, in no particular order."""
        yield from _entry_files(self.root)

    def info(self) -> CacheInfo:
        count = size = 0
        for item in self.files():
            count += 1
            size += _size(item)
        return CacheInfo(location=self.root, entries=count, size=size, max_size=max_size())

    def clear(self) -> tuple[int, int]:
        """Remove every entry; (entries, bytes) removed."""
        return self.prune(0)

    def prune(self, limit: int) -> tuple[int, int]:
        """Remove the least recently used entries until at most ``limit`` bytes
        remain; (entries, bytes) removed. Entries another process removes at
        the same time are skipped."""
        found = []
        for item in self.files():
            try:
                info = item.stat()
            except OSError:
                continue
            found.append((max(info.st_atime, info.st_mtime), info.st_size, item.path))
        total = sum(size for _, size, _ in found)
        removed = freed = 0
        for _, size, path in sorted(found):
            if total - freed <= limit:
                break
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            except OSError:
                continue
            removed += 1
            freed += size
        return removed, freed


_WRITTEN = {"bytes": 0, "checked": False}


def _keep_under_cap(cache: ParseCache, written: int) -> None:
    """Prune on the first write of a process and whenever a twentieth of the
    cap has been written since, so the cap holds without a walk per write."""
    _WRITTEN["bytes"] += written
    try:
        cap = max_size()
    except ClaimtrackError:
        cap = DEFAULT_MAX_SIZE
    if _WRITTEN["checked"] and _WRITTEN["bytes"] < cap / _CHECK_FRACTION:
        return
    _WRITTEN["bytes"] = 0
    _WRITTEN["checked"] = True
    if sum(_size(item) for item in cache.files()) > cap:
        cache.prune(cap - cap // _CHECK_FRACTION)


def _entry_files(root: Path) -> Iterator[os.DirEntry]:
    try:
        models = list(os.scandir(root))
    except OSError:
        return
    for model in models:
        if not model.is_dir(follow_symlinks=False):
            continue
        for shard in _scan(model.path):
            if shard.is_dir(follow_symlinks=False):
                for item in _scan(shard.path):
                    if item.name.endswith(".json") and not item.name.startswith(".tmp-"):
                        yield item


def _scan(path: str) -> list[os.DirEntry]:
    try:
        return list(os.scandir(path))
    except OSError:
        return []


def _size(item: os.DirEntry) -> int:
    try:
        return item.stat().st_size
    except OSError:
        return 0


def _touch(path: Path) -> None:
    """Mark an entry as used now, so pruning removes the least recently used."""
    try:
        os.utime(path, (time.time(), path.stat().st_mtime))
    except OSError:
        pass


_DIGESTS: dict[str, str] = {}
DIGESTS_FILE = "file-digests.json"


def file_digest(path: Path) -> str:
    """The sha256 of a file's content, remembered (in this process and in the
    cache folder) by its path, size and modification time, so that model files
    are hashed once, not on every start."""
    info = path.stat()
    key = f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}"
    if not _DIGESTS:
        _DIGESTS.update(_stored_digests())
    if key not in _DIGESTS:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _DIGESTS[key] = digest.hexdigest()
        _store_digests()
    return _DIGESTS[key]


def _stored_digests() -> dict[str, str]:
    try:
        stored = json.loads((cache_dir() / DIGESTS_FILE).read_bytes())
    except Exception:  # none yet, or damaged: hash again
        return {}
    if not isinstance(stored, dict):
        return {}
    return {key: value for key, value in stored.items() if isinstance(value, str) and len(value) == 64}


def _store_digests() -> None:
    path = cache_dir() / DIGESTS_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, json.dumps(_DIGESTS, indent=0, sort_keys=True).encode("utf-8"))
    except OSError:
        pass


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _entry(payload: Any, text: str, model_id: str) -> CacheEntry | None:
    if not isinstance(payload, dict) or payload.get("format") != ENTRY_FORMAT:
        return None
    if payload.get("model") != model_id or payload.get("sha256") != text_digest(text):
        return None
    sentences = payload["sentences"]
    comments = payload.get("comments")
    if not isinstance(sentences, list) or (comments is not None and len(comments) != len(sentences)):
        return None
    if not words_typed(sentences) or not offsets_hold(sentences, text):
        return None
    notes = tuple((int(start), int(end), str(message)) for start, end, message in payload.get("notes", ()))
    return CacheEntry(sentences=intern_strings(sentences), comments=comments, notes=notes)


def intern_strings(sentences: list) -> list:
    """The same dicts with every string value interned: a long article repeats
    a few thousand words, tags and relations, and keeping one copy of each
    takes its parse from about 660 to 390 bytes a word in memory."""
    intern = sys.intern
    for sentence in sentences:
        for item in sentence:
            for key, value in item.items():
                if type(value) is str:
                    item[key] = intern(value)
    return sentences


def syntactic_words(sentence: list[dict]) -> list[dict]:
    """The words of a sentence in dict form, without the dicts of multi-word tokens."""
    return [item for item in sentence if isinstance(item.get("id"), int)]


def units(sentence: list[dict]) -> Iterator[dict]:
    """The tokens of a sentence in dict form: a multi-word token's dict (its id
    a pair) stands for the words it covers; other words are their own token."""
    covered = 0
    for item in sentence:
        identifier = item["id"]
        if isinstance(identifier, (list, tuple)):
            if len(identifier) == 2:
                covered = identifier[1]
                yield item
            elif identifier and identifier[0] > covered:
                yield item
        elif identifier > covered:
            yield item


_WORD_TEXT_FIELDS = ("text", "lemma", "upos", "xpos", "feats", "deprel", "misc", "ner", "deps")


def words_typed(sentences: list) -> bool:
    """True when every word dict has the types a parse gives: text fields
    str, ``head`` an int, and ids 1, 2, 3... in order (a multi-word token's
    id a pair covering the next ones). A damaged entry is parsed again."""
    for sentence in sentences:
        if not isinstance(sentence, list):
            return False
        expected = 1
        for item in sentence:
            if not isinstance(item, dict):
                return False
            if any(key in item and not isinstance(item[key], str) for key in _WORD_TEXT_FIELDS):
                return False
            identifier = item.get("id")
            if isinstance(identifier, (list, tuple)):
                if len(identifier) != 2 or identifier[0] != expected or not all(type(i) is int for i in identifier):
                    return False
                continue
            if type(identifier) is not int or identifier != expected:
                return False
            if "head" in item and (type(item["head"]) is not int or not 0 <= item["head"] <= len(sentence)):
                return False
            expected += 1
    return True


def _read_entry_file(path: Path) -> bytes:
    """An entry's bytes, only from a regular file reached without a symlink
    (a FIFO or a link to /dev/zero in the cache folder must not hang a run)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path}: not a regular file")
        return handle.read()


def offsets_hold(sentences: list, text: str) -> bool:
    """True when every token's offsets point at its own text in ``text``."""
    for sentence in sentences:
        if not isinstance(sentence, list) or not sentence:
            return False
        for token in units(sentence):
            start, end = token.get("start_char"), token.get("end_char")
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != token.get("text"):
                return False
    return True
