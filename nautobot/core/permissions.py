"""Object permissions: who may do what to which objects.

`restrict(queryset, user, action)` is the one place a queryset is narrowed to what a user may see or
change; `nautobot.core.authentication.ObjectPermissionBackend` answers `user.has_perm("dcim.view_site", obj)`
from the same rules. Superusers may do everything; Django's own model permissions grant unconstrained access,
from whichever backend gives them (django-auth-ldap's `AUTH_LDAP_FIND_GROUP_PERMS` gives those of the Django groups
named like the user's LDAP groups).

The grants are rows of the model named by `settings.OBJECT_PERMISSION_MODEL` ("users.ObjectPermission"),
resolved when first needed, as Django's auth resolves `AUTH_USER_MODEL`: the core never imports `users`.
"""

from functools import reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q


def get_object_permission_model() -> type[models.Model]:
    """The model of object permission grants (`settings.OBJECT_PERMISSION_MODEL`)."""
    return apps.get_model(settings.OBJECT_PERMISSION_MODEL, require_ready=False)


def get_token_model() -> type[models.Model]:
    """The model of API tokens (`settings.API_TOKEN_MODEL`)."""
    return apps.get_model(settings.API_TOKEN_MODEL, require_ready=False)


def permission_name(model: type[models.Model], action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def constraints_by_permission(user) -> dict[str, list]:
    """Return `{"app.action_model": [constraint or None, ...]}` for `user` (cached on the user object)."""
    cache = getattr(user, "_object_permission_cache", None)
    if cache is not None:
        return cache
    cache = {}
    grants = (
        get_object_permission_model()
        .objects.filter(enabled=True)
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


def as_q(constraints) -> Q | None:
    """Q for one grant's constraints; None means unconstrained."""
    if not constraints:
        return None
    if isinstance(constraints, dict):
        return Q(**constraints)
    return reduce(or_, (Q(**c) for c in constraints if c), Q()) or None


def permission_is_exempt(name: str) -> bool:
    """Whether `name` ("dcim.view_site") is a view permission that `settings.EXEMPT_VIEW_PERMISSIONS` grants
    everyone, anonymous users included (`["*"]`: every model but those of `EXEMPT_EXCLUDE_MODELS`; else
    `"app_label.model"` labels)."""
    exempt = getattr(settings, "EXEMPT_VIEW_PERMISSIONS", ())
    if not exempt:
        return False
    app_label, _, codename = name.partition(".")
    action, _, model_name = codename.partition("_")
    if action != "view":
        return False
    if f"{app_label}.{model_name}" in exempt:
        return True
    excluded = {tuple(pair) for pair in getattr(settings, "EXEMPT_EXCLUDE_MODELS", ())}
    return "*" in exempt and (app_label, model_name) not in excluded


def restrict(queryset: models.QuerySet, user, action: str = "view") -> models.QuerySet:
    """Narrow `queryset` to the objects `user` may `action`; nothing at all without a grant."""
    if action == "view" and permission_is_exempt(permission_name(queryset.model, action)):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    name = permission_name(queryset.model, action)
    # Django model permissions from any backend (the user's and groups', or LDAP groups' with
    # AUTH_LDAP_FIND_GROUP_PERMS), each backend caching them on the user object.
    if user.is_active and name in user.get_all_permissions():
        return queryset
    grants = constraints_by_permission(user).get(name)
    if not grants:
        return queryset.none()
    conditions = [as_q(c) for c in grants]
    if any(c is None for c in conditions):
        return queryset
    return queryset.filter(reduce(or_, conditions)).distinct()
