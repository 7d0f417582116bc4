"""An invented corpus in PolNeAR's layout, written to a temporary folder.

# A tiny corpus in PolNeAR's layout, for the `claimtrack eval --format polnear` tests

Every sentence here was written for claimtrack's tests; none comes from
PolNeAR (whose texts have no data licence and are never copied into this
repository). The layout and the brat standoff format are PolNeAR's:

    data/<split>/text/<publisher>_<date>_<slug>.txt
    data/<split>/attributions/<publisher>_<date>_<slug>_<annotator>.ann

- `train/gazette_2016-03-02_harbor-council-backs`: four attributions (a said-clause,
  a split quote with `Content` and `Content2`, a belief with "hope", a colon cue
  "Poll: ..."), an annotator note, `Discuss` markers, and a span text that runs over
  a line break (the tail lines start like no brat line).
- `train/tribune_2016-03-01_fire-closes-orchard`: annotated twice (`a9f0`, `c3d4`);
  `a9f0` comes first in name order and is the one scored. Two
  `Attribution-no-source` events.
- `dev/ledger_2016-10-03_count-finishes-early`: one attribution, for `--split dev`.

Date order puts the tribune article (2016-03-01) before the gazette one.

The files are built at test time, not stored in the repository: nothing in
the repository has the shape of PolNeAR data.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

FILES = {
    'data/dev/attributions/ledger_2016-10-03_count-finishes-early_e5f6.ann': 'T1\tSource 22 31\tThe clerk\nT2\tCue 32 36\tsaid\nT3\tContent 37 67\tthe count was finished by noon\nT4\tAttribution 32 36\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n',
    'data/dev/text/ledger_2016-10-03_count-finishes-early.txt': 'Count finishes early\n\nThe clerk said the count was finished by noon.\n',
    'data/train/attributions/gazette_2016-03-02_harbor-council-backs_a1b2.ann': 'T1\tSource 37 46\tThe mayor\nT2\tCue 47 51\tsaid\nT3\tContent 52 80\tthe ferry would start in May\nT4\tAttribution 47 51\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\nT5\tContent 82 97\t"We are ready,"\nT6\tCue 98 102\tsaid\nT7\tSource 103 134\tNadia Brandt, the port director\nT8\tContent 136 157\t"The boats are here."\nT9\tAttribution 98 102\tsaid\nE2\tAttribution:T9 Content:T5 Cue:T6 Source:T7 Content2:T8\nT10\tSource 159 168\tResidents\nT11\tCue 169 173\thope\nT12\tContent 174 192\tthe fares stay low\nT13\tAttribution 169 173\thope\nE3\tAttribution:T13 Source:T10 Cue:T11 Content:T12\nT14\tSource 195 199\tPoll\nT15\tCue 199 200\t:\nT16\tContent 201 233\tmost commuters want the new line\nT17\tAttribution 199 200\t:\nE4\tAttribution:T17 Source:T14 Cue:T15 Content:T16\nT18\tDiscuss 0 20\tHarbor council backs\n#1\tAnnotatorNotes T3\tcheck the tense\nT99\tDiscuss 0 6\tHarbor\nT20\tDiscuss 0 46\tHarbor council backs new ferry line\n\nThe mayor\n',
    'data/train/attributions/tribune_2016-03-01_fire-closes-orchard_a9f0.ann': 'T1\tContent 26 60\tThe road was closed after the fire\nT2\tSource 62 71\tofficials\nT3\tCue 72 76\tsaid\nT4\tAttribution 72 76\tsaid\nE1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\nT5\tCue 78 93\tIt was reported\nT6\tContent 99 115\ttwo barns burned\nT7\tAttribution 78 93\tIt was reported\nE2\tAttribution-no-source:T7 Cue:T5 Content:T6\nT8\tContent 118 136\t"Nobody was hurt,"\nT9\tSource 137 149\ta fire chief\nT10\tCue 150 164\ttold reporters\nT11\tAttribution 150 164\ttold reporters\nE3\tAttribution:T11 Content:T8 Source:T9 Cue:T10\nT12\tCue 166 172\tadding\nT13\tContent 178 199\tthe cause was unknown\nT14\tAttribution 166 172\tadding\nE4\tAttribution-no-source:T14 Cue:T12 Content:T13\n',
    'data/train/attributions/tribune_2016-03-01_fire-closes-orchard_c3d4.ann': 'T1\tContent 26 60\tThe road was closed after the fire\nT2\tSource 62 71\tofficials\nT3\tCue 72 76\tsaid\nT4\tAttribution 72 76\tsaid\nE1\tAttribution:T4 Content:T1 Source:T2 Cue:T3\n',
    'data/train/text/gazette_2016-03-02_harbor-council-backs.txt': 'Harbor council backs new ferry line\n\nThe mayor said the ferry would start in May. "We are ready," said Nadia Brandt, the port director. "The boats are here."\n\nResidents hope the fares stay low.\n\nPoll: most commuters want the new line.\n',
    'data/train/text/tribune_2016-03-01_fire-closes-orchard.txt': 'Fire closes orchard road\n\nThe road was closed after the fire, officials said. It was reported that two barns burned.\n\n"Nobody was hurt," a fire chief told reporters, adding that the cause was unknown.\n',
}


def invented_corpus() -> Path:
    """A folder holding the corpus (removed when the test run ends)."""
    root = Path(tempfile.mkdtemp(prefix="invented-attributions-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
