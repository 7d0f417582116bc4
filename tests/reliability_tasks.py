"""Stand-ins for ``extract_batch`` that worker processes can import (tests of
:mod:`claimtrack.corpus.workers`): no models, and a record whose text is
``"die"`` kills the worker that takes it, as the OOM killer would."""

from __future__ import annotations

import os
import signal

from claimtrack.corpus.work import Outcome


def echo_or_die(records, settings, progress=None):
    outcomes = []
    for record in records:
        if record.text == "die":
            os.kill(os.getpid(), signal.SIGKILL)
        outcomes.append(Outcome(record=record.without_text(), result=f"{record.doc_id}:{os.getpid()}"))
    return outcomes


def sleepy(records, settings, progress=None):
    import time

    time.sleep(120)
    return []
