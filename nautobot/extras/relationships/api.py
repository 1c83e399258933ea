"""Relationships in the REST API: `?include=relationships` (read), and the write-only `relationships` field:
`{"relationships": {"<slug>": {"destination": {"objects": [...]}}}}`.

Each side given replaces that side's associations of the object (objects as UUIDs or attribute
dicts); relationships and sides not given are left alone. The field is write-only: reads show
relationships with `?include=relationships` (`included_relationships`). Cardinality and filters are checked
by `RelationshipAssociation.clean()`, inside the request's transaction, so a refused association
leaves nothing half-written.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from rest_framework import serializers

from nautobot.core.api.fields import NestedRelatedField
from nautobot.extras.notes.api import has_notes
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation
from nautobot.extras.relationships.selectors import relationships_data

SIDES = ("source", "destination", "peer")


class RelationshipsWriteField(serializers.Field):
    """Validates the payload into `[(relationship, side, [objects])]`; `save_related()` applies it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(write_only=True, required=False, **kwargs)

    def to_internal_value(self, data: Any) -> list:
        if not isinstance(data, dict):
            raise serializers.ValidationError("Expected an object keyed by relationship slug.")
        model = self.parent.Meta.model
        content_type = ContentType.objects.get_for_model(model)
        relationships = {
            r.slug: r
            for r in Relationship.objects.filter(slug__in=list(data)).select_related("source_type", "destination_type")
        }
        changes, errors = [], {}
        for slug, sides in data.items():
            relationship = relationships.get(slug)
            if relationship is None or content_type.pk not in (
                relationship.source_type_id,
                relationship.destination_type_id,
            ):
                errors[slug] = f"No relationship {slug!r} applies to {model._meta.verbose_name_plural}."
                continue
            if not isinstance(sides, dict) or not sides:
                errors[slug] = 'Expected {"source"|"destination"|"peer": {"objects": [...]}}.'
                continue
            for side, value in sides.items():
                problem = _side_problem(relationship, content_type, side)
                if problem is None and not (isinstance(value, dict) and isinstance(value.get("objects"), list)):
                    problem = f'Expected {{"objects": [...]}} for side {side!r}.'
                if problem:
                    errors.setdefault(slug, {})[side] = problem
                    continue
                peer_type = relationship.source_type if side == "source" else relationship.destination_type
                field = NestedRelatedField(queryset=peer_type.model_class().objects.all())
                try:
                    peers = [field.to_internal_value(item) for item in value["objects"]]
                except serializers.ValidationError as exc:
                    errors.setdefault(slug, {})[side] = exc.detail
                    continue
                changes.append((relationship, side, list(dict.fromkeys(peers))))
        if errors:
            raise serializers.ValidationError(errors)
        return changes

    def save_related(self, instance, changes: list) -> None:
        try:
            for relationship, side, peers in changes:
                _replace_side(instance, relationship, side, peers)
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"relationships": exc.messages}) from None


def _side_problem(relationship, content_type, side: str) -> str | None:
    if side not in SIDES:
        return f"Unknown side {side!r}: use source, destination or peer."
    if relationship.symmetric:
        return None if side == "peer" else f"{relationship.slug} is symmetric: use side 'peer'."
    if side == "peer":
        return f"{relationship.slug} is not symmetric: use side 'source' or 'destination'."
    # "destination" lists the peers of an object that is the source, and vice versa.
    mine = relationship.source_type_id if side == "destination" else relationship.destination_type_id
    return (
        None
        if mine == content_type.pk
        else f"{content_type.model} is not the {'source' if side == 'destination' else 'destination'} of {relationship.slug}."
    )


def _replace_side(instance, relationship, side: str, peers: list) -> None:
    wanted = {peer.pk: peer for peer in peers}
    if side == "peer":
        existing = relationship.associations.filter(Q(source_id=instance.pk) | Q(destination_id=instance.pk))
        other = lambda a: a.destination_id if a.source_id == instance.pk else a.source_id  # noqa: E731
    elif side == "destination":
        existing = relationship.associations.filter(source_id=instance.pk)
        other = lambda a: a.destination_id  # noqa: E731
    else:
        existing = relationship.associations.filter(destination_id=instance.pk)
        other = lambda a: a.source_id  # noqa: E731
    kept = set()
    for association in existing:
        if other(association) in wanted:
            kept.add(other(association))
        else:
            association.delete()
    for pk, peer in wanted.items():
        if pk in kept:
            continue
        source, destination = (peer, instance) if side == "source" else (instance, peer)
        RelationshipAssociation(
            relationship=relationship,
            source_type=relationship.source_type,
            source_id=source.pk,
            destination_type=relationship.destination_type,
            destination_id=destination.pk,
        ).validated_save()


def included_relationships(objects: list, request) -> dict:
    """`?include=relationships`: the relationships of a page of objects of one model."""
    return relationships_data(objects, request)


def relationships_field_names(model) -> tuple[str, ...]:
    """`relationships` is a field of every model that may have notes (as the original's)."""
    return ("relationships",) if has_notes(model) else ()


def relationships_builder(model_class):
    return RelationshipsWriteField, {}
