"""URL routes for every spec: `/api/<app>/<endpoint>/` and `/api/<app>/<endpoint>/<pk>/`, bulk operations included."""

from collections import defaultdict

from django.urls import include, path
from rest_framework.routers import Route, SimpleRouter

from nautobot.core.api.views import AppRootView, viewset_for
from nautobot.core.specs import all_specs


class BulkRouter(SimpleRouter):
    """SimpleRouter whose list route also takes PUT/PATCH/DELETE of a list (bulk update and delete)."""

    routes = [
        Route(
            url=r"^{prefix}{trailing_slash}$",
            mapping={"get": "list", "post": "create", "put": "bulk_update", "patch": "bulk_partial_update", "delete": "bulk_destroy"},
            name="{basename}-list",
            detail=False,
            initkwargs={"suffix": "List"},
        ),
        *SimpleRouter.routes[1:],
    ]


def app_urlpatterns() -> list:
    """One `path("<app>/", include(...))` per app that has specs, each with its app root view."""
    by_app = defaultdict(list)
    for spec in all_specs():
        by_app[spec.app_label()].append(spec)
    patterns = []
    for app_label, specs in sorted(by_app.items()):
        router = BulkRouter()
        for spec in specs:
            router.register(spec.url_endpoint(), viewset_for(spec), basename=spec.route_name())
        endpoints = [(spec.url_endpoint(), f"{app_label}-api:{spec.route_name()}-list") for spec in specs]
        root = AppRootView.as_view(app_label=app_label, endpoints=endpoints)
        patterns.append(path(f"{app_label}/", include(([path("", root, name="api-root"), *router.urls], f"{app_label}-api"))))
    return patterns
