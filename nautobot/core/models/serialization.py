"""`serialize_object`: a model instance as plain data through Django's own serializer (1.x apps' snapshots)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core import serializers
from django.db import models


def serialize_object(obj: models.Model, extra: dict | None = None, exclude: Iterable[str] | None = None) -> dict:
    """The fields of `obj` as Django's JSON serializer writes them, plus `custom_fields` and `tags` (names) where it
    has them, then `extra`; fields named in `exclude` and private ones (leading `_`) left out."""
    data = json.loads(serializers.serialize("json", [obj]))[0]["fields"]
    if hasattr(obj, "_custom_field_data"):
        data["custom_fields"] = obj._custom_field_data
    if hasattr(obj, "tags") and hasattr(obj.tags, "all"):
        data["tags"] = sorted(tag.name for tag in obj.tags.all())
    if extra:
        data.update(extra)
    skipped = set(exclude or ())
    return {key: value for key, value in data.items() if key not in skipped and not key.startswith("_")}


__all__ = ["serialize_object"]
