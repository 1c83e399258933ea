"""Exporting a list of objects as a file: through an export template, or as CSV.

`export_queryset(template, queryset)` is the one place templates are rendered for export (the REST API's
`?export=<name>` and the web UI use it). A template that fails, or that reaches for something the
sandbox forbids, raises `ExportError` with a message for the user; it never runs outside the sandbox,
and anything it might have written is rolled back.
"""

from dataclasses import dataclass

from django.db import models, transaction

from nautobot.core.views.export import export_filename

from nautobot.extras.templating import SecurityError, TemplateError, render


@dataclass(frozen=True)
class ExportedFile:
    content: str
    mime_type: str
    filename: str


class ExportError(ValueError):
    """An export could not be produced; the message says why, in terms the template's author can act on."""


def export_queryset(template, queryset: models.QuerySet) -> ExportedFile:
    """Render `queryset` through the ExportTemplate `template` (Jinja2 sandbox; the objects are `queryset`)."""
    try:
        with transaction.atomic():
            content = render(template.template_code, {"queryset": queryset})
            transaction.set_rollback(True)  # an export only reads
    except SecurityError as exc:
        raise ExportError(f"Export template {template.name!r} was refused by the sandbox: {exc}") from None
    except TemplateError as exc:
        raise ExportError(f"Export template {template.name!r} does not compile: {exc}") from None
    except Exception as exc:  # a user's template may fail in any way; the user must see why, not a 500
        raise ExportError(f"Export template {template.name!r} failed to render: {type(exc).__name__}: {exc}") from None
    return ExportedFile(
        content=content.replace("\r\n", "\n"),
        mime_type=template.mime_type or "text/plain",
        filename=export_filename(queryset.model, template.file_extension),
    )
