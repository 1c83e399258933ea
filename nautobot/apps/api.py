"""`nautobot.apps.api` (1.5+): what an app's REST API is built from (a façade over `nautobot.core.api` and
`nautobot.extras.api`)."""

from nautobot.core.api.fields import ChoiceField, ContentTypeField, SerializedPKRelatedField, TimeZoneSerializerField
from nautobot.core.api.routers import OrderedDefaultRouter
from nautobot.core.api.serializers import BaseModelSerializer, ValidatedModelSerializer, WritableNestedSerializer
from nautobot.core.api.views import ModelViewSet, ReadOnlyModelViewSet
from nautobot.extras.api.serializers import (
    CustomFieldModelSerializerMixin,
    NautobotModelSerializer,
    NotesSerializerMixin,
    RelationshipModelSerializerMixin,
    StatusModelSerializerMixin,
    TaggedModelSerializerMixin,
)
from nautobot.extras.api.views import (
    CustomFieldModelViewSet,
    NautobotModelViewSet,
    NotesViewSetMixin,
    StatusViewSetMixin,
)

__all__ = [
    "BaseModelSerializer",
    "ChoiceField",
    "ContentTypeField",
    "CustomFieldModelSerializerMixin",
    "CustomFieldModelViewSet",
    "ModelViewSet",
    "NautobotModelSerializer",
    "NautobotModelViewSet",
    "NotesSerializerMixin",
    "NotesViewSetMixin",
    "OrderedDefaultRouter",
    "ReadOnlyModelViewSet",
    "RelationshipModelSerializerMixin",
    "SerializedPKRelatedField",
    "StatusModelSerializerMixin",
    "StatusViewSetMixin",
    "TaggedModelSerializerMixin",
    "TimeZoneSerializerField",
    "ValidatedModelSerializer",
    "WritableNestedSerializer",
]
