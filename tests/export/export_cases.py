"""Hand-built results and readers shared by the export tests: a split quote,
text that must stay escaped, and readers of the JSON, HTML and brat output."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from claimtrack.export import brat
from claimtrack.export.spans import marked_spans
from claimtrack.model import Claim, ClaimSource, Content, Cue, DocumentInfo, Part, Result, SourceEntity, Span


def every_result(articles):
    return [article.result for article in articles] + [split_quote(), injection()]


def split_quote() -> Result:
    """A quote split around its attribution and over a line break."""
    text = '"The port is closed," she said, "and\nit stays closed."\n'
    first = text.index("The port")
    second = text.index("and\nit")
    end = text.index('."') + 1
    said = text.index("said")
    claim = Claim(
        "C1",
        "direct",
        Content(text[first:end], first, end, parts=[Part(first, first + 19), Part(second, end)]),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=ClaimSource("she", said - 4, said - 1, entity="S1", name="she", type="person"),
    )
    return Result(text=text, document=DocumentInfo.for_text(text, "split"), claims=[claim])


def injection() -> Result:
    """Text that would run script or add elements if it were not escaped."""
    text = 'Mr <b>O"Brien</b> said "<script>document.title=\'pwned\'</script><img src=x onerror=alert(1)>" was posted.\n'
    source_end = text.index(" said")
    content_start = text.index("<script>")
    content_end = text.index('" was')
    said = text.index("said")
    claim = Claim(
        "C1",
        "direct",
        Content(text[content_start:content_end], content_start, content_end),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=ClaimSource(
            text[:source_end], 0, source_end, entity="S1", name=text[:source_end], type="person"
        ),
        rules=['rule"><script>alert(2)</script>'],
    )
    source = SourceEntity("S1", text[:source_end], type="person", mentions=[claim.source])
    return Result(text=text, document=DocumentInfo.for_text(text, "inject"), sources=[source], claims=[claim])


def json_objects(text: str) -> list:
    """The JSON values written one after another in ``text``."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while text[at:].strip():
        value, at = decoder.raw_decode(text, at + len(text[at:]) - len(text[at:].lstrip()))
        found.append(value)
    return found


class Marks(HTMLParser):
    """The text inside each data-span id's <mark> fragments, in document order."""

    def __init__(self):
        super().__init__()
        self.open: list[str | None] = []
        self.texts: dict[str, str] = {}
        self.first: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "mark":
            attributes = dict(attrs)
            span = attributes.get("data-span")
            self.open.append(span)
            if span is not None:
                self.texts.setdefault(span, "")
                if "data-first" in attributes:
                    self.first.append(span)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for span in self.open:
            if span is not None:
                self.texts[span] += data


def marks_of(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def brat_spans(document) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    return {(span.type, span.fragments) for span in document.spans.values()}


def expected_brat_spans(result) -> set[tuple[str, tuple[tuple[int, int], ...]]]:
    """What each marked span should come back as: its brat type and its
    fragments (a claim's content pieces joined, every piece cut at line breaks)."""
    expected: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for span in marked_spans(result):
        key = (brat.TYPES[span.role], span.id.rsplit(".", 1)[0] if span.role == "content" else span.id)
        expected.setdefault(key, []).extend(brat.fragments(result.text, span.start, span.end))
        if span.role == "cue":  # the event's trigger, over the same text
            expected[(brat.TRIGGER, span.id)] = brat.fragments(result.text, span.start, span.end)
    return {(kind, tuple(frags)) for (kind, _), frags in expected.items()}


MAYOR = "The mayor, Jonas Petit, said the bridge was safe.\n"


def mayor(source_end: int, source_type: str) -> Result:
    """Issue 14's acceptance sentence, with the source the engine gives
    ("The mayor", or "The mayor, Jonas Petit" with the apposition)."""
    said, start = MAYOR.index("said"), MAYOR.index("the bridge")
    source = ClaimSource(MAYOR[:source_end], 0, source_end, entity="S1", name=MAYOR[:source_end], type=source_type)
    claim = Claim(
        "C1",
        "indirect",
        Content("the bridge was safe", start, start + 19),
        cue=Cue("said", said, said + 4, lemma="say", cls="neutral"),
        source=source,
        rules=["cue.verb.say", "pattern.verb_complement"],
    )
    entity = SourceEntity("S1", source.name, type=source_type, mentions=[Span(source.text, 0, source_end)])
    return Result(text=MAYOR, document=DocumentInfo.for_text(MAYOR, "mayor"), sources=[entity], claims=[claim])
