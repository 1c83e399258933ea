"""The one write path: how the REST API, the web UI (edit, bulk edit, import, delete) and jobs write objects.

- `write_transaction(origin)`: one database transaction with every write context (`registry.write_contexts`)
  open inside it (the change log records what changes and writes it before the commit). A write nested in
  another joins it.
- `objects_save(...)`: save validated serializers as one write, all or nothing, then re-check object permissions.
- `objects_delete(...)`: delete objects as one write, all or nothing.

The rules are the same for every caller: no savepoint per object (the first integrity error rolls the whole
write back and is reported at its item), one integrity message, one permission re-check, one protected-delete
error. The errors carry data; each interface words its answer (API: 400/403/409, UI: form errors, a 403 page,
a message).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.forms import BaseModelForm
from rest_framework.serializers import BaseSerializer, ListSerializer

from nautobot.core.registry import registry
from nautobot.core.permissions import restrict


@dataclass(frozen=True)
class WriteOrigin:
    """Who writes and from where: what the write contexts record (the change log's user, context and detail)."""

    user: Any
    kind: str  # "web" (an HTTP request of the API or the UI) or "job"
    detail: str = ""  # the view's URL name, the job's slug
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)


_open: ContextVar[WriteOrigin | None] = ContextVar("nautobot_open_write", default=None)


def web_origin(request: Any) -> WriteOrigin:
    """The origin of a write made by an HTTP request (REST or UI); gives the request its id (`X-Request-ID`)."""
    django_request = getattr(request, "_request", request)
    request_id = getattr(django_request, "id", None)
    if request_id is None:
        request_id = django_request.id = uuid.uuid4()
    match = getattr(django_request, "resolver_match", None)
    detail = match.view_name if match is not None else ""
    return WriteOrigin(user=getattr(request, "user", None), kind="web", detail=detail, request_id=request_id)


def current_origin() -> WriteOrigin | None:
    """The origin of the write open in this context (None outside one): who writes, for code a write runs."""
    return _open.get()


@contextmanager
def write_transaction(origin: WriteOrigin, *, dry_run: bool = False) -> Iterator[None]:
    """Run the block as one write: a transaction with every registered write context open inside it.

    Nested in another write, it joins that one's transaction and contexts without a savepoint: an error must
    leave the outer write too, which then rolls back whole (Django refuses further queries until it does).
    A dry run opens no write context: its caller rolls it back, so there is nothing to log or send.
    """
    if _open.get() is not None:
        with transaction.atomic(savepoint=False):
            yield
        return
    token = _open.set(origin)
    try:
        with transaction.atomic(), ExitStack() as stack:
            if not dry_run:
                for context in registry.write_contexts:
                    stack.enter_context(context.factory(origin))
            yield
    finally:
        _open.reset(token)


class WriteConflict(Exception):
    """An object of a write broke a database constraint (`index`: its item, of `count`); nothing was saved."""

    def __init__(self, *, index: int, count: int, message: str) -> None:
        super().__init__(message)
        self.index = index
        self.count = count
        self.message = message

    @property
    def errors(self) -> dict[str, list[str]]:
        """The errors of the item, as a serializer gives them."""
        return {"non_field_errors": [self.message]}

    def aligned_errors(self) -> list[dict]:
        """The errors of the whole write aligned with its items, `{}` for the others (a bulk create's answer)."""
        errors: list[dict] = [{} for _ in range(self.count)]
        errors[self.index] = self.errors
        return errors


class WriteForbidden(PermissionDenied):
    """A saved object is outside what the user may `action` (object permission constraints); nothing was saved.

    Its text is the web UI's 403 page; the REST API answers with its own.
    """

    def __init__(self, *, action: str) -> None:
        super().__init__("You do not have permission to make this change.")
        self.action = action


class DeleteBlocked(Exception):
    """Deleting `obj` is blocked by `dependents` (protected or restricted relations); nothing was deleted."""

    def __init__(self, *, obj: models.Model, dependents: list[models.Model]) -> None:
        super().__init__(f"{obj} has {len(dependents)} dependent objects")
        self.obj = obj
        self.dependents = dependents


def integrity_message(exc: IntegrityError) -> str:
    """What clients are told about a database constraint an object broke (the database's first line)."""
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"This object conflicts with an existing one ({first_line})."


def objects_save(
    *,
    serializers: ListSerializer | Sequence[BaseSerializer | BaseModelForm],
    model: type[models.Model],
    action: str,
    origin: WriteOrigin,
) -> list[models.Model]:
    """Save validated serializers as one write, all or nothing; return the saved objects in order.

    `serializers`: a validated `many=True` serializer (each item is created) or validated serializers (each is
    saved); a 1.x app's validated model forms are saved the same way (`save()` gives the object). No savepoint per object (two round trips each): the first integrity error ends the write, which
    rolls back whole, and raises `WriteConflict` at its item. Then every saved object must be one
    `origin.user` may `action` (`objects_check_permission`), else `WriteForbidden` rolls it all back.
    """
    if isinstance(serializers, ListSerializer):
        child = serializers.child
        saves = [lambda attrs=attrs: child.create(attrs) for attrs in serializers.validated_data]
    else:
        saves = [serializer.save for serializer in serializers]
    with write_transaction(origin):
        saved = []
        for index, save in enumerate(saves):
            try:
                saved.append(save())
            except IntegrityError as exc:
                raise WriteConflict(index=index, count=len(saves), message=integrity_message(exc)) from None
        objects_check_permission(model=model, objects=saved, user=origin.user, action=action)
    return saved


def objects_check_permission(
    *, model: type[models.Model], objects: Sequence[models.Model], user: Any, action: str
) -> None:
    """Raise `WriteForbidden` unless `user` may `action` every one of `objects` as saved by the write (not yet
    committed: call it inside the write, so that raising rolls it back).

    Costs no query when `restrict()` gives the queryset back unchanged (a superuser, a model permission, a
    grant without constraints); one `COUNT` otherwise.
    """
    everything = model.objects.all()
    permitted = restrict(everything, user, action)
    if permitted is everything:
        return
    pks = {obj.pk for obj in objects}
    if permitted.filter(pk__in=pks).count() != len(pks):
        raise WriteForbidden(action=action)


def objects_delete(*, objects: Iterable[models.Model], origin: WriteOrigin) -> None:
    """Delete `objects` (and what cascades from them) as one write, all or nothing.

    A delete that protected or restricted relations block raises `DeleteBlocked` with the blocking objects.
    """
    with write_transaction(origin):
        for obj in objects:
            try:
                obj.delete()
            except (ProtectedError, RestrictedError) as exc:
                dependents = list(getattr(exc, "protected_objects", None) or getattr(exc, "restricted_objects", []))
                raise DeleteBlocked(obj=obj, dependents=dependents) from None


__all__ = [
    "DeleteBlocked",
    "WriteConflict",
    "WriteForbidden",
    "WriteOrigin",
    "integrity_message",
    "objects_check_permission",
    "objects_delete",
    "objects_save",
    "web_origin",
    "write_transaction",
]
