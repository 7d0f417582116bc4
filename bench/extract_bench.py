"""Time ``claimtrack.extract`` on the seed article with a warm parse cache.

    python bench/extract_bench.py [--calls N]

Two roads from the cached parse to claims, each in a fresh Python process,
in one run:

- before: the stanza road, ``extract_document(claimtrack.parse(text))``
  (the cached dicts -> stanza ``Document`` -> claimtrack's view), the road
  ``claimtrack.extract`` took until the stages redesign;
- after: ``claimtrack.extract(text)`` (the cached dicts -> claimtrack's view).

Each process reports its first call (imports included), the mean of the
next N calls, whether torch or stanza was imported, and a digest of the
output, which must be the same on both roads.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "baghdad_drone_strike.txt"

ROADS = {
    "before (stanza Document)": "from claimtrack.pipeline import extract_document\n"
    "run = lambda text: extract_document(claimtrack.parse(text))",
    "after (claimtrack.extract)": "run = claimtrack.extract",
}

PROGRAM = """
import hashlib, json, sys, time
started = time.perf_counter()
import claimtrack
{road}
text = open({seed!r}, encoding="utf-8").read()
result = run(text)
first = time.perf_counter() - started
started = time.perf_counter()
for _ in range({calls}):
    run(text)
warm = (time.perf_counter() - started) / {calls}
digest = hashlib.sha256(json.dumps(result.to_dict(), sort_keys=True).encode()).hexdigest()[:12]
print(json.dumps({{"first": first, "warm": warm, "torch": "torch" in sys.modules,
                  "stanza": "stanza" in sys.modules, "output": digest}}))
"""


def measure(road: str, calls: int) -> dict[str, object]:
    program = PROGRAM.format(road=road, seed=str(SEED), calls=calls)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5, help="warm calls timed after the first (default 5)")
    args = parser.parse_args()
    import claimtrack

    claimtrack.extract(SEED.read_text(encoding="utf-8"))  # the parse is in the cache from here on
    outputs = set()
    for name, road in ROADS.items():
        found = measure(road, args.calls)
        outputs.add(found["output"])
        print(
            f"{name:28} first call {found['first']:.2f} s (imports included), "
            f"then {found['warm']:.3f} s per call; torch imported: {found['torch']}, "
            f"stanza imported: {found['stanza']}; output {found['output']}"
        )
    print("output identical on both roads" if len(outputs) == 1 else "OUTPUT DIFFERS between the roads")
    return 0 if len(outputs) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
