"""Relationship rules (cardinality, types, filters) and the `relationships` data of objects."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from nautobot.core.api.brief import brief_representation


def validate_association(association) -> None:
    """Refuse associations that break the relationship's types or cardinality."""
    relationship = association.relationship
    errors = {}
    if association.source_type_id != relationship.source_type_id:
        errors["source_type"] = f"source_type has a different value than defined in {relationship}"
    if association.destination_type_id != relationship.destination_type_id:
        errors["destination_type"] = f"destination_type has a different value than defined in {relationship}"
    if relationship.symmetric and association.source_id == association.destination_id:
        errors["destination_id"] = "An object cannot form a symmetric relationship with itself."
    for side in ("source", "destination"):
        content_type = getattr(association, f"{side}_type")
        model = content_type.model_class() if content_type else None
        object_id = getattr(association, f"{side}_id")
        if model is not None and not model.objects.filter(pk=object_id).exists():
            errors[f"{side}_id"] = f"No {content_type.model} with id {object_id} exists."
        object_filter = getattr(relationship, f"{side}_filter")
        if model is not None and object_filter and not model.objects.filter(pk=object_id, **object_filter).exists():
            errors[f"{side}_id"] = f"The {side} object does not match this relationship's {side} filter."
    if errors:
        raise ValidationError(errors)
    _check_cardinality(association)


def _check_cardinality(association) -> None:
    relationship = association.relationship
    others = relationship.associations.exclude(pk=association.pk)
    one_source = relationship.type in ("one-to-one", "symmetric-one-to-one")
    one_destination = relationship.type in ("one-to-one", "one-to-many", "symmetric-one-to-one")
    if one_destination and others.filter(destination_id=association.destination_id).exists():
        raise ValidationError(
            {"destination_id": f"{association.destination_id} already has a {relationship} association."}
        )
    if one_source and others.filter(source_id=association.source_id).exists():
        raise ValidationError({"source_id": f"{association.source_id} already has a {relationship} association."})


def relationships_data(objects: list, request) -> dict:
    """Return `{pk: {slug: {...}}}` for a page of objects of one model, in a fixed number of queries."""
    from nautobot.extras.models import Relationship, RelationshipAssociation

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
    from nautobot.core.api.urlbuilding import detail_url

    entry["url"] = detail_url(request, relationship)
    return entry
