"""The CLI's subcommands: one module each, registered by :mod:`claimtrack.cli`.

A command module defines ``register(subparsers)``, which adds its parser and
sets ``func(args) -> int`` with ``parser.set_defaults(func=...)``.
"""
