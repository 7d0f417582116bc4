"""Pre-parsed input: a CoNLL-U document read into a stanza Document, no model run.

The text is taken from ``# text`` lines (or given), token offsets from
``TokenRange`` when present, else by aligning the tokens to the text. Any
problem is one :class:`~claimtrack.errors.ConlluError` line naming the file.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrack.errors import ConlluError

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

__all__ = ["parse_conllu"]


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
    if ranges is not None:
        _check_order(name, ranges)
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
    from claimtrack.parsing.textprep import replace_surrogates

    if isinstance(source, str) and ("\n" in source or "\t" in source):
        # A string through the API may hold lone surrogates: U+FFFD, one for one.
        return "<conllu>", replace_surrogates(source).text
    path = Path(source)
    return str(path), read_text(path)


def _check_order(name: str, ranges: list[tuple[int, int]]) -> None:
    """Token ranges run forward, never overlap, and stay within the size limit
    (``TokenRange=300000000:300000003`` would otherwise build a 300 MB text)."""
    from claimtrack.parsing.textio import MAX_BYTES

    previous_end = 0
    for start, end in ranges:
        if end < start or start < previous_end:
            raise ConlluError(
                f"{name}: TokenRange={start}:{end} goes backwards or overlaps the token before it (which ends at {previous_end})"
            )
        if end > MAX_BYTES:
            raise ConlluError(f"{name}: TokenRange={start}:{end} lies beyond the size limit of {MAX_BYTES:,} characters")
        previous_end = end


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
