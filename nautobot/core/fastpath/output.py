"""Serializing a page for output: DRF's `to_representation` with its per-field lookups done once per class.

Fast path: a serializer instance is kept per thread and class (building a ModelSerializer's fields, deep
copies of every field and related queryset, costs more than serializing a page of rows; for output the
fields hold no per-request state except the context, which is replaced), and `Serializer.to_representation`
is replayed from a plan of what it looks up per field and row. Per thread, so concurrent requests never share
an instance. Plain path: a new serializer and DRF's own
`to_representation` for each object.
"""

import functools
import threading
from collections.abc import Mapping
from types import FunctionType, MethodType

from rest_framework import serializers
from rest_framework.fields import Field, SkipField
from rest_framework.relations import PKOnlyObject

from nautobot.core.fastpath.switch import enabled

_local = threading.local()


def represent(serializer_class: type[serializers.Serializer], objects: list, context: dict) -> list[dict]:
    """`[serializer_class(context=context).to_representation(obj) for obj in objects]`."""
    if not enabled():
        serializer = serializer_class(context=context)
        return [serializer.to_representation(obj) for obj in objects]
    cache = getattr(_local, "serializers", None)
    if cache is None:
        cache = _local.serializers = {}
    entry = cache.get(serializer_class)
    if entry is None:
        serializer = serializer_class(context=context)
        entry = cache[serializer_class] = (serializer, _output_plan(serializer))
    serializer, plan = entry
    serializer._context = context
    if plan is None:
        return [serializer.to_representation(obj) for obj in objects]
    return [_to_representation(serializer, plan, obj) for obj in objects]


def _output_plan(serializer: serializers.Serializer) -> list[tuple] | None:
    """What DRF's `Serializer.to_representation` looks up per field and row, looked up once.

    Per readable field: its name, the field, its bound `to_representation`, and the attribute path to
    read directly (None: ask the field, whose `get_attribute` does more than read attributes). None for
    a serializer that represents objects its own way.
    """
    if type(serializer).to_representation is not serializers.Serializer.to_representation:
        return None
    plan = []
    for field in serializer._readable_fields:
        direct = type(field).get_attribute is Field.get_attribute or (
            type(field).get_attribute is serializers.RelatedField.get_attribute and not field.use_pk_only_optimization()
        )
        plan.append((field.field_name, field, field.to_representation, list(field.source_attrs) if direct else None))
    return plan


_CALLABLES = (FunctionType, MethodType, functools.partial)


def _to_representation(serializer: serializers.Serializer, plan: list[tuple], instance) -> dict:
    """`serializer.to_representation(instance)` with the plan of `_output_plan` (same result, fewer calls per field)."""
    if isinstance(instance, Mapping):
        return serializer.to_representation(instance)
    ret = {}
    for name, field, to_representation, attrs in plan:
        if attrs is None:
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            value = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
        else:
            attribute = instance
            try:
                for attr in attrs:
                    attribute = getattr(attribute, attr)
                fallback = isinstance(attribute, _CALLABLES)
            except Exception:  # noqa: BLE001  (the field decides: default, None, skip or its own error)
                fallback = True
            if fallback:
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
            value = attribute
        ret[name] = None if value is None else to_representation(attribute)
    return ret
