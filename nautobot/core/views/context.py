"""Template context of every page: the navigation menu the user may see."""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject

from nautobot.core.views.routes import menu_entries
from nautobot.core.runtime_settings import get_settings_or_config

# Top-level menus in this order (weights as 1.x tabs have them, so that an app's tab with a `weight` lands
# between them: a 1.x "Routing" tab of weight 350 comes after IPAM); groups without a weight follow
# alphabetically.
GROUP_WEIGHTS = {
    "Organization": 100,
    "DCIM": 150,
    "Devices": 200,
    "IPAM": 300,
    "Circuits": 400,
    "Power": 500,
    "Virtualization": 600,
    "Tenancy": 650,
    "Extras": 700,
    "Jobs": 750,
    "Users": 800,
}
GROUP_ORDER = tuple(GROUP_WEIGHTS)
# The user's theme (their Preferences page, or the ◐ button): one of THEMES; not set means "system".
THEME_PREFERENCE = "ui.theme"
THEMES = (("system", "System (as the browser or operating system prefers)"), ("light", "Light"), ("dark", "Dark"))


class MenuItem(tuple):
    """`(section, label, url)` of a menu entry, with `buttons`: `[(title, url, icon), ...]` beside it."""

    def __new__(cls, section: str, label: str, url: str, buttons: list | None = None):
        item = super().__new__(cls, (section, label, url))
        item.buttons = buttons or []
        return item

    @property
    def section(self) -> str:
        return self[0]

    @property
    def label(self) -> str:
        return self[1]

    @property
    def url(self) -> str:
        return self[2]


def _buttons(entry, user) -> list[tuple[str, str, str]]:
    buttons = []
    for button in entry.buttons:
        if button.permissions and not user.has_perms(button.permissions):
            continue
        try:
            buttons.append((button.title, reverse(button.url_name), button.icon))
        except NoReverseMatch:
            continue
    return buttons


def navigation(request) -> dict:
    """`{"nav_menu": [(group, [MenuItem(section, label, url), ...]), ...]}` for the signed-in user (lazy: built
    when rendered); within a menu the untitled section comes first, then the titled ones by weight and name."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": []}

    def build():
        groups: dict[str, list] = {}
        weights = dict(GROUP_WEIGHTS)
        entries = sorted(
            menu_entries(),
            key=lambda e: (e[0].section != "", e[0].section_weight, e[0].section, e[0].weight, e[0].label),
        )
        hide_restricted = get_settings_or_config("HIDE_RESTRICTED_UI", False)
        for entry, name in entries:
            restricted = (entry.permission and not user.has_perm(entry.permission)) or (
                entry.permissions and not user.has_perms(entry.permissions)
            )
            if restricted and hide_restricted:
                continue
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            # Restricted (HIDE_RESTRICTED_UI off, as 1.x's default): shown greyed out, without a link or buttons.
            item = MenuItem(
                entry.section, entry.label, None if restricted else url, [] if restricted else _buttons(entry, user)
            )
            groups.setdefault(entry.group, []).append(item)
            if entry.group_weight is not None:
                weights.setdefault(entry.group, entry.group_weight)
        return sorted(groups.items(), key=lambda g: (weights.get(g[0], 10_000), g[0]))

    return {"nav_menu": build}


@functools.lru_cache(maxsize=64)
def _markdown(text: str, schemes: tuple[str, ...]) -> str:
    """A banner's HTML, rendered once per text (and per `ALLOWED_URL_SCHEMES`, which the rendering reads)."""
    from nautobot.core.templatetags.helpers import render_markdown

    return render_markdown(text)


def _rendered(name: str):
    """The setting `name` (runtime-editable) as HTML, rendered when a page uses it (empty: false, as a string)."""
    return SimpleLazyObject(
        lambda: _markdown(get_settings_or_config(name, "") or "", tuple(settings.ALLOWED_URL_SCHEMES))
    )


def _theme(request) -> str:
    """The signed-in user's saved theme ("light", "dark", "system"), or "" (the browser's choice, then the system's)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(user, "get_config"):
        return ""
    return user.get_config(THEME_PREFERENCE, "")


def settings_and_branding(request) -> dict:
    """`settings` (1.x templates read `settings.BRANDING_TITLE` and the like), the banners as HTML, rendered only on
    the pages that show them and only when their text changed, the URLs of the branding files
    (`BRANDING_FILEPATHS`, served by `/branding/<name>`), and the user's `theme_preference`."""
    branding = {
        name: reverse("branding_file", kwargs={"name": name})
        for name, path in (getattr(settings, "BRANDING_FILEPATHS", None) or {}).items()
        if path
    }
    return {
        "settings": settings,
        "branding": branding,
        "theme_preference": lambda: _theme(request),
        **{key: _rendered(key.upper()) for key in ("banner_top", "banner_bottom", "banner_login", "support_message")},
    }
