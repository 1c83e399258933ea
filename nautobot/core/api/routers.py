"""URL routes for every spec: `/api/<app>/<endpoint>/` and `/api/<app>/<endpoint>/<pk>/`, bulk operations included."""

from collections import defaultdict

from django.urls import include, path
from rest_framework.routers import Route, SimpleRouter

from nautobot.core.api.urlbuilding import is_plugin
from nautobot.core.api.views import AppRootView, viewset_for
from nautobot.core.registry import registry
from nautobot.core.specs import all_specs


class BulkRouter(SimpleRouter):
    """SimpleRouter whose list route also takes PUT/PATCH/DELETE of a list (bulk update and delete)."""

    routes = [
        Route(
            url=r"^{prefix}{trailing_slash}$",
            mapping={
                "get": "list",
                "post": "create",
                "put": "bulk_update",
                "patch": "bulk_partial_update",
                "delete": "bulk_destroy",
            },
            name="{basename}-list",
            detail=False,
            initkwargs={"suffix": "List"},
        ),
        *SimpleRouter.routes[1:],
    ]


def specs_by_app() -> dict[str, list]:
    by_app = defaultdict(list)
    for spec in all_specs():
        by_app[spec.app_label()].append(spec)
    return by_app


def app_urls(app_label: str, specs: list, namespace_prefix: str = "", extra_urls: tuple = ()) -> list:
    """The app root, its extra routes and the routes of its specs."""
    router = BulkRouter()
    for spec in specs:
        router.register(spec.url_endpoint(), viewset_for(spec), basename=spec.route_name())
    extra = [route for route in registry.extra_routes if route.app_label == app_label]
    namespace = f"{namespace_prefix}{app_label}-api"
    endpoints = [(spec.url_endpoint(), f"{namespace}:{spec.route_name()}-list") for spec in specs]
    endpoints += [(route.endpoint, f"{namespace}:{route.name}") for route in extra]
    root = AppRootView.as_view(app_label=app_label, endpoints=endpoints)
    extra_paths = [path(f"{route.endpoint}/", route.view, name=route.name) for route in extra]
    return [path("", root, name="api-root"), *extra_paths, *extra_urls, *router.urls]


def api_app_labels() -> list[str]:
    """The apps with routes under `/api/<app>/`: those that have specs (plugins excepted, under `/api/plugins/`)."""
    return sorted(app_label for app_label in specs_by_app() if not is_plugin(app_label))


def app_urlpatterns() -> list:
    """One `path("<app>/", include(...))` per app of `api_app_labels()`, each with its app root view."""
    by_app = specs_by_app()
    return [
        path(f"{app_label}/", include((app_urls(app_label, by_app[app_label]), f"{app_label}-api")))
        for app_label in api_app_labels()
    ]
