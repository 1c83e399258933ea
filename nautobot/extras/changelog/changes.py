"""The changes a change context has recorded so far, and who is making them."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone

from nautobot.extras.changelog.choices import ChangeContextKind, ObjectChangeAction


@dataclass(eq=False)
class PendingChange:
    """One change to be logged: the object, what happened to it, and when it first changed."""

    instance: models.Model
    object_id: Any  # kept apart: Django clears `instance.pk` once it is deleted
    action: str
    time: datetime
    object_data: dict | None = None  # taken before removal for deletes; after the fact for the others
    object_repr: str | None = None  # likewise: `str()` of a deleted object may need its relations (1.x takes it first)


@dataclass(eq=False)
class ChangeContext:
    """Who is changing things (user, web/job/orm and a detail such as the view or job name) and what changed.

    Changes to one object coalesce until it is deleted: a create followed by updates or tag changes is
    one `create`, several updates are one `update`, logged with the state at the end of the context.
    """

    user: Any = None
    context: str = ChangeContextKind.ORM
    detail: str = ""
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    changes: list[PendingChange] = field(default_factory=list)
    _open: dict[tuple, PendingChange] = field(default_factory=dict, repr=False)

    def record(self, instance: models.Model, action: str) -> None:
        key = (instance._meta.concrete_model, instance.pk)
        pending = self._open.get(key)
        if pending is not None:
            pending.instance = instance
            return
        pending = self._open[key] = PendingChange(instance, instance.pk, action, timezone.now())
        self.changes.append(pending)

    def record_delete(self, instance: models.Model, object_data: dict) -> None:
        object_repr = str(instance)
        pending = self._open.pop((instance._meta.concrete_model, instance.pk), None)
        if pending is not None and pending.object_data is None:
            pending.object_data, pending.object_repr = object_data, object_repr
        self.changes.append(
            PendingChange(instance, instance.pk, ObjectChangeAction.DELETE, timezone.now(), object_data, object_repr)
        )
