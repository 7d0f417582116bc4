"""Words the tokenizer must not split: contractions written without their apostrophe.

UD English splits a contraction into its words ("It's" -> "It" + "'s") and
EWT, which is web text, also splits the misspelt ones ("Its" for "it's":
57 times in the training data, with "dont", "im", "cant"). The tokenizer
learnt that and splits the possessive "Its" at the start of a sentence into
"It" + "s", which the tagger reads as a pronoun and a verb ("Its chairman,
Gregor Halvorsen, said ..." then has no subject). News is edited text: a
token without an apostrophe is one word, except the fused forms in
:data:`FUSED_FORMS`, which UD splits however they are written.

:func:`keep_whole_words` is Stanza's ``tokenize_postprocessor``: it gets each
sentence's tokens, a multi-word token as ``(text, True)``, and returns them
with those flags corrected.
"""

from __future__ import annotations

from typing import Union

__all__ = ["APOSTROPHES", "FUSED_FORMS", "keep_whole_words"]

APOSTROPHES = ("'", "\u2019", "`")
# UD English's two-word forms that carry no apostrophe in edited text.
FUSED_FORMS = frozenset({"cannot", "gonna", "wanna", "gotta", "outta"})

Token = Union[str, tuple[str, bool]]


def keep_whole_words(sentences: list[list[Token]]) -> list[list[Token]]:
    """The tokenizer's sentences with every multi-word token that has no
    apostrophe and is no fused form made one word."""
    return [[_whole(token) for token in sentence] for sentence in sentences]


def _whole(token: Token) -> Token:
    if isinstance(token, str):
        return token
    text = token[0]
    if any(mark in text for mark in APOSTROPHES) or text.lower() in FUSED_FORMS:
        return token
    return text
