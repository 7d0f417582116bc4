"""``--format brat``: brat standoff files (https://brat.nlplab.org/standoff.html).

Per document, ``<doc>.txt`` holds the text and ``<doc>.ann`` the annotations;
``annotation.conf`` and ``visual.conf`` beside them let brat open the folder.

- Text-bound annotations: ``Source``, ``Cue``, ``Content`` (a split quote is
  one discontinuous annotation), ``Hedge``, ``Evidence``, ``AnonymityCue``.
- One ``Attribution`` event per claim with a cue, PolNeAR-style: its
  arguments are the claim's ``Source`` (when it has one), ``Cue`` and
  ``Content``: ``E1<TAB>Attribution:T4 Source:T2 Cue:T3 Content:T1``. brat
  wants a trigger typed like the event, so ``T4`` is an ``Attribution``
  annotation over the cue's text (PolNeAR's readers skip that role).
  A claim without a cue has no trigger and so no event; its Content stands alone.
- Attributes: ``Kind``, ``Status``, ``Hedged`` on the Content,
  ``SourceType`` and ``Anonymous`` on the Source, ``CueClass`` on the Cue,
  ``HedgeClass`` on a Hedge; an ``AnnotatorNotes`` line with the claim id and
  rule ids on each event.

brat cannot hold a line break inside a fragment, so a span over several
lines is written as one fragment per line (blank runs dropped); :func:`read`
loads the files back.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from claimtrack.export import file_stems
from claimtrack.model import CLAIM_KINDS

__all__ = ["BratDocument", "BratSpan", "annotation_conf", "fragments", "read", "render", "write"]

# The brat type of each span role (see claimtrack.export.spans); an event's
# trigger is typed TRIGGER.
TRIGGER = "Attribution"
TYPES = {
    "source": "Source",
    "cue": "Cue",
    "content": "Content",
    "hedge": "Hedge",
    "evidence": "Evidence",
    "anonymity": "AnonymityCue",
}


@attrs.frozen
class BratSpan:
    id: str
    type: str
    fragments: tuple[tuple[int, int], ...] = attrs.field(converter=tuple)
    text: str


@attrs.frozen
class BratDocument:
    text: str
    spans: dict[str, BratSpan]
    events: dict[str, tuple[tuple[str, str], ...]]  # E id -> ((role, id), ...), the trigger first
    attributes: tuple[tuple[str, str, str | None], ...]  # (name, annotation id, value)


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks, empty ones dropped.

    A line break is anything :meth:`str.splitlines` breaks at (U+2028, NEL,
    VT and FF as well as CR and LF), so no reader of the ``.ann`` file can
    find a break inside an annotation line.
    """
    pieces, at = [], start
    for line in text[start:end].splitlines(keepends=True):
        length = len(line.splitlines()[0])
        if length:
            pieces.append((at, at + length))
        at += len(line)
    return pieces or [(start, end)]


class _Ann:
    def __init__(self, text: str):
        self.text = text
        self.lines: list[str] = []
        self.counts = {"T": 0, "E": 0, "A": 0, "#": 0}

    def next(self, prefix: str) -> str:
        self.counts[prefix] += 1
        return f"{prefix}{self.counts[prefix]}"

    def span(self, kind: str, pieces: list[tuple[int, int]]) -> str:
        frags = [frag for start, end in pieces for frag in fragments(self.text, start, end)]
        ident = self.next("T")
        offsets = ";".join(f"{start} {end}" for start, end in frags)
        shown = " ".join(self.text[start:end] for start, end in frags)
        self.lines.append(f"{ident}\t{kind} {offsets}\t{shown}")
        return ident

    def attribute(self, name: str, target: str, value: str | None = None) -> None:
        tail = f" {value}" if value is not None else ""
        self.lines.append(f"{self.next('A')}\t{name} {target}{tail}")

    def note(self, target: str, note: str) -> None:
        self.lines.append(f"{self.next('#')}\tAnnotatorNotes {target}\t{' '.join(note.split())}")


def render(articles) -> str:
    """The .ann file of a single document."""
    (article,) = articles
    return _ann(article.result)


def _ann(result) -> str:
    ann = _Ann(result.text)
    for claim in result.claims:
        content = claim.content
        content_id = ann.span(TYPES["content"], list(content.ranges))
        ann.attribute("Kind", content_id, claim.kind)
        ann.attribute("Status", content_id, claim.confirmation.status)
        if claim.hedged:
            ann.attribute("Hedged", content_id)
        source_id = None
        if claim.source is not None:
            source_id = ann.span(TYPES["source"], [(claim.source.start, claim.source.end)])
            ann.attribute("SourceType", source_id, claim.source.type)
            if claim.source.anonymous:
                ann.attribute("Anonymous", source_id)
        if claim.cue is not None:
            cue = [(claim.cue.start, claim.cue.end)]
            cue_id = ann.span(TYPES["cue"], cue)
            ann.attribute("CueClass", cue_id, claim.cue.cls)
            trigger = ann.span(TRIGGER, cue)
            event = ann.next("E")
            source = f" Source:{source_id}" if source_id else ""
            ann.lines.append(f"{event}\t{TRIGGER}:{trigger}{source} Cue:{cue_id} Content:{content_id}")
            ann.note(event, f"{claim.id}; rules: {', '.join(claim.rules) or 'none'}")
        for hedge in claim.hedges:
            ann.attribute("HedgeClass", ann.span(TYPES["hedge"], [(hedge.start, hedge.end)]), hedge.cls)
        for evidence in claim.confirmation.evidence:
            ann.note(
                ann.span(TYPES["evidence"], [(evidence.start, evidence.end)]),
                f"{claim.id}; rule: {evidence.rule}",
            )
    for source in result.sources:
        for cue in source.anonymity_cues:
            ann.note(
                ann.span(TYPES["anonymity"], [(cue.start, cue.end)]), f"source {source.entity}: {source.name}"
            )
    return "".join(line + "\n" for line in ann.lines)


