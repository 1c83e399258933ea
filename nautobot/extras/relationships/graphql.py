"""Relationships in GraphQL, as 1.x has them: `rel_<slug>` on the types of both sides' models
(`GRAPHQL_RELATIONSHIP_PREFIX`), the objects at the other end, restricted to those the user may view. A side that
can have several peers is a list, else one object or null. A symmetric relationship's field lists the peers on both
ends (1.6 shows only those where the object is the source). The core lays these fields over the types while the
service runs (`nautobot.core.graphql.dynamic`)."""

from django.db.models import Q

from nautobot.core.graphql.dynamic import prefixed
from nautobot.core.permissions import restrict
from nautobot.core.registry import GraphQLExtraField
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation, RelationshipType

# The sides that may have several peers: a one-to-many's source has many destinations, each destination one source.
MANY_DESTINATIONS = {RelationshipType.ONE_TO_MANY, RelationshipType.MANY_TO_MANY}
MANY_SOURCES = {RelationshipType.MANY_TO_MANY}


def _peers(relationship: Relationship, side: str, peer_model, many: bool):
    relationship_id = relationship.pk
    symmetric = relationship.symmetric

    def resolve(root, info):
        associations = RelationshipAssociation.objects.filter(relationship_id=relationship_id)
        if symmetric:
            linked = Q(pk__in=associations.filter(source_id=root.pk).values("destination_id")) | Q(
                pk__in=associations.filter(destination_id=root.pk).values("source_id")
            )
        elif side == "source":
            linked = Q(pk__in=associations.filter(source_id=root.pk).values("destination_id"))
        else:
            linked = Q(pk__in=associations.filter(destination_id=root.pk).values("source_id"))
        peers = restrict(peer_model._default_manager.filter(linked), info.context.user, "view")
        return list(peers) if many else peers.first()

    return resolve


def graphql_fields() -> list[GraphQLExtraField]:
    fields = []
    for relationship in Relationship.objects.select_related("source_type", "destination_type"):
        sides = ("source",) if relationship.symmetric else ("source", "destination")
        for side in sides:
            peer_side = "destination" if side == "source" else "source"
            model = getattr(relationship, f"{side}_type").model_class()
            peer_model = getattr(relationship, f"{peer_side}_type").model_class()
            if model is None or peer_model is None:
                continue
            if relationship.symmetric:
                many = relationship.type == RelationshipType.SYMMETRIC_MANY_TO_MANY
            else:
                many = relationship.type in (MANY_DESTINATIONS if side == "source" else MANY_SOURCES)
            fields.append(
                GraphQLExtraField(
                    model=model,
                    name=prefixed("GRAPHQL_RELATIONSHIP_PREFIX", relationship.slug),
                    returns=peer_model,
                    many=many,
                    resolve=_peers(relationship, side, peer_model, many),
                    description=f"Relationship {relationship} ({side})",
                )
            )
    return fields
