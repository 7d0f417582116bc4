"""Progress of a corpus run on stderr: documents, tokens/s and ETA (tqdm).

Shown on a terminal, or when asked (``--progress``); otherwise silent, so
that pipes and logs stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import Any

__all__ = ["Progress"]


class Progress:
    def __init__(self, enabled: bool, total: int | None = None, unit: str = "doc"):
        self.started = time.perf_counter()
        self.tokens = 0
        self.characters = 0
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=unit, file=sys.stderr, dynamic_ncols=True, mininterval=0.5)

    def advance(self, documents: int = 1, tokens: int = 0) -> None:
        self.tokens += tokens
        self.characters = 0
        if self.bar is not None:
            rate = self.tokens / max(time.perf_counter() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{rate:,.0f} tokens/s", refresh=False)
            self.bar.update(documents)

    def parsed(self, characters: int) -> None:
        """Characters of the current batch parsed so far: progress inside a long document."""
        self.characters += characters
        if self.bar is not None:
            self.bar.set_postfix_str(f"{self.characters:,} characters parsed")

    def write(self, line: str) -> None:
        """A line on stderr that does not tear the bar."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