def annotation_conf(articles) -> str:
    kinds = "|".join(CLAIM_KINDS)
    from claimtrack.ruleset.loader import default_rules

    declared = default_rules().names("confirmation", "statuses")
    seen = {claim.confirmation.status for a in articles for claim in a.result.claims}
    statuses = "|".join([*declared, *sorted(seen - set(declared))])  # an overlay's statuses too
    types = sorted(
        {claim.source.type for a in articles for claim in a.result.claims if claim.source} | {"unknown"}
    )
    classes = sorted(
        {claim.cue.cls for a in articles for claim in a.result.claims if claim.cue} | {"neutral"}
    )
    hedges = sorted(
        {hedge.cls for a in articles for claim in a.result.claims for hedge in claim.hedges} | {"modal"}
    )
    return (
        "[entities]\nSource\nCue\nContent\nHedge\nEvidence\nAnonymityCue\n\n"
        "[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n"
        f"[events]\n{TRIGGER}\tSource?:Source, Cue:Cue, Content:Content\n\n"
        "[attributes]\n"
        f"Kind\tArg:Content, Value:{kinds}\n"
        f"Status\tArg:Content, Value:{statuses}\n"
        "Hedged\tArg:Content\n"
        f"SourceType\tArg:Source, Value:{'|'.join(types)}\n"
        "Anonymous\tArg:Source\n"
        f"CueClass\tArg:Cue, Value:{'|'.join(classes)}\n"
        f"HedgeClass\tArg:Hedge, Value:{'|'.join(hedges)}\n"
    )


VISUAL_CONF = """[labels]
Attribution | Attribution | Attr
AnonymityCue | Anonymity cue | Anon

[drawing]
Source\tbgColor:#8fd3ff
Content\tbgColor:#ffe38a
Cue\tbgColor:#ff9f9f
Attribution\tbgColor:#ffd0d0
Hedge\tbgColor:#c9b3ff
Evidence\tbgColor:#9be39b
AnonymityCue\tbgColor:#d0d0d0
"""


def write(articles, out: Path) -> list[Path]:
    paths = []
    for stem, article in zip(file_stems(articles), articles):
        txt, ann = out / f"{stem}.txt", out / f"{stem}.ann"
        txt.write_text(article.result.text, encoding="utf-8", newline="")
        ann.write_text(_ann(article.result), encoding="utf-8", newline="")
        paths += [txt, ann]
    for name, content in (("annotation.conf", annotation_conf(articles)), ("visual.conf", VISUAL_CONF)):
        path = out / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


class BratError(ValueError):
    pass


def read(ann_path: str | Path) -> BratDocument:
    """Load a .ann file and its .txt, checking every fragment against the text."""
    ann_path = Path(ann_path)
    text = ann_path.with_suffix(".txt").read_bytes().decode("utf-8")
    spans, events, attributes = {}, {}, []
    for number, line in enumerate(_ann_lines(ann_path), 1):
        ident, _, rest = line.partition("\t")
        where = f"{ann_path}:{number}"
        if ident.startswith("T"):
            head, _, shown = rest.partition("\t")
            kind, _, offsets = head.partition(" ")
            frags = _offsets(offsets, where)
            expected = " ".join(text[start:end] for start, end in frags)
            if shown != expected:
                raise BratError(f"{where}: text {shown!r} is not the text at its offsets {expected!r}")
            spans[ident] = BratSpan(ident, kind, frags, shown)
        elif ident.startswith("E"):
            events[ident] = tuple(tuple(arg.split(":", 1)) for arg in rest.split())
        elif ident.startswith("A"):
            name, target, *value = rest.split()
            attributes.append((name, target, value[0] if value else None))
        elif not ident.startswith("#"):
            raise BratError(f"{where}: unknown annotation line {line!r}")
    for ident, arguments in events.items():
        for _, target in arguments:
            if target not in spans:
                raise BratError(f"{ann_path}: event {ident} points at missing {target}")
    return BratDocument(text=text, spans=spans, events=events, attributes=tuple(attributes))


def _offsets(offsets: str, where: str) -> tuple[tuple[int, int], ...]:
    try:
        frags = tuple((int(start), int(end)) for start, end in (piece.split() for piece in offsets.split(";")))
    except ValueError:
        raise BratError(f"{where}: offsets {offsets!r} are not 'START END' pairs separated by ';'") from None
    if any(start > end for start, end in frags):
        raise BratError(f"{where}: offsets {offsets!r} end before they start")
    return frags


def _ann_lines(ann_path: Path) -> list[str]:
    """The lines of a .ann file, broken at LF (and CRLF) only, as brat reads
    them: a U+2028 inside an annotation's text is part of its line."""
    lines = ann_path.read_bytes().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]
