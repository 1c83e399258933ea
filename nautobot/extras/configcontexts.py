"""Config contexts: JSON data scoped to devices (and virtual machines) by what they are and where they are.

`ConfigContextSchema` is a JSON Schema that context data may be validated against. `ConfigContext` is one
weighted block of data with scopes (regions, sites, roles, tags, ...); an object receives every active
context whose scopes all match it, merged by weight (see `nautobot.extras.rendered_contexts`).
`ConfigContextModel` gives a model its own `local_context_data`, merged last.
"""

from typing import Any

import jsonschema
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, NotesMixin, OrganizationalModel

OBJECT_FORM_HINT = 'JSON data must be in object form. Example: {"foo": 123}'


class OwnedModel(models.Model):
    """Optional owner (e.g. the Git repository a record was synced from), as a generic reference."""

    owner_content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    owner_object_id = models.UUIDField(blank=True, null=True)
    owner = GenericForeignKey(ct_field="owner_content_type", fk_field="owner_object_id")

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if (self.owner_content_type_id is None) != (self.owner_object_id is None):
            raise ValidationError({"owner_object_id": "Set both the owner's content type and its id, or neither."})
        if self.owner_content_type_id is not None and self.owner is None:
            raise ValidationError(
                {"owner_object_id": f"No {self.owner_content_type.model} with id {self.owner_object_id} exists."}
            )


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


class ConfigContextModel(models.Model):
    """A model that receives config contexts and may carry its own `local_context_data` (merged last)."""

    local_context_data = models.JSONField(blank=True, null=True)
    local_context_schema = models.ForeignKey(
        ConfigContextSchema,
        on_delete=models.SET_NULL,
        related_name="%(app_label)s_%(class)s_related",
        blank=True,
        null=True,
        help_text="Optional schema to validate the structure of the local context data",
    )
    # Set when the local data came from a Git repository (`config_contexts/devices/<name>.yaml`), which then
    # owns it: a sync replaces it and removes it when the file goes.
    local_context_data_owner_content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.SET_NULL, related_name="+", blank=True, null=True
    )
    local_context_data_owner_object_id = models.UUIDField(blank=True, null=True)
    local_context_data_owner = GenericForeignKey(
        ct_field="local_context_data_owner_content_type", fk_field="local_context_data_owner_object_id"
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.local_context_data is not None and not isinstance(self.local_context_data, dict):
            raise ValidationError({"local_context_data": OBJECT_FORM_HINT})
        if self.local_context_schema_id is not None and self.local_context_data is None:
            raise ValidationError({"local_context_schema": "Local context data must exist for a schema to be applied."})
        validate_with_schema(self.local_context_data, self.local_context_schema, "local_context_data")

    def get_config_context(self) -> dict:
        """The rendered config context of this object (matching contexts by weight, then its local data)."""
        from nautobot.extras.rendered_contexts import rendered_config_contexts

        return rendered_config_contexts([self])[self.pk]
