"""Save claimtrack's output on a fixed set of inputs, to compare before/after a change.

    python bench/snapshot.py OUT.json            # write a snapshot
    python bench/snapshot.py --compare A.json B.json

Inputs: the seed article, every text under examples/ and tests/articles/
(parsed with the shipped models, cached), and every gold-parsed GUM document
of ../shared/data/gum-attributions/conllu (no model run). The ``version``
field is dropped so that a version bump is not a difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUM = ROOT.parent / "shared" / "data" / "gum-attributions" / "conllu"


def inputs() -> list[Path]:
    texts = [ROOT / "seeds" / "baghdad_drone_strike.txt"]
    texts += sorted((ROOT / "examples").rglob("*.txt"))
    texts += sorted((ROOT / "tests" / "articles").glob("*.txt"))
    return texts + sorted(GUM.glob("*.conllu"))


def snapshot() -> dict[str, object]:
    import claimtrack

    out: dict[str, object] = {}
    for path in inputs():
        if path.suffix == ".conllu":
            result = claimtrack.extract_file(str(path))
        else:
            result = claimtrack.extract(path.read_text(encoding="utf-8"))
        data = result.to_dict()
        data.pop("version", None)
        out[str(path.relative_to(ROOT.parent))] = data
    return out


def compare(a: dict, b: dict) -> int:
    differ = [key for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]
    print(f"{len(set(a) | set(b))} documents, {len(differ)} differ")
    for key in differ:
        print("  differs:", key)
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"))
    args = parser.parse_args()
    if args.compare:
        a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.compare)
        return compare(a, b)
    Path(args.out).write_text(json.dumps(snapshot(), indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
