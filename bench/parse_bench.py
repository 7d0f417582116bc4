"""Parsing speed and memory of claimtrack's shipped models, measured in one run.

    python bench/parse_bench.py [--data ../shared/data/ud-english] [--sentences 300] [--threads 1]

For the seed article and for a larger text (whole GUM test documents rebuilt
from their ``# text`` lines, about --sentences sentences) it measures: model
load time, a cold parse (sentences/s, tokens/s), the cached re-run of the same
text, and the process's peak resident memory after each step. Everything is
printed as one markdown table, with the ratios between the runs.

A second table times the larger text's documents side by side, uncached,
with the float and the int8 models (``Parser(quantize=False/True)``): one
``parse_many`` call per document (batch 1) and all documents in one call
(sentences across documents batched through Stanza, which sorts them by
length); it counts the words whose UPOS, head or label differ between them.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud-english"
SEED = REPO / "seeds" / "baghdad_drone_strike.txt"


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ud_documents(data: Path, sentences: int) -> list[str]:
    """The raw text of each whole GUM test document, in order, until about ``sentences`` sentences."""
    from stanza.utils.conll import CoNLL

    from claimtrack.models.scores import TEST_SETS, raw_text

    rows, comments, _ = CoNLL.conll2dict(input_file=str(data / TEST_SETS["gum"]))
    starts = [index for index, found in enumerate(comments) if any(c.startswith("# newdoc") for c in found)]
    starts = [start for start in starts if start < sentences] + [next((s for s in starts if s >= sentences), len(rows))]
    return [raw_text(rows[a:b], comments[a:b]) for a, b in zip(starts, starts[1:])]


def timed_batches(parser, documents: list[str], per_call: int) -> tuple[float, int, list]:
    """Seconds and tokens to parse ``documents`` uncached, ``per_call`` documents per call; the parses."""
    seconds, tokens, parses = 0.0, 0, []
    for first in range(0, len(documents), per_call):
        parses += parser.parse_many(documents[first : first + per_call], cache=False)
        seconds += parser.last.seconds
        tokens += parser.last.tokens
    return seconds, tokens, parses


def changed_words(a: list, b: list) -> tuple[int, int]:
    """Words (of ``a``) whose UPOS, head or label differ in ``b``, and all words."""
    changed = total = 0
    for first, second in zip(a, b):
        for sentence_a, sentence_b in zip(first.sentences, second.sentences):
            for word_a, word_b in zip(sentence_a, sentence_b):
                total += 1
                changed += any(word_a.get(key) != word_b.get(key) for key in ("upos", "head", "deprel"))
    return changed, total


def ud_text(data: Path, sentences: int) -> tuple[str, str]:
    """Whole GUM test documents, in order, until about ``sentences`` sentences."""
    from stanza.utils.conll import CoNLL

    from claimtrack.models.scores import TEST_SETS, raw_text

    path = data / TEST_SETS["gum"]
    rows, comments, _ = CoNLL.conll2dict(input_file=str(path))
    end = len(rows)
    for index, sentence_comments in enumerate(comments):
        if index >= sentences and any(c.startswith("# newdoc") for c in sentence_comments):
            end = index
            break
    documents = sum(1 for c in comments[:end] if any(x.startswith("# newdoc") for x in c))
    return raw_text(rows[:end], comments[:end]), f"GUM test, {documents} documents"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ud-english folder")
    parser.add_argument("--sentences", type=int, default=300, help="size of the larger text (default 300)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--models", default="compact", help="compact (default), stanza, or a folder")
    args = parser.parse_args(argv)

    os.environ["CLAIMTRACK_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimtrack-bench-")
    os.environ["CLAIMTRACK_THREADS"] = str(args.threads)
    rss_start = peak_rss_mb()
    started = time.perf_counter()
    import stanza  # noqa: F401  (torch with it)

    from claimtrack.parsing.parser import Parser

    import_seconds = time.perf_counter() - started

    parser = Parser(args.models)
    started = time.perf_counter()
    parser.pipeline()
    load_seconds = time.perf_counter() - started
    rss_loaded = peak_rss_mb()

    texts = [("seed article", SEED.read_text(encoding="utf-8"))]
    large, label = ud_text(args.data, args.sentences)
    texts.append((label, large))

    rows = []
    for name, text in texts:
        doc = parser.parse(text)
        cold = parser.last
        assert not cold.cached
        rss_parsed = peak_rss_mb()
        parser.parse(text)
        warm = parser.last
        assert warm.cached
        rows.append((name, len(text), cold, warm, rss_parsed, len(doc.sentences)))

    print(f"models: {parser.models.name} ({parser.model_id}), {parser.models.size / 1e6:.1f} MB, "
          f"torch threads: {args.threads}, cpus: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    print()
    print("| step | seconds | peak RSS MB |")
    print("|---|---:|---:|")
    print(f"| start | | {rss_start:.0f} |")
    print(f"| import stanza + torch | {import_seconds:.2f} | |")
    print(f"| load models | {load_seconds:.2f} | {rss_loaded:.0f} |")
    print()
    print("| text | chars | sentences | tokens | cold parse s | sentences/s | tokens/s "
          "| cached re-run s | speed-up | load / cold parse | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, chars, cold, warm, rss, sentences in rows:
        print(
            f"| {name} | {chars:,} | {sentences} | {cold.tokens:,} | {cold.seconds:.2f} "
            f"| {cold.sentences / cold.seconds:.1f} | {cold.tokens / cold.seconds:.0f} "
            f"| {warm.seconds:.3f} | {cold.seconds / warm.seconds:.0f}x "
            f"| {load_seconds / cold.seconds:.2f} | {rss:.0f} |"
        )
    (_, _, seed_cold, _, _, _), (_, _, large_cold, _, _, _) = rows
    seed_rate = seed_cold.tokens / seed_cold.seconds
    large_rate = large_cold.tokens / large_cold.seconds
    print()
    print(f"larger text / seed: {large_cold.tokens / seed_cold.tokens:.1f}x the tokens, "
          f"{large_cold.seconds / seed_cold.seconds:.1f}x the time, "
          f"{large_rate / seed_rate:.2f}x the tokens/s")

    documents = ud_documents(args.data, args.sentences)
    float_parser = Parser(args.models, quantize=False)
    int8_parser = Parser(args.models, quantize=True)
    loads = {}
    for name, each in (("float", float_parser), ("int8", int8_parser)):
        started = time.perf_counter()
        each.pipeline()
        loads[name] = time.perf_counter() - started
    float_one, tokens, float_single = timed_batches(float_parser, documents, 1)
    float_all, _, float_batched = timed_batches(float_parser, documents, len(documents))
    int8_one, _, int8_single = timed_batches(int8_parser, documents, 1)
    int8_all, _, int8_batched = timed_batches(int8_parser, documents, len(documents))
    print()
    print(f"{len(documents)} GUM test documents, {tokens:,} tokens, uncached; load: float {loads['float']:.2f}s, "
          f"int8 {loads['int8']:.2f}s; peak RSS with both loaded {peak_rss_mb():.0f} MB")
    for name, (a, b) in {
        "float batched vs one by one": (float_single, float_batched),
        "int8 batched vs one by one": (int8_single, int8_batched),
        "int8 vs float, one by one": (float_single, int8_single),
        "int8 vs float, batched": (float_batched, int8_batched),
    }.items():
        changed, words = changed_words(a, b)
        print(f"{name}: UPOS, head or label changed for {changed:,} of {words:,} words ({100 * changed / words:.2f}%)")
    print()
    print("| run | seconds | tokens/s | ratio |")
    print("|---|---:|---:|---:|")
    for name, seconds in (
        ("float, one document per call", float_one),
        (f"float, {len(documents)} documents in one call", float_all),
        ("int8, one document per call", int8_one),
        (f"int8, {len(documents)} documents in one call", int8_all),
    ):
        print(f"| {name} | {seconds:.2f} | {tokens / seconds:,.0f} | {float_one / seconds:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
