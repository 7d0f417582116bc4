"""Corpus throughput of `claimtrack extract`, measured side by side in one run.

    python bench/corpus_bench.py [--data ../shared/data/ud-english/gum] [--documents 100] [--jobs 2]

The documents are GUM texts (CC BY and CC BY-SA; news and interviews first,
then the other written genres, shortest first) rebuilt from the ``# text``
lines of the CoNLL-U files, a blank line per ``# newpar``, one .txt file each.
For one process, ``--jobs N`` and ``--scheduler local --jobs N`` it runs the
command line twice on the same folder, first with an empty parse cache (cold),
then with the cache it filled (warm), and prints one markdown table: seconds,
tokens/s and the ratio to one process. It also checks that every
configuration wrote the same claims.
"""

from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud-english" / "gum"
GENRES = ("news", "interview")
SKIPPED = ("conversation", "vlog")  # spoken transcripts: not news-like


def gum_documents(paths: list[str]):
    """``(id, text)`` per GUM document in the CoNLL-U files."""
    for path in paths:
        doc_id, paragraphs, current = None, [], []
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("# newdoc id"):
                    if doc_id:
                        yield doc_id, _joined(paragraphs, current)
                    doc_id, paragraphs, current = line.split("=", 1)[1].strip(), [], []
                elif line.startswith("# newpar") and not line.startswith("# newpar_"):
                    if current:
                        paragraphs.append(current)
                    current = []
                elif line.startswith("# text = "):
                    current.append(line[len("# text = ") :].rstrip("\n"))
        if doc_id:
            yield doc_id, _joined(paragraphs, current)


def _joined(paragraphs: list[list[str]], current: list[str]) -> str:
    return "\n\n".join(" ".join(paragraph) for paragraph in [*paragraphs, *([current] if current else [])]) + "\n"


def genre(doc_id: str) -> str:
    return doc_id.split("_")[1]


def chosen(data: Path, count: int) -> list[tuple[str, str]]:
    """News and interviews, then the shortest documents of other written genres."""
    paths = sorted(glob.glob(str(data / "**" / "*.conllu"), recursive=True))
    documents = [doc for doc in gum_documents(paths) if genre(doc[0]) not in SKIPPED]
    first = [doc for doc in documents if genre(doc[0]) in GENRES]
    rest = sorted((doc for doc in documents if genre(doc[0]) not in GENRES), key=lambda doc: len(doc[1]))
    return (first + rest)[:count]


def run(folder: Path, out: Path, cache: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "claimtrack", "extract", str(folder), "-o", str(out), *extra]
    started = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, "CLAIMTRACK_CACHE_DIR": str(cache)}, capture_output=True, timeout=7200)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed: {done.stderr.decode()[-2000:]}")
    return seconds


def token_count(cache: Path, texts: list[str]) -> int:
    from claimtrack.parsing.cache import ParseCache, units

    store = ParseCache(cache / "parses")
    models = [path.name for path in store.root.iterdir()]
    total = 0
    for text in texts:
        entry = next(filter(None, (store.entry(text, model) for model in models)))
        total += sum(1 for sentence in entry.sentences for _ in units(sentence))
    return total


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--data", type=Path, default=DEFAULT_DATA)
    options.add_argument("--documents", type=int, default=100)
    options.add_argument("--jobs", type=int, default=2)
    options.add_argument("--configs", default="one,jobs,dask", help="which to run (default: all three)")
    args = options.parse_args()
    documents = chosen(args.data, args.documents)
    configurations = [
        (key, name, extra)
        for key, name, extra in (
            ("one", "one process", []),
            ("jobs", f"--jobs {args.jobs}", ["--jobs", str(args.jobs)]),
            ("dask", f"--scheduler local --jobs {args.jobs}", ["--scheduler", "local", "--jobs", str(args.jobs)]),
        )
        if key in args.configs.split(",")
    ]
    with tempfile.TemporaryDirectory(prefix="claimtrack-corpus-bench-") as work:
        work = Path(work)
        folder = work / "texts"
        folder.mkdir()
        for doc_id, text in documents:
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows, outputs = [], []
        for number, (_, name, extra) in enumerate(configurations):
            cache = work / f"cache-{number}"
            cold = run(folder, work / f"cold-{number}.jsonl", cache, extra)
            warm = run(folder, work / f"warm-{number}.jsonl", cache, extra)
            outputs += [(work / f"cold-{number}.jsonl").read_bytes(), (work / f"warm-{number}.jsonl").read_bytes()]
            rows.append((name, cold, warm))
            print(f"{name}: cold {cold:.1f}s, warm {warm:.1f}s", file=sys.stderr, flush=True)
        tokens = token_count(work / "cache-0", [text for _, text in documents])
    same = all(output == outputs[0] for output in outputs)
    characters = sum(len(text) for _, text in documents)
    print(f"{len(documents)} GUM documents, {characters:,} characters, {tokens:,} tokens; "
          f"{os.cpu_count()} cores; identical output in every run: {same}\n")
    print("| configuration | cold s | cold tokens/s | cold ratio | warm s | warm tokens/s | warm ratio |")
    print("|---|---|---|---|---|---|---|")
    _, base_cold, base_warm = rows[0]  # ratios are to the first configuration run
    for name, cold, warm in rows:
        print(f"| {name} | {cold:.1f} | {tokens / cold:,.0f} | {base_cold / cold:.2f}x "
              f"| {warm:.1f} | {tokens / warm:,.0f} | {base_warm / warm:.2f}x |")


if __name__ == "__main__":
    main()
