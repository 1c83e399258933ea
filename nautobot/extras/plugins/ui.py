"""What plugins add to the web UI: their menu items (a "Plugins" menu) and their template extensions
(panels on the detail pages of the models they name), through the UI's own registries."""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from nautobot.core.views.generic import DETAIL_PANELS
from nautobot.core.views.routes import MENU_LINKS, MenuEntry


def add_menu_items(config, items: list) -> None:
    for item in items:
        permission = item.permissions[0] if item.permissions else ""
        MENU_LINKS.append((MenuEntry("Plugins", item.link_text, permission), item.link))


def template_extension_panel(obj, request) -> dict | None:
    """One panel with what every plugin's template extension for this object's model renders."""
    from nautobot.extras.plugins import registry

    label = obj._meta.label_lower
    extensions = [cls for cls in registry["template_extensions"] if cls.model == label]
    if not extensions:
        return None
    parts = []
    for cls in extensions:
        extension = cls({"object": obj, "request": request, "user": getattr(request, "user", None)})
        parts.extend(
            html
            for html in (
                extension.buttons(),
                extension.left_page(),
                extension.right_page(),
                extension.full_width_page(),
            )
            if html
        )
    if not parts:
        return None
    # Plugins return HTML they built (PluginTemplateExtension.render uses Django's escaping templates).
    return {"title": "Plugins", "html": format_html_join("", "{}", ((mark_safe(part),) for part in parts))}  # noqa: S308


DETAIL_PANELS.append(template_extension_panel)
