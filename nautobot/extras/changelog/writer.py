"""Write the changes of a closing change context: REST representations, then `ObjectChange` rows, in batches.

Objects are re-read per model in one query (plus the prefetches of their API representation), so a
bulk request of 100 objects costs the same few queries as one. The `registry.after_write` hooks then
run in the same transaction (the webhook outbox).
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from nautobot.core.api.querysets import load_for_output, optimized_queryset
from nautobot.core.api.serializers import represent, serializer_for
from nautobot.core.registry import registry
from nautobot.core.specs import spec_for
from nautobot.extras.changelog.changes import ChangeContext
from nautobot.extras.changelog.models import ObjectChange

# Fields never copied into the change log (whoever may read the log may not read these).
REDACTED_FIELDS: dict[str, tuple[str, ...]] = {"extras.webhook": ("secret",)}
# Foreign keys naming the object a change belongs to (a device's interface → the device).
RELATED_OBJECT_FIELDS = ("device", "virtual_machine", "circuit")
MASK = "********"


def snapshot(instance: models.Model) -> dict:
    """The API representation of `instance` as it is now (taken before a delete removes it)."""
    model = instance._meta.concrete_model
    spec = spec_for(model)
    loaded = (
        instance
        if all(hasattr(instance, name) for name in spec.counts)
        else optimized_queryset(spec).filter(pk=instance.pk).first()
    )
    if loaded is None:
        return {}
    return _redacted(model, represent(serializer_for(model), [loaded], {"request": None})[0])


def representations(model: type[models.Model], pks: list) -> dict:
    """The API representations of the objects of `model` with keys `pks`, by key, in one batch."""
    spec = spec_for(model)
    loaded = load_for_output(spec, pks)
    objects = [loaded[pk] for pk in dict.fromkeys(pks) if pk in loaded]
    data = represent(serializer_for(model), objects, {"request": None})
    return {obj.pk: _redacted(model, item) for obj, item in zip(objects, data, strict=True)}


def _redacted(model: type[models.Model], data: dict) -> dict:
    for name in REDACTED_FIELDS.get(model._meta.label_lower, ()):
        if data.get(name):
            data[name] = MASK
    return data


def write_changes(active: ChangeContext) -> list[ObjectChange]:
    """Write one `ObjectChange` per pending change of `active`, then run the `registry.after_write` hooks."""
    if not active.changes:
        return []
    missing: dict[type, list] = defaultdict(list)
    for change in active.changes:
        if change.object_data is None:
            missing[change.instance._meta.concrete_model].append(change)
    for model, changes in missing.items():
        data = representations(model, [c.object_id for c in changes])
        for change in changes:
            change.object_data = data.get(change.object_id, {})
    user = active.user
    user_name = getattr(user, "username", None) or "Undefined"
    rows = []
    for change in active.changes:
        instance = change.instance
        related_type, related_id = _related_object(instance)
        rows.append(
            ObjectChange(
                time=change.time,
                user_id=getattr(user, "pk", None),
                user_name=user_name[:150],
                request_id=active.request_id,
                action=change.action,
                change_context=active.context,
                change_context_detail=active.detail[:400],
                changed_object_type=ContentType.objects.get_for_model(instance._meta.concrete_model),
                changed_object_id=change.object_id,
                related_object_type=related_type,
                related_object_id=related_id,
                object_repr=(change.object_repr if change.object_repr is not None else str(instance))[:200],
                object_data=change.object_data,
            )
        )
    ObjectChange.objects.bulk_create(rows, batch_size=500)
    for hook in registry.after_write:
        hook.run(active, rows)
    return rows


def _related_object(instance: models.Model) -> tuple[ContentType | None, object]:
    """The type and key of the object `instance` belongs to, from the foreign key alone (it may be gone too)."""
    for name in RELATED_OBJECT_FIELDS:
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        value = getattr(instance, field.attname, None) if field.many_to_one else None
        if value is not None:
            return ContentType.objects.get_for_model(field.related_model), value
    return None, None
