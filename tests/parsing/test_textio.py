"""Reading input files: the text exactly as stored, or one line saying what is
wrong; and where lines and paragraphs end, for Stanza and for the stages."""

from __future__ import annotations

import codecs
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from claimtrack.errors import InputError
from claimtrack.parsing.textio import display_name, read_text
from claimtrack.parsing.textprep import (
    LineBreaks,
    QuoteMarks,
    Replaced,
    is_line_break,
    line_break_count,
    line_spans,
    paragraph_spans,
    replace_surrogates,
)


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


def test_too_large_says_the_size_and_the_limit_exactly(tmp_path):
    path = write(tmp_path, "big.txt", b"a" * 2048)
    with pytest.raises(InputError) as caught:
        read_text(path, max_bytes=1024)
    assert str(caught.value) == f"{path}: too large: 2,048 bytes, over the limit of 1,024 bytes"


def test_one_byte_over_a_limit_of_megabytes_reads_differently_from_the_limit(tmp_path):
    limit = 10 * 1024 * 1024
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(limit + 1)  # sparse: no 10 MB written
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert str(caught.value) == (
        f"{path}: too large: 10,485,761 bytes (10.0 MiB), over the limit of 10,485,760 bytes (10.0 MiB)"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_without_a_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        _within_seconds(2, read_text, fifo)
    assert str(caught.value) == f"{fifo}: is a named pipe (FIFO), not a text file"


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="no /dev/null")
def test_a_device_is_refused():
    with pytest.raises(InputError) as caught:
        read_text("/dev/null")
    assert str(caught.value) == "/dev/null: is a character device, not a text file"


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no unix sockets")
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError) as caught:
            read_text(path)
    assert str(caught.value) == f"{path}: is a socket, not a text file"


def test_a_symlink_to_a_regular_file_is_read(tmp_path):
    target = write(tmp_path, "a.txt", b"Officials said so.")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_text(link) == "Officials said so."


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="needs byte file names")
def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(path, "wb") as handle:
        handle.write(b"")
    with pytest.raises(InputError) as caught:
        read_text(os.fsdecode(path))
    assert str(caught.value) == f"{tmp_path}/caf\\xe9.txt: empty file (no text to read)"
    assert display_name(os.fsdecode(path)).endswith("caf\\xe9.txt")


