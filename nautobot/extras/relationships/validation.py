"""The rules an association must keep: the relationship's types, filters and cardinality."""

from django.core.exceptions import ValidationError


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
