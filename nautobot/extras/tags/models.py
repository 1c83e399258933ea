"""The tag and its generic link to a tagged object (the `through` model of every model's `tags`)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from taggit.models import GenericUUIDTaggedItemBase, TagBase

from nautobot.core.models import BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin
from nautobot.extras.colors import ColorValidator


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
