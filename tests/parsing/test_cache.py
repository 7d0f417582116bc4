"""The parse cache: a hit skips Stanza, --no-cache skips the cache, a bad entry is re-parsed."""

from __future__ import annotations

import json

import pytest

import hashlib

from claimtrack.parsing.cache import DIGESTS_FILE, ENTRY_FORMAT, ParseCache, cache_dir, file_digest, text_digest
from claimtrack.parsing.parser import Parser, parse_conllu

TEXT = "Officials said the bridge was safe."
CONLLU = """\
# text = Officials said the bridge was safe.
1	Officials	official	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	_	_
3	the	the	DET	DT	Definite=Def|PronType=Art	4	det	_	_
4	bridge	bridge	NOUN	NN	Number=Sing	6	nsubj	_	_
5	was	be	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	6	cop	_	_
6	safe	safe	ADJ	JJ	Degree=Pos	2	ccomp	_	SpaceAfter=No
7	.	.	PUNCT	.	_	2	punct	_	_

"""


def offsets(doc):
    return [(token.text, token.start_char, token.end_char) for s in doc.sentences for token in s.tokens]


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache folder for this test only."""
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(tmp_path / "cache"))
    return ParseCache()


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(tmp_path / "here"))
    assert cache_dir() == tmp_path / "here"
    assert ParseCache().root == tmp_path / "here" / "parses"


def test_entry_path_is_model_then_text_hash(own_cache, tmp_path):
    digest = text_digest(TEXT)
    assert own_cache.path(TEXT, "compact-abc") == tmp_path / "cache" / "parses" / "compact-abc" / digest[:2] / f"{digest}.json"


def test_round_trip_keeps_offsets_and_annotations(own_cache):
    doc = parse_conllu(CONLLU, text=TEXT)
    assert own_cache.put(TEXT, "test-model", doc)
    again = own_cache.get(TEXT, "test-model")
    assert offsets(again) == [
        ("Officials", 0, 9), ("said", 10, 14), ("the", 15, 18), ("bridge", 19, 25),
        ("was", 26, 29), ("safe", 30, 34), (".", 34, 35),
    ]
    assert [(w.lemma, w.upos, w.head, w.deprel) for w in again.sentences[0].words] == [
        ("official", "NOUN", 2, "nsubj"), ("say", "VERB", 0, "root"), ("the", "DET", 4, "det"),
        ("bridge", "NOUN", 6, "nsubj"), ("be", "AUX", 6, "cop"), ("safe", "ADJ", 2, "ccomp"),
        (".", "PUNCT", 2, "punct"),
    ]
    assert again.text == TEXT


def test_entry_is_json_and_written_atomically(own_cache):
    own_cache.put(TEXT, "test-model", parse_conllu(CONLLU, text=TEXT))
    path = own_cache.path(TEXT, "test-model")
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert (payload["format"], payload["model"], payload["sha256"]) == (ENTRY_FORMAT, "test-model", text_digest(TEXT))
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_other_model_or_other_text_misses(own_cache):
    own_cache.put(TEXT, "test-model", parse_conllu(CONLLU, text=TEXT))
    assert own_cache.get(TEXT, "other-model") is None
    assert own_cache.get(TEXT + " ", "test-model") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"\x80\x04not json at all",  # a pickle-looking blob is never unpickled
        lambda data: data.replace(b'"start_char":0', b'"start_char":3'),  # offsets no longer fit
        lambda data: b"[]",
    ],
    ids=["truncated", "binary", "bad-offsets", "not-an-entry"],
)
def test_damaged_entry_reads_as_missing(own_cache, damage):
    own_cache.put(TEXT, "test-model", parse_conllu(CONLLU, text=TEXT))
    path = own_cache.path(TEXT, "test-model")
    path.write_bytes(damage(path.read_bytes()))
    assert own_cache.get(TEXT, "test-model") is None


def test_unwritable_cache_is_not_fatal(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(blocker))
    assert ParseCache().put(TEXT, "test-model", parse_conllu(CONLLU, text=TEXT)) is False


def test_file_digests_are_remembered_in_the_cache_folder(own_cache, tmp_path):
    model = tmp_path / "pos.pt"
    model.write_bytes(b"weights v1")
    assert file_digest(model) == hashlib.sha256(b"weights v1").hexdigest()
    stored = json.loads((tmp_path / "cache" / DIGESTS_FILE).read_text())
    assert hashlib.sha256(b"weights v1").hexdigest() in stored.values()
    model.write_bytes(b"weights v2, retrained")
    assert file_digest(model) == hashlib.sha256(b"weights v2, retrained").hexdigest()


def test_the_cache_key_changes_with_any_model_file_or_the_vectors(own_cache, tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    for name in ("tokenize", "pos", "lemma", "depparse"):
        (folder / f"{name}.pt").write_bytes(f"{name} v1".encode())
    keys = [Parser(folder, cache=False).model_id]
    (folder / "pos.pt").write_bytes(b"pos v2, retrained")
    keys.append(Parser(folder, cache=False).model_id)
    (folder / "pretrain.pt").write_bytes(b"glove vectors")
    keys.append(Parser(folder, cache=False).model_id)
    (folder / "pretrain.pt").write_bytes(b"glove vectors, more words")
    keys.append(Parser(folder, cache=False).model_id)
    (folder / "pos.pt").write_bytes(b"pos v1")
    (folder / "pretrain.pt").unlink()
    keys.append(Parser(folder, cache=False).model_id)
    assert [key.startswith("models-") for key in keys] == [True] * 5
    assert (len(set(keys[:4])), keys[4] == keys[0]) == (4, True)


# With the shipped models ----------------------------------------------------


@pytest.mark.slow
def test_second_parse_is_a_cache_hit(compact_parser, own_cache):
    compact_parser.parse(TEXT)
    assert compact_parser.last.cached is False
    first = offsets(compact_parser.parse(TEXT))
    assert compact_parser.last.cached is True
    assert own_cache.path(TEXT, compact_parser.model_id).is_file()
    assert all(TEXT[start:end] == text for text, start, end in first)


@pytest.mark.slow
def test_no_cache_neither_reads_nor_writes(compact_parser, own_cache):
    compact_parser.parse(TEXT, cache=False)
    assert compact_parser.last.cached is False
    assert not own_cache.path(TEXT, compact_parser.model_id).exists()


@pytest.mark.slow
def test_corrupt_entry_is_parsed_again_and_rewritten(compact_parser, own_cache):
    path = own_cache.path(TEXT, compact_parser.model_id)
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "claimtrack-parse/1", "sentences": [[{"id": ', encoding="utf-8")
    doc = compact_parser.parse(TEXT)
    assert compact_parser.last.cached is False
    assert [t.text for t in doc.sentences[0].tokens][:2] == ["Officials", "said"]
    assert json.loads(path.read_text(encoding="utf-8"))["sha256"] == text_digest(TEXT)
    compact_parser.parse(TEXT)
    assert compact_parser.last.cached is True


# Size cap, info, clear, prune ---------------------------------------------------------------


def one_word_entry(text: str):
    """A parse of a one-word text, as the cache stores it."""
    from claimtrack.parsing.cache import CacheEntry

    return CacheEntry([[{"id": 1, "text": text, "lemma": text, "upos": "X", "head": 0, "deprel": "root",
                         "start_char": 0, "end_char": len(text)}]])


@pytest.mark.parametrize(
    ("written", "size"),
    [("100000", 100_000), ("500MB", 500_000_000), ("2G", 2_000_000_000), ("1.5GiB", 1_610_612_736), ("64 kb", 64_000)],
)
def test_sizes_are_read_in_decimal_and_binary_units(written, size):
    from claimtrack.parsing.cache import parse_size

    assert parse_size(written) == size


def test_entries_are_read_as_dicts_without_stanza(own_cache):
    entry = one_word_entry("Hello")
    assert own_cache.put_entry("Hello", "m", entry) is True
    assert own_cache.entry("Hello", "m") == entry


def test_the_size_cap_holds_and_the_least_recently_used_go_first(own_cache, monkeypatch):
    import os

    from claimtrack.parsing import cache

    monkeypatch.setattr(cache, "_WRITTEN", {"bytes": 0, "checked": False})
    monkeypatch.setenv("CLAIMTRACK_CACHE_MAX_SIZE", "3000")
    words = [f"word{number:03}" for number in range(40)]
    for age, word in enumerate(words):
        own_cache.put_entry(word, "m", one_word_entry(word))
        path = own_cache.path(word, "m")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))  # written one second apart
    info = own_cache.info()
    assert info.size <= 3000 and info.entries < 40
    kept = [word for word in words if own_cache.path(word, "m").exists()]
    assert kept == words[-len(kept):], "the newest entries are the ones kept"


@pytest.mark.slow
def test_cache_command_shows_prunes_and_clears(own_cache, tmp_path, monkeypatch):
    import subprocess
    import sys

    for word in ("alpha", "bravo", "delta"):  # entries of one size
        own_cache.put_entry(word, "m", one_word_entry(word))
    size = own_cache.info().size

    def cache_command(*args):
        run = subprocess.run([sys.executable, "-m", "claimtrack", "cache", *args], capture_output=True, text=True, timeout=60)
        return run.returncode, run.stdout

    assert cache_command("info") == (
        0,
        f"location: {tmp_path / 'cache' / 'parses'}\nentries:  3\nsize:     {size} bytes\nsize cap: 2.0 GB ($CLAIMTRACK_CACHE_MAX_SIZE)\n",
    )
    code, output = cache_command("prune", "--max-size", str(size - 1))
    assert (code, output.split(";")[0]) == (0, f"removed 1 entries ({size // 3} bytes)")
    code, output = cache_command("clear")
    assert (code, output) == (0, f"removed 2 entries ({2 * size // 3} bytes); 0 entries (0 bytes) left in {tmp_path / 'cache' / 'parses'}\n")


@pytest.mark.slow  # several processes
def test_writers_in_several_processes_never_leave_half_an_entry(own_cache):
    import concurrent.futures
    import multiprocessing

    text = "Several workers parse the same text at once."
    with concurrent.futures.ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_write_entry, [(str(own_cache.root), text)] * 16))
    assert results == [True] * 16
    assert own_cache.entry(text, "m") == one_word_entry(text)
    assert [path.name for path in own_cache.path(text, "m").parent.iterdir()] == [own_cache.path(text, "m").name]


def _write_entry(arguments):
    root, text = arguments
    return ParseCache(root).put_entry(text, "m", one_word_entry(text))
