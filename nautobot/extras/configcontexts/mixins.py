"""`ConfigContextModel`: what devices and virtual machines inherit to receive config contexts and hold their own."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.extras.configcontexts.models import OBJECT_FORM_HINT, ConfigContextSchema, validate_with_schema
from nautobot.extras.configcontexts.rendered import rendered_config_contexts


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
        return rendered_config_contexts([self])[self.pk]
