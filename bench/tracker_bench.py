"""Time adding an article to a tracker as the store grows, and measure grouping on hand-written pairs.

    python bench/tracker_bench.py [--sizes 1000 100000] [--data ../shared/data/ud-english/gum/train]
    python bench/tracker_bench.py --pairs [tests/data/tracker_pairs.yaml]

Store scaling: claims are windows of 6 to 14 words cut at random (seeded)
from the sentences of the GUM training files. The store is filled with SQL
inserts of the rows ``Tracker.add_result`` writes (documents of 100 claims,
each claim its own group, with its candidate-index keys), because grouping
100,000 claims one at a time takes minutes. At each size the store reaches,
``--repeat`` probe articles of 20 new claims each go through
``Tracker.add_result`` (candidate lookup, comparison, grouping, storing); the
best time is kept, and the candidates the MinHash LSH index returned per
claim are counted. The
figure that matters is the ratio of the time at the largest size to the time
at the smallest, measured in the same run: 1.0 means adding does not slow
down as the store grows.

Pairs: each pair of claim contents is stored as two one-claim articles from
different sources, a day apart, in a fresh tracker; the pair counts as
grouped when the second joins the first one's group. Precision and recall
are over the "same" pairs (the claims to group) of each set.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud-english" / "gum" / "train"
DEFAULT_PAIRS = ROOT / "tests" / "data" / "tracker_pairs.yaml"
PER_DOCUMENT = 100
PROBE_CLAIMS = 20


def sentences(data: Path) -> list[list[str]]:
    found = []
    for path in sorted(data.glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                words = line[9:].split()
                if len(words) >= 6:
                    found.append(words)
    return found


def claims_from(pool: list[list[str]], count: int, rng: random.Random) -> list[str]:
    chosen = []
    for _ in range(count):
        words = rng.choice(pool)
        size = rng.randint(6, min(14, len(words)))
        start = rng.randint(0, len(words) - size)
        chosen.append(" ".join(words[start : start + size]))
    return chosen


def article(contents: list[str], name: str):
    """A Result whose claims are ``contents``, one sentence each."""
    from claimtrack.model import Claim, Content, DocumentInfo, Result

    text, claims, offset = "", [], 0
    for number, content in enumerate(contents, 1):
        claims.append(Claim(f"C{number}", "indirect", Content(content, offset, offset + len(content))))
        text += content + ".\n"
        offset = len(text)
    return Result(text=text, document=DocumentInfo.for_text(text, name), claims=claims)


def fill(tracker, result) -> None:
    """Store a document's rows as add_result would, but without looking for groups."""
    from claimtrack.tracker.grouping import band_keys

    db = tracker._db
    db.execute("BEGIN")
    document = db.execute(
        "INSERT INTO documents (sha256, doc_id, added_at, text, result) VALUES (?, ?, '2026-03-01', ?, '{}')",
        (result.document.sha256, result.document.id, result.text),
    ).lastrowid
    for claim in result.claims:
        content = claim.content.text
        group = db.execute("INSERT INTO claim_groups (label) VALUES (?)", (content,)).lastrowid
        row = db.execute(
            "INSERT INTO claims (document_id, claim_id, group_id, kind, content, start, end, anonymous, hedged,"
            " status, n_words) VALUES (?, ?, ?, 'indirect', ?, ?, ?, 0, 0, 'unconfirmed', 0)",
            (document, claim.id, group, content, claim.content.start, claim.content.end),
        ).lastrowid
        db.executemany(
            "INSERT INTO claim_bands (key, claim) VALUES (?, ?)",
            [(key, row) for key in dict.fromkeys(band_keys(content))],
        )
    db.execute("COMMIT")


class CountingCandidates:
    """Counts the candidates each claim's index lookup returned (wraps grouping.best_group)."""

    def __init__(self):
        from claimtrack.tracker import store

        self.store, self.original, self.counts = store, store.best_group, []
        store.best_group = self

    def __call__(self, content, date, candidates, settings):
        candidates = list(candidates)
        self.counts.append(len(candidates))
        return self.original(content, date, candidates, settings)

    def mean(self) -> float:
        mean = sum(self.counts) / max(1, len(self.counts))
        self.counts.clear()
        return mean


