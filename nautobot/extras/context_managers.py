"""The original's names for a change context, for scripts written against Nautobot 1.x."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from nautobot.extras.changelog import change_context
from nautobot.extras.changelog.context import ChangeContext


@contextmanager
def web_request_context(
    user: Any, context_detail: str = "", change_id: uuid.UUID | str | None = None
) -> Iterator[ChangeContext]:
    """Log the changes of the block as made by `user` (context `orm`), as the original's helper of that name does."""
    with change_context(user=user, context="orm", detail=context_detail, request_id=change_id) as active:
        yield active
