"""claimtrack's version, in the one place the package, the CLI, the pipeline
and the data model read it from (pyproject.toml reads it too)."""

__version__ = "0.1.0"
