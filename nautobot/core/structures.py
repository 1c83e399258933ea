"""Operations on plain data (dicts, nested iterables) that apps and the core share."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any


def deepmerge(original: Mapping, new: Mapping) -> dict:
    """A new dict: `original` with `new` laid over it, nested dicts merged key by key (neither input changes)."""
    merged = copy.deepcopy(dict(original))
    for key, value in new.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deepmerge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def flatten_dict(data: Mapping, prefix: str = "", separator: str = "_") -> dict:
    """`{"a": {"b": 1}}` -> `{"a_b": 1}`: nested keys joined with `separator`."""
    flat: dict = {}
    for key, value in data.items():
        name = f"{prefix}{separator}{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            flat.update(flatten_dict(value, name, separator))
        else:
            flat[name] = value
    return flat


def flatten_iterable(iterable: Iterable) -> Iterator:
    """Every item of `iterable` and of the iterables in it, depth first (strings are items, not iterables)."""
    for item in iterable:
        if isinstance(item, Iterable) and not isinstance(item, (str, bytes)):
            yield from flatten_iterable(item)
        else:
            yield item


def shallow_compare_dict(source: Mapping, destination: Mapping, exclude: Iterable[str] = ()) -> dict:
    """The items of `destination` whose value differs from `source`'s (keys in `exclude` left out)."""
    skipped = set(exclude)
    return {k: v for k, v in destination.items() if k not in skipped and source.get(k) != v}


def is_uuid(value: Any) -> bool:
    """Whether `value` is a UUID or text that parses as one."""
    if isinstance(value, uuid.UUID):
        return True
    try:
        uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return False
    return True


__all__ = ["deepmerge", "flatten_dict", "flatten_iterable", "is_uuid", "shallow_compare_dict"]
