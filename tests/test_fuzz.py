"""Fuzzing: random text and random parses through claimtrack.

What must hold for every input, however odd:

- nothing raises except claimtrack's own errors (:class:`ClaimtrackError`,
  :class:`RulesError`), which carry one line for the user;
- every span in a result is the slice of the document text it claims to be;
- every example finishes within seconds (a hypothesis deadline, and an alarm
  that stops a hang: a tree whose heads form a cycle must not loop forever).

The random parses are CoNLL-U documents: made-up sentences of news words
with any heads (cycles, self-loops, heads past the sentence), and sentences
of a real GUM news article with their heads, labels, forms and offsets
damaged. Each goes through ``parse_conllu``, ``extract_document`` and every
export format.

A CI run tries a few dozen examples per property, the same ones every time.
``CLAIMTRACK_FUZZ=100000 python -m pytest -q tests/test_fuzz.py`` tries
100,000 new ones per property (so does tests/corpus/test_fuzz_corpus.py, a
whole corpus run on hostile front matter and JSONL metadata);
``CLAIMTRACK_FUZZ_STATS=FILE`` writes the counts (examples, refused inputs,
claims, exports) to FILE as JSON as it goes; with
``CLAIMTRACK_FUZZ_KEEP_GOING=1`` a failing CoNLL-U document is counted there
under its kind and place, with the shortest input seen, and the run goes on
instead of stopping to shrink the first failure. The profiles, the alarm and
the counts are in tests/fuzz_support.py.
"""

from __future__ import annotations

import functools
import re
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from fuzz_support import (
    EXAMPLE_SECONDS,
    FUZZ,
    KEEP_GOING,
    OWN_ERRORS,
    SLOWEST,
    TALLY,
    Hang,
    InvalidSpan,
    _stats_at_the_end,  # noqa: F401 (autouse: writes the counts)
    count,
    record_failure,
    time_limit,
)

from claimtrack.errors import InputError
from claimtrack.parsing.textio import decode
from claimtrack.parsing.textprep import (
    LINE_BREAK_CHARS,
    LineBreaks,
    QuoteMarks,
    is_line_break,
    line_spans,
    paragraph_spans,
    replace_surrogates,
)

GUM_NEWS = Path(__file__).parent / "data" / "gum" / "GUM_news_worship.conllu"
pytestmark = pytest.mark.filterwarnings("ignore:Unexpected SpaceAfter=No annotation")


# ---------------------------------------------------------------------------
# Text-level helpers

ODD_CHARS = LINE_BREAK_CHARS + " \t\xa0\u200b\ufeff\ufffd\x00\x80\x9f\ud800\udfff“”\"'‘’«»—`"
texts = st.text(alphabet=st.sampled_from(ODD_CHARS) | st.characters(), max_size=200)
STANZA_PARAGRAPH_BREAK = re.compile(r"\n[\s\u0080-\u009f]*\n")  # stanza.models.tokenization.data
ANY_BREAK = re.compile("\r\n|[" + re.escape(LINE_BREAK_CHARS) + "]")


