"""The 1.x mixins of an app's own views (`nautobot.utilities.views`): who may open the page, where to go after.

- `ContentTypePermissionRequiredMixin`: the user needs the model permission `get_required_permission()` gives.
- `ObjectPermissionRequiredMixin`: the user needs that permission (and `additional_permissions`); the view's
  `queryset` is then narrowed to the objects it allows (object permissions with their constraints).
- `AdminRequiredMixin`: staff only. `GenericView`: a page of no model, for signed-in users only (Django's `View`
  lets anyone in). `GetReturnURLMixin`: `?return_url=` (same host only), else a default.

A signed-out user is sent to the login page; a signed-in one without the permission gets a 403.
"""

from django.contrib.auth.mixins import AccessMixin, LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from nautobot.core.permissions import restrict


class ContentTypePermissionRequiredMixin(AccessMixin):
    """Require the model permission named by `get_required_permission()` ("dcim.view_site")."""

    additional_permissions: tuple[str, ...] = ()

    def get_required_permission(self) -> str:
        raise NotImplementedError(f"{type(self).__name__} must define get_required_permission()")

    def has_permission(self) -> bool:
        permissions = (self.get_required_permission(), *self.additional_permissions)
        return self.request.user.has_perms(permissions)

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class ObjectPermissionRequiredMixin(ContentTypePermissionRequiredMixin):
    """Require the permission and narrow `self.queryset` to the objects it allows the user (its action is the
    permission's: `view`, `add`, `change`, `delete`)."""

    queryset = None

    def has_permission(self) -> bool:
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a `queryset`.")
        permission = self.get_required_permission()
        if not self.request.user.has_perms((permission, *self.additional_permissions)):
            return False
        action = permission.split(".", 1)[-1].split("_", 1)[0]
        self.queryset = restrict(self.queryset.all(), self.request.user, action)
        return True


class AdminRequiredMixin(AccessMixin):
    """Only staff users may open the page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_staff:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class GenericView(LoginRequiredMixin, View):
    """1.x's base of an app's pages that show no one model: a signed-out user is sent to the login page."""


class GetReturnURLMixin:
    """`get_return_url(request, obj)`: `?return_url=` when it stays on this site, else `obj`'s page, else
    `default_return_url` (a URL name), else the home page."""

    default_return_url: str | None = None

    def get_return_url(self, request, obj=None) -> str:
        candidate = request.POST.get("return_url") or request.GET.get("return_url")
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
            return candidate
        if obj is not None and obj.pk and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        if self.default_return_url is not None:
            return reverse(self.default_return_url)
        return reverse("home")


__all__ = [
    "AdminRequiredMixin",
    "ContentTypePermissionRequiredMixin",
    "GenericView",
    "GetReturnURLMixin",
    "ObjectPermissionRequiredMixin",
]
