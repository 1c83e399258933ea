"""What a plugin adds to the web UI, registered from its `PluginConfig.ready()` in the stores the built-in pages
read: its menu (`menu_items`: 1.x `NavMenuTab`s or 1.0 `PluginMenuItem`s) as `menu_links`, its
`template_extensions` (placed on detail and list pages by `nautobot.core.views.extensions`), its
`homepage_layout` as `home_panels` and its `override_views` as `view_overrides`."""

from nautobot.core.navigation import NavMenuTab, home_panels, menu_links, plugin_menu_links
from nautobot.core.plugins import PluginError
from nautobot.core.registry import ViewOverride, registry


def register_ui(config) -> None:
    """Register `config`'s (a `PluginConfig`) menu, template extensions, home page cards and view overrides."""
    items = config.load_contents("menu_items")
    tabs = [item for item in items if isinstance(item, NavMenuTab)]
    links = menu_links(tabs) + plugin_menu_links(str(config.verbose_name), [i for i in items if i not in tabs])
    for link in links:
        registry.menu_links.register(link)
    for extension in config.load_contents("template_extensions"):
        registry.template_extensions.register(extension)
    for panel in home_panels(config.load_content("homepage_layout") or ()):
        registry.home_panels.register(panel)
    overrides = config.load_content("override_views") or {}
    if not isinstance(overrides, dict):
        raise PluginError(f"Plugin {config.name}: override_views must be a dict of URL name -> view, not {overrides!r}")
    for url_name, view in overrides.items():
        if ":" not in url_name:
            raise PluginError(f"Plugin {config.name}: override_views key {url_name!r} is not a namespaced URL name")
        registry.view_overrides.register(ViewOverride(url_name, view))
