"""The active change context: opened around a request, a job or a script; written out when it closes.

The context lives in a `ContextVar`, so every thread, request and task sees only its own; the signal
receivers (signals.py) are connected once for the life of the process and do nothing when no context
is active. Nothing is written until the context closes: then all its changes are written together,
inside its transaction (writer.py).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import transaction

from nautobot.extras.changelog.changes import ChangeContext
from nautobot.extras.changelog.choices import ChangeContextKind
from nautobot.extras.changelog.writer import write_changes

_current: ContextVar[ChangeContext | None] = ContextVar("nautobot_change_context", default=None)


def current_change_context() -> ChangeContext | None:
    """The change context active in this thread or task, or None."""
    return _current.get()


@contextmanager
def change_context(
    *,
    user: Any = None,
    context: str = ChangeContextKind.ORM,
    detail: str = "",
    request_id: uuid.UUID | str | None = None,
) -> Iterator[ChangeContext]:
    """Log every change made inside the block as done by `user` (web, job or orm `context`), in one transaction.

    Usage (a job, a script, `nbshell`): `with change_context(user=user, context="job", detail="my-job"): ...`.
    The block runs in a transaction (a savepoint of the caller's, if one is open); the change log and
    outgoing events are written when it ends, and vanish with it if it rolls back. Nested contexts join
    the outermost one. `request_id` groups the changes (a new UUID by default).
    """
    with _activated(_new_context(user, context, detail, request_id), savepoint=True) as active:
        yield active


@contextmanager
def write_change_context(origin) -> Iterator[ChangeContext]:
    """The change context of one write of the write path: its origin's user, kind (web, job), detail and request id.

    Registered in `registry.write_contexts`: entered inside the write's own transaction
    (`write_transaction`), which rolls back as a whole on any error, so it needs no savepoint of its own.
    """
    active = _new_context(origin.user, origin.kind, origin.detail, origin.request_id)
    with _activated(active, savepoint=False) as joined:
        yield joined


def _new_context(user: Any, context: str, detail: str, request_id: uuid.UUID | str | None) -> ChangeContext:
    if user is not None and not getattr(user, "is_authenticated", True):
        user = None  # an anonymous user is no user
    return ChangeContext(
        user=user,
        context=str(context),
        detail=detail or "",
        request_id=uuid.UUID(str(request_id)) if request_id else uuid.uuid4(),
    )


@contextmanager
def _activated(active: ChangeContext, *, savepoint: bool) -> Iterator[ChangeContext]:
    outer = _current.get()
    if outer is not None:
        yield outer
        return
    token = _current.set(active)
    try:
        with transaction.atomic(savepoint=savepoint):
            yield active

            write_changes(active)
    finally:
        _current.reset(token)
