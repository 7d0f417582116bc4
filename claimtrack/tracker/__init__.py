"""Follow claims across articles: documents, their claims and sources in one SQLite file.

A fact-check desk follows a story over days. The tracker keeps every article
added to it with its :class:`~claimtrack.model.Result`, merges the sources of
all articles into one list, and groups claims about the same thing across
articles, each group with a timeline and a current status.

One concern per module:

- :mod:`~claimtrack.tracker.articles`: an article file, its body and front matter;
- :mod:`~claimtrack.tracker.grouping`: which claims are the same claim and which
  source mentions name the same source;
- :mod:`~claimtrack.tracker.database`: the SQLite file (schema, migrations,
  transactions, and what its errors mean to a user);
- :mod:`~claimtrack.tracker.records`: a group id as users write it, a group's current
  status (the records themselves are :mod:`claimtrack.model` values);
- :mod:`~claimtrack.tracker.store`: :class:`~claimtrack.tracker.store.Tracker`,
  which adds documents and reads groups, sources and articles.
"""

from __future__ import annotations

from claimtrack.errors import ClaimtrackError

__all__ = ["TrackerError"]


class TrackerError(ClaimtrackError):
    """A problem with a tracker database or an article given to it (one line)."""