def _within_seconds(seconds: int, function, *args):
    """Call ``function`` in a daemon thread; a call that blocks fails the test
    instead of hanging the run."""
    outcome: dict[str, object] = {}

    def call():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the test below
            outcome["error"] = error

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        pytest.fail(f"{function.__name__} still blocked after {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# ---------------------------------------------------------------------------
# Lines and paragraphs: one definition for Stanza and the stages


SEPARATORS = "a\nb\r\nc\rd\ve\ff\x1cg\x1dh\x1ei\x85j\u2028k\u2029l"


def test_a_line_ends_where_splitlines_ends_it():
    assert [SEPARATORS[s:e] for s, e in line_spans(SEPARATORS)] == SEPARATORS.splitlines()
    assert line_spans(SEPARATORS)[:3] == [(0, 1), (2, 3), (5, 6)]
    assert line_break_count(SEPARATORS) == 11


def test_blank_lines_are_lines_and_a_final_break_ends_the_last_line():
    assert line_spans("a\n\nb\n") == [(0, 1), (2, 2), (3, 4)]
    assert line_spans("") == []


@pytest.mark.parametrize(
    ("char", "breaks"),
    [("\n", True), ("\u2028", True), ("\x85", True), ("\v", True), ("\f", True), ("\t", False),
     ("\xa0", False), (" ", False), ("", False), ("\r\n", False)],
)
def test_is_line_break(char, breaks):
    assert is_line_break(char) is breaks


def test_every_non_blank_line_is_a_paragraph_without_the_space_around_it():
    text = "  PARIS \u2028\u2028 The minister said it. \n\t\nEnd"
    # PARIS: 2-7; breaks at 8 and 9; the sentence: 11-32; breaks at 33 and 35; End: 36-39
    assert paragraph_spans(text) == [(2, 7), (11, 32), (36, 39)]
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["PARIS", "The minister said it.", "End"]


@pytest.mark.parametrize(
    ("text", "prepared"),
    [
        ("Headline\nBody.", "Headline\n\nBody."),
        ("Headline\r\nBody.", "Headline\r\n\nBody."),
        ("One.\n\nTwo.", "One.\n\nTwo."),
        ("One.\n \nTwo.", "One.\n \nTwo."),
        ("PARIS\u2028The minister", "PARIS\n\nThe minister"),
        ("Dateline\vOfficials\fThe mayor", "Dateline\n\nOfficials\n\nThe mayor"),
        ("Headline\x85Body.", "Headline\n\nBody."),
        ("a\u2029\u2029b", "a\n\nb"),
    ],
)
def test_stanza_sees_a_blank_line_at_every_line_break(text, prepared):
    assert LineBreaks(text).prepared == prepared


def test_prepared_offsets_map_back_to_the_original():
    breaks = LineBreaks("PARIS\u2028The minister\nsaid it.")
    #                    0     6                 19
    assert breaks.prepared == "PARIS\n\nThe minister\n\nsaid it."
    assert [breaks.to_original(offset) for offset in (0, 5, 7, 19, 21)] == [0, 5, 6, 18, 19]


@pytest.mark.slow
@pytest.mark.parametrize("separator", ["\n", "\u2028", "\x85", "\v", "\f"])
def test_a_dateline_before_any_line_break_is_its_own_sentence(parse_text, separator):
    doc = parse_text(f"Dateline{separator}Officials said the fire was out.")
    assert [sentence.text for sentence in doc.sentences] == ["Dateline", "Officials said the fire was out."]
    assert [(token.start_char, token.end_char) for token in doc.sentences[1].tokens][:2] == [(9, 18), (19, 23)]


def test_lone_surrogates_become_replacement_characters_at_the_same_offsets():
    assert replace_surrogates("\ud800 The minister said it.") == Replaced("\ufffd The minister said it.", 1)
    assert replace_surrogates("a\udc80b\ud83d") == Replaced("a\ufffdb\ufffd", 2)
    assert replace_surrogates("No change \U0001f600.") == Replaced("No change \U0001f600.", 0)


@pytest.mark.parametrize(
    "text, prepared",
    [
        ("''We will appeal,'' she said.", '"We will appeal," she said.'),
        ("``We will appeal,'' she said.", '"We will appeal," she said.'),
        ("with 'We'll bomb them,''' said McCain", "with 'We'll bomb them,' \" said McCain"),
        ("'''Tis true,'' he said", "\" 'Tis true,\" he said"),
        ("a stray '''' run and don't", "a stray '''' run and don't"),
        ("special case,'\" Mr. Putin said", "special case,' \" Mr. Putin said"),
        ("special case,\u2019\u201d Mr. Putin said", "special case,\u2019 \u201d Mr. Putin said"),
    ],
)
def test_stanza_sees_doubled_and_stacked_quotation_marks_apart(text, prepared):
    assert QuoteMarks(text).prepared == prepared == LineBreaks(text).prepared


def test_a_rewritten_mark_spans_both_original_characters():
    text = "He said: ''No.''\n''Yes,''' she said."
    breaks = LineBreaks(text)
    #                       0123456789012345 6 78901234
    assert breaks.prepared == "He said: \"No.\"\n\n\"Yes,' \" she said."
    tokens = [(9, 10), (10, 12), (12, 13), (13, 14), (16, 17), (17, 20), (20, 21), (21, 22), (23, 24)]
    assert [text[breaks.to_original(s) : breaks.to_original(e)] for s, e in tokens] == [
        "''", "No", ".", "''", "''", "Yes", ",", "'", "''",
    ]
