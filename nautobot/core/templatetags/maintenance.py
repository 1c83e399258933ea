"""`{% maintenance_banner %}`: the banner of every page while `MAINTENANCE_MODE` is on."""

from django import template
from django.utils.html import format_html

from nautobot.core.maintenance import maintenance_mode

register = template.Library()


@register.simple_tag
def maintenance_banner() -> str:
    if not maintenance_mode():
        return ""
    return format_html(
        '<div class="alert alert-warning" role="alert" id="maintenance-mode-banner"><strong>{}</strong> {}</div>',
        "Maintenance mode:",
        "this installation is read-only until the maintenance is over; changes are refused.",
    )
