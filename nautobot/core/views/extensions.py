"""Template extensions (`registry.template_extensions`, 1.x `PluginTemplateExtension`s) placed where 1.x places
them: on an object's detail page `left_page()` under the object's fields, `right_page()` in the side column,
`full_width_page()` below both, `buttons()` beside Edit/Delete and `detail_tabs()` as tabs; on a list page
`list_buttons()` beside Add/Import.

An extension is made per page with the 1.x context: `object` (detail pages), `request`, `user`, `settings`,
`csrf_token` and `perms`. What it returns is HTML it built with Django's escaping templates (`render()`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

from nautobot.core.registry import registry

PLACES = ("left_page", "right_page", "full_width_page", "buttons")


def extensions_for(model: type[models.Model]) -> list[type]:
    label = model._meta.label_lower
    return [cls for cls in registry.template_extensions if cls.model == label]


def _context(request, obj=None) -> dict:
    from django.contrib.auth.context_processors import PermWrapper

    user = getattr(request, "user", None)
    context = {"request": request, "user": user, "settings": settings, "object": obj}
    if request is not None and user is not None:
        context["csrf_token"] = get_token(request)
        context["perms"] = PermWrapper(user)
    return context


def detail_content(obj, request) -> dict:
    """`{place: SafeString}` for the places of a detail page, and `"tabs"`: `[{"title", "url"}]`."""
    content: dict = {place: [] for place in PLACES}
    tabs: list[dict] = []
    for cls in extensions_for(type(obj)):
        extension = cls(_context(request, obj))
        for place in PLACES:
            html = getattr(extension, place)()
            if html:
                content[place].append(html)
        tabs.extend(extension.detail_tabs() or [])
    # Extensions return HTML they built (render() uses Django's escaping templates), as in 1.x.
    placed: dict = {place: SafeString(mark_safe("".join(parts))) for place, parts in content.items()}  # noqa: S308
    placed["tabs"] = tabs
    return placed


def list_buttons(model: type[models.Model], request) -> SafeString:
    """The `list_buttons()` of the model's extensions, for its list page."""
    parts = [cls(_context(request)).list_buttons() for cls in extensions_for(model)]
    return SafeString(mark_safe("".join(p for p in parts if p)))  # noqa: S308
