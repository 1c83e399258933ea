"""Nautobot 1.x's viewsets for app models (`nautobot.extras.api.views`), on our `ModelViewSet`.

An app declares `queryset`, `serializer_class` and `filterset_class` and registers the viewset on an
`OrderedDefaultRouter` in its `api/urls.py`; the viewset then behaves as a built-in model's: API versions,
`?brief=`, object permissions, writes through the write path (change log, webhooks), bulk PUT/PATCH/DELETE on the
list URL, `?include=`, and `<id>/notes/`.
"""

from nautobot.core.api.views import ModelViewSet, ReadOnlyModelViewSet
from nautobot.extras.notes.api import NotesViewSetMixin


class CustomFieldModelViewSet(ModelViewSet):
    """A viewset of a model with custom fields (1.x: puts them in the serializer context; ours reads them per
    request from the serializer field, so this adds nothing to `ModelViewSet`)."""


class StatusViewSetMixin(ModelViewSet):
    """A viewset of a model with a `status`: as 1.x's, OPTIONS lists the model's statuses as `status` choices, and
    its content type fields' choices (on an app's other viewsets it lists neither; ours list both)."""

    lists_related_choices = True


class NautobotModelViewSet(NotesViewSetMixin, CustomFieldModelViewSet):
    """The viewset of an app's primary or organizational model: the above plus `<id>/notes/`."""


__all__ = [
    "CustomFieldModelViewSet",
    "ModelViewSet",
    "NautobotModelViewSet",
    "NotesViewSetMixin",
    "ReadOnlyModelViewSet",
    "StatusViewSetMixin",
]
