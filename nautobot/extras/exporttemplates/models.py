"""Export templates: a Jinja2 template (rendered in the sandbox) that turns a list of objects into a file."""

from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, NotesMixin
from nautobot.extras.owners import OwnedModel
from nautobot.extras.templating import TemplateError, compile_template


class ExportTemplate(BaseModel, ChangeLoggedModel, NotesMixin, OwnedModel):
    """How to export objects of `content_type`: the template gets the list's objects as `queryset`."""

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="export_templates"
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=200, blank=True)
    template_code = models.TextField(help_text="Jinja2 template; the objects being exported are `queryset`")
    mime_type = models.CharField(max_length=50, blank=True, help_text="Defaults to text/plain")
    file_extension = models.CharField(
        max_length=15, blank=True, help_text="Extension of the downloaded file (e.g. txt)"
    )

    class Meta:
        ordering = ("content_type", "name")
        unique_together = [["content_type", "name", "owner_content_type", "owner_object_id"]]

    def __str__(self) -> str:
        return f"{self.content_type}: {self.name}"

    def clean(self) -> None:
        super().clean()
        try:
            compile_template(self.template_code)
        except TemplateError as exc:
            raise ValidationError({"template_code": str(exc)}) from None
        if self.file_extension.startswith("."):
            self.file_extension = self.file_extension[1:]
