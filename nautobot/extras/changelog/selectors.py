"""Reads of the change log: what an object looked like before a change, and what the change altered."""

from nautobot.extras.changelog.models import ObjectChange

# Keys that change with every write and say nothing about what changed.
NOISE = frozenset({"last_updated"})


def data_before(change: ObjectChange) -> dict | None:
    """The object's representation just before `change` (from its previous change), None if it did not exist."""
    prior = (
        ObjectChange.objects.filter(
            changed_object_type_id=change.changed_object_type_id,
            changed_object_id=change.changed_object_id,
            time__lt=change.time,
        )
        .order_by("-time")
        .only("action", "object_data")
        .first()
    )
    return prior.object_data if prior is not None and prior.action != "delete" else None


def data_after(change: ObjectChange) -> dict | None:
    """The object's representation after `change` (None for a delete)."""
    return change.object_data if change.action != "delete" else None


def differences(before: dict | None, after: dict | None) -> dict:
    """`{"removed": ..., "added": ...}`: the values that differ (`last_updated` aside), or a whole side when the
    object was created or deleted (the other side then None)."""
    if before and after:
        added = {k: v for k, v in after.items() if k not in NOISE and before.get(k) != v}
        removed = {k: before.get(k) for k in added}
        return {"removed": removed, "added": added}
    if before:
        return {"removed": before, "added": None}
    return {"removed": None, "added": after}
