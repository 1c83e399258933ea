"""How extras plug into the web UI: status choosers, the custom fields panel and change log tab of every detail
page, and the recent changes on the home page; `register` plugs them in."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.html import format_html
from django_tables2 import RequestConfig

from nautobot.core.registry import FormFieldOverride, HomePanel, ListExport, Panel, registry
from nautobot.core.specs import spec_for
from nautobot.core.views.generic import tabs_for
from nautobot.core.views.permissions import allowed
from nautobot.core.views.routes import register_detail_tab
from nautobot.extras.configcontexts.ui import register_config_context_tab


def status_form_field(model, *, many: bool, required: bool, label: str) -> forms.Field:
    """A select of the statuses `model` may use (few, so rendered as options, not loaded from the API)."""
    from nautobot.extras.models import Status

    queryset = Status.objects.filter(content_types=ContentType.objects.get_for_model(model)).order_by("name")
    field_class = forms.ModelMultipleChoiceField if many else forms.ModelChoiceField
    return field_class(queryset=queryset, required=required, label=label)


def custom_fields_panel(obj, request) -> dict | None:
    """The object's custom field values, labelled and in display order (None when its model has none)."""
    if not hasattr(obj, "_custom_field_data"):
        return None
    from nautobot.extras.customfields.data import fields_for_model

    definitions = fields_for_model(type(obj))
    if not definitions:
        return None
    data = obj._custom_field_data or {}
    rows = []
    for field in definitions:
        value = data.get(field.name)
        rows.append((field.label or field.name, format_html("{}", "—" if value in (None, "") else value)))
    return {"title": "Custom fields", "rows": rows}


def changelog_tab(request, pk, spec):
    """The "Change log" tab of every detail page: changes of the object and of its components, newest first."""
    from django.shortcuts import get_object_or_404, render

    from nautobot.core.tables import table_for, table_queryset
    from nautobot.core.views.permissions import allowed, require
    from nautobot.core.views.routes import object_url, spec_url
    from nautobot.extras.models import ObjectChange

    require(request.user, spec.model, "view")
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, "view"), pk=pk)
    change_spec = spec_for(ObjectChange)
    content_type = ContentType.objects.get_for_model(spec.model)
    changes = ObjectChange.objects.filter(
        Q(changed_object_type=content_type, changed_object_id=pk)
        | Q(related_object_type=content_type, related_object_id=pk)
    )
    visible = allowed(changes, request.user, "view")
    table = table_for(change_spec, selectable=False)(table_queryset(change_spec, visible), orderable=False)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"object": obj, "table": table, "spec": spec, "tabs": tabs_for(spec, obj), "object_url": object_url(obj)}
    context.update(model_name_plural=spec.model._meta.verbose_name_plural, urls={"list": spec_url(spec)})
    return render(request, "nautobot/generic/object_changelog.html", context)


def recent_changes_panel(request) -> dict | None:
    """The home page's latest changes the user may see."""
    from nautobot.core.tables import table_for, table_queryset
    from nautobot.extras.models import ObjectChange

    if not request.user.has_perm("extras.view_objectchange"):
        return None
    change_spec = spec_for(ObjectChange)
    latest = allowed(ObjectChange.objects.all(), request.user, "view")[:10]
    table = table_for(change_spec, selectable=False)(
        table_queryset(change_spec, ObjectChange.objects.filter(pk__in=list(latest.values_list("pk", flat=True)))),
        orderable=False,
    )
    return {"title": "Recent changes", "html": render_table_html(table, request)}


def render_table_html(table, request) -> str:
    from django.template.loader import render_to_string

    return render_to_string(
        "django_tables2/bootstrap5-responsive.html", {"table": table, "request": request}, request=request
    )


def export_template_choices(model) -> list[tuple[str, str]]:
    """The export templates of `model`, for the list page's Export menu."""
    from nautobot.extras.exporttemplates.models import ExportTemplate

    names = ExportTemplate.objects.filter(content_type=ContentType.objects.get_for_model(model)).values_list(
        "name", flat=True
    )
    return [(name, name) for name in names]


def export_template_answer(spec, request, queryset):
    """`?export=<template name>`: the filtered rows rendered through that export template (in the sandbox)."""
    from django.contrib import messages
    from django.http import HttpResponse, HttpResponseRedirect

    from nautobot.extras.exporttemplates.exports import ExportError, export_queryset
    from nautobot.extras.exporttemplates.models import ExportTemplate

    content_type = ContentType.objects.get_for_model(spec.model)
    template = ExportTemplate.objects.filter(content_type=content_type, name=request.GET.get("export")).first()
    if template is None:
        return None
    try:
        exported = export_queryset(template, queryset)
    except ExportError as exc:
        messages.error(request, str(exc))
        params = request.GET.copy()
        params.pop("export")
        return HttpResponseRedirect(f"{request.path}?{params.urlencode()}")
    response = HttpResponse(exported.content, content_type=exported.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


def register() -> None:
    """Status choosers, the custom fields panel, the change log and config context tabs, export templates in the
    list's Export menu and the home page's recent changes (called from `ExtrasConfig.ready`)."""
    registry.form_field_overrides.register(FormFieldOverride("extras.Status", status_form_field))
    registry.detail_panels.register(Panel(custom_fields_panel))
    register_detail_tab("Change log", "changelog", changelog_tab)
    register_config_context_tab()
    registry.list_exports.register(ListExport(export_template_choices, export_template_answer))
    registry.home_panels.register(HomePanel(recent_changes_panel))
