"""`nautobot.apps.models`: the bases, mixins, fields and helpers app models are declared with (façade)."""

from nautobot.core.fields import AutoSlugField
from nautobot.core.models import BaseModel, ChangeLoggedModel, CustomFieldModel
from nautobot.core.models.features import extras_features
from nautobot.core.models.fields import ColorField, JSONArrayField, NaturalOrderingField
from nautobot.core.models.generics import OrganizationalModel, PrimaryModel
from nautobot.extras.configcontexts.mixins import ConfigContextModel
from nautobot.extras.models.mixins import DynamicGroupMixin, NotesMixin
from nautobot.extras.relationships.mixins import RelationshipModel
from nautobot.extras.statuses.models import StatusField, StatusModel

__all__ = [
    "AutoSlugField",
    "BaseModel",
    "ChangeLoggedModel",
    "ColorField",
    "ConfigContextModel",
    "CustomFieldModel",
    "DynamicGroupMixin",
    "JSONArrayField",
    "NaturalOrderingField",
    "NotesMixin",
    "OrganizationalModel",
    "PrimaryModel",
    "RelationshipModel",
    "StatusField",
    "StatusModel",
    "extras_features",
]
