"""Config contexts: JSON data scoped to devices (and virtual machines) by what they are and where they are.

`ConfigContextSchema` is a JSON Schema that context data may be validated against. `ConfigContext` is one
weighted block of data with scopes (regions, sites, roles, tags, ...); an object receives every active
context whose scopes all match it, merged by weight (see `rendered`). `mixins.ConfigContextModel` gives a
model its own `local_context_data`, merged last.
"""

from typing import Any

import jsonschema
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, NotesMixin, OrganizationalModel
from nautobot.extras.owners import OwnedModel

OBJECT_FORM_HINT = 'JSON data must be in object form. Example: {"foo": 123}'


def schema_errors(data: Any, schema: dict) -> list[str]:
    """Return one message per place where `data` breaks the JSON Schema `schema`, naming its path."""
    validator_class = jsonschema.validators.validator_for(schema)
    messages = []
    for error in sorted(validator_class(schema).iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        messages.append(f"{where}: {error.message}")
    return messages


def validate_with_schema(data: Any, schema: "ConfigContextSchema | None", field: str) -> None:
    """Raise a ValidationError on `field` listing each failing path if `data` does not satisfy `schema`."""
    if schema is None:
        return
    errors = schema_errors(data, schema.data_schema)
    if errors:
        raise ValidationError(
            {field: [f"Data does not match the schema {schema.name}: {message}" for message in errors]}
        )


class ConfigContextSchema(OrganizationalModel, OwnedModel):
    """A JSON Schema (draft 4 to 2020-12, by its `$schema`, else the latest) for config context data."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.CharField(max_length=200, blank=True)
    data_schema = models.JSONField(help_text="A JSON Schema document which defines the structure of the context data")

    class Meta:
        ordering = ("name",)
        unique_together = [["name", "owner_content_type", "owner_object_id"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if (
            not isinstance(self.data_schema, dict)
            or self.data_schema.get("type") != "object"
            or "properties" not in self.data_schema
        ):
            raise ValidationError(
                {
                    "data_schema": 'Context data is an object, so the schema must be of type "object" and list its "properties".'
                }
            )
        try:
            jsonschema.validators.validator_for(self.data_schema).check_schema(self.data_schema)
        except jsonschema.SchemaError as exc:
            where = "/".join(str(part) for part in exc.absolute_path) or "(top level)"
            raise ValidationError({"data_schema": f"Not a valid JSON Schema at {where}: {exc.message}"}) from None


class ConfigContext(BaseModel, ChangeLoggedModel, NotesMixin, OwnedModel):
    """A block of data given to every device/VM that matches all of its scopes (an empty scope matches all)."""

    name = models.CharField(max_length=100, db_index=True)
    weight = models.PositiveSmallIntegerField(default=1000)
    description = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    schema = models.ForeignKey(
        ConfigContextSchema,
        on_delete=models.SET_NULL,
        related_name="config_contexts",
        blank=True,
        null=True,
        help_text="Optional schema to validate the structure of the data",
    )
    regions = models.ManyToManyField("dcim.Region", related_name="+", blank=True)
    sites = models.ManyToManyField("dcim.Site", related_name="+", blank=True)
    locations = models.ManyToManyField("dcim.Location", related_name="+", blank=True)
    roles = models.ManyToManyField("dcim.DeviceRole", related_name="+", blank=True)
    device_types = models.ManyToManyField("dcim.DeviceType", related_name="+", blank=True)
    platforms = models.ManyToManyField("dcim.Platform", related_name="+", blank=True)
    cluster_groups = models.ManyToManyField("virtualization.ClusterGroup", related_name="+", blank=True)
    clusters = models.ManyToManyField("virtualization.Cluster", related_name="+", blank=True)
    tenant_groups = models.ManyToManyField("tenancy.TenantGroup", related_name="+", blank=True)
    tenants = models.ManyToManyField("tenancy.Tenant", related_name="+", blank=True)
    tags = models.ManyToManyField("extras.Tag", related_name="config_contexts", blank=True)
    # Groups of devices or virtual machines; a scope only with `CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED` (as 1.x).
    dynamic_groups = models.ManyToManyField(
        "extras.DynamicGroup",
        related_name="+",
        blank=True,
        limit_choices_to=models.Q(content_type__app_label="dcim", content_type__model="device")
        | models.Q(content_type__app_label="virtualization", content_type__model="virtualmachine"),
    )
    data = models.JSONField()

    class Meta:
        ordering = ("weight", "name")
        unique_together = [["name", "owner_content_type", "owner_object_id"]]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.data, dict):
            raise ValidationError({"data": OBJECT_FORM_HINT})
        validate_with_schema(self.data, self.schema, "data")
