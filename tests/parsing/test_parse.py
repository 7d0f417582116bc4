"""Parsing: offsets into the original text, CoNLL-U input, model selection."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack.errors import ConlluError, ModelError
from claimtrack.parsing.parser import COMPACT_DIR, Parser, default_parser, get_parser, parse_conllu, resolve_models

from repo_paths import TEST_DATA


GUM_CONLLU = TEST_DATA / "gum" / "GUM_news_worship.conllu"
GUM_TEXT = (TEST_DATA / "gum" / "GUM_news_worship.txt").read_text(encoding="utf-8")


def tokens(doc):
    return [token for sentence in doc.sentences for token in sentence.tokens]


def words(doc):
    return [word for sentence in doc.sentences for word in sentence.words]


# Parsing raw text with the shipped models -----------------------------------

QUOTED = "“We will not stop,” said Mara Quist — the minister — on Tuesday.\n\nOfficials didn't confirm it."


@pytest.mark.slow
def test_every_token_offset_points_into_the_original_text(parse_text):
    doc = parse_text(QUOTED)
    assert doc.text == QUOTED
    assert all(QUOTED[t.start_char : t.end_char] == t.text for t in tokens(doc))
    spans = {(t.text, t.start_char, t.end_char) for t in tokens(doc)}
    assert {("“", 0, 1), ("”", 18, 19), ("—", 36, 37), ("—", 51, 52), ("Officials", 66, 75)} <= spans


@pytest.mark.slow
def test_parse_gives_lemmas_tags_and_a_tree(parse_text):
    doc = parse_text("The minister said the bridge was safe.")
    said = next(w for w in words(doc) if w.text == "said")
    assert (said.lemma, said.upos, said.deprel) == ("say", "VERB", "root")
    assert [w.head for w in words(doc)].count(0) == 1


def test_default_parser_is_built_once(monkeypatch):
    monkeypatch.delenv("CLAIMTRACK_MODELS", raising=False)
    assert default_parser() is default_parser() is get_parser("compact")
    assert default_parser().models.path == COMPACT_DIR


def test_parser_loads_nothing_until_a_parse_misses_the_cache():
    parser = Parser("compact")
    assert parser.loaded is False
    int8 = "-int8" if parser.quantize else ""  # int8 is the default unless $CLAIMTRACK_INT8=0
    assert parser.model_id.startswith("compact-") and len(parser.model_id) == len("compact-") + 16 + len(int8)
    assert parser.model_id.endswith(int8)


def test_models_env_names_the_default(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMTRACK_MODELS", str(tmp_path))
    with pytest.raises(ModelError) as caught:
        default_parser()
    assert str(caught.value) == f"{tmp_path}: missing model files tokenize.pt, pos.pt, lemma.pt, depparse.pt"


def test_a_folder_of_models_is_a_model_set(tmp_path):
    for name in ("tokenize", "pos", "lemma", "depparse"):
        (tmp_path / f"{name}.pt").write_bytes(b"x")
    models = resolve_models(tmp_path)
    assert (models.name, models.processors, models.official) == (tmp_path.name, ("tokenize", "pos", "lemma", "depparse"), False)


def test_missing_official_models_say_how_to_get_them(monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "stanza"))
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(ModelError) as caught:
        Parser("stanza")
    message = str(caught.value)
    assert message.startswith("Stanza's official English models are not installed (looked in ")
    assert "stanza.download('en') on a machine with internet" in message
    assert "\n" not in message


def test_official_models_are_found_from_resources_json(monkeypatch, tmp_path):
    root = tmp_path / "stanza"
    (root / "en").mkdir(parents=True)
    (root / "resources.json").write_text(
        '{"en": {"default_processors": {"tokenize": "combined", "pos": "combined_charlm", '
        '"lemma": "combined_nocharlm", "depparse": "combined_charlm"}}}'
    )
    for processor, package in [("tokenize", "combined"), ("pos", "combined_charlm"),
                               ("lemma", "combined_nocharlm"), ("depparse", "combined_charlm")]:
        (root / "en" / processor).mkdir()
        (root / "en" / processor / f"{package}.pt").write_bytes(b"x")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(root))
    models = resolve_models("stanza")
    assert (models.name, models.path, models.official) == ("stanza", root, True)
    assert models.processors == ("tokenize", "pos", "lemma", "depparse")


@pytest.mark.slow
def test_import_claimtrack_does_not_import_stanza():
    code = "import sys, claimtrack, claimtrack.parsing.parser, claimtrack.cli; print('stanza' in sys.modules, 'torch' in sys.modules)"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.split() == ["False", "False"]


# CoNLL-U input --------------------------------------------------------------


def test_gum_conllu_with_its_text_aligns_by_token_range():
    doc = parse_conllu(GUM_CONLLU, text=GUM_TEXT)
    assert doc.text == GUM_TEXT
    assert len(doc.sentences) == 9
    assert all(GUM_TEXT[t.start_char : t.end_char] == t.text for t in tokens(doc))
    first = [(t.text, t.start_char, t.end_char) for t in doc.sentences[0].tokens][:3]
    assert first == [("Greek", 0, 5), ("court", 6, 11), ("rules", 12, 17)]
    assert doc.sentences[1].text == "Monday, March 27, 2006"


def test_gum_conllu_alone_rebuilds_its_text_from_token_ranges():
    doc = parse_conllu(GUM_CONLLU)
    assert doc.text == GUM_TEXT  # paragraphs (# newpar) on new lines, sentences joined by a space


def test_gold_annotations_survive():
    doc = parse_conllu(GUM_CONLLU, text=GUM_TEXT)
    ruled = next(w for w in words(doc) if w.text == "ruled")
    assert (ruled.lemma, ruled.upos, ruled.xpos, ruled.deprel) == ("rule", "VERB", "VBN", "root")


MWT = """\
# text = Ellen's dog didn't bark.
1-2	Ellen's	_	_	_	_	_	_	_	TokenRange=4:11
1	Ellen	Ellen	PROPN	NNP	Number=Sing	3	nmod:poss	_	_
2	's	's	PART	POS	_	1	case	_	_
3	dog	dog	NOUN	NN	Number=Sing	6	nsubj	_	TokenRange=12:15
4-5	didn't	_	_	_	_	_	_	_	TokenRange=16:22
4	did	do	AUX	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	6	aux	_	_
5	n't	not	PART	RB	Polarity=Neg	6	advmod	_	_
6	bark	bark	VERB	VB	VerbForm=Inf	0	root	_	SpaceAfter=No|TokenRange=23:27
7	.	.	PUNCT	.	_	6	punct	_	TokenRange=27:28

