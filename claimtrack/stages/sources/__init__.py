"""The sources stage: group the claims' source mentions into typed entities.

:mod:`.resolve` (the stage) runs :mod:`.mentions` (one mention, with
:mod:`.names` and :mod:`.types`), :mod:`.entities` (grouping),
:mod:`.pronouns` (antecedents) and :mod:`.descriptions`; :mod:`.vocabulary`
is ``rules/sources.yaml`` compiled, the one module another family may read.
"""
