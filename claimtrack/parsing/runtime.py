"""How Stanza runs: imported (with torch) once per process, on which
device, in which precision.

Two run-time settings (issue 24), each a :class:`~claimtrack.parsing.parser.Parser` argument with an
environment variable for the processes a corpus run starts:

- ``quantize`` (``$CLAIMTRACK_INT8``, ``1`` or ``0``): torch dynamic int8
  quantisation of the LSTM layers of the tagger, lemmatiser and parser, on
  the CPU (MODEL_CARD.md gives its speed and accuracy). An int8
  parse is cached under its own model id, so a parse made one way is never
  read back for the other.
- ``device`` (``$CLAIMTRACK_DEVICE``, default ``cpu``): ``cuda`` (or
  ``cuda:N``) runs Stanza on a GPU when torch sees one, unquantised; without
  one it says so in one line on stderr and parses on the CPU.
"""

from __future__ import annotations

import gc
import os
import re
import sys
import time
import warnings
from typing import TYPE_CHECKING

from claimtrack.errors import ModelError

if TYPE_CHECKING:
    from stanza import Pipeline

__all__ = [
    "DEVICE_ENV",
    "INT8_ENV",
    "import_stanza",
    "quantize_pipeline",
    "resolve_device",
    "resolve_quantize",
    "usable_device",
]

INT8_ENV = "CLAIMTRACK_INT8"
DEVICE_ENV = "CLAIMTRACK_DEVICE"
# Float unless the argument or $CLAIMTRACK_INT8 asks for int8. int8 is within 0.1 point of
# float on the UD test sets and 1.2-1.6x faster, but its parse of a text depends on the
# texts batched with it (one activation scale per batch), so a document's claims would
# depend on --batch-size and its neighbours (MODEL_CARD.md, "int8 inference").
DEFAULT_QUANTIZE = False

_IMPORT_SECONDS: list[float] = []


def import_stanza() -> float:
    """Import stanza (and torch) once; the seconds that took, so timings can
    report it apart from parsing."""
    if not _IMPORT_SECONDS:
        started = time.perf_counter()
        try:
            import stanza  # noqa: F401
            import torch
        except ImportError as error:
            raise ModelError(f"stanza is not installed ({error}); pip install stanza") from None
        # One thread unless told otherwise: measured here, two threads gained
        # 13% on an idle 2-core machine and lost 10x when other work shared it.
        torch.set_num_threads(int(os.environ.get("CLAIMTRACK_THREADS", "1")))
        # torch and stanza leave about a million long-lived objects behind; the
        # next full garbage collection (typically while a cached parse is read)
        # would walk them all, 25x the read itself. Collect once, then keep
        # what is alive out of later collections.
        gc.collect()
        gc.freeze()
        _IMPORT_SECONDS.append(time.perf_counter() - started)
    return _IMPORT_SECONDS[0]


def resolve_quantize(quantize: bool | None = None) -> bool:
    """``quantize`` if given, else ``$CLAIMTRACK_INT8`` (``1``/``0``), else the default."""
    if quantize is not None:
        return bool(quantize)
    value = os.environ.get(INT8_ENV, "").strip().lower()
    if not value:
        return DEFAULT_QUANTIZE
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ModelError(f"${INT8_ENV}={value!r}: expected 1 or 0")


_DEVICE = re.compile(r"cpu|cuda(:[0-9]+)?")


def resolve_device(device: str | None = None) -> str:
    """``device`` if given, else ``$CLAIMTRACK_DEVICE``, else ``cpu``; checked, not probed."""
    name = (device or os.environ.get(DEVICE_ENV) or "cpu").strip().lower()
    if not _DEVICE.fullmatch(name):
        raise ModelError(f"device {name!r}: expected cpu, cuda or cuda:N")
    return name


_FELL_BACK: list[str] = []


def usable_device(device: str) -> str:
    """``device`` if torch can use it; a CUDA device on a machine without one
    gives ``cpu`` and one line on stderr (once per process)."""
    if device == "cpu":
        return device
    import_stanza()
    import torch

    if torch.cuda.is_available():
        return device
    if not _FELL_BACK:
        _FELL_BACK.append(device)
        print(f"claimtrack: no CUDA GPU available for --device {device}; parsing on the CPU", file=sys.stderr)
    return "cpu"


QUANTIZED_PROCESSORS = ("pos", "lemma", "depparse")


def quantize_pipeline(pipeline: Pipeline) -> list[str]:
    """Dynamic int8 quantisation (weights int8, activations quantised on the
    fly) of the LSTM layers of the pipeline's tagger, lemmatiser and parser,
    in place; the processors it quantised.

    Only the LSTMs: measured on 600 EWT test sentences with gold tokens, the
    tagger's UPOS went 93.44 -> 93.38 with its LSTMs in int8 (and 1.3x
    faster), but 91.72 with its Linear layers in int8 and 90.19 with both
    (one scale per activation tensor is too coarse for them); see MODEL_CARD.md.
    """
    import torch
    from torch.ao.quantization import quantize_dynamic

    done = []
    for name in QUANTIZED_PROCESSORS:
        processor = pipeline.processors.get(name)
        trainer = getattr(processor, "trainer", None)
        model = getattr(trainer, "model", None)
        if not isinstance(model, torch.nn.Module):  # e.g. a dictionary-only lemmatiser
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.ao.quantization's deprecation notice
            # in place: the float LSTM weights are freed as each layer is swapped, not copied first
            trainer.model = quantize_dynamic(model, {torch.nn.LSTM}, dtype=torch.qint8, inplace=True)
        done.append(name)
    return done
