"""The claims stage: quotations and cue words, then one claim per attributed cue.

:mod:`.detect` (the stage) -> :mod:`.cues` (the cue vocabulary and the cues
of a sentence) -> :mod:`.attribution` (source and content of one cue, by
:mod:`.frames`, :mod:`.complements` and :mod:`.speakers`) -> :mod:`.drafts`
(the drafts combined into claims); :mod:`.quotes` finds quotations and
:mod:`.phrases` holds the small readers of a parse the others share.
"""
