"""Base classes every Nautobot model builds on.

`BaseModel`: UUID primary key, `display`, `validated_save()`, `present_in_database`, and
`objects.restrict(user, action)`. `ChangeLoggedModel` adds `created`
(a date, as in the original's API) and `last_updated`. `OrganizationalModel` and `PrimaryModel` are
the two standard bases: both carry custom field data and notes; primary models also carry tags.

Why a UUID key: objects keep their identity across installations (imports, Git-synced data), and ids
reveal nothing about counts. The pitfall: `Model(...)` has a pk before it is saved, so test
`obj._state.adding`, never `obj.pk is None`, to know whether it is new.
"""

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.functional import classproperty
from taggit.managers import TaggableManager

from nautobot.core.models.querysets import RestrictedQuerySet
from nautobot.core.models.runtime import WorkerHeartbeat  # noqa: F401
from nautobot.core.models.sessions import UserSession  # noqa: F401
from nautobot.core.models.validation import run_custom_validators


def content_type_cache_key(model) -> str:
    return f"nautobot.{model._meta.label_lower}._content_type"


class BaseModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, unique=True)

    # `Model.objects.restrict(user, "view")`: the objects a user may see (1.x apps call it in their views).
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classproperty
    def _content_type(cls):
        """The model's ContentType (Django keeps it in each process once read)."""
        from django.contrib.contenttypes.models import ContentType

        return ContentType.objects.get_for_model(cls)

    @classproperty
    def _content_type_cached(cls):
        """1.x: the ContentType, also kept in the cache for CONTENT_TYPE_CACHE_TIMEOUT seconds (0: not cached there)."""
        from django.conf import settings
        from django.core.cache import cache

        timeout = getattr(settings, "CONTENT_TYPE_CACHE_TIMEOUT", 0)
        if not timeout:
            return cls._content_type
        return cache.get_or_set(content_type_cache_key(cls), lambda: cls._content_type, timeout)

    @property
    def display(self) -> str:
        """The human representation used in the API's `display` (override `__str__`, not this)."""
        return str(self)

    @property
    def present_in_database(self) -> bool:
        """Whether this object has been saved (its UUID exists before it is, so `pk is None` cannot tell)."""
        return not self._state.adding

    def full_clean(self, *args, **kwargs) -> None:
        """Django's checks, then the custom validators other apps registered for this model."""
        super().full_clean(*args, **kwargs)
        run_custom_validators(self, unless_clean_does=True)

    def validated_save(self, *args, **kwargs) -> None:
        """Run `full_clean()` then save: the one way services write models."""
        self.full_clean()
        self.save(*args, **kwargs)

    def get_absolute_url(self) -> str | None:
        """The object's page in the web UI, None when its model has none (1.x apps and tables link with it)."""
        # Here: the URL helpers import the specs, which import the models.
        from nautobot.core.views.urls import object_url

        return object_url(self)


class ChangeLoggedModel(models.Model):
    created = models.DateField(auto_now_add=True, blank=True, null=True)
    last_updated = models.DateTimeField(auto_now=True, blank=True, null=True)

    class Meta:
        abstract = True


class CustomFieldModel(models.Model):
    _custom_field_data = models.JSONField(encoder=DjangoJSONEncoder, blank=True, default=dict)

    class Meta:
        abstract = True

    @property
    def cf(self) -> dict:
        """Custom field values by field name."""
        return self._custom_field_data


class NotesMixin(models.Model):
    """Objects that people can write notes on (`extras.Note`); the notes go when the object goes."""

    notes = GenericRelation(
        "extras.Note", content_type_field="assigned_object_type", object_id_field="assigned_object_id"
    )

    class Meta:
        abstract = True


class OrganizationalModel(BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin):
    """An object that organizes others (regions, roles, manufacturers, ...)."""

    class Meta:
        abstract = True


class PrimaryModel(BaseModel, ChangeLoggedModel, CustomFieldModel, NotesMixin):
    """A first-class object of the network (sites, devices, prefixes, ...); tagged."""

    tags = TaggableManager(through="extras.TaggedItem", blank=True, ordering=["name"])

    class Meta:
        abstract = True


class NameSlugDescriptionModel(models.Model):
    """A unique `name`, a unique `slug` and an optional `description`: what most organizing models have."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name
