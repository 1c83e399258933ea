"""Django's authentication backend for Nautobot: model permissions plus object permission grants.

`AUTHENTICATION_BACKENDS = ["nautobot.core.authentication.ObjectPermissionBackend"]` (the 1.x path);
the older `nautobot.users.permissions.ObjectPermissionBackend` names the same class.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.backends import ModelBackend

from nautobot.core.permissions import as_q, constraints_by_permission, permission_is_exempt


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
