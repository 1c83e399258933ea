"""Django's authentication backend for Nautobot (model permissions plus object permission grants), and what
happens at a first login through another backend (LDAP, SSO, a proxy's remote-user header).

`AUTHENTICATION_BACKENDS = ["nautobot.core.authentication.ObjectPermissionBackend"]` (the 1.x path);
the older `nautobot.users.permissions.ObjectPermissionBackend` names the same class. `RemoteUserBackend` (1.x path too)
signs in the user a reverse proxy names in `REMOTE_AUTH_HEADER` (read by `nautobot.core.middleware.RemoteUserMiddleware`).

A user's first login through an external backend (any but the local ones, `LOCAL_BACKENDS`) puts them in the groups
of `EXTERNAL_AUTH_DEFAULT_GROUPS` and gives them the permissions of `EXTERNAL_AUTH_DEFAULT_PERMISSIONS`
(`note_login`, from the `user_logged_in` receiver; `assign_groups_to_user`/`assign_permissions_to_user` are 1.x's
functions). 1.x did it on every request of such a user, adding a new permission row each time; here it happens
once, so an administrator's later changes to the user stay.
"""

import logging
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.backends import RemoteUserBackend as DjangoRemoteUserBackend
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from nautobot.core.permissions import as_q, constraints_by_permission, get_object_permission_model, permission_is_exempt

logger = logging.getLogger("nautobot.authentication")

LOCAL_BACKENDS = frozenset(
    {
        "django.contrib.auth.backends.ModelBackend",
        "nautobot.core.authentication.ObjectPermissionBackend",
        "nautobot.users.permissions.ObjectPermissionBackend",
    }
)


class ObjectPermissionBackend(ModelBackend):
    """Django auth backend: model permissions plus `ObjectPermission` grants (with constraints for objects)."""

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if permission_is_exempt(perm):
            return True
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser or super().has_perm(user_obj, perm):
            return True
        grants = constraints_by_permission(user_obj).get(perm)
        if not grants:
            return False
        if obj is None:
            return True
        conditions = [as_q(c) for c in grants]
        if any(c is None for c in conditions):
            return True
        return type(obj).objects.filter(pk=obj.pk).filter(reduce(or_, conditions)).exists()


class RemoteUserBackend(DjangoRemoteUserBackend):
    """Django's backend for a proxy's remote-user header: an unknown name becomes a user only with
    `REMOTE_AUTH_AUTO_CREATE_USER`. Permissions come from the other backends (ObjectPermissionBackend), as in 1.x."""

    @property
    def create_unknown_user(self) -> bool:
        return bool(getattr(settings, "REMOTE_AUTH_AUTO_CREATE_USER", False))

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return False


def has_local_password(user) -> bool:
    """Whether `user` signs in with a password kept here: not an account made by LDAP or SSO (an unusable password)
    nor by a proxy's remote-user header (an empty one)."""
    return bool(user.password) and user.has_usable_password()


def is_external_backend(path: str) -> bool:
    """Whether the backend of dotted path `path` signs users in from elsewhere (LDAP, SSO, remote user)."""
    return bool(path) and path not in LOCAL_BACKENDS


def assign_groups_to_user(user, groups=None) -> None:
    """Add `user` to the groups named in `groups` (1.x's function); a name without a group is logged, not made."""
    found = []
    for name in groups or ():
        group = Group.objects.filter(name=name).first()
        if group is None:
            logger.error("Could not assign group %s to externally-authenticated user %s: Group not found", name, user)
        else:
            found.append(group)
    if found:
        user.groups.add(*found)
        logger.info("Assigned groups to externally-authenticated user %s: %s", user, [g.name for g in found])


def assign_permissions_to_user(user, permissions=None) -> None:
    """Grant `user` each of `permissions` (1.x's function): `{"dcim.view_site": constraints or None, ...}`. Each
    name is one permission, `"<name> (external default)"`, shared by the users it was given to."""
    model = get_object_permission_model()
    granted = []
    for name, constraints in (permissions or {}).items():
        app_label, _, codename = str(name).partition(".")
        action, _, model_name = codename.partition("_")
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if not (app_label and action and model_name) or content_type is None:
            logger.error(
                "Invalid permission name: '%s'. Permissions must be in the form <app>.<action>_<model>. "
                "(Example: dcim.add_site)",
                name,
            )
            continue
        permission, created = model.objects.get_or_create(
            name=f"{name} (external default)"[:100], defaults={"actions": [action], "constraints": constraints}
        )
        if created:
            permission.object_types.add(content_type)
        permission.users.add(user)
        granted.append(name)
    if granted:
        logger.info("Assigned permissions to externally-authenticated user %s: %s", user, granted)


def note_login(user, backend: str, *, first: bool) -> None:
    """After `user` signed in through `backend` (a dotted path): at their first login through an external backend,
    the default groups and permissions of external sign-in."""
    if not (first and is_external_backend(backend)):
        return
    groups = getattr(settings, "EXTERNAL_AUTH_DEFAULT_GROUPS", None) or []
    permissions = getattr(settings, "EXTERNAL_AUTH_DEFAULT_PERMISSIONS", None) or {}
    if groups or permissions:
        with transaction.atomic():
            assign_groups_to_user(user, groups)
            assign_permissions_to_user(user, permissions)
