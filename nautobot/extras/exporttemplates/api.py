"""`?export` on every list endpoint of the REST API (through an export template, or CSV), and the export
template serializer."""

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from rest_framework import exceptions, serializers

from nautobot.core.api.csv import queryset_csv
from nautobot.core.specs import has_spec
from nautobot.extras.api.serializers import OwnedSerializerBase
from nautobot.extras.exporttemplates.exports import ExportError, export_filename, export_queryset
from nautobot.extras.exporttemplates.models import ExportTemplate


class ExportTemplateSerializerBase(OwnedSerializerBase):
    """Export templates: `content_type` must be a model with a list endpoint."""

    def validate_content_type(self, value: ContentType) -> ContentType:
        model = value.model_class()
        if model is None or not has_spec(model):
            raise serializers.ValidationError(f"{value.app_label}.{value.model} has no list to export.")
        return value


def export_list(view, request, queryset):
    """`?export=<name>`: the list rendered through that export template; `?export` alone: the list as CSV."""
    if "export" not in request.query_params:
        return None
    name = request.query_params.get("export")
    model = queryset.model
    if not name:
        content = queryset_csv(queryset, view._represent, list(view.get_serializer_class().Meta.fields))
        return _file_response(content, "text/csv", export_filename(model, "csv"))
    template = ExportTemplate.objects.filter(content_type=ContentType.objects.get_for_model(model), name=name).first()
    if template is None:
        raise exceptions.NotFound(f"No export template named {name!r} exists for {model._meta.label_lower}.")
    try:
        exported = export_queryset(template, queryset)
    except ExportError as exc:
        raise exceptions.ValidationError({"export": [str(exc)]}) from None
    return _file_response(exported.content, exported.mime_type, exported.filename)


def _file_response(content: str, mime_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
