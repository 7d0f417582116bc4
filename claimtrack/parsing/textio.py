"""Reading input documents: bytes -> text, with one-line errors naming the file.

The text is returned exactly as stored (line endings included), because every
offset claimtrack reports indexes into it. A UTF-8 byte order mark is dropped;
UTF-16 is read when the file starts with its byte order mark.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from claimtrack.errors import InputError

__all__ = ["MAX_BYTES", "decode", "read_text"]

MAX_BYTES = 20 * 1024 * 1024

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file, or an :class:`InputError` saying why it is not usable."""
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a text file")
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(f"{path}: too large ({_megabytes(info.st_size)}; the limit is {_megabytes(max_bytes)})")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(f"{path}: too large (more than {_megabytes(max_bytes)})")
    return decode(data, str(path))


def decode(data: bytes, name: str = "<input>") -> str:
    """Bytes as text: UTF-8 (with or without BOM), or UTF-16 with a BOM."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid UTF-16 (bad bytes at offset {error.start})") from None
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise InputError(f"{name}: binary file (NUL byte at offset {nul}), not text")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(_not_utf8(name, data, error)) from None
    if not text.strip():
        raise InputError(f"{name}: empty file (no text to read)" if not text else f"{name}: no text (only whitespace)")
    return text


def _not_utf8(name: str, data: bytes, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start]
    return (
        f"{name}: not UTF-8 (byte 0x{byte:02X} at offset {error.start}, line {line}); "
        f"convert it first, e.g. iconv -f windows-1252 -t utf-8"
    )


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size / (1024 * 1024):.1f} MB"
