"""Custom fields (with the choices of select fields) and computed fields."""

import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel
from nautobot.extras.customfields.choices import CustomFieldFilterLogic, CustomFieldType
from nautobot.extras.customfields.values import validate_value
from nautobot.extras.templating import TemplateError, compile_template, render_or_fallback


class CustomField(BaseModel, ChangeLoggedModel):
    """A user-defined field on the models in `content_types`; values live in each object's `_custom_field_data`."""

    content_types = models.ManyToManyField(ContentType, related_name="custom_fields")
    type = models.CharField(max_length=50, choices=CustomFieldType.choices, default=CustomFieldType.TEXT)
    name = models.CharField(max_length=50, unique=True)
    label = models.CharField(max_length=50, blank=True)
    slug = models.SlugField(max_length=50, unique=True, blank=True, null=True)
    description = models.CharField(max_length=200, blank=True)
    required = models.BooleanField(default=False)
    filter_logic = models.CharField(
        max_length=50, choices=CustomFieldFilterLogic.choices, default=CustomFieldFilterLogic.LOOSE
    )
    default = models.JSONField(blank=True, null=True)
    weight = models.PositiveSmallIntegerField(default=100)
    validation_minimum = models.BigIntegerField(blank=True, null=True)
    validation_maximum = models.BigIntegerField(blank=True, null=True)
    validation_regex = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ("weight", "name")

    def __str__(self) -> str:
        return self.label or self.name.replace("_", " ").capitalize()

    def clean(self) -> None:
        super().clean()
        if not self.label:
            self.label = str(self)
        if not self.slug:
            self.slug = self.name
        if self.validation_regex:
            try:
                re.compile(self.validation_regex)
            except re.error as exc:
                raise ValidationError({"validation_regex": f"Invalid regular expression: {exc}"}) from None
        if self.default is not None:
            try:
                self.default = self.validate(self.default)
            except ValidationError as exc:
                raise ValidationError({"default": f"Invalid default value: {'; '.join(exc.messages)}"}) from None

    def validate(self, value):
        """Return `value` checked and normalized for this field's type; raise ValidationError otherwise."""
        return validate_value(self, value)


class CustomFieldChoice(BaseModel, ChangeLoggedModel):
    """A permitted value of a select or multi-select custom field."""

    field = models.ForeignKey(CustomField, on_delete=models.CASCADE, related_name="choices")
    value = models.CharField(max_length=100)
    weight = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ("field", "weight", "value")
        unique_together = [["field", "value"]]

    def __str__(self) -> str:
        return self.value


class ComputedField(BaseModel, ChangeLoggedModel):
    """A read-only value rendered from a Jinja2 template (sandboxed) for objects of `content_type`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="computed_fields")
    slug = models.SlugField(max_length=100, unique=True)
    label = models.CharField(max_length=100)
    description = models.CharField(max_length=200, blank=True)
    template = models.TextField(max_length=500, help_text="Jinja2 template; the object is `obj`")
    fallback_value = models.CharField(max_length=500, blank=True, help_text="Shown when the template fails to render")
    weight = models.PositiveSmallIntegerField(default=100)
    advanced_ui = models.BooleanField(default=False)

    class Meta:
        ordering = ("weight", "slug")
        unique_together = [["content_type", "label"]]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        try:
            compile_template(self.template)
        except TemplateError as exc:
            raise ValidationError({"template": str(exc)}) from None

    def render(self, obj) -> str:
        return render_or_fallback(self.template, {"obj": obj}, self.fallback_value)
