"""Reading input documents: bytes -> text, with one-line errors naming the file.

The text is returned exactly as stored (line endings included), because every
offset claimtrack reports indexes into it. A UTF-8 byte order mark is dropped;
UTF-16 is read when the file starts with its byte order mark. Only regular
files are read, and at most ``MAX_BYTES`` of them, so no input can block the
reader or fill the memory (docs/security.md).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from claimtrack.errors import InputError

__all__ = ["MAX_BYTES", "check_size", "decode", "display_name", "read_limited", "read_text"]

MAX_BYTES = 10 * 1024 * 1024  # about 2.5 GB of memory to parse (docs/scale.md)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_KINDS = {
    stat.S_IFDIR: "is a directory",
    stat.S_IFIFO: "is a named pipe (FIFO)",
    stat.S_IFCHR: "is a character device",
    stat.S_IFBLK: "is a block device",
    stat.S_IFSOCK: "is a socket",
}


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """The text of a file, or an :class:`InputError` saying why it is not usable.

    Only regular files are read: a FIFO with no writer, a terminal or a device
    would block or never end, so they are refused before they are opened.
    """
    path = Path(path)
    name = display_name(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from None
    _check_kind(name, info)
    check_size(info.st_size, name, max_bytes)
    try:
        data = _read_regular(path, name, max_bytes)
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: too large: grew past the limit of {_size(max_bytes)} while being read")
    return decode(data, name)


def display_name(path: str | os.PathLike[str]) -> str:
    """The path as printable text: bytes of a file name that is not UTF-8,
    and control characters (ESC, BEL, a line break: a name could move the
    cursor, retitle the terminal or forge a line), appear as ``\\xNN``
    instead of breaking the terminal or the encoder."""
    name = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", name)


def _check_kind(name: str, info: os.stat_result) -> None:
    if stat.S_ISREG(info.st_mode):
        return
    kind = _KINDS.get(stat.S_IFMT(info.st_mode), "is a special file")
    raise InputError(f"{name}: {kind}, not a text file")


def _read_regular(path: Path, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes, checking again on the open file
    that it is a regular one (the path may have been swapped since stat).
    O_NONBLOCK makes even a FIFO open at once, so that check cannot hang."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        _check_kind(name, os.fstat(descriptor))
        return handle.read(max_bytes + 1)


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


def _size(size: int) -> str:
    """Bytes exactly (two sizes a byte apart never read the same), and in
    MiB from one MiB on."""
    if size < 1024 * 1024:
        return f"{size:,} bytes"
    return f"{size:,} bytes ({size / (1024 * 1024):.1f} MiB)"


# -- the input-size gate: one limit, one message, for every road in (a file,
# standard input, a JSONL record, the Python API)


def check_size(size: int, name: str, max_bytes: int = MAX_BYTES) -> None:
    """Refuse an input of ``size`` bytes over ``max_bytes`` in one line."""
    if size > max_bytes:
        raise InputError(f"{name}: too large: {_size(size)}, over the limit of {_size(max_bytes)}")


def read_limited(handle: BinaryIO, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """At most ``max_bytes`` from a stream (standard input): it reads
    ``max_bytes + 1`` bytes at most, so an endless stream is refused, not
    read until the memory is full."""
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: too large: more than the limit of {_size(max_bytes)}")
    return data
