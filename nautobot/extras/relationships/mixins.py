"""The 1.x `RelationshipModel`: a model whose objects can be linked by user-defined relationships.

Every model with a spec takes part in relationships already (the API's `relationships` field, the filters, the detail
panel); this abstract model adds the 1.x method apps call on their objects, `get_relationships()`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from nautobot.extras.relationships.models import Relationship, RelationshipAssociation


class RelationshipModel(models.Model):
    """Adds `get_relationships()` (no column: associations are rows of `extras.RelationshipAssociation`)."""

    class Meta:
        abstract = True

    def get_relationships(self, include_hidden: bool = False) -> dict[str, dict]:
        """`{"source": {relationship: associations}, "destination": {...}, "peer": {...}}` for this object.

        "source"/"destination": relationships where this object's model is that side; "peer": symmetric ones.
        Hidden sides are left out unless `include_hidden`.
        """
        content_type = ContentType.objects.get_for_model(type(self))
        result: dict[str, dict] = {"source": {}, "destination": {}, "peer": {}}
        relationships = Relationship.objects.filter(Q(source_type=content_type) | Q(destination_type=content_type))
        for relationship in relationships:
            associations = RelationshipAssociation.objects.filter(relationship=relationship)
            if relationship.symmetric:
                mine = Q(source_type=content_type, source_id=self.pk) | Q(
                    destination_type=content_type, destination_id=self.pk
                )
                result["peer"][relationship] = associations.filter(mine)
                continue
            for side in ("source", "destination"):
                if getattr(relationship, f"{side}_type_id") != content_type.pk:
                    continue
                if getattr(relationship, f"{side}_hidden") and not include_hidden:
                    continue
                result[side][relationship] = associations.filter(
                    **{f"{side}_type": content_type, f"{side}_id": self.pk}
                )
        return result
