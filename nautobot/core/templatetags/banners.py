"""`{% app_banners %}`: the banners apps choose for a page (`registry.banners`, 1.x plugins' `banner_function`)."""

import logging

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from nautobot.core.registry import Banner, registry

logger = logging.getLogger(__name__)
register = template.Library()
BANNER_CLASSES = ("success", "info", "warning", "danger")


@register.simple_tag(takes_context=True)
def app_banners(context) -> str:
    """One alert per banner; a banner function that fails is logged and left out (the page still renders)."""
    banners = []
    for entry in registry.banners:
        try:
            banner = entry.render(context)
        except Exception:
            logger.exception("Banner function %s failed", getattr(entry.render, "__qualname__", entry.render))
            continue
        if isinstance(banner, Banner):
            color = banner.banner_class if banner.banner_class in BANNER_CLASSES else "info"
            # `content` is HTML, as documented for 1.x plugin banners (apps escape what they interpolate).
            banners.append((color, mark_safe(banner.content)))  # noqa: S308
    return format_html_join("", '<div class="alert alert-{} app-banner" role="alert">{}</div>', banners)
