"""Template context of every page: the navigation menu the user may see."""

from django.urls import NoReverseMatch, reverse

from nautobot.core.views.routes import menu_entries

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
        for entry, name in entries:
            if entry.permission and not user.has_perm(entry.permission):
                continue
            if entry.permissions and not user.has_perms(entry.permissions):
                continue
            try:
                item = MenuItem(entry.section, entry.label, reverse(name), _buttons(entry, user))
            except NoReverseMatch:
                continue
            groups.setdefault(entry.group, []).append(item)
            if entry.group_weight is not None:
                weights.setdefault(entry.group, entry.group_weight)
        return sorted(groups.items(), key=lambda g: (weights.get(g[0], 10_000), g[0]))

    return {"nav_menu": build}
