"""Headlines in title case, tagged again with their common words in lower case.

The compact tagger learnt English from web text and GUM, where a capital
letter inside a sentence nearly always starts a name. News headlines
capitalise every word ("Clinton Campaign Claims Sanders Broke Rules"), and the
tagger reads them as one long name with no verb, so a headline's report is
lost. :func:`retag_headlines` finds such a sentence after tagging (most of
its words after the first capitalised, and its root not a verb), writes each
capitalised word the English lexicon knows in lower case (LemmInflect's
lexicon, which holds no names; not a plural noun, which is as often a
surname: "Sanders"), but not the first word nor a speaker's label before a
colon, and tags, lemmatises and parses it again. The new reading is kept
only when it has more finite verbs and modals than the first; the words keep
their own text (the capitals), and their lemmas are the lower-case ones.

A sentence whose root is a verb is never touched, nor is one in sentence
case; names the lexicon does not know ("Sanders", "Clinton") stay as they are.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from claimtrack.parsing.cache import syntactic_words
from claimtrack.ud import TENSED_XPOS, VERBS

__all__ = ["MIN_CAPITALISED", "TAG_KEYS", "is_verbless_title", "retag_headlines"]

# A title in title case has at least this many capitalised words after its
# first, and more than twice as many as lower-case ones ("a", "of", "with").
MIN_CAPITALISED = 3
# What the tagger, lemmatiser and parser add to a word; taken off before tagging again.
TAG_KEYS = ("upos", "xpos", "feats", "lemma", "head", "deprel", "deps")

Sentence = list[dict[str, Any]]


def retag_headlines(pipeline: Any, documents: list[list[Sentence]]) -> list[list[Sentence]]:
    """Each tagged document's sentences (``Document.to_dict()``) with every
    title-case sentence whose root is not a verb read again from its lower-case
    words, where that reading finds more finite verbs; changed in place and returned."""
    from stanza.models.common.doc import Document as StanzaDocument

    found = [
        (document, index)
        for document, sentences in enumerate(documents)
        for index, sentence in enumerate(sentences)
        if is_verbless_title(sentence)
    ]
    lowered = [(place, *_lowered(documents[place[0]][place[1]])) for place in found]
    lowered = [(place, sentence, changed) for place, sentence, changed in lowered if changed]
    if not lowered:
        return documents
    again = pipeline.process(
        StanzaDocument([sentence for _, sentence, _ in lowered]), processors="pos,lemma,depparse"
    ).to_dict()
    for ((document, index), _, changed), sentence in zip(lowered, again):
        if _finite_count(sentence) > _finite_count(documents[document][index]):
            for item in sentence:
                original = changed.get(item.get("start_char"))
                if original is not None and "text" in item:
                    item["text"] = original
            documents[document][index] = sentence
    return documents


def is_verbless_title(sentence: Sentence) -> bool:
    """Whether a tagged sentence is written in title case and its root is not a verb."""
    words = syntactic_words(sentence)
    if any(word.get("head") == 0 and word.get("upos") in VERBS for word in words):
        return False
    later = [str(word.get("text", "")) for word in words[1:]]
    capitalised = sum(1 for text in later if _capitalised(text))
    lower = sum(1 for text in later if text.isalpha() and text.islower())
    return capitalised >= MIN_CAPITALISED and capitalised > 2 * lower


def _lowered(sentence: Sentence) -> tuple[Sentence, dict[int, str]]:
    """The sentence as the tokenizer gave it, with its common capitalised words
    in lower case, and those words' own texts by start offset. The first word
    stays, and so does a label before a colon ("Bernie Sanders: ...")."""
    items = [{key: value for key, value in item.items() if key not in TAG_KEYS} for item in sentence]
    words = syntactic_words(items)
    label = next((number for number, word in enumerate(words) if word.get("text") == ":"), 0)
    changed: dict[int, str] = {}
    for word in words[label + 1 :] if label else words[1:]:
        text = word.get("text")
        if isinstance(text, str) and _capitalised(text) and _common(text.lower()) and "start_char" in word:
            changed[word["start_char"]] = text
            word["text"] = text.lower()
    return items, changed


def _finite_count(sentence: Sentence) -> int:
    return sum(1 for word in syntactic_words(sentence) if word.get("xpos") in TENSED_XPOS)


def _capitalised(text: str) -> bool:
    return len(text) > 1 and text.isalpha() and text[0].isupper() and text[1:].islower()


@lru_cache(maxsize=4096)
def _common(word: str) -> bool:
    """Whether the English lexicon knows the word other than as a plural noun
    (names it does not know; a plural is as often a surname: "Sanders")."""
    import lemminflect

    lemmas = lemminflect.getAllLemmas(word)
    return any(upos != "NOUN" or word in found for upos, found in lemmas.items())
