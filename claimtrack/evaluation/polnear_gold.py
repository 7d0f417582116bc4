"""Reading PolNeAR (Newell, Margolin and Ruths, LREC 2018): US election news
with attribution relations in brat standoff format.

PolNeAR's texts carry no data licence, so claimtrack ships none of them: the
corpus is read from a clone of ``networkdynamics/PolNeAR`` given on the
command line. Its layout::

    data/<split>/text/<article>.txt                 the article, as published
    data/<split>/attributions/<article>_<annotator>.ann   brat standoff

In an ``.ann`` file, ``T`` lines are text-bound spans (``T5<TAB>Cue 324 328<TAB>said``;
a discontinuous span lists ``start end`` pairs joined by ``;``) with the
labels ``Source``, ``Cue``, ``Content`` (and ``Attribution``, the event's
trigger, on the cue); ``E`` lines are the attribution events, an
``Attribution`` or ``Attribution-no-source`` trigger with its ``Source``,
``Cue``, ``Content`` (and, rarely, ``Content2``) arguments. ``#`` lines are
annotator notes; ``Discard`` and ``Discuss`` spans are the annotators' own
markers and belong to no event. A few text fields run over a line break, so
a line that starts like none of these is the tail of the line before.

PolNeAR annotations are univocal (a token plays one role in at most one
attribution), so there are no nested attributions. Some articles were
annotated by several annotators (for agreement studies); the first
annotation file in name order is the one scored, so a run is repeatable.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from claimtrack.evaluation import EvalError
from claimtrack.evaluation.matching import Parts

__all__ = ["SPLITS", "PolnearAttribution", "PolnearDocument", "load_polnear", "read_ann"]

SPLITS = ("train", "dev", "test")
EVENT_TYPES = ("Attribution", "Attribution-no-source")

_SPAN_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT_LINE = re.compile(r"^(E\d+)\t(\S+)((?: +\S+:\S+)*) *$")
_ANY_ID = re.compile(r"^[TERAMN#]\d*\t")
_ANNOTATOR_SUFFIX = re.compile(r"_[^_]+$")
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@attrs.frozen
class PolnearAttribution:
    """One attribution event: its content (all ``Content*`` arguments), cue
    and source (empty for ``Attribution-no-source``) as character ranges."""

    id: str
    content: Parts
    cue: Parts
    source: Parts


@attrs.frozen
class PolnearDocument:
    id: str
    annotator: str
    text: str
    attributions: tuple[PolnearAttribution, ...]
    path: Path


def _spans(field: str) -> Parts:
    return tuple((int(start), int(end)) for start, end in (pair.split() for pair in field.split(";")))


def _check_spans(spans: Parts, length: int, where: str) -> None:
    for start, end in spans:
        if not 0 <= start <= end <= length:
            raise EvalError(f"{where}: span {start}-{end} lies outside the text ({length} characters)")


def read_ann(path: Path, text: str, document_id: str | None = None) -> PolnearDocument:
    """One brat ``.ann`` file over its article's ``text``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise EvalError(f"{path}: cannot read ({error})") from None
    spans: dict[str, Parts] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        span = _SPAN_LINE.match(line)
        if span:
            spans[span.group(1)] = _spans(span.group(3))
            _check_spans(spans[span.group(1)], len(text), where)
            continue
        event = _EVENT_LINE.match(line)
        if event:
            if event.group(2).split(":")[0] in EVENT_TYPES:
                arguments = [tuple(item.split(":", 1)) for item in event.group(3).split()]
                events.append((number, event.group(1), arguments))
            continue
        if line.startswith(("T", "E")) and _ANY_ID.match(line):
            raise EvalError(f"{where}: not a brat span or event line")
    attributions = []
    for number, event_id, arguments in events:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, span_id in arguments:
            if span_id not in spans:
                raise EvalError(f"{path}:{number}: event {event_id} names {span_id}, which no T line defines")
            base = role.rstrip("0123456789")
            if base in roles:
                roles[base].extend(spans[span_id])
        if roles["Content"]:
            attributions.append(
                PolnearAttribution(
                    id=event_id,
                    content=tuple(sorted(roles["Content"])),
                    cue=tuple(sorted(roles["Cue"])),
                    source=tuple(sorted(roles["Source"])),
                )
            )
    stem = path.stem
    return PolnearDocument(
        id=document_id or _ANNOTATOR_SUFFIX.sub("", stem),
        annotator=stem.rsplit("_", 1)[-1] if "_" in stem else "",
        text=text,
        attributions=tuple(sorted(attributions, key=lambda a: a.content)),
        path=path,
    )


def _split_folder(root: Path, split: str) -> Path:
    for folder in (root / "data" / split, root / split):
        if (folder / "text").is_dir() and (folder / "attributions").is_dir():
            return folder
    raise EvalError(
        f"{root}: no PolNeAR {split} split here (expected data/{split}/text/ and data/{split}/attributions/ "
        "in a clone of networkdynamics/PolNeAR)"
    )


def _read_article(path: Path) -> str:
    """The article exactly as stored: brat offsets count its characters, so
    line ends are not translated."""
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EvalError(f"{path}: cannot read ({error})") from None


def _in_date_order(path: Path) -> tuple[str, str]:
    """Article files are named ``<publisher>_<date>_<slug>``: date order mixes
    the seven publishers, so the first N documents are a fair sample."""
    found = _DATE.search(path.name)
    return (found.group(1) if found else "", path.name)


def load_polnear(root: str | Path, *, split: str = "train", docs: int | None = None) -> list[PolnearDocument]:
    """The annotated articles of one split of a PolNeAR clone, in date order:
    all of them, or the first ``docs``."""
    if split not in SPLITS:
        raise EvalError(f"unknown PolNeAR split {split!r} (choose from {', '.join(SPLITS)})")
    root = Path(root)
    if not root.is_dir():
        raise EvalError(f"{root}: not a directory (expected a clone of networkdynamics/PolNeAR)")
    folder = _split_folder(root, split)
    annotations: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(_ANNOTATOR_SUFFIX.sub("", ann.stem), ann)
    articles = sorted((folder / "text").glob("*.txt"), key=_in_date_order)
    chosen = [article for article in articles if article.stem in annotations][:docs]
    if not chosen:
        raise EvalError(f"{folder}: no article with an annotation file")
    return [read_ann(annotations[a.stem], _read_article(a), a.stem) for a in chosen]
