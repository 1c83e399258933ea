"""The navigation menu and home page of a Nautobot 1.x app (`nautobot.core.apps` names), mapped onto our stores.

A 1.x app describes its menu as tabs of groups of items (`NavMenuTab` > `NavMenuGroup` > `NavMenuItem` with
`NavMenuButton`s) in `navigation.menu_items`, and its home page cards as `HomePagePanel`s of `HomePageItem`s
(or `HomePageGroup`s of them) in `homepage.layout`. Nothing here draws anything: `menu_links()` turns the
items into `registry.menu_links` entries (a tab is a top-level menu, a group a titled section of it) and
`home_panels()` turns the layout into `registry.home_panels` entries, so they show exactly where and as the
built-in menu entries and home cards do. A tab or group another app (or a built-in menu) also declares is the
same menu: entries are merged by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from nautobot.core.registry import HomePanel, MenuButton, MenuEntry, MenuLink

# Button classes of 1.x: "mdi" icons and Bootstrap 3 button colours.


class ButtonColorChoices:
    """The colours a 1.x menu button may take (its `button_class`)."""

    DEFAULT = "default"
    BLUE = "primary"
    GREY = "secondary"
    GREEN = "success"
    RED = "danger"
    YELLOW = "warning"
    BLACK = "dark"


@dataclass
class NavMenuButton:
    """A small button beside a menu item: `link` is a URL name, shown to users with all `permissions`."""

    link: str
    title: str
    icon_class: str
    button_class: str = ButtonColorChoices.DEFAULT
    permissions: list[str] | tuple[str, ...] = ()
    weight: int = 1000


@dataclass
class NavMenuAddButton(NavMenuButton):
    """The "Add" button of a menu item."""

    title: str = "Add"
    icon_class: str = "mdi mdi-plus-thick"
    button_class: str = ButtonColorChoices.GREEN
    weight: int = 100


@dataclass
class NavMenuImportButton(NavMenuButton):
    """The "Import" button of a menu item."""

    title: str = "Import"
    icon_class: str = "mdi mdi-database-import-outline"
    button_class: str = ButtonColorChoices.BLUE
    weight: int = 200


@dataclass
class NavMenuItem:
    """A menu entry: `link` is a URL name, shown to users who have all `permissions`."""

    link: str
    name: str
    permissions: list[str] | tuple[str, ...] = ()
    buttons: list[NavMenuButton] | tuple[NavMenuButton, ...] = ()
    weight: int = 1000


@dataclass
class NavMenuGroup:
    """A titled section of a tab's menu."""

    name: str
    items: list[NavMenuItem] | tuple[NavMenuItem, ...] = ()
    weight: int = 1000


@dataclass
class NavMenuTab:
    """A top-level menu; `weight` orders it among the others (1.x: Organization 100, Devices 200, IPAM 300,
    Circuits 400, Power 500, Virtualization 600, Extensibility 700, Plugins/Apps 800)."""

    name: str
    groups: list[NavMenuGroup] | tuple[NavMenuGroup, ...] = ()
    weight: int = 1000
    permissions: list[str] | tuple[str, ...] = ()


def menu_links(menu_items: Iterable) -> list[MenuLink]:
    """The `registry.menu_links` entries of an app's `menu_items`: 1.x tabs, or 1.0-style `PluginMenuItem`s,
    which go to the "Plugins" menu under the app's name (`section`) as in 1.x."""
    links = []
    for tab in menu_items:
        if not isinstance(tab, NavMenuTab):
            raise TypeError(f"menu_items takes NavMenuTab objects, not {type(tab).__name__} ({tab!r})")
        for group in tab.groups:
            for item in group.items:
                entry = MenuEntry(
                    tab.name,
                    item.name,
                    weight=item.weight,
                    section=group.name,
                    permissions=tuple(tab.permissions) + tuple(item.permissions),
                    buttons=tuple(
                        MenuButton(button.title, button.link, button.icon_class, tuple(button.permissions))
                        for button in sorted(item.buttons, key=lambda b: b.weight)
                    ),
                    group_weight=tab.weight,
                    section_weight=group.weight,
                )
                links.append(MenuLink(entry, item.link))
    return links


