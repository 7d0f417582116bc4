"""The confirmation stage: what the text says about whether each claim holds.

:mod:`.confirm` (the stage) reads ``rules/confirmation.yaml`` compiled by
:mod:`.vocabulary` and links evidence to claims with :mod:`.links`.
"""