@FUZZ
@given(st.binary(max_size=300) | texts.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_decoding_any_bytes_gives_text_or_one_line(data):
    count("decode")
    try:
        text = decode(data, "fuzz.txt")
    except InputError as error:
        assert str(error).startswith("fuzz.txt: ") and "\n" not in str(error)
        return
    assert text.strip()
    assert "\x00" not in text or data.startswith((b"\xff\xfe", b"\xfe\xff"))


@FUZZ
@given(texts)
def test_lines_are_those_of_splitlines_and_paragraphs_are_their_stripped_non_blank_ones(text):
    count("lines")
    lines = line_spans(text)
    assert [text[start:end] for start, end in lines] == text.splitlines()
    assert [text[start:end] for start, end in paragraph_spans(text)] == [
        line.strip() for line in text.splitlines() if line.strip()
    ]
    assert not any(is_line_break(char) for start, end in lines for char in text[start:end])


@FUZZ
@given(texts)
def test_stanza_sees_every_line_as_its_own_paragraph_at_the_same_offsets(text):
    count("prepared for stanza")
    breaks = LineBreaks(text)
    prepared = breaks.prepared
    for chunk in STANZA_PARAGRAPH_BREAK.split(prepared):
        assert "\n" not in chunk.strip(), chunk
    # Doubled quotation marks are written as '"' first (QuoteMarks); a run of
    # non-space characters maps back to the run it was prepared from.
    quoted = QuoteMarks(text).prepared
    assert prepared.replace("\n", "") == ANY_BREAK.sub(lambda m: "\r" if m[0] == "\r\n" else "", quoted)
    for run in re.finditer(r"\S+", prepared):
        start, end = breaks.to_original(run.start()), breaks.to_original(run.end())
        assert QuoteMarks(text[start:end]).prepared == run[0]


@FUZZ
@given(texts)
def test_surrogates_are_replaced_one_for_one(text):
    count("surrogates")
    cleaned = replace_surrogates(text)
    assert len(cleaned.text) == len(text)
    cleaned.text.encode("utf-8")
    assert cleaned.count == sum(1 for char in text if "\ud800" <= char <= "\udfff")
    assert all(a == b for a, b in zip(cleaned.text, text) if not "\ud800" <= b <= "\udfff")


@functools.cache
def shipped_rules():
    """Loaded once (and kept out of hypothesis' reports, which print arguments)."""
    from claimtrack.ruleset.loader import rules_from

    return rules_from(None)


@pytest.mark.usefixtures("warm")
@FUZZ
@given(text=texts)
def test_noise_lines_are_slices_of_the_text(text):
    from claimtrack.stages import noise

    count("noise")
    text = replace_surrogates(text).text
    with time_limit(EXAMPLE_SECONDS):
        lines = noise.classify(text, shipped_rules())
    for span in (*lines.skip, *lines.provenance, *lines.headings):
        assert span.text == text[span.start : span.end] and span.text.strip() == span.text != ""


# ---------------------------------------------------------------------------
# Random parses through the post-parse stages and every export

WORDS = (
    "“", "”", '"', "'", "‘", "’", ",", ".", ":", "—", "(", ")", "said", "says", "told", "according", "to",
    "the", "minister", "police", "officials", "Smith", "it", "was", "over", "may", "reportedly", "denied",
    "that", "he", "she", "they", "I", "we", "claimed", "confirmed", "not", "a", "report", "statement",
    "saying", "by", "of", "Reuters", "spokesperson", "anonymity", "unconfirmed", "sources", "added",
)
UPOS = ("NOUN", "PROPN", "VERB", "AUX", "PRON", "DET", "ADJ", "ADV", "ADP", "PUNCT", "SCONJ", "CCONJ",
        "PART", "NUM", "X", "INTJ", "SYM", "_")
DEPRELS = (
    "root", "nsubj", "nsubj:pass", "obj", "iobj", "ccomp", "xcomp", "parataxis", "obl", "obl:agent",
    "advcl", "acl", "acl:relcl", "appos", "nmod", "nmod:poss", "flat", "compound", "mark", "case", "det",
    "amod", "advmod", "aux", "aux:pass", "cop", "conj", "cc", "punct", "dep", "_",
)
FEATS = ("_", "Number=Sing", "VerbForm=Fin|Tense=Past|Mood=Ind", "PronType=Prs|Person=1", "VerbForm=Part")
forms = st.sampled_from(WORDS) | st.text(
    alphabet=st.sampled_from("aZ9'’“”\"-.\u2028\x85\x0b\x0c\xa0\u200b\ufffd\U0001f600é字 "), min_size=1, max_size=6
).filter(lambda form: form.strip() == form and form.strip())


@st.composite
def made_up_sentence(draw, any_heads: bool, offsets: tuple[str, ...], begin: int) -> tuple[str, int]:
    """(CoNLL-U sentence, where its text ends): heads form a tree, or
    (``any_heads``) point anywhere; ``TokenRange`` offsets absent, as the
    words lie from ``begin`` on, in order with odd gaps, or anywhere (``odd``)."""
    size = draw(st.integers(1, 9))
    words = [draw(forms) for _ in range(size)]
    if any_heads:
        heads = [draw(st.integers(0, size + 1)) for _ in range(size)]
    else:
        order = draw(st.permutations(range(1, size + 1)))
        heads = [0] * size
        for position, word_id in enumerate(order[1:], 1):
            heads[word_id - 1] = order[draw(st.integers(0, position - 1))]
    space_after = [draw(st.booleans()) for _ in range(size)]
    offsets = draw(st.sampled_from(offsets))
    starts, position = [], begin + draw(st.integers(0, 3))
    for word, space in zip(words, space_after):
        starts.append(position)
        position += len(word) + space + (draw(st.integers(0, 4)) if offsets == "gaps" else 0)
    lines = []
    if draw(st.booleans()):
        lines.append("# newpar")
    if draw(st.booleans()):
        text = "".join(w + " " * s for w, s in zip(words, space_after)).strip()
        lines.append(f"# text = {text if draw(st.booleans()) else draw(forms)}")
    mwt = draw(st.integers(0, size)) if draw(st.integers(0, 4)) == 0 else 0
    for number, (word, head) in enumerate(zip(words, heads), 1):
        misc = []
        if offsets in ("consistent", "gaps"):
            misc.append(f"TokenRange={starts[number - 1]}:{starts[number - 1] + len(word)}")
        elif offsets == "odd":
            start = draw(st.integers(0, 80))
            misc.append(f"TokenRange={start}:{start + draw(st.sampled_from((len(word), 0, 1, 7)))}")
        if not space_after[number - 1]:
            misc.append("SpaceAfter=No")
        if mwt and number == mwt and number < size:
            lines.append(f"{number}-{number + 1}\t{word}{words[number]}\t_\t_\t_\t_\t_\t_\t_\t_")
        lemma = draw(st.sampled_from((word.lower(), "_", "say", "deny", "report", word)))
        lines.append(
            "\t".join((
                str(number), word, lemma, draw(st.sampled_from(UPOS)), "_", draw(st.sampled_from(FEATS)),
                str(head), "root" if head == 0 else draw(st.sampled_from(DEPRELS)), "_",
                "|".join(misc) or "_",
            ))
        )
    return "\n".join(lines), position


@st.composite
def made_up_documents(draw, any_heads: bool, offsets: tuple[str, ...]) -> str:
    sentences, end = [], 0
    for _ in range(draw(st.integers(1, 4))):
        sentence, end = draw(made_up_sentence(any_heads, offsets, end))
        sentences.append(sentence)
    return "\n\n".join(sentences) + "\n"


def _gum_blocks() -> list[list[str]]:
    blocks = GUM_NEWS.read_text(encoding="utf-8").split("\n\n")
    return [block.splitlines() for block in blocks if any(line[:1].isdigit() for line in block.splitlines())]


GUM_BLOCKS = _gum_blocks()
HEAD, DEPREL, FORM, MISC = 6, 7, 1, 9


@st.composite
def damaged_gum_sentences(draw, any_heads: bool) -> str:
    """1-3 consecutive sentences of a real news parse, with up to six damages
    (to heads only if ``any_heads``)."""
    first = draw(st.integers(0, len(GUM_BLOCKS) - 1))
    blocks = [list(block) for block in GUM_BLOCKS[first : first + draw(st.integers(1, 3))]]
    for _ in range(draw(st.integers(0, 6))):
        block = draw(st.sampled_from(blocks))
        rows = [i for i, line in enumerate(block) if line[:1].isdigit() and "\t" in line]
        row = draw(st.sampled_from(rows))
        fields = block[row].split("\t")
        column = draw(st.sampled_from((HEAD, HEAD, DEPREL, FORM, MISC) if any_heads else (DEPREL, FORM, MISC)))
        if column == HEAD:
            fields[HEAD] = str(draw(st.integers(0, len(rows) + 1)))
        elif column == DEPREL:
            fields[DEPREL] = draw(st.sampled_from(DEPRELS))
        elif column == FORM:
            fields[FORM] = draw(forms)
        else:
            fields[MISC] = draw(st.sampled_from(("_", "SpaceAfter=No", fields[MISC] + "|SpaceAfter=No")))
        block[row] = "\t".join(fields)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def conllu_documents(any_heads: bool, offsets: tuple[str, ...] = ("none", "consistent", "gaps")):
    return made_up_documents(any_heads, offsets) | damaged_gum_sentences(any_heads)


def check_document(conllu: str) -> None:
    """The properties, for one CoNLL-U document."""
    count("documents")
    started = time.perf_counter()
    try:
        _check_document(conllu)
    except (Exception, Hang) as error:
        if not KEEP_GOING:
            raise
        record_failure(conllu, error)
    seconds = time.perf_counter() - started
    if seconds > SLOWEST["seconds"]:
        SLOWEST.update(seconds=round(seconds, 3), input=conllu)


def _check_document(conllu: str) -> None:
    from claimtrack.export import FORMATS, render
    from claimtrack.parsing.parser import parse_conllu
    from claimtrack.pipeline import extract_document

    with time_limit(EXAMPLE_SECONDS):
        try:
            doc = parse_conllu(conllu)
        except OWN_ERRORS:
            count("refused by parse_conllu")
            return
        result = extract_document(doc, rules=shipped_rules(), doc_id="fuzz")
        count("extracted")
        TALLY["claims"] += len(result.claims)
        check_spans(result)
        for fmt in FORMATS:
            try:
                assert isinstance(render([result], fmt), str)
                count(f"export {fmt}")
            except OWN_ERRORS:
                count(f"export {fmt} refused")


def check_spans(result) -> None:
    text = result.text
    assert result.document.length == len(text)
    for value in _spans(result):
        if not 0 <= value.start <= value.end <= len(text):
            raise InvalidSpan(value, text)
        if hasattr(value, "text") and value.text != text[value.start : value.end]:
            raise InvalidSpan(value, text)
    for claim in result.claims:
        for part in claim.content.parts:
            assert claim.content.start <= part.start <= part.end <= claim.content.end, claim


def _spans(value):
    """Every value in a result with offsets (Span, Content, Cue, Part, ...)."""
    if attrs.has(type(value)):
        names = {field.name for field in attrs.fields(type(value))}
        if {"start", "end"} <= names:
            yield value
        for name in names - {"text"}:
            yield from _spans(getattr(value, name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _spans(item)


@pytest.fixture(scope="module")
def warm():
    """The first document pays for importing stanza's CoNLL-U reader (and
    torch), the rules and the export templates: seconds, which are no
    example's fault. Done outside the alarm, which must not cut an import."""
    import stanza.utils.conll  # noqa: F401

    shipped_rules()
    SLOWEST.update(seconds=0.0, input="")
    check_document("\n".join(GUM_BLOCKS[0]) + "\n")
    SLOWEST.update(seconds=0.0, input="")


@pytest.mark.usefixtures("warm")
@FUZZ
@given(conllu=conllu_documents(any_heads=False))
def test_any_well_formed_tree_gives_valid_spans_and_every_export(conllu):
    check_document(conllu)


@pytest.mark.usefixtures("warm")
@FUZZ
@given(conllu=conllu_documents(any_heads=True))
def test_cycles_bad_heads_and_odd_offsets_give_a_result_or_one_line_never_a_hang(conllu):
    check_document(conllu)


def test_a_head_cycle_through_the_root_word_ends():
    """Defect 1 of issue 12: 'said' (3) is the root word but has head 1; 1 hangs
    from 2 and 2 from 3."""
    conllu = (
        "1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n"
        "2\tminister\tminister\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
        "3\tsaid\tsay\tVERB\t_\t_\t1\troot\t_\tSpaceAfter=No\n"
        "4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n"
    )
    check_document(conllu)


OUT_OF_ORDER = "Issue 12 fuzzing: TokenRanges out of document order crash detect (span end before start)"
OVERLAPPING = "Issue 12 fuzzing: overlapping TokenRanges give a hedge whose text is not the text's slice"
SURROGATE = "Issue 12 fuzzing: a CoNLL-U string with a lone surrogate raises UnicodeEncodeError"


def test_token_ranges_out_of_order_give_a_result_or_one_line():
    conllu = (
        "1\t“\t“\tNOUN\t_\t_\t0\troot\t_\tTokenRange=2:3|SpaceAfter=No\n"
        "2\t“\t“\tNOUN\t_\t_\t1\tdep\t_\tTokenRange=0:1|SpaceAfter=No\n"
        "3\t“\tsay\tVERB\t_\t_\t1\tdep\t_\tTokenRange=0:1\n"
    )
    check_document(conllu)


def test_overlapping_token_ranges_give_valid_spans_or_one_line():
    """The second sentence's "'" is written over the first's 'reportedly';
    the hedge kept the word's text, 'reportedly', for the text's "'eportedly"."""
    conllu = (
        "1\treportedly\treportedly\tNOUN\t_\t_\t1\troot\t_\tTokenRange=0:10|SpaceAfter=No\n\n"
        "1\t'\t'\tPROPN\t_\t_\t0\troot\t_\tTokenRange=0:1|SpaceAfter=No\n"
    )
    check_document(conllu)


def test_a_lone_surrogate_in_conllu_text_gives_a_result_or_one_line():
    check_document("1\t\ud800\t\ud800\tNOUN\t_\t_\t0\troot\t_\t_\n")


@pytest.mark.usefixtures("warm")
@FUZZ
@given(conllu=conllu_documents(any_heads=True, offsets=("odd",)))
def test_token_ranges_anywhere_give_a_result_or_one_line(conllu):
    check_document(conllu)
