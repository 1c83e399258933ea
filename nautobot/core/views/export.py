"""CSV export of a list page: the filtered rows (every page), with the columns of the import format."""

import csv

from django.conf import settings

from django.db import models
from django.http import StreamingHttpResponse

from nautobot.core.specs import ObjectSpec
from nautobot.core.views.defaults import form_fields, model_field


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def csv_response(spec: type[ObjectSpec], queryset: models.QuerySet) -> StreamingHttpResponse:
    """Stream `queryset` as CSV: `id` and the form fields, related objects by id, settable properties (a prefix's
    `prefix`) as text (re-importable as is)."""
    names = [n for n in form_fields(spec) if not getattr(model_field(spec, n), "many_to_many", False)]
    related = [n for n in names if getattr(model_field(spec, n), "is_relation", False)]
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(["id", *names])
        for obj in queryset.select_related(*related).iterator(chunk_size=500):
            yield writer.writerow([obj.pk, *(_cell(getattr(obj, n)) for n in names)])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(spec.model, "csv")}"'
    return response


def export_filename(model, extension: str) -> str:
    """`<BRANDING_PREPENDED_FILENAME><verbose plural>[.<extension>]` (`nautobot_devices.csv`), `_` for spaces."""
    prefix = getattr(settings, "BRANDING_PREPENDED_FILENAME", "nautobot_")
    name = f"{prefix}{model._meta.verbose_name_plural}".replace(" ", "_")
    return f"{name}.{extension}" if extension else name
