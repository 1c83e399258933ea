"""The URL patterns of the web UI: every spec's generated pages (list, detail, add, edit, delete, bulk edit/delete,
import; its detail tabs and object actions) and the pages apps registered, per app. The top of the views: it
imports the view classes; nothing in the views imports it (the root URL configuration does)."""

from django.urls import include, path
from django.utils.module_loading import import_string

from nautobot.core.api.urlbuilding import is_plugin
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, all_specs
from nautobot.core.views import bulk, objects
from nautobot.core.views.actions import actions_of, object_action_view
from nautobot.core.views.routes import detail_tabs
from nautobot.core.views.slugs import has_unique_slug, slug_redirect


def _spec_patterns(spec: type[ObjectSpec]) -> list:
    views = spec.ui_views
    model = spec.route_name()
    base = spec.url_endpoint()
    table = [
        ("list", f"{base}/", objects.ObjectListView, model + "_list"),
        ("add", f"{base}/add/", objects.ObjectEditView, model + "_add"),
        ("import", f"{base}/import/", bulk.BulkImportView, model + "_import"),
        ("bulk_edit", f"{base}/edit/", bulk.BulkEditView, model + "_bulk_edit"),
        ("bulk_delete", f"{base}/delete/", bulk.BulkDeleteView, model + "_bulk_delete"),
        ("detail", f"{base}/<uuid:pk>/", objects.ObjectView, model),
        ("edit", f"{base}/<uuid:pk>/edit/", objects.ObjectEditView, model + "_edit"),
        ("delete", f"{base}/<uuid:pk>/delete/", objects.ObjectDeleteView, model + "_delete"),
    ]
    patterns = [
        path(route, _view_class(spec, action, view).as_view(spec=spec), name=name)
        for action, route, view, name in table
        if action in views
    ]
    if "detail" in views:
        for tab in detail_tabs(spec.model):
            patterns.append(
                path(f"{base}/<uuid:pk>/{tab.suffix}/", tab.view, {"spec": spec}, name=f"{model}_{tab.suffix}")
            )
        for action in actions_of(spec.model):
            patterns.append(
                path(
                    f"{base}/<uuid:pk>/{action.name}/",
                    object_action_view,
                    {"spec": spec, "action": action},
                    name=f"{model}_{action.name}",
                )
            )
    return patterns


def _slug_twins(spec: type[ObjectSpec], patterns: list) -> list:
    """Each object page of `patterns` again at the object's slug (1.x's URLs): a redirect to the UUID page."""
    if not has_unique_slug(spec.model):
        return []
    return [
        path(str(p.pattern).replace("<uuid:pk>", "<str:slug>"), slug_redirect, {"spec": spec}, name=p.name)
        for p in patterns
        if "<uuid:pk>" in str(p.pattern)
    ]


def _view_class(spec: type[ObjectSpec], action: str, default):
    """The view of `action`: the one the spec names in `ui_view_classes`, else the generic one."""
    dotted = spec.ui_view_classes.get(action)
    return import_string(dotted) if dotted else default


def overridden(namespace: str, patterns: list) -> list:
    """`patterns` with the views of `registry.view_overrides` (a plugin's `override_views`) answering the URL
    names they name in `namespace` ("dcim", "plugins:<app>"); the routes and names stay."""
    overrides = registry.view_overrides.by_key()
    for pattern in patterns:
        override = overrides.get(f"{namespace}:{getattr(pattern, 'name', None)}")
        if override is not None:
            pattern.callback = override.view
    return patterns


def app_ui_patterns(app_label: str) -> list:
    """The generated pages of `app_label`'s specs and its registered pages (a plugin's go under /plugins/)."""
    patterns, twins = [], []
    for spec in all_specs():
        if spec.ui_views and spec.app_label() == app_label:
            generated = _spec_patterns(spec)
            patterns.extend(generated)
            twins.extend(_slug_twins(spec, generated))
    patterns.extend(
        path(page.route, page.view, page.kwargs or {}, name=page.name)
        for page in registry.pages
        if page.app_label == app_label
    )
    # Last: `<endpoint>/<str:slug>/` must not hide a registered page such as `jobs/results/`.
    return patterns + twins


def ui_urlpatterns() -> list:
    """One `path("<app>/", include(...))` per app (plugins excepted) with specs or pages, namespaced by its label."""
    labels = {spec.app_label() for spec in all_specs() if spec.ui_views} | {page.app_label for page in registry.pages}
    return [
        path(f"{app}/", include((overridden(app, app_ui_patterns(app)), app)))
        for app in sorted(labels)
        if not is_plugin(app)
    ]
