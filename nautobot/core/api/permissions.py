"""DRF permission: authenticated, write-enabled token for writes, and the model permission for the action."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from nautobot.core.permissions import permission_is_exempt, permission_name

ACTIONS = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": None,
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class TokenPermissions(BasePermission):
    """Read needs `view`, write needs `add`/`change`/`delete` and a write-enabled token; OPTIONS needs a login."""

    message = "You do not have permission to perform this action."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            # Anonymous users may read the models `EXEMPT_VIEW_PERMISSIONS` names, as the original's.
            model = getattr(getattr(view, "spec", None), "model", None)
            return (
                request.method in ("GET", "HEAD")
                and model is not None
                and permission_is_exempt(permission_name(model, "view"))
            )
        token = request.auth
        if (
            request.method not in SAFE_METHODS
            and token is not None
            and hasattr(token, "write_enabled")
            and not token.write_enabled
        ):
            return False
        action = ACTIONS.get(request.method)
        if action is None:
            return True
        model = getattr(getattr(view, "spec", None), "model", None)
        if model is None:
            return True
        return user.has_perm(permission_name(model, action))


class IsAuthenticated(BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)
