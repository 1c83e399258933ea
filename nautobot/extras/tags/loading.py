"""The tags of a page of objects, loaded in one query and kept on each object (`LOADED_TAGS`)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from taggit.managers import TaggableManager

from nautobot.core import fastpath
from nautobot.extras.tags.models import TaggedItem

LOADED_TAGS = "_nautobot_loaded_tags"


def _tagged_items_query(content_type_id, object_ids):
    return (
        TaggedItem.objects.filter(content_type=content_type_id, object_id__in=object_ids)
        .select_related("tag")
        .order_by("tag__name")
    )


# The tags of a page of objects, compiled once on the fast path (compiling cost more than running it).
_tagged_items = fastpath.Query(_tagged_items_query, -7_340_002, [uuid.UUID(int=0x7340002)])


def load_tags(objects: list) -> None:
    """Attach the tags of a page of objects in one query (taggit's own prefetch costs ~0.5 ms per object)."""
    if not objects or all(hasattr(obj, LOADED_TAGS) for obj in objects):
        return
    model = type(objects[0])
    if not any(f.name == "tags" and isinstance(f, TaggableManager) for f in model._meta.get_fields()):
        return  # no tags, or a plain many-to-many named `tags` (config context scopes)
    by_object: dict = {o.pk: [] for o in objects}
    for item in _tagged_items(ContentType.objects.get_for_model(model).pk, list(by_object)):
        by_object[item.object_id].append(item.tag)
    for obj in objects:
        setattr(obj, LOADED_TAGS, by_object[obj.pk])
