"""``claimtrack models``: the parsing model sets available here, and the default."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from claimtrack.errors import ModelError

EXAMPLES = """\
examples:
  claimtrack models
  claimtrack models --json
  CLAIMTRACK_MODELS=stanza claimtrack extract article.txt
  claimtrack extract article.txt --models path/to/my_models/

compact is shipped inside the package and loads offline. stanza means
Stanza's official English models, found if stanza.download('en') has put them
in Stanza's resources folder ($STANZA_RESOURCES_DIR). A folder holding
tokenize.pt, pos.pt, lemma.pt, depparse.pt (and mwt.pt) also works.
$CLAIMTRACK_MODELS chooses the default.
"""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "models",
        help="list the parsing models available and which is the default",
        description="List the Stanza model sets claimtrack can parse with: the compact models "
        "shipped with claimtrack, Stanza's official English models, and the folder named "
        "by $CLAIMTRACK_MODELS.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print the list as JSON")
    parser.set_defaults(func=run)
    return parser


def available() -> list[dict[str, Any]]:
    """One entry per model set: name, found, path, size, processors, default, note."""
    from claimtrack.parsing.parser import MODELS_ENV, compact_models, resolve_models, stanza_models, stanza_resources_dirs

    chosen = os.environ.get(MODELS_ENV) or "compact"
    entries = [_entry("compact", compact_models, "shipped with claimtrack")]
    entries.append(
        _entry(
            "stanza",
            stanza_models,
            "Stanza's official English models",
            missing_path=" or ".join(str(folder) for folder in stanza_resources_dirs()),
        )
    )
    if chosen not in ("compact", "stanza"):
        entries.append(_entry(chosen, lambda: resolve_models(chosen), f"from ${MODELS_ENV}"))
    for entry in entries:
        entry["default"] = entry["name"] == chosen
    return entries


def _entry(name: str, find, note: str, missing_path: str | None = None) -> dict[str, Any]:
    try:
        models = find()
    except ModelError as error:
        return {"name": name, "found": False, "path": missing_path, "note": str(error)}
    return {
        "name": name,
        "found": True,
        "path": str(models.path),
        "size_mb": round(models.size / 1e6, 1),
        "processors": list(models.processors),
        "note": note,
    }


def run(args: argparse.Namespace) -> int:
    entries = available()
    if args.json:
        json.dump(entries, sys.stdout, indent=2)
        print()
        return 0
    for entry in entries:
        mark = "*" if entry["default"] else " "
        label = f"{mark} {entry['name']}" + (" (default)" if entry["default"] else "")
        print(label)
        if entry["found"]:
            print(f"    path:       {entry['path']}")
            print(f"    size:       {entry['size_mb']} MB")
            print(f"    processors: {', '.join(entry['processors'])}")
            print(f"    about:      {entry['note']}")
        else:
            print("    not available")
            print(f"    {entry['note']}")
    if not any(entry["default"] and entry["found"] for entry in entries):
        print("claimtrack: the default model set is not available", file=sys.stderr)
        return 1
    return 0
