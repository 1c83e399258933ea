"""URL routes for every spec: `/api/<app>/<endpoint>/` and `/api/<app>/<endpoint>/<pk>/`, bulk operations included."""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import include, path
from rest_framework.routers import Route, SimpleRouter

from nautobot.core.api.views import AppRootView, viewset_for
from nautobot.core.specs import all_specs


@dataclass(frozen=True)
class ExtraRoute:
    """An API endpoint of an app that is not a model's (e.g. `/api/users/config/`)."""

    endpoint: str
    view: object
    name: str


# Filled by apps (in their AppConfig.ready): app label -> routes listed in its app root.
EXTRA_ROUTES: dict[str, list[ExtraRoute]] = defaultdict(list)


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
        extra = EXTRA_ROUTES.get(app_label, [])
        endpoints = [(spec.url_endpoint(), f"{app_label}-api:{spec.route_name()}-list") for spec in specs]
        endpoints += [(route.endpoint, f"{app_label}-api:{route.name}") for route in extra]
        root = AppRootView.as_view(app_label=app_label, endpoints=endpoints)
        extra_paths = [path(f"{route.endpoint}/", route.view, name=route.name) for route in extra]
        app_urls = [path("", root, name="api-root"), *extra_paths, *router.urls]
        patterns.append(path(f"{app_label}/", include((app_urls, f"{app_label}-api"))))
    return patterns
