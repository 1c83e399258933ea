"""The web UI's list pages: the Export menu's templates and `?export=<template name>`."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse, HttpResponseRedirect

from nautobot.extras.exporttemplates.exports import ExportError, export_queryset
from nautobot.extras.exporttemplates.models import ExportTemplate


def export_template_choices(model) -> list[tuple[str, str]]:
    """The export templates of `model`, for the list page's Export menu."""
    names = ExportTemplate.objects.filter(content_type=ContentType.objects.get_for_model(model)).values_list(
        "name", flat=True
    )
    return [(name, name) for name in names]


def export_template_answer(spec, request, queryset):
    """`?export=<template name>`: the filtered rows rendered through that export template (in the sandbox)."""
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