"""


def test_multiword_tokens_and_their_words_get_offsets():
    text = "So: Ellen's dog didn't bark."
    doc = parse_conllu(MWT, text=text)
    assert [(t.text, t.start_char, t.end_char) for t in tokens(doc)] == [
        ("Ellen's", 4, 11), ("dog", 12, 15), ("didn't", 16, 22), ("bark", 23, 27), (".", 27, 28),
    ]
    assert [(w.text, w.start_char, w.end_char) for w in words(doc)] == [
        ("Ellen", 4, 9), ("'s", 9, 11), ("dog", 12, 15), ("did", 16, 19), ("n't", 19, 22),
        ("bark", 23, 27), (".", 27, 28),
    ]


def without_token_ranges(conllu: str) -> str:
    """The same CoNLL-U with every ``TokenRange`` removed from MISC."""
    lines = []
    for line in conllu.splitlines():
        fields = line.split("\t")
        if len(fields) == 10:
            misc = "|".join(item for item in fields[9].split("|") if not item.startswith("TokenRange="))
            fields[9] = misc or "_"
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def test_conllu_without_token_ranges_is_laid_over_the_given_text():
    text = "Ellen's  dog\ndidn't bark."
    doc = parse_conllu(without_token_ranges(MWT), text=text)
    assert [(t.text, t.start_char) for t in tokens(doc)] == [
        ("Ellen's", 0), ("dog", 9), ("didn't", 13), ("bark", 20), (".", 24),
    ]


def test_conllu_without_text_rebuilds_it_from_the_tokens():
    doc = parse_conllu(without_token_ranges(MWT))
    assert doc.text == "Ellen's dog didn't bark."
    assert [(t.text, t.start_char) for t in tokens(doc)][-2:] == [("bark", 19), (".", 23)]


def test_tokens_missing_from_the_given_text_are_an_error():
    with pytest.raises(ConlluError) as caught:
        parse_conllu(without_token_ranges(MWT), text="Ellen's dog did not bark.")
    assert str(caught.value) == "<conllu>: token \"didn't\" not found in the text after offset 11"


def test_text_that_does_not_match_the_token_ranges_is_an_error():
    with pytest.raises(ConlluError) as caught:
        parse_conllu(MWT, text="So: Helen's cat didn't bark.")
    assert str(caught.value) == "<conllu>: TokenRange=4:11 of token \"Ellen's\" does not match the text (\"Helen's\" there)"


def test_malformed_conllu_names_the_file(tmp_path):
    path = tmp_path / "broken.conllu"
    path.write_text("1\tonly\tthree\n\n", encoding="utf-8")
    with pytest.raises(ConlluError) as caught:
        parse_conllu(path)
    assert str(caught.value).startswith(f"{path}: not valid CoNLL-U (")
    assert "\n" not in str(caught.value)


@pytest.mark.slow
def test_claimtrack_parse_is_callable_even_after_importing_the_module(monkeypatch):
    import claimtrack.parsing.parser  # binds claimtrack.parsing.parser to the module
    import claimtrack

    monkeypatch.delenv("CLAIMTRACK_MODELS", raising=False)
    doc = claimtrack.parse("The minister said the bridge was safe.")
    assert [t.text for t in doc.sentences[0].tokens][:3] == ["The", "minister", "said"]


LONG_URL = "http://example.org/search?" + "&".join(f"q{n}=gunther+uecker+{n}" for n in range(20))


@pytest.mark.slow
def test_an_overlong_token_keeps_its_own_text(parse_text):
    # Stanza's tokenizer writes <UNK> for a token this long; claimtrack restores it
    text = f"See {LONG_URL} now. He said so."
    doc = parse_text(text)
    assert len(LONG_URL) > 400
    assert all(text[t.start_char : t.end_char] == t.text for t in tokens(doc))
    assert "<UNK>" not in {w.text for w in words(doc)}


def conllu_of(forms: list[str]) -> str:
    """A one-sentence CoNLL-U with these token forms (flat tree, no offsets)."""
    lines = [
        f"{n}\t{form}\t{form}\tX\tX\t_\t{0 if n == 1 else 1}\t{'root' if n == 1 else 'dep'}\t_\t_"
        for n, form in enumerate(forms, start=1)
    ]
    return "\n".join(lines) + "\n\n"


FORMS = st.text(alphabet="abcXYZ019.,;:!?\"'“”‘’—–-()$%é", min_size=1, max_size=6).filter(lambda f: f != "_")
GAPS = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", " \u00a0 "])


@settings(deadline=None)  # the first example imports stanza
@given(forms=st.lists(FORMS, min_size=1, max_size=10), gaps=st.lists(GAPS, min_size=10, max_size=10), lead=GAPS)
def test_tokens_laid_over_any_spacing_point_at_themselves(forms, gaps, lead):
    text = lead + "".join(form + gap for form, gap in zip(forms, gaps))
    doc = parse_conllu(conllu_of(forms), text=text)
    assert doc.text == text
    assert [text[t.start_char : t.end_char] for t in tokens(doc)] == forms


# Bounded memory: chunks, long lines, long sentences (issue 12, defect 3) -----


def test_chunks_are_cut_after_line_breaks_and_make_the_whole_text():
    from claimtrack.parsing.parser import paragraph_chunks

    text = "First line.\nSecond line.\n\nThird paragraph here.\n"
    chunks = list(paragraph_chunks(text, limit=30))
    assert chunks == [
        (0, "First line.\nSecond line.\n\n", None),
        (26, "Third paragraph here.\n", None),
    ]


def test_a_line_longer_than_a_chunk_is_cut_at_a_sentence_end_with_a_note():
    from claimtrack.parsing.parser import paragraph_chunks

    text = "One two three. Four five six seven. Eight nine ten eleven twelve."
    chunks = list(paragraph_chunks(text, limit=40))
    assert [(offset, chunk) for offset, chunk, _ in chunks] == [
        (0, "One two three. Four five six seven. "),
        (36, "Eight nine ten eleven twelve."),
    ]
    assert chunks[0][2] == (0, 36, "a line longer than 40 characters was cut here for the parser")


def test_a_line_without_sentence_ends_is_cut_at_a_space():
    from claimtrack.parsing.parser import paragraph_chunks

    assert [chunk for _, chunk, _ in paragraph_chunks("aaaa bbbb cccc dddd", limit=12)] == ["aaaa bbbb ", "cccc dddd"]


def test_long_sentences_are_split_into_even_pieces_with_words_renumbered(monkeypatch):
    from claimtrack.parsing import chunks

    monkeypatch.setattr(chunks, "MAX_SENTENCE_WORDS", 3)
    sentence = [
        {"id": 1, "text": "We", "start_char": 0, "end_char": 2},
        {"id": (2, 3), "text": "don't", "start_char": 3, "end_char": 8},
        {"id": 2, "text": "do", "start_char": 3, "end_char": 5},
        {"id": 3, "text": "n't", "start_char": 5, "end_char": 8},
        {"id": 4, "text": "know", "start_char": 9, "end_char": 13},
        {"id": 5, "text": "it", "start_char": 14, "end_char": 16},
        {"id": 6, "text": "now", "start_char": 17, "end_char": 20},
    ]
    pieces, notes = chunks.split_long_sentences([sentence])
    assert [[(item["id"], item["text"]) for item in piece] for piece in pieces] == [
        [(1, "We"), ((2, 3), "don't"), (2, "do"), (3, "n't"), (4, "know")],
        [(1, "it"), (2, "now")],
    ]
    assert notes == [(0, 20, "a sentence of 5 tokens was parsed in 2 pieces of at most 3 tokens")]


@pytest.mark.slow
def test_a_parse_in_small_chunks_keeps_offsets_and_reports_its_cuts(monkeypatch):
    from claimtrack.parsing import chunks

    monkeypatch.setattr(chunks, "MAX_SENTENCE_WORDS", 6)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 60)
    text = "The minister said on Monday that the old bridge over the river was safe for now.\nOfficials agreed."
    (parsed,) = Parser("compact", cache=False).parse_many([text])
    spans = [(token["start_char"], token["end_char"], token["text"]) for s in parsed.sentences for token in s]
    assert all(text[start:end] == token for start, end, token in spans)
    assert [token for _, _, token in spans] == text.replace(".", " .").split()
    assert max(len(sentence) for sentence in parsed.sentences) <= 6
    # "The minister ... over the " (11 tokens, cut at the last space before
    # character 60) is split for the parser; "river was safe for now." is not.
    assert parsed.notes == (
        (0, 56, "a sentence of 11 tokens was parsed in 2 pieces of at most 6 tokens"),
        (0, 57, "a line longer than 60 characters was cut here for the parser"),
    )


@pytest.mark.slow
def test_a_3000_word_sentence_without_punctuation_parses_in_4_gb(tmp_path):
    words = ("the minister said that officials would review the report and the council agreed " * 250).split()[:3000]
    article = tmp_path / "unpunctuated.txt"
    article.write_text(" ".join(words) + "\n", encoding="utf-8")
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (4_000_000 * 1024, 4_000_000 * 1024))"
    probe = (
        f"{limit}\nfrom claimtrack.parsing.parser import Parser\n"
        f"(parsed,) = Parser('compact', cache=False).parse_many([open({str(article)!r}).read()])\n"
        "print(parsed.tokens, len(parsed.notes))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=600)
    assert (run.returncode, run.stdout) == (0, "3000 3\n"), run.stderr[-500:]
