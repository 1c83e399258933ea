"""`NautobotUIViewSetRouter`: the URL patterns of registered `NautobotUIViewSet`s (1.x), with 1.x names.

    router = NautobotUIViewSetRouter()
    router.register("widgets", WidgetUIViewSet)
    urlpatterns = router.urls

For a viewset of `Widget` objects found by `lookup_field` (`slug` unless the viewset says): `widgets/`
(`widget_list`), `widgets/add/` (`widget_add`), `widgets/import/` (`widget_import`), `widgets/edit/`
(`widget_bulk_edit`), `widgets/delete/` (`widget_bulk_delete`), `widgets/<slug>/` (`widget`),
`widgets/<slug>/edit/`, `.../delete/`, `.../changelog/`, `.../notes/`; each only when the viewset has the
action (a viewset made of some of the mixins gets only their routes).
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.urls import re_path


@dataclass(frozen=True)
class Route:
    """A route of a viewset action: `{lookup}` in `url` is the object's lookup; `name` has `{basename}`."""

    url: str
    actions: dict
    name: str


ROUTES = (
    Route("^{prefix}/$", {"get": "list"}, "{basename}_list"),
    Route("^{prefix}/add/$", {"get": "create", "post": "create"}, "{basename}_add"),
    Route("^{prefix}/import/$", {"get": "bulk_create", "post": "bulk_create"}, "{basename}_import"),
    Route("^{prefix}/edit/$", {"post": "bulk_update"}, "{basename}_bulk_edit"),
    Route("^{prefix}/delete/$", {"post": "bulk_destroy"}, "{basename}_bulk_delete"),
    Route("^{prefix}/{lookup}/$", {"get": "retrieve"}, "{basename}"),
    Route("^{prefix}/{lookup}/edit/$", {"get": "update", "post": "update"}, "{basename}_edit"),
    Route("^{prefix}/{lookup}/delete/$", {"get": "destroy", "post": "destroy"}, "{basename}_delete"),
    Route("^{prefix}/{lookup}/changelog/$", {"get": "changelog"}, "{basename}_changelog"),
    Route("^{prefix}/{lookup}/notes/$", {"get": "notes"}, "{basename}_notes"),
)


class NautobotUIViewSetRouter:
    """Collects `(prefix, viewset, basename)` registrations; `urls` gives their patterns (see the module)."""

    routes = ROUTES

    def __init__(self) -> None:
        self.registry: list[tuple[str, type, str]] = []
        self._urls: list | None = None

    def register(self, prefix: str, viewset, basename: str | None = None) -> None:
        if basename is None:
            queryset = getattr(viewset, "queryset", None)
            if queryset is None:
                raise ImproperlyConfigured(f"{viewset.__name__} has no `queryset`: give register() a basename.")
            basename = queryset.model._meta.model_name
        self.registry.append((prefix.strip("/"), viewset, basename))
        self._urls = None

    def get_urls(self) -> list:
        patterns = []
        for prefix, viewset, basename in self.registry:
            lookup = f"(?P<{viewset.lookup_field}>{getattr(viewset, 'lookup_value_regex', '[^/.]+')})"
            for route in self.routes:
                actions = {method: action for method, action in route.actions.items() if hasattr(viewset, action)}
                if not actions:
                    continue
                regex = route.url.format(prefix=prefix, lookup=lookup)
                patterns.append(re_path(regex, viewset.as_view(actions), name=route.name.format(basename=basename)))
        return patterns

    @property
    def urls(self) -> list:
        if self._urls is None:
            self._urls = self.get_urls()
        return self._urls


__all__ = ["NautobotUIViewSetRouter", "Route"]
