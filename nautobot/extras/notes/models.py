"""The note."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from nautobot.core.models import BaseModel, ChangeLoggedModel


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
