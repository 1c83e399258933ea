"""ORM builders for extras test data (statuses, tags and custom fields): each call makes a new, valid object with unique names.

The builders of the apps below (`nautobot.core.testing.builders`) are re-exported, so that a test imports one module.
"""

from nautobot.core.testing.builders import *  # noqa: F403  (the builders below, re-exported)
from nautobot.core.testing.builders import content_type, unique
from nautobot.extras.models import CustomField, Status, Tag


def status(slug: str = "active"):
    return Status.objects.get(slug=slug)


def tag(**kw):
    name = unique("tag")
    return Tag.objects.create(name=name, slug=name, **kw)


def custom_field(model_label: str, **kw):
    field = CustomField.objects.create(name=kw.pop("name", unique("cf").replace("-", "_")), **kw)
    field.content_types.add(content_type(model_label))
    return field
