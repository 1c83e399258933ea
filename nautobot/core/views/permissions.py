"""Permission checks of the web UI, on top of `nautobot.core.permissions` (the one place reads are narrowed)."""

from django.core.exceptions import PermissionDenied
from django.db import models

from nautobot.core.permissions import permission_name, restrict

ACTIONS = ("view", "add", "change", "delete")


def require(user, model: type[models.Model], action: str) -> None:
    """Raise PermissionDenied (a 403 page) unless `user` may `action` some objects of `model`."""
    if not user.has_perm(permission_name(model, action)):
        raise PermissionDenied(f"You do not have permission to {action} {model._meta.verbose_name_plural}.")


def model_permissions(user, model: type[models.Model]) -> dict[str, bool]:
    """`{"view": bool, "add": bool, "change": bool, "delete": bool}` for showing or hiding buttons."""
    return {action: user.has_perm(permission_name(model, action)) for action in ACTIONS}


def allowed(queryset: models.QuerySet, user, action: str) -> models.QuerySet:
    """`queryset` narrowed to the objects `user` may `action` (object permissions with their constraints)."""
    return restrict(queryset, user, action)
