"""The status, the `status` field of the models that have one, and `StatusModel` (1.x: a model with a status)."""

from functools import partialmethod

from django.contrib.contenttypes.models import ContentType
from django.db import models

from nautobot.core.models import BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin
from nautobot.extras.colors import ColorValidator


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

    def contribute_to_class(self, cls, name, *args, **kwargs) -> None:
        super().contribute_to_class(cls, name, *args, **kwargs)
        # As a field with choices has: `get_status_display()` is the status's name (None when there is none).
        if f"get_{name}_display" not in cls.__dict__:
            setattr(cls, f"get_{name}_display", partialmethod(_status_display, field=self))

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        # Migrations name the field by its public path; keep it, so that moving the class changes no migration.
        return name, "nautobot.extras.models.StatusField", args, kwargs


def _status_display(obj: models.Model, field: StatusField) -> str | None:
    status = getattr(obj, field.name)
    return str(status) if status is not None else None


class StatusModel(models.Model):
    """A model with a `status` (1.x `StatusModel`): statuses whose content types include the model apply to it."""

    status = StatusField()

    class Meta:
        abstract = True

    def get_status_class(self) -> str:
        """The status's color (a CSS-ready hex code without `#`), empty without a status."""
        return self.status.color if self.status_id else ""