def plugin_menu_links(app_name: str, items: Iterable) -> list[MenuLink]:
    """`PluginMenuItem`s (the 1.0 style): entries of the "Plugins" menu in a section named after the app."""
    links = []
    for item in items:
        buttons = tuple(
            MenuButton(b.title, b.link, getattr(b, "icon_class", ""), tuple(getattr(b, "permissions", ()) or ()))
            for b in getattr(item, "buttons", ()) or ()
        )
        entry = MenuEntry(
            "Plugins", item.link_text, section=app_name, permissions=tuple(item.permissions or ()), buttons=buttons
        )
        links.append(MenuLink(entry, item.link))
    return links


@dataclass
class HomePageItem:
    """A line of a home page card: a link to `link` (a URL name) with the count of `model`'s objects the user
    may see, shown to users with all `permissions`; or, with `custom_template`, that template rendered."""

    name: str
    link: str | None = None
    model: type | None = None
    custom_template: str | None = None
    custom_data: dict | None = None
    description: str | None = None
    permissions: list[str] | tuple[str, ...] = ()
    weight: int = 1000


@dataclass
class HomePageGroup:
    """A titled group of items inside a home page card."""

    name: str
    items: list[HomePageItem] | tuple[HomePageItem, ...] = ()
    weight: int = 1000
    permissions: list[str] | tuple[str, ...] = ()


@dataclass
class HomePagePanel:
    """A card of the home page, of items (and groups of items), or one `custom_template`."""

    name: str
    items: list = field(default_factory=list)
    weight: int = 1000
    custom_template: str | None = None
    custom_data: dict | None = None
    permissions: list[str] | tuple[str, ...] = ()


def _item_row(item: HomePageItem, request) -> tuple | None:
    user = request.user
    if item.permissions and not user.has_perms(item.permissions):
        return None
    if item.custom_template:
        html = render_to_string(item.custom_template, dict(item.custom_data or {}), request=request)
        return (item.name, html)
    try:
        url = reverse(item.link) if item.link else None
    except NoReverseMatch:
        url = None
    label = format_html('<a href="{}">{}</a>', url, item.name) if url else item.name
    if item.description:
        label = format_html('{}<div class="small text-body-secondary">{}</div>', label, item.description)
    count = ""
    if item.model is not None:
        # Here: `nautobot.core.apps` imports this module before any model exists (permissions import models).
        from nautobot.core.permissions import restrict

        model = apps.get_model(item.model) if isinstance(item.model, str) else item.model
        count = restrict(model.objects.all(), user, "view").count()
    return (label, count)


@dataclass(frozen=True)
class LayoutPanel:
    """The `render(request)` of one 1.x home page card (equal for equal panels: registered once)."""

    panel: HomePagePanel

    def __call__(self, request) -> dict | None:
        panel, user = self.panel, request.user
        if not user.is_authenticated or (panel.permissions and not user.has_perms(panel.permissions)):
            return None
        if panel.custom_template:
            context = {"request": request, **(panel.custom_data or {})}
            return {"title": panel.name, "html": render_to_string(panel.custom_template, context, request=request)}
        rows = []
        for item in sorted(panel.items, key=lambda i: i.weight):
            if isinstance(item, HomePageGroup):
                if item.permissions and not user.has_perms(item.permissions):
                    continue
                grouped = [r for r in (_item_row(i, request) for i in sorted(item.items, key=lambda i: i.weight)) if r]
                if grouped:
                    rows.append((format_html("<strong>{}</strong>", item.name), ""))
                    rows.extend(grouped)
            else:
                row = _item_row(item, request)
                if row:
                    rows.append(row)
        return {"title": panel.name, "rows": rows} if rows else None


def home_panels(layout: Iterable) -> list[HomePanel]:
    """The `registry.home_panels` entries of an app's `homepage_layout`, lightest first."""
    panels = []
    for panel in sorted(layout, key=lambda p: p.weight):
        if not isinstance(panel, HomePagePanel):
            raise TypeError(f"homepage_layout takes HomePagePanel objects, not {type(panel).__name__} ({panel!r})")
        panels.append(HomePanel(LayoutPanel(panel)))
    return panels


__all__ = [
    "ButtonColorChoices",
    "HomePageGroup",
    "HomePageItem",
    "HomePagePanel",
    "LayoutPanel",
    "NavMenuAddButton",
    "NavMenuButton",
    "NavMenuGroup",
    "NavMenuImportButton",
    "NavMenuItem",
    "NavMenuTab",
    "home_panels",
    "menu_links",
    "plugin_menu_links",
]
