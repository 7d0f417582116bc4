"""``claimtrack.read_text(path)``: a file's text exactly as ``claimtrack extract`` reads it.

Every offset claimtrack reports indexes into this text. Python's usual
``open(path, encoding="utf-8").read()`` gives a different string for many
real files, and then ``text[start:end]`` misses:

- a UTF-8 byte order mark is dropped here (``encoding="utf-8"`` keeps it as
  ``"\\ufeff"``, one character that shifts every offset);
- line endings are kept as stored (text mode turns ``\\r\\n`` into ``\\n``,
  one character less per line);
- UTF-16 with a byte order mark is read as UTF-16;
- front matter (a YAML block between two ``---`` lines at the very top) is
  not part of the article: offsets count from the first character after the
  closing ``---`` line, and the front matter becomes ``document.metadata``.

Equivalent for a UTF-8 file without front matter:
``open(path, encoding="utf-8-sig", newline="").read()``.
"""

from __future__ import annotations

import os

from claimtrack.parsing.articles import read_article

__all__ = ["read_text"]


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of the article file at ``path`` that ``extract`` and
    ``extract_file`` extract from, so that ``text[span.start:span.end] ==
    span.text`` for every span of the result. Raises
    :class:`~claimtrack.errors.InputError` (one line naming the file) for a
    file that cannot be read as text."""
    body, _front_matter = read_article(path)
    return body
