"""Hand-built results for the three articles in examples/story/.

They stand for what the engine should find, so that the tracker and the
exports can be tested without parsing. Every span is located in the real
article text, so its offsets are right by construction.
"""

from __future__ import annotations

from pathlib import Path

from claimtrack.model import (
    Claim,
    ClaimSource,
    Confirmation,
    Content,
    Cue,
    DocumentInfo,
    Evidence,
    Hedge,
    Part,
    Result,
    SourceEntity,
    Span,
)
from claimtrack.tracker.articles import Article, read_article

STORY = Path(__file__).resolve().parent.parent / "examples" / "story"
MONDAY = STORY / "2026-03-02-harbour-courier.txt"
TUESDAY = STORY / "2026-03-03-daily-ledger.txt"
THURSDAY = STORY / "2026-03-05-velmor-times.txt"


def find(text: str, needle: str, occurrence: int = 1, after: str = "") -> Span:
    """The ``occurrence``-th span of ``needle`` in ``text`` (counting from the end of ``after``)."""
    start = text.index(after) + len(after) - 1 if after else -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    return Span(needle, start, start + len(needle))


def content(text: str, needle: str) -> Content:
    span = find(text, needle)
    return Content(span.text, span.start, span.end)


def cue(text: str, needle: str, lemma: str, cls: str, occurrence: int = 1) -> Cue:
    span = find(text, needle, occurrence)
    return Cue(span.text, span.start, span.end, lemma=lemma, cls=cls)


def source(
    text: str, needle: str, entity: str, name: str, type: str, anonymous: bool = False, occurrence: int = 1
) -> ClaimSource:
    span = find(text, needle, occurrence)
    return ClaimSource(
        span.text, span.start, span.end, entity=entity, name=name, type=type, anonymous=anonymous
    )


def result(path: Path, sources: list[SourceEntity], claims: list[Claim]) -> Result:
    text, _ = read_article(path)
    return Result(text=text, document=DocumentInfo.for_text(text, path.stem), sources=sources, claims=claims)


def article(path: Path, built: Result) -> Article:
    _, meta = read_article(path)
    return Article(result=built, path=str(path), **meta)


def monday() -> Result:
    text, _ = read_article(MONDAY)
    return result(
        MONDAY,
        sources=[
            SourceEntity(
                "S1",
                "a port official",
                type="government",
                anonymous=True,
                anonymity_cues=[find(text, "speaking on condition of anonymity")],
                mentions=[find(text, "a port official"), find(text, "The official")],
            )
        ],
        claims=[
            Claim(
                "C1",
                "direct",
                content(text, "The fire was started deliberately,"),
                cue=cue(text, "said", "say", "neutral"),
                source=source(text, "a port official", "S1", "a port official", "government", anonymous=True),
                rules=["cue.verb.say", "pattern.quote_then_verb"],
            ),
            Claim(
                "C2",
                "indirect",
                content(text, "two night guards were treated for smoke inhalation"),
                cue=cue(text, "said", "say", "neutral", occurrence=2),
                source=source(text, "The official", "S1", "a port official", "government", anonymous=True),
                rules=["cue.verb.say", "pattern.verb_complement"],
            ),
        ],
    )


def tuesday() -> Result:
    text, _ = read_article(TUESDAY)
    return result(
        TUESDAY,
        sources=[
            SourceEntity(
                "S1",
                "Port authority spokesman Karel Brandt",
                type="government",
                mentions=[find(text, "Port authority spokesman Karel Brandt")],
            ),
            SourceEntity(
                "S2",
                "Orlan Grain",
                type="organization",
                mentions=[find(text, "The owner, Orlan Grain"), find(text, "it", after="Orlan Grain, said ")],
            ),
        ],
        claims=[
            Claim(
                "C1",
                "indirect",
                content(text, "the fire was started deliberately"),
                cue=cue(text, "said", "say", "neutral"),
                source=source(
                    text,
                    "Port authority spokesman Karel Brandt",
                    "S1",
                    "Port authority spokesman Karel Brandt",
                    "government",
                ),
                rules=["cue.verb.say", "pattern.verb_complement"],
            ),
            Claim(
                "C2",
                "indirect",
                content(text, "it would rebuild the warehouse within a year"),
                cue=cue(text, "said", "say", "neutral", occurrence=2),
                source=source(text, "The owner, Orlan Grain", "S2", "Orlan Grain", "organization"),
                hedged=True,
                hedges=[Hedge(*_at(text, "would"), cls="modal", rule="hedges.modal.would")],
                rules=["cue.verb.say", "pattern.verb_complement"],
            ),
        ],
    )


def thursday() -> Result:
    text, _ = read_article(THURSDAY)
    confirmed = find(text, "confirmed")
    quote = find(text, "We have arrested a 34-year-old man,")
    return result(
        THURSDAY,
        sources=[
            SourceEntity("S1", "Velmor police", type="government", mentions=[find(text, "Velmor police")]),
            SourceEntity(
                "S2",
                "police spokeswoman Ina Dorn",
                type="government",
                mentions=[find(text, "police spokeswoman Ina Dorn")],
            ),
            SourceEntity("S3", "Karel Brandt", type="person", mentions=[find(text, "Karel Brandt")]),
        ],
        claims=[
            Claim(
                "C1",
                "indirect",
                content(text, "the fire at the grain warehouse was started deliberately"),
                cue=Cue(confirmed.text, confirmed.start, confirmed.end, lemma="confirm", cls="factive"),
                source=source(text, "Velmor police", "S1", "Velmor police", "government"),
                confirmation=Confirmation(
                    "confirmed",
                    [
                        Evidence(
                            confirmed.text, confirmed.start, confirmed.end, rule="confirmation.cue.confirm"
                        )
                    ],
                ),
                rules=["cue.verb.confirm", "pattern.verb_complement"],
            ),
            Claim(
                "C2",
                "direct",
                Content(quote.text, quote.start, quote.end, parts=[Part(quote.start, quote.end)]),
                cue=cue(text, "said", "say", "neutral"),
                source=source(
                    text, "police spokeswoman Ina Dorn", "S2", "police spokeswoman Ina Dorn", "government"
                ),
                rules=["cue.verb.say", "pattern.quote_then_verb"],
            ),
            Claim(
                "C3",
                "indirect",
                content(text, "the port would reopen next week"),
                cue=cue(text, "said", "say", "neutral", occurrence=2),
                source=source(text, "Karel Brandt", "S3", "Karel Brandt", "person"),
                hedged=True,
                hedges=[Hedge(*_at(text, "would"), cls="modal", rule="hedges.modal.would")],
                rules=["cue.verb.say", "pattern.verb_complement"],
            ),
        ],
    )


def _at(text: str, needle: str) -> tuple[str, int, int]:
    span = find(text, needle)
    return span.text, span.start, span.end


def story() -> list[Article]:
    """The three articles, oldest first, with their front matter."""
    return [article(MONDAY, monday()), article(TUESDAY, tuesday()), article(THURSDAY, thursday())]
