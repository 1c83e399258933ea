"""Object permissions: who may do what to which objects.

`restrict(queryset, user, action)` is the one place a queryset is narrowed to what a user may see or
change; `ObjectPermissionBackend` answers `user.has_perm("dcim.view_site", obj)` from the same rules.
Superusers may do everything; Django's own model permissions grant unconstrained access.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.backends import ModelBackend
from django.db import models
from django.db.models import Q


def permission_name(model: type[models.Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _constraints_by_permission(user) -> dict[str, list]:
    """Return `{"app.action_model": [constraint or None, ...]}` for `user` (cached on the user object)."""
    cache = getattr(user, "_object_permission_cache", None)
    if cache is not None:
        return cache
    from nautobot.users.models import ObjectPermission

    cache = {}
    grants = (
        ObjectPermission.objects.filter(enabled=True)
        .filter(Q(users=user) | Q(groups__user=user))
        .distinct()
        .prefetch_related("object_types")
    )
    for grant in grants:
        for content_type in grant.object_types.all():
            for action in grant.actions or []:
                cache.setdefault(f"{content_type.app_label}.{action}_{content_type.model}", []).append(
                    grant.constraints
                )
    user._object_permission_cache = cache
    return cache


def _as_q(constraints) -> Q | None:
    """Q for one grant's constraints; None means unconstrained."""
    if not constraints:
        return None
    if isinstance(constraints, dict):
        return Q(**constraints)
    return reduce(or_, (Q(**c) for c in constraints if c), Q()) or None


def restrict(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """Narrow `queryset` to the objects `user` may `action`; nothing at all without a grant."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    name = permission_name(queryset.model, action)
    if ModelBackend().has_perm(user, name):
        return queryset
    grants = _constraints_by_permission(user).get(name)
    if not grants:
        return queryset.none()
    conditions = [_as_q(c) for c in grants]
    if any(c is None for c in conditions):
        return queryset
    return queryset.filter(reduce(or_, conditions)).distinct()


class ObjectPermissionBackend(ModelBackend):
    """Django auth backend: model permissions plus `ObjectPermission` grants (with constraints for objects)."""

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser or super().has_perm(user_obj, perm):
            return True
        grants = _constraints_by_permission(user_obj).get(perm)
        if not grants:
            return False
        if obj is None:
            return True
        conditions = [_as_q(c) for c in grants]
        if any(c is None for c in conditions):
            return True
        return type(obj).objects.filter(pk=obj.pk).filter(reduce(or_, conditions)).exists()
