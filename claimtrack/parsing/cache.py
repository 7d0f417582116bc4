"""The on-disk parse cache: a parsed document is stored once per text and model.

Entries live under ``cache_dir()/parses/<model id>/<aa>/<sha256 of text>.json``
as JSON (stanza's sentence dicts and comments, never pickle), written to a
temporary file and renamed into place so a reader never sees half an entry.
An entry that cannot be read, belongs to another text, or whose offsets do not
point at its tokens is treated as missing: the text is parsed again and the
entry rewritten.

The cache directory is ``$CLAIMTRACK_CACHE_DIR`` if set, else the user cache
directory (``platformdirs`` when installed, else ``$XDG_CACHE_HOME`` or
``~/.cache``) plus ``claimtrack``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

__all__ = ["ENTRY_FORMAT", "ParseCache", "cache_dir", "file_digest", "text_digest"]

ENTRY_FORMAT = "claimtrack-parse/1"


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
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ParseCache:
    """Parsed documents on disk, keyed by the text's sha256 and the model id."""

    def __init__(self, root: str | os.PathLike[str] | None = None):
        self.root = Path(root) if root is not None else cache_dir() / "parses"

    def path(self, text: str, model_id: str) -> Path:
        digest = text_digest(text)
        return self.root / model_id / digest[:2] / f"{digest}.json"

    def get(self, text: str, model_id: str) -> Document | None:
        """The cached parse of ``text`` by ``model_id``, or None (missing or unusable)."""
        path = self.path(text, model_id)
        try:
            payload = json.loads(path.read_bytes())
            return _document(payload, text, model_id)
        except Exception:  # missing, unreadable or damaged in any way: parse again
            return None

    def put(self, text: str, model_id: str, doc: Document) -> bool:
        """Store a parse; False (and nothing written) when the cache is not writable."""
        path = self.path(text, model_id)
        payload = {
            "format": ENTRY_FORMAT,
            "model": model_id,
            "sha256": text_digest(text),
            "sentences": doc.to_dict(),
            "comments": doc.sentence_comments(),
        }
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, data)
        except OSError:
            return False
        return True


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


def _document(payload: Any, text: str, model_id: str) -> Document | None:
    if not isinstance(payload, dict) or payload.get("format") != ENTRY_FORMAT:
        return None
    if payload.get("model") != model_id or payload.get("sha256") != text_digest(text):
        return None
    from stanza.models.common.doc import Document

    sentences = payload["sentences"]
    comments = payload.get("comments")
    if not isinstance(sentences, list) or (comments is not None and len(comments) != len(sentences)):
        return None
    doc = Document(sentences, text, comments) if comments is not None else Document(sentences, text)
    return doc if _offsets_hold(doc, text) else None


def _offsets_hold(doc: Document, text: str) -> bool:
    for sentence in doc.sentences:
        for token in sentence.tokens:
            start, end = token.start_char, token.end_char
            if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != token.text:
                return False
    return True
