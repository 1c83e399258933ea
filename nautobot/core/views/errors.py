"""What a page tells the user when a delete is blocked by dependent objects (1.x: `handle_protectederror`)."""

from django.contrib import messages
from django.utils.html import format_html, format_html_join

from nautobot.core.views.urls import object_url
from nautobot.core.runtime_settings import get_settings_or_config

SHOWN_DEPENDENTS = 50


def protected_message(objects, dependents) -> str:
    """'Unable to delete <objects>. <n> dependent objects were found: <links>' (the first 50, each linked to its page)."""
    dependents = list(dependents)
    count = len(dependents) if len(dependents) <= SHOWN_DEPENDENTS else f"More than {SHOWN_DEPENDENTS}"
    links = format_html_join(
        ", ",
        "{}",
        ((_linked(dependent),) for dependent in dependents[:SHOWN_DEPENDENTS]),
    )
    return format_html(
        "Unable to delete <strong>{}</strong>. {} dependent objects were found: {}",
        ", ".join(str(obj) for obj in objects),
        count,
        links,
    )


def _linked(obj) -> str:
    url = object_url(obj)
    return format_html('<a href="{}">{}</a>', url, obj) if url else format_html("{}", obj)


def handle_protectederror(obj_list, request, e) -> None:
    """1.x: an error message on the next page naming the dependent objects of a blocked delete. `e` is Django's
    `ProtectedError`/`RestrictedError` (`protected_objects`/`restricted_objects`) or our `DeleteBlocked`."""
    dependents = (
        getattr(e, "protected_objects", None) or getattr(e, "restricted_objects", None) or getattr(e, "dependents", [])
    )
    messages.error(request, protected_message(obj_list, dependents))


def server_error(request, template_name: str = "500.html"):
    """The 500 page (`handler500`): standalone (no base template, no database), with `SUPPORT_MESSAGE`."""
    from django.conf import settings
    from django.http import HttpResponseServerError
    from django.template import loader

    from nautobot.core.templatetags.helpers import render_markdown

    from django.urls import reverse

    context = {
        "home": reverse("home"),
        "title": getattr(settings, "BRANDING_TITLE", "Nautobot"),
        "support_message": render_markdown(get_settings_or_config("SUPPORT_MESSAGE", "")),
    }
    return HttpResponseServerError(loader.get_template(template_name).render(context))
