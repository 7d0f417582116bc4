"""Stored result JSON back to the model: the inverse of ``Result.to_dict()``.

The tracker keeps each document's result as its contract JSON (without the
text, which has its own column) and rebuilds the attrs values from the field
types, so a new field in the model needs no change here.
"""

from __future__ import annotations

import types
import typing
from typing import Any

import attrs

from claimtrack.model import Result

__all__ = ["result_from_dict"]


def result_from_dict(data: dict[str, Any], text: str) -> Result:
    """Rebuild a :class:`Result` from its contract JSON (``Result.to_dict()``) and its text."""
    return _structure(Result, {**data, "text": text})


def _structure(cls: type, data: dict[str, Any]) -> Any:
    hints = typing.get_type_hints(cls)
    values = {}
    for field in attrs.fields(cls):
        key = "text" if field.name == "text" else field.metadata.get("json", field.name)
        if key in data:
            values[field.name] = _value(hints[field.name], data[key])
    return cls(**values)


def _value(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item, *_) = typing.get_args(hint)
        return tuple(_value(item, entry) for entry in value)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(hint) if option is not type(None)]
        return _value(options[0], value)
    if isinstance(hint, type) and attrs.has(hint):
        return _structure(hint, value)
    return value
