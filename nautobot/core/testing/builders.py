"""Small ORM builders for test data: each call makes a new, valid object with unique names.

Only what needs no app lives here; each app has its own (`nautobot/<app>/tests/builders.py`, which re-export
the builders of the apps below them).
"""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}-{next(_counter)}"


def user(**kw):
    return get_user_model().objects.create_user(username=unique("user"), password="pw", **kw)


def content_type(label: str) -> ContentType:
    app_label, model = label.split(".")
    return ContentType.objects.get(app_label=app_label, model=model)
