"""Template context of every page: the navigation menu the user may see."""

from django.urls import NoReverseMatch, reverse

from nautobot.core.views.routes import menu_entries

# Top-level menus in this order; groups not named here follow alphabetically.
GROUP_ORDER = (
    "Organization",
    "DCIM",
    "Devices",
    "IPAM",
    "Circuits",
    "Power",
    "Virtualization",
    "Tenancy",
    "Extras",
    "Jobs",
    "Users",
)


def navigation(request) -> dict:
    """`{"nav_menu": [(group, [(section, label, url), ...]), ...]}` for the signed-in user (lazy: built when
    rendered); within a menu the untitled section comes first, then the titled ones by name."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_menu": []}

    def build():
        groups: dict[str, list] = {}
        for entry, name in sorted(menu_entries(), key=lambda e: (e[0].section, e[0].weight, e[0].label)):
            if entry.permission and not user.has_perm(entry.permission):
                continue
            try:
                groups.setdefault(entry.group, []).append((entry.section, entry.label, reverse(name)))
            except NoReverseMatch:
                continue
        order = {name: i for i, name in enumerate(GROUP_ORDER)}
        return sorted(groups.items(), key=lambda g: (order.get(g[0], len(order)), g[0]))

    return {"nav_menu": build}
