"""Statuses, tags and custom fields: the data every network model can carry.

Config contexts and export templates live in their own modules and are re-exported here.
"""

import re

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import GenericUUIDTaggedItemBase, TagBase

from nautobot.core.models import BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin
from nautobot.extras.configcontexts import ConfigContext, ConfigContextModel, ConfigContextSchema  # noqa: F401
from nautobot.extras.exporttemplates import ExportTemplate  # noqa: F401

ColorValidator = RegexValidator(
    r"^[0-9a-f]{6}$", "Enter a valid hexadecimal RGB color code (six lower-case hex digits)."
)


class Status(BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin):
    """A lifecycle state (active, planned, ...) usable by the models in `content_types`."""

    content_types = models.ManyToManyField(ContentType, related_name="statuses")
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    color = models.CharField(max_length=6, default="9e9e9e", validators=[ColorValidator])
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "statuses"

    def __str__(self) -> str:
        return self.name


class StatusField(models.ForeignKey):
    """The `status` of a model: a protected foreign key to `extras.Status`."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("to", "extras.Status")
        kwargs.setdefault("on_delete", models.PROTECT)
        kwargs.setdefault("related_name", "%(app_label)s_%(class)s_related")
        kwargs.setdefault("null", True)
        super().__init__(**kwargs)


class Tag(BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin, TagBase):
    """A label applicable to objects of `content_types`."""

    content_types = models.ManyToManyField(ContentType, related_name="tags", blank=True)
    color = models.CharField(max_length=6, default="9e9e9e", validators=[ColorValidator])
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class TaggedItem(BaseModel, GenericUUIDTaggedItemBase):
    tag = models.ForeignKey(Tag, related_name="%(app_label)s_%(class)s_items", on_delete=models.CASCADE)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        unique_together = [["content_type", "object_id", "tag"]]


class CustomFieldType(models.TextChoices):
    TEXT = "text", "Text"
    INTEGER = "integer", "Integer"
    BOOLEAN = "boolean", "Boolean (true/false)"
    DATE = "date", "Date"
    URL = "url", "URL"
    SELECT = "select", "Selection"
    MULTISELECT = "multi-select", "Multiple selection"
    JSON = "json", "JSON"
    MARKDOWN = "markdown", "Markdown"  # text (validated and filtered as text), written in Markdown


class CustomFieldFilterLogic(models.TextChoices):
    DISABLED = "disabled", "Disabled"
    LOOSE = "loose", "Loose"
    EXACT = "exact", "Exact"


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
        from nautobot.extras.customfields import validate_value

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
        from nautobot.extras.templating import TemplateError, compile_template

        try:
            compile_template(self.template)
        except TemplateError as exc:
            raise ValidationError({"template": str(exc)}) from None

    def render(self, obj) -> str:
        from nautobot.extras.templating import render_or_fallback

        return render_or_fallback(self.template, {"obj": obj}, self.fallback_value)


class RelationshipType(models.TextChoices):
    ONE_TO_ONE = "one-to-one", "One to One"
    SYMMETRIC_ONE_TO_ONE = "symmetric-one-to-one", "Symmetric One to One"
    ONE_TO_MANY = "one-to-many", "One to Many"
    MANY_TO_MANY = "many-to-many", "Many to Many"
    SYMMETRIC_MANY_TO_MANY = "symmetric-many-to-many", "Symmetric Many to Many"


class Relationship(BaseModel, ChangeLoggedModel):
    """A user-defined link type between objects of `source_type` and `destination_type`."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    type = models.CharField(max_length=50, choices=RelationshipType.choices, default=RelationshipType.MANY_TO_MANY)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="source_relationships")
    source_label = models.CharField(max_length=50, blank=True)
    source_hidden = models.BooleanField(default=False)
    source_filter = models.JSONField(blank=True, null=True)
    destination_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="destination_relationships"
    )
    destination_label = models.CharField(max_length=50, blank=True)
    destination_hidden = models.BooleanField(default=False)
    destination_filter = models.JSONField(blank=True, null=True)
    advanced_ui = models.BooleanField(default=False)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def symmetric(self) -> bool:
        return self.type.startswith("symmetric")

    def clean(self) -> None:
        super().clean()
        if self.symmetric and self.source_type_id != self.destination_type_id:
            raise ValidationError(
                {"destination_type": "Symmetric relationships must have the same source and destination type."}
            )


class RelationshipAssociation(BaseModel):
    """One link of a relationship: `source` → `destination` (generic references by type and UUID)."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="associations")
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.UUIDField(db_index=True)
    destination_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    destination_id = models.UUIDField(db_index=True)

    class Meta:
        unique_together = [["relationship", "source_type", "source_id", "destination_type", "destination_id"]]

    def __str__(self) -> str:
        return f"{self.relationship}: {self.source_id} → {self.destination_id}"

    def clean(self) -> None:
        super().clean()
        from nautobot.extras.relationships import validate_association

        validate_association(self)


class Note(BaseModel, ChangeLoggedModel):
    """A dated remark by a user on any object with notes (see `core.models.NotesMixin`)."""

    assigned_object_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    assigned_object_id = models.UUIDField(db_index=True)
    assigned_object = GenericForeignKey("assigned_object_type", "assigned_object_id")
    user = models.ForeignKey("users.User", on_delete=models.SET_NULL, related_name="notes", blank=True, null=True)
    # Kept as text so that the author stays known after the user account is deleted.
    user_name = models.CharField(max_length=150, editable=False)
    slug = models.SlugField(max_length=100, editable=False)
    note = models.TextField()

    class Meta:
        ordering = ("created", "last_updated")

    def __str__(self) -> str:
        return self.slug

    def save(self, *args, **kwargs) -> None:
        if self.user_id and not self.user_name:
            self.user_name = self.user.username
        if not self.slug:
            self.slug = slugify(f"{str(self.assigned_object)[:50]}-{timezone.now().isoformat()}")[:100]
        super().save(*args, **kwargs)


from nautobot.extras.changelog.models import ObjectChange  # noqa: E402,F401  (models of their own modules)

from nautobot.extras.jobs.models import (  # noqa: E402,F401  (jobs keep their models in their own module)
    FileProxy,
    Job,
    JobLogEntry,
    JobResult,
    ScheduledJob,
)
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery, WebhookDeliveryAttempt  # noqa: E402,F401
from nautobot.extras.datasources.models import GitRepository  # noqa: E402,F401
