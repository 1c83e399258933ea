"""The relationship (a link type between two models) and its associations (the links)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel
from nautobot.extras.relationships.validation import validate_association


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
    # The linked objects themselves, as 1.x has them (`RelationshipAssociation(source=a, destination=b, ...)`).
    source = GenericForeignKey("source_type", "source_id")
    destination = GenericForeignKey("destination_type", "destination_id")

    class Meta:
        unique_together = [["relationship", "source_type", "source_id", "destination_type", "destination_id"]]

    def __str__(self) -> str:
        return f"{self.relationship}: {self.source_id} → {self.destination_id}"

    def clean(self) -> None:
        super().clean()
        validate_association(self)
