"""The optional owner of records synced from elsewhere (a Git repository's config contexts, schemas and export
templates): a generic reference that the source sets and later replaces or removes."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.db import models

# The fields of an owned record in the REST API (`owner` is read-only and nested).
OWNER_FIELDS = ("owner_content_type", "owner_object_id", "owner")


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
