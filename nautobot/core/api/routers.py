"""URL routes for every spec: `/api/<app>/<endpoint>/` and `/api/<app>/<endpoint>/<pk>/`, bulk operations included."""

from collections import defaultdict

from django.urls import include, path
from rest_framework.routers import DefaultRouter, Route, SimpleRouter
from rest_framework.urlpatterns import format_suffix_patterns

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


class OrderedDefaultRouter(DefaultRouter):
    """Nautobot 1.x's router of an app's `api/urls.py`: DRF's `DefaultRouter` (the app's API root view, `.json`
    suffixes, a viewset's basename from its queryset's model) whose list routes take bulk PUT/PATCH/DELETE as
    ours do. Its root lists the endpoints sorted by name."""

    routes = BulkRouter.routes

    def __init__(self, *args, view_name: str | None = None, view_description: str | None = None, **kwargs) -> None:
        # 1.6.16+: the title and description of the root view (else DRF's "Api Root").
        self.view_name, self.view_description = view_name, view_description
        super().__init__(*args, **kwargs)

    def get_api_root_view(self, api_urls=None):
        root = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        view_name, view_description = self.view_name, self.view_description

        class AppAPIRootView(self.APIRootView):
            def get_view_name(self) -> str:
                return view_name or super().get_view_name()

            def get_view_description(self, html=False) -> str:
                return view_description or super().get_view_description(html)

        return AppAPIRootView.as_view(api_root_dict=dict(sorted(root.items())))


def specs_by_app() -> dict[str, list]:
    by_app = defaultdict(list)
    for spec in all_specs():
        by_app[spec.app_label()].append(spec)
    return by_app


def own_routes(patterns) -> dict:
    """`{model: (endpoint, list URL name)}` of the viewsets an app routes itself (an `OrderedDefaultRouter`'s
    patterns, from the app's `api/urls.py`)."""
    routed = {}
    for pattern in patterns:
        viewset = getattr(getattr(pattern, "callback", None), "cls", None)
        queryset = getattr(viewset, "queryset", None)
        name = getattr(pattern, "name", None) or ""
        if queryset is None or not name.endswith("-list") or queryset.model in routed:
            continue
        endpoint = str(pattern.pattern).lstrip("^").split("/")[0]
        routed[queryset.model] = (endpoint, name)
    return routed


def app_urls(app_label: str, specs: list, namespace_prefix: str = "", extra_urls: tuple = ()) -> list:
    """The app root, its extra routes and the routes of its specs.

    `extra_urls`: an app's own patterns (its `api/urls.py`); a model its viewsets route is served by them only,
    and the app root lists their endpoints with the specs'.
    """
    routed = own_routes(extra_urls)
    specs = [spec for spec in specs if spec.model not in routed]
    router = BulkRouter()
    for spec in specs:
        router.register(spec.url_endpoint(), viewset_for(spec), basename=spec.route_name())
    extra = [route for route in registry.extra_routes if route.app_label == app_label]
    namespace = f"{namespace_prefix}{app_label}-api"
    endpoints = [(spec.url_endpoint(), f"{namespace}:{spec.route_name()}-list") for spec in specs]
    endpoints += [(route.endpoint, f"{namespace}:{route.name}") for route in extra]
    endpoints += [(endpoint, f"{namespace}:{name}") for endpoint, name in routed.values()]
    root = AppRootView.as_view(app_label=app_label, endpoints=endpoints)
    extra_paths = [path(f"{route.endpoint}/", route.view, name=route.name) for route in extra]
    # `format_suffix_patterns`: `/api/dcim/devices.json`, `/api/dcim/devices/<id>.json` as 1.x's DefaultRouter had.
    return [path("", root, name="api-root"), *extra_paths, *extra_urls, *format_suffix_patterns(router.urls)]


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
