"""`/api/plugins/`: the plugins' API roots, `installed-plugins/`, and each plugin's endpoints."""

from collections import OrderedDict

from django.urls import path
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from nautobot.core.api.permissions import IsAuthenticated
from nautobot.core.api.routers import plugin_urlpatterns
from nautobot.core.api.views import NautobotAPIMixin
from nautobot.core.plugins import plugin_configs


class PluginsRootView(NautobotAPIMixin, APIView):
    """`GET /api/plugins/`: `installed-plugins` and the API root of each plugin that has endpoints."""

    permission_classes = (IsAuthenticated,)

    def get_view_name(self) -> str:
        return "Plugins API"

    def get(self, request, format=None):
        links = OrderedDict(installed_plugins=reverse("plugins-api:plugins-list", request=request, format=format))
        for config in plugin_configs():
            links[config.url_segment()] = reverse(
                f"plugins-api:{config.label}-api:api-root", request=request, format=format
            )
        return Response(links)


class IsAdmin(IsAuthenticated):
    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and (request.user.is_staff or request.user.is_superuser)


class InstalledPluginsView(NautobotAPIMixin, APIView):
    """`GET /api/plugins/installed-plugins/`: name, package, author, description and version of each plugin (admins)."""

    permission_classes = (IsAdmin,)

    def get_view_name(self) -> str:
        return "Installed Plugins"

    def get(self, request, format=None):
        return Response([_describe(config) for config in plugin_configs()])


def _describe(config) -> dict:
    return {
        "name": config.verbose_name,
        "package": config.name,
        "author": config.author,
        "author_email": config.author_email,
        "description": config.description,
        # The original spells it "verison" too; clients read either.
        "verison": config.version,
        "version": config.version,
    }


app_name = "plugins-api"
urlpatterns = [
    path("", PluginsRootView.as_view(), name="api-root"),
    path("installed-plugins/", InstalledPluginsView.as_view(), name="plugins-list"),
    *plugin_urlpatterns(),
]
