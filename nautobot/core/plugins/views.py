"""`/plugins/installed-plugins/`: the installed plugins (staff), each with the links to its home, configuration and
documentation pages that it names (`home_view_name`, `config_view_name`, `docs_view_name`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from nautobot.core.plugins import plugin_configs

LINKS = (("home_view_name", "Home"), ("config_view_name", "Configuration"), ("docs_view_name", "Documentation"))


def _links(config) -> list[tuple[str, str]]:
    links = []
    for attribute, label in LINKS:
        name = getattr(config, attribute, None)
        if name:
            try:
                links.append((label, reverse(name)))
            except NoReverseMatch:
                continue  # a name the plugin does not route: no link, as no page
    return links


def installed_plugins(request):
    if not (request.user.is_staff or request.user.is_superuser):
        raise PermissionDenied
    plugins = [{"config": config, "links": _links(config)} for config in plugin_configs()]
    return render(request, "nautobot/installed_plugins.html", {"plugins": plugins})
