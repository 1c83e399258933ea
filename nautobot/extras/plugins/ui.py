"""What plugins add to the web UI: their template extensions (panels on the detail pages of the models they
name), shown through one detail panel. Their menu items are `registry.menu_links` (a "Plugins" menu)."""

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from nautobot.core.registry import Panel, registry


def template_extension_panel(obj, request) -> dict | None:
    """One panel with what every plugin's template extension for this object's model renders."""
    label = obj._meta.label_lower
    extensions = [cls for cls in registry.template_extensions if cls.model == label]
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


def register_template_extension_panel() -> None:
    """Show the template extensions on detail pages (called by each plugin's `ready()`; registered once)."""
    registry.detail_panels.register(Panel(template_extension_panel))
