"""The `relationships` data of a page of objects (the REST API's `?include=relationships`)."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.urlbuilding import detail_url
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation


def relationships_data(objects: list, request) -> dict:
    """Return `{pk: {slug: {...}}}` for a page of objects of one model, in a fixed number of queries."""
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    relationships = list(
        Relationship.objects.filter(source_type=content_type).select_related("source_type", "destination_type")
        | Relationship.objects.filter(destination_type=content_type).select_related("source_type", "destination_type")
    )
    ids = [o.pk for o in objects]
    associations = list(
        RelationshipAssociation.objects.filter(
            relationship__in=relationships, source_type=content_type, source_id__in=ids
        )
        | RelationshipAssociation.objects.filter(
            relationship__in=relationships, destination_type=content_type, destination_id__in=ids
        )
    )
    peers = _load_peers(associations)
    data = {o.pk: {} for o in objects}
    for relationship in relationships:
        for obj in objects:
            data[obj.pk][relationship.slug] = _describe(relationship, obj, content_type, associations, peers, request)
    return data


def _load_peers(associations: list) -> dict:
    wanted = defaultdict(set)
    for a in associations:
        wanted[a.source_type_id].add(a.source_id)
        wanted[a.destination_type_id].add(a.destination_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            found.update({o.pk: o for o in model.objects.filter(pk__in=ids)})
    return found


def _describe(relationship, obj, content_type, associations, peers, request) -> dict:
    sides = []
    if relationship.source_type_id == content_type.pk:
        sides.append(
            (
                "destination" if not relationship.symmetric else "peer",
                "source_id",
                "destination_id",
                relationship.destination_type,
            )
        )
    if relationship.destination_type_id == content_type.pk and not relationship.symmetric:
        sides.append(("source", "destination_id", "source_id", relationship.source_type))
    entry = {"id": str(relationship.pk), "url": None, "name": relationship.name, "type": relationship.type}
    for key, mine, theirs, peer_type in sides:
        objects = [
            peers[getattr(a, theirs)]
            for a in associations
            if a.relationship_id == relationship.pk and getattr(a, mine) == obj.pk and getattr(a, theirs) in peers
        ]
        if relationship.symmetric:
            objects += [
                peers[a.source_id]
                for a in associations
                if a.relationship_id == relationship.pk and a.destination_id == obj.pk and a.source_id in peers
            ]
        entry[key] = {
            "label": getattr(relationship, f"{'destination' if key != 'source' else 'source'}_label")
            or str(peer_type.model),
            "object_type": f"{peer_type.app_label}.{peer_type.model}",
            "objects": [brief_representation(o, request) for o in objects],
        }
    entry["url"] = detail_url(request, relationship)
    return entry
