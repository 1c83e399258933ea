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

This module holds the registrations and the menu; the URL helpers are `urls` (below every view) and the
URL patterns `urlpatterns` (above every view).
"""

from django.apps import apps
from django.db import models

from nautobot.core.permissions import permission_name
from nautobot.core.registry import DetailTab, MenuEntry, Page, registry
from nautobot.core.specs import ObjectSpec, all_specs
from nautobot.core.views.urls import url_name


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
    """Every menu entry with its URL name: one per spec list page, plus the registered pages.

    An app that lays out its own menu (its `menu_items`/`navigation`, as 1.x apps do) gets no entries generated
    for its models' derived specs: those would repeat its menu under a second heading.
    """
    entries = []
    own_menus = {link.url_name.split(":")[1] for link in registry.menu_links if link.url_name.startswith("plugins:")}
    for spec in all_specs():
        if spec.derived and spec.app_label() in own_menus:
            continue
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
