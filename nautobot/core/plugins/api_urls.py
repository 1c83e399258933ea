"""`/api/plugins/`: the plugins' API roots, `installed-plugins/`, and each plugin's endpoints."""

from collections import OrderedDict

from django.urls import include, path
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from nautobot.core.api.permissions import IsAuthenticated
from nautobot.core.api.routers import app_urls, specs_by_app
from nautobot.core.api.views import NautobotAPIMixin
from nautobot.core.plugins import module_urlpatterns, plugin_configs


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


def plugin_urlpatterns() -> list:
    """`/api/plugins/<base_url>/` per plugin: its spec endpoints plus its own `api/urls.py` patterns."""
    by_app = specs_by_app()
    patterns = []
    for config in plugin_configs():
        own = module_urlpatterns(config.name, "api.urls")
        urls = app_urls(config.label, by_app.get(config.label, []), "plugins-api:", tuple(own))
        patterns.append(path(f"{config.url_segment()}/", include((urls, f"{config.label}-api"))))
    return patterns


app_name = "plugins-api"
urlpatterns = [
    path("", PluginsRootView.as_view(), name="api-root"),
    path("installed-plugins/", InstalledPluginsView.as_view(), name="plugins-list"),
    *plugin_urlpatterns(),
]
