"""URLs and navigation of the web UI: generated for every spec, plus pages registered by apps.

Every spec with `ui_views` gets, under `/<app>/<endpoint>/`, the original's route names in the app's
namespace: `<model>_list`, `<model>` (detail), `<model>_add`, `<model>_edit`, `<model>_delete`,
`<model>_bulk_edit`, `<model>_bulk_delete`, `<model>_import`.

A page that is not a model's (a job run form, a cable trace, ...) is added with `register_page()` from
the app's `AppConfig.ready()`; it gets a URL in the app's namespace and, when given `menu=`, an entry in
the navigation menu shown to users who have `permission`:

    register_page("extras", "jobs/<uuid:pk>/run/", JobRunView.as_view(), "job_run")
    register_page("extras", "jobs/", JobListView.as_view(), "job_list",
                  menu=MenuEntry("Jobs", "Jobs", permission="extras.view_job"))

The view does its own permission checks (`nautobot.core.views.permissions` has the helpers).
A button on an object's page that POSTs an action (redeliver, sync) is an `actions.register_object_action()`.

A spec replaces one of its generated pages by naming a view class in `ui_view_classes` (the jobs list,
grouped by module, replaces the generic table); the URL and its name stay the same.
"""

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, include, path, reverse
from django.utils.module_loading import import_string

from nautobot.core.api.urlbuilding import is_plugin
from nautobot.core.permissions import permission_name
from nautobot.core.registry import DetailTab, MenuEntry, Page, registry
from nautobot.core.specs import ObjectSpec, all_specs, has_spec, spec_for


def register_page(
    app_label: str, route: str, view, name: str, *, menu: MenuEntry | None = None, kwargs: dict | None = None
) -> Page:
    """Add a non-model page at `/<app_label>/<route>`, named `<app_label>:<name>` (see the module docstring).

    `kwargs` are passed to the view (as Django's `path()` does), e.g. the model a shared view serves.
    A typed entry point to `registry.pages`.
    """
    return registry.pages.register(Page(app_label, route, view, name, menu, kwargs))


def register_detail_tab(
    label: str, suffix: str, view, *, models: tuple[str, ...] = (), first: bool = False
) -> DetailTab:
    """Add a tab to every model's detail page (or only to those of `models`, labels such as "ipam.prefix") at
    `<object url><suffix>/`, named `<model>_<suffix>`. `first`: before the tabs of every model (the change log),
    after the other `first` ones. A typed entry point to `registry.detail_tabs`."""
    tab = DetailTab(label, suffix, view, frozenset(label.lower() for label in models), first)
    return registry.detail_tabs.register(tab)


def detail_tabs(model: type[models.Model]) -> list[DetailTab]:
    """The tabs of `model`'s detail pages after "Details", in order: the `first` ones, then the others."""
    tabs = registry.detail_tabs.entries()
    return [tab for tab in (*(t for t in tabs if t.first), *(t for t in tabs if not t.first)) if tab.applies_to(model)]


def url_name(spec: type[ObjectSpec], action: str) -> str:
    """`dcim:site_list`, `dcim:site` (detail), `dcim:site_edit`, ...; `plugins:<label>:...` for a plugin's models."""
    suffix = "" if action == "detail" else f"_{action}"
    namespace = f"plugins:{spec.app_label()}" if is_plugin(spec.app_label()) else spec.app_label()
    return f"{namespace}:{spec.route_name()}{suffix}"


def spec_url(spec: type[ObjectSpec], action: str = "list", pk=None) -> str | None:
    """The URL of one of `spec`'s pages, or None when the spec has no such page."""
    if action not in spec.ui_views and action != "changelog":
        return None
    try:
        return reverse(url_name(spec, action), kwargs={"pk": pk} if pk is not None else None)
    except NoReverseMatch:
        return None


_list_urls: dict = {}


def object_url(obj: models.Model) -> str | None:
    """The detail page of `obj` (None when its model has no UI); one `reverse()` per model, not per object."""
    model = type(obj)
    if not has_spec(model):
        return None
    spec = spec_for(model)
    if "detail" not in spec.ui_views:
        return None
    base = _list_urls.get(model)
    if base is None:
        base = _list_urls[model] = reverse(url_name(spec, "list"))
    return f"{base}{obj.pk}/"


def _spec_patterns(spec: type[ObjectSpec]) -> list:
    from nautobot.core.views import bulk, generic

    views = spec.ui_views
    model = spec.route_name()
    base = spec.url_endpoint()
    table = [
        ("list", f"{base}/", generic.ObjectListView, model + "_list"),
        ("add", f"{base}/add/", generic.ObjectEditView, model + "_add"),
        ("import", f"{base}/import/", bulk.BulkImportView, model + "_import"),
        ("bulk_edit", f"{base}/edit/", bulk.BulkEditView, model + "_bulk_edit"),
        ("bulk_delete", f"{base}/delete/", bulk.BulkDeleteView, model + "_bulk_delete"),
        ("detail", f"{base}/<uuid:pk>/", generic.ObjectDetailView, model),
        ("edit", f"{base}/<uuid:pk>/edit/", generic.ObjectEditView, model + "_edit"),
        ("delete", f"{base}/<uuid:pk>/delete/", generic.ObjectDeleteView, model + "_delete"),
    ]
    patterns = [
        path(route, _view_class(spec, action, view).as_view(spec=spec), name=name)
        for action, route, view, name in table
        if action in views
    ]
    if "detail" in views:
        from nautobot.core.views.actions import actions_of, object_action_view

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


def _view_class(spec: type[ObjectSpec], action: str, default):
    """The view of `action`: the one the spec names in `ui_view_classes`, else the generic one."""
    dotted = spec.ui_view_classes.get(action)
    return import_string(dotted) if dotted else default


def app_ui_patterns(app_label: str) -> list:
    """The generated pages of `app_label`'s specs and its registered pages (a plugin's go under /plugins/)."""
    patterns = []
    for spec in all_specs():
        if spec.ui_views and spec.app_label() == app_label:
            patterns.extend(_spec_patterns(spec))
    patterns.extend(
        path(page.route, page.view, page.kwargs or {}, name=page.name)
        for page in registry.pages
        if page.app_label == app_label
    )
    return patterns


def ui_urlpatterns() -> list:
    """One `path("<app>/", include(...))` per app (plugins excepted) with specs or pages, namespaced by its label."""
    labels = {spec.app_label() for spec in all_specs() if spec.ui_views} | {page.app_label for page in registry.pages}
    return [path(f"{app}/", include((app_ui_patterns(app), app))) for app in sorted(labels) if not is_plugin(app)]


def _group_of(spec: type[ObjectSpec]) -> str | None:
    if spec.menu_group is None:
        return None
    if spec.menu_group:
        return spec.menu_group
    try:
        return str(apps.get_app_config(spec.app_label()).verbose_name)
    except LookupError:
        return spec.app_label().capitalize()


def menu_entries() -> list[tuple[MenuEntry, str]]:
    """Every menu entry with its URL name: one per spec list page, plus the registered pages."""
    entries = []
    for spec in all_specs():
        group = _group_of(spec)
        if group is not None and "list" in spec.ui_views:
            label = str(spec.model._meta.verbose_name_plural)
            entry = MenuEntry(
                group, label[:1].upper() + label[1:], permission_name(spec.model, "view"), section=spec.menu_section
            )
            entries.append((entry, url_name(spec, "list")))
    entries.extend((page.menu, f"{page.app_label}:{page.name}") for page in registry.pages if page.menu)
    entries.extend((link.entry, link.url_name) for link in registry.menu_links)
    return entries
