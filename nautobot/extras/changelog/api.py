"""API of the change log: `/api/extras/object-changes/` is read-only, filterable, and shows the changed object."""

from collections import defaultdict

from django import forms
from django.contrib.contenttypes.models import ContentType
from rest_framework import serializers

from nautobot.core.api.brief import brief_representation, brief_select_related
from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.api.views import ModelViewSet
from nautobot.core.filters import (
    BaseFilterSet,
    ContentTypeFilter,
    MultiValueFilter,
    NaturalKeyOrPKFilter,
    RelatedFilter,
)
from nautobot.core.specs import has_spec
from nautobot.extras.changelog.models import ObjectChange

LOADED_OBJECT = "_nautobot_changed_object"


class ObjectChangeSerializerBase(BaseModelSerializer):
    """`changed_object`: the object's brief representation while it exists, else null."""

    changed_object = serializers.SerializerMethodField()

    def get_changed_object(self, change: ObjectChange) -> dict | None:
        target = getattr(change, LOADED_OBJECT, None)
        return None if target is None else brief_representation(target, self.context.get("request"))


class ObjectChangeFilterSet(BaseFilterSet):
    user = NaturalKeyOrPKFilter(path="user", key="username")
    user__n = NaturalKeyOrPKFilter(path="user", key="username", exclude=True)
    user_id = RelatedFilter(path="user")
    user_id__n = RelatedFilter(path="user", exclude=True)
    # Unchecked, as the original's: an unknown type matches nothing.
    changed_object_type = ContentTypeFilter(field_name="changed_object_type", check=False)
    changed_object_type__n = ContentTypeFilter(field_name="changed_object_type", exclude=True, check=False)
    changed_object_type_id = MultiValueFilter(field_name="changed_object_type_id", inner=forms.IntegerField())
    changed_object_type_id__n = MultiValueFilter(
        field_name="changed_object_type_id", exclude=True, inner=forms.IntegerField()
    )
    related_object_type = ContentTypeFilter(field_name="related_object_type")


class ObjectChangeViewSetBase(ModelViewSet):
    """The change log is written by the system only."""

    http_method_names = ["get", "head", "options"]


def load_changed_objects(objects: list) -> None:
    """Attach the changed objects of a page of changes: one query per object type on the page."""
    if not objects or not isinstance(objects[0], ObjectChange):
        return
    wanted: dict[int, list] = defaultdict(list)
    for change in objects:
        wanted[change.changed_object_type_id].append(change.changed_object_id)
    found: dict = {}
    for type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None or not has_spec(model):
            continue
        for obj in model.objects.filter(pk__in=pks).select_related(*brief_select_related(model)):
            found[(type_id, obj.pk)] = obj
    for change in objects:
        setattr(change, LOADED_OBJECT, found.get((change.changed_object_type_id, change.changed_object_id)))
