"""Fact-check matching at scale: 1,000 claims against 100,000 fact-checks.

    python bench/factcheck_bench.py [--claims 1000] [--fact-checks 100000] [--brute 20]

The data are synthetic and the same on every run (seeded): reviewed claims
of 6 to 14 content words drawn from a 50,000-word vocabulary with Zipf-like
frequencies (the 100 commonest words make 16% of all words), some with a
number; a third of the claims repeat a fact-check
with one word changed and one dropped, the rest are new. Prints the time to
build the candidate index (an inverted index of content words with prefix
filtering, once per feed), the
matching speed in claims/s, and the speed of a brute-force pass (every
claim against every fact-check with the same similarity, timed on the first
``--brute`` claims) on the same data, with the ratio; and how many of the
brute-force pass's matches the index also finds.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claimtrack.factcheck import FactCheck, FactChecks, match  # noqa: E402
from claimtrack.factcheck.matching import brute_force, lexical_index  # noqa: E402
from claimtrack.factcheck.settings import settings_from  # noqa: E402
from claimtrack.model import Claim, Content, DocumentInfo, Result  # noqa: E402
from claimtrack.ruleset.loader import default_rules  # noqa: E402


def vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    chosen = rng.choices(words, cum_weights=weights, k=rng.randint(6, 14))
    if rng.random() < 0.3:
        chosen.insert(rng.randrange(len(chosen)), str(rng.randint(2, 999)))
    return " ".join(chosen)


def paraphrase(rng: random.Random, text: str, words: list[str]) -> str:
    parts = text.split()
    parts[rng.randrange(len(parts))] = rng.choice(words)
    del parts[rng.randrange(len(parts))]
    return " ".join(parts)


def data(n_claims: int, n_checks: int, seed: int = 25) -> tuple[Result, FactChecks]:
    rng = random.Random(seed)
    words = vocabulary(rng, 50_000)
    weights = list(itertools.accumulate(1 / (rank + 50) for rank in range(len(words))))
    checks = [FactCheck(claim_reviewed=sentence(rng, words, weights), rating="False") for _ in range(n_checks)]
    texts = [
        paraphrase(rng, rng.choice(checks).claim_reviewed, words) if number % 3 == 0 else sentence(rng, words, weights)
        for number in range(n_claims)
    ]
    text, claims = "", []
    for number, content in enumerate(texts, 1):
        start = len(text)
        text += content + ". "
        claims.append(Claim(id=f"C{number}", kind="indirect", content=Content(content, start, start + len(content))))
    result = Result(text=text, document=DocumentInfo.for_text(text, "bench"), claims=claims)
    return result, FactChecks(checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--fact-checks", type=int, default=100_000)
    parser.add_argument("--brute", type=int, default=20, help="claims to time the brute-force pass on")
    args = parser.parse_args()

    start = time.perf_counter()
    result, checks = data(args.claims, args.fact_checks)
    print(f"data: {args.claims} claims, {len(checks)} fact-checks ({time.perf_counter() - start:.1f}s to make)")

    overlap = settings_from(default_rules()).min_overlap
    start, cpu = time.perf_counter(), time.process_time()
    lexical_index(checks, overlap)
    built, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"index: {built:.1f}s ({cpu:.1f}s CPU) to build ({len(checks) / built:,.0f} fact-checks/s)")

    start, cpu = time.perf_counter(), time.process_time()
    found = match(result, checks)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    matched = sum(1 for matches in found.values() if matches)
    indexed_rate = len(result.claims) / seconds
    print(f"indexed: {seconds:.2f}s ({cpu:.2f}s CPU) for {len(result.claims)} claims, {indexed_rate:,.0f} claims/s, "
          f"{matched} claims matched")

    sample = Result(text=result.text, document=result.document, claims=result.claims[: args.brute])
    start, cpu = time.perf_counter(), time.process_time()
    brute = brute_force(sample, checks)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    brute_rate = len(sample.claims) / seconds
    print(f"brute force: {seconds:.2f}s ({cpu:.2f}s CPU) for {len(sample.claims)} claims, {brute_rate:,.2f} claims/s")
    print(f"ratio: indexed is {indexed_rate / brute_rate:,.0f}x brute force "
          f"(all {args.claims} claims by brute force would take about {args.claims / brute_rate:,.0f}s)")

    index = lexical_index(checks, overlap)
    wanted = {(claim, number) for claim, numbers in brute.items() for number in numbers}
    kept = {(claim.id, number) for claim in sample.claims for number in index.candidates(claim.content.text)}
    print(f"index recall against brute force on those claims: {len(wanted & kept)}/{len(wanted)} pairs at min_content")
    return 0


if __name__ == "__main__":
    sys.exit(main())
