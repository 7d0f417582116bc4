"""The stages, in pipeline order (:data:`claimtrack.pipeline.STAGES`).

Each is ``stage(document, found, rules) -> found`` (:mod:`.findings`)::

    noise.classify_lines              headlines, bylines, datelines, headings
    claims.detect.find_claims         quotations and cue words -> attributed claims
    unsourced.find_unsourced          reporter's-voice hearsay -> claims with no source
    sources.resolve.resolve_sources   source mentions -> typed entities
    hedging.mark_hedges               the words that weaken each claim
    confirmation.confirm.set_confirmation  what the text says about whether a claim holds

Shared below the stages: :mod:`.findings` (what they pass along) and
:mod:`.hedge_vocabulary` (read by hedging and unsourced). No stage imports
another; the one arrow between families is confirmation -> sources'
vocabulary (the aliases of a party). The contract in ``pyproject.toml``
(``lint-imports``) says exactly this.
"""
