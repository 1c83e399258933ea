"""1.x's `buttons` template library: the add/import/export/clone/edit/delete buttons of list and detail pages.

Each renders nothing when the page does not exist or the user may not use it; edit and delete come back
to the page they were pressed on (`return_url`).
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from nautobot.core.views.urls import model_url_name, reverse_for_object

register = template.Library()


def _object_url(instance, action: str, use_pk: bool, key: str) -> str | None:
    # Keyed as asked, else as the route takes it (a 1.x viewset routing by slug has no pk URLs).
    keys = ("pk", key) if use_pk else (key, "pk")
    return reverse_for_object(model_url_name(type(instance), action), instance, keys)


def _allowed(context, instance, action: str) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    meta = instance._meta
    return bool(user and user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"))


def _button(url, style, icon, label, button_id=""):
    return format_html(
        '<a href="{}" class="btn btn-sm {}"{}><i class="mdi {}" aria-hidden="true"></i> {}</a>',
        url,
        style,
        format_html(' id="{}"', button_id) if button_id else "",
        icon,
        label,
    )


@register.simple_tag
def add_button(url):
    return _button(url if url.startswith("/") else reverse(url), "btn-primary", "mdi-plus-thick", "Add", "add-button")


@register.simple_tag
def import_button(url):
    return _button(url if url.startswith("/") else reverse(url), "btn-info", "mdi-database-import-outline", "Import")


@register.simple_tag(takes_context=True)
def export_button(context, content_type=None):
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    params["export"] = "csv"
    return _button(f"?{params.urlencode()}", "btn-success", "mdi-database-export-outline", "Export")


@register.simple_tag(takes_context=True)
def clone_button(context, instance):
    if not _allowed(context, instance, "add"):
        return ""
    try:
        url = reverse(model_url_name(type(instance), "add"))
    except NoReverseMatch:
        return ""
    fields = getattr(instance, "clone_fields", ())
    params = {}
    for name in fields:
        value = getattr(instance, name, None)
        if value is not None:
            params[name] = getattr(value, "pk", value)
    return _button(f"{url}?{urlencode(params)}" if params else url, "btn-secondary", "mdi-plus-thick", "Clone")


@register.simple_tag(takes_context=True)
def edit_button(context, instance, use_pk=False, key="slug"):
    if not _allowed(context, instance, "change"):
        return ""
    url = _object_url(instance, "edit", use_pk, key)
    return _button(url, "btn-warning", "mdi-pencil", "Edit", "edit-button") if url else ""


@register.simple_tag(takes_context=True)
def delete_button(context, instance, use_pk=False, key="slug"):
    if not _allowed(context, instance, "delete"):
        return ""
    url = _object_url(instance, "delete", use_pk, key)
    return _button(url, "btn-danger", "mdi-trash-can-outline", "Delete", "delete-button") if url else ""
