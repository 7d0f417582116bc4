"""Reading input files: the text exactly as stored, or one line saying what is wrong."""

from __future__ import annotations

import codecs

import pytest

from claimtrack.errors import InputError
from claimtrack.parsing.textio import read_text


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_is_returned_exactly_as_stored(tmp_path):
    path = write(tmp_path, "a.txt", "“It is over,” she said.\r\nNext — line.\n".encode())
    assert read_text(path) == "“It is over,” she said.\r\nNext — line.\n"


def test_a_utf8_byte_order_mark_is_dropped(tmp_path):
    path = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + b"Officials said so.")
    assert read_text(path) == "Officials said so."


def test_utf16_with_byte_order_mark_is_read(tmp_path):
    path = write(tmp_path, "u16.txt", "Officials said so.".encode("utf-16"))
    assert read_text(path) == "Officials said so."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: empty file (no text to read)"),
        ("blank.txt", b" \n\t\n", "blank.txt: no text (only whitespace)"),
        ("data.bin", b"PK\x03\x04\x00\x00", "data.bin: binary file (NUL byte at offset 4), not text"),
        (
            "latin1.txt",
            "Line one\ncafé\n".encode("latin-1"),
            "latin1.txt: not UTF-8 (byte 0xE9 at offset 12, line 2); "
            "convert it first, e.g. iconv -f windows-1252 -t utf-8",
        ),
    ],
)
def test_unusable_content_gives_one_line_naming_the_file(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value) == f"{tmp_path / message}"


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match=r"nothing\.txt: no such file$"):
        read_text(tmp_path / "nothing.txt")


def test_directory(tmp_path):
    with pytest.raises(InputError, match=r": is a directory, not a text file$"):
        read_text(tmp_path)


def test_too_large(tmp_path):
    path = write(tmp_path, "big.txt", b"a" * 2048)
    with pytest.raises(InputError) as caught:
        read_text(path, max_bytes=1024)
    assert str(caught.value) == f"{path}: too large (2,048 bytes; the limit is 1,024 bytes)"
