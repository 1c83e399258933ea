"""`cr_<slug>__source`, `cr_<slug>__destination`, `cr_<slug>__peer`: Nautobot 1.x's relationship filters of a
model's filterset (`RelationshipModelFilterSetMixin`, part of `NautobotFilterSet`)."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from nautobot.core.filters.fields import MultiValueField
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation

PREFIX = "cr_"


class RelationshipFilter(django_filters.Filter):
    """Objects associated through `relationship` with any of the given objects (primary keys) on the other
    `side` ("source", "destination", or "peer" for a symmetric relationship)."""

    def __init__(self, *, relationship: Relationship, side: str, **kwargs) -> None:
        self.relationship, self.side = relationship, side
        kwargs.setdefault("label", f"{relationship.name} ({side})")
        super().__init__(**kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            self._field = MultiValueField(inner=forms.UUIDField(), required=False, label=self.label)
        return self._field

    def filter(self, qs, value):
        if not value:
            return qs
        associations = RelationshipAssociation.objects.filter(relationship=self.relationship)
        if self.side == "source":
            pks = associations.filter(source_id__in=value).values("destination_id")
            return qs.filter(pk__in=pks)
        if self.side == "destination":
            return qs.filter(pk__in=associations.filter(destination_id__in=value).values("source_id"))
        return qs.filter(
            Q(pk__in=associations.filter(source_id__in=value).values("destination_id"))
            | Q(pk__in=associations.filter(destination_id__in=value).values("source_id"))
        )


def relationship_filters(model) -> dict[str, RelationshipFilter]:
    """Every `cr_<slug>__<side>` filter of `model`: one per relationship it takes part in (one query)."""
    content_type = ContentType.objects.get_for_model(model)
    filters = {}
    for relationship in Relationship.objects.filter(Q(source_type=content_type) | Q(destination_type=content_type)):
        if relationship.type.startswith("symmetric"):
            sides = ["peer"]
        else:
            sides = []
            if relationship.source_type_id == content_type.pk:
                sides.append("destination")
            if relationship.destination_type_id == content_type.pk:
                sides.append("source")
        for side in sides:
            filters[f"{PREFIX}{relationship.slug}__{side}"] = RelationshipFilter(relationship=relationship, side=side)
    return filters


class RelationshipModelFilterSetMixin(django_filters.FilterSet):
    """Adds the relationship filters of the model to a `BaseFilterSet` (looked up only when the data names one,
    or for an unbound filterset, e.g. a filter form)."""

    def dynamic_filters(self) -> dict:
        data = self.data or {}
        if self.is_bound and not any(str(name).startswith(PREFIX) for name in data):
            return {}
        found = relationship_filters(self.queryset.model)
        return {name: f for name, f in found.items() if not self.is_bound or name in data}
