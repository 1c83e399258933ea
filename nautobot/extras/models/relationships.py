"""1.x `nautobot.extras.models.relationships`."""

from nautobot.extras.relationships.mixins import RelationshipModel
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation

__all__ = ["Relationship", "RelationshipAssociation", "RelationshipModel"]
