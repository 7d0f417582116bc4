"""Time claimtrack's post-parse work (every stage after the parser) on
pre-parsed CoNLL-U of about 50 KB and 500 KB of text, in one process.

    python bench/rules_bench.py [--data ../shared/data/ud-english/gum/train]

The documents are built from the GUM training files (gold parses, so no
model runs): files are concatenated in name order until the text reaches
the size. Each size is extracted ``--repeat`` times and the best CPU time of
this process kept (CPU time, so that other work on the machine does not
count).
The figure that matters is the per-character ratio of the large document to
the small one: 1.0 is linear time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud-english" / "gum" / "train"


def build(data: Path, size: int, target: Path) -> Path:
    """A CoNLL-U file holding whole GUM documents up to about ``size`` characters of text."""
    chunks, total = [], 0
    for path in sorted(data.glob("*.conllu")):
        content = path.read_text(encoding="utf-8")
        for sentence in content.split("\n\n"):
            if total >= size:
                break
            text = next((line[9:] for line in sentence.splitlines() if line.startswith("# text = ")), None)
            if text is None:
                continue
            chunks.append(sentence.strip("\n"))
            total += len(text) + 1
        if total >= size:
            break
    target.write_text("\n\n".join(chunks) + "\n\n", encoding="utf-8")
    return target


def best_time(path: Path, repeat: int) -> tuple[float, int, int]:
    from claimtrack.parsing.parser import parse_conllu
    from claimtrack.pipeline import extract_document

    doc = parse_conllu(path)
    best = float("inf")
    claims = 0
    for _ in range(repeat):
        started = time.process_time()
        result = extract_document(doc)
        best = min(best, time.process_time() - started)
        claims = len(result.claims)
    return best, len(doc.text), claims


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from claimtrack.ruleset.loader import default_rules

    default_rules()  # load the rules outside the timings
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, size in (("50 KB", 50_000), ("500 KB", 500_000)):
            path = build(args.data, size, Path(folder) / f"{size}.conllu")
            seconds, chars, claims = best_time(path, args.repeat)
            rows.append((label, chars, claims, seconds))
    print(f"{'document':>8} {'characters':>11} {'claims':>7} {'seconds':>8} {'us/char':>8}")
    for label, chars, claims, seconds in rows:
        print(f"{label:>8} {chars:>11,} {claims:>7} {seconds:>8.3f} {seconds / chars * 1e6:>8.2f}")
    (_, small_chars, _, small), (_, large_chars, _, large) = rows
    ratio = (large / large_chars) / (small / small_chars)
    print(f"per-character time, 500 KB / 50 KB: {ratio:.2f}x (1.0 = linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