def scaling(data: Path, sizes: list[int], repeat: int) -> int:
    from claimtrack.tracker.store import Tracker

    pool = sentences(data)
    if not pool:
        print(f"no GUM sentences under {data}; give --data", file=sys.stderr)
        return 2
    rng = random.Random(14)
    counter = CountingCandidates()
    rows = []
    with tempfile.TemporaryDirectory() as folder, Tracker(Path(folder) / "bench.db") as tracker:
        stored, documents = 0, 0
        for size in sorted(sizes):
            started = time.perf_counter()
            while stored < size:
                batch = min(PER_DOCUMENT, size - stored)
                documents += 1
                fill(tracker, article(claims_from(pool, batch, rng), f"d{documents}"))
                stored += batch
            build = time.perf_counter() - started
            counter.mean()
            best = float("inf")
            for probe in range(repeat):
                result = article(claims_from(pool, PROBE_CLAIMS, rng), f"probe{size}-{probe}")
                started = time.perf_counter()
                tracker.add_result(result)
                best = min(best, time.perf_counter() - started)
                stored += PROBE_CLAIMS
            rows.append((size, best, counter.mean(), build))
            print(
                f"{size:>8,} stored claims: adding a {PROBE_CLAIMS}-claim article {best * 1000:7.1f} ms "
                f"(best of {repeat}), {rows[-1][2]:6.1f} candidates per claim; "
                f"filling the store took {build:.1f} s",
                flush=True,
            )
            size_mb = (Path(folder) / "bench.db").stat().st_size / 1e6
            print(f"{'':>8}  database file {size_mb:.0f} MB", flush=True)
    (small, small_time, *_), (large, large_time, *_) = rows[0], rows[-1]
    print(f"ratio {large:,} / {small:,} claims: {large_time / small_time:.2f}x")
    return 0


def grouped(first: str, second: str) -> bool:
    from claimtrack.model import ClaimSource
    from claimtrack.tracker.store import Tracker

    with Tracker(":memory:") as tracker:
        for number, (content, date) in enumerate(((first, "2026-03-02"), (second, "2026-03-03"))):
            result = article([content], f"pair{number}")
            name = ("Ana Ruiz", "Karel Brandt")[number]
            source = ClaimSource(name, 0, 0, entity="S1", name=name, type="person")
            claim = result.claims[0]
            result = type(result)(
                text=result.text,
                document=result.document,
                claims=[type(claim)(claim.id, claim.kind, claim.content, source=source)],
            )
            tracker.add_result(result, outlet=f"Outlet {number}", date=date)
        return len(tracker.groups()) == 1


def grouped_before(first: str, second: str) -> bool:
    """The grouping before issue 14: Dice similarity of the content-word sets reaching 0.5."""
    from claimtrack.tracker.grouping import content_words

    a, b = content_words(first), content_words(second)
    return bool(a and b) and 2 * len(a & b) / (len(a) + len(b)) >= 0.5


def pairs(path: Path) -> int:
    import yaml

    sets = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, kinds in sets.items():
        before = {kind: sum(grouped_before(a, b) for a, b in kinds[kind]) for kind in ("same", "different")}
        print(
            f"{name}, before (Dice >= 0.5): precision "
            f"{before['same'] / max(1, before['same'] + before['different']):.2f}, "
            f"recall {before['same'] / len(kinds['same']):.2f}"
        )
        hits = {kind: [grouped(a, b) for a, b in kinds[kind]] for kind in ("same", "different")}
        true, false = sum(hits["same"]), sum(hits["different"])
        precision = true / (true + false) if true + false else 1.0
        recall = true / len(hits["same"])
        print(
            f"{name}: {len(hits['same'])} same, {len(hits['different'])} different pairs; "
            f"grouped {true} same and {false} different: precision {precision:.2f}, recall {recall:.2f}"
        )
        for kind, expected in (("same", True), ("different", False)):
            for (a, b), hit in zip(kinds[kind], hits[kind]):
                if hit != expected:
                    print(f"  {'missed' if expected else 'wrongly grouped'}: {a!r} / {b!r}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pairs", type=Path, nargs="?", const=DEFAULT_PAIRS)
    args = parser.parse_args()
    if args.pairs:
        return pairs(args.pairs)
    return scaling(args.data, args.sizes, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
