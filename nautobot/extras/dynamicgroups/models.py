"""The dynamic group and the membership that makes one group a child of another, with an operator and a weight."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from nautobot.core.filters import filterset_for
from nautobot.core.models import BaseModel, OrganizationalModel
from nautobot.core.models.features import FeatureQuery
from nautobot.core.permissions import restrict
from nautobot.core.models.querysets import RestrictedQuerySet
from nautobot.core.registry import registry
from nautobot.core.specs import has_spec, spec_for
from nautobot.core.views.urls import url_name
from nautobot.extras.choices import DynamicGroupOperatorChoices
from nautobot.extras.dynamicgroups import caching

# Query parameters that are not filters of members (pagination, output format...).
NOT_FILTERS = ("limit", "offset", "format", "brief", "depth", "include", "sort", "per_page", "page")


def group_models() -> list[type[models.Model]]:
    """The models dynamic groups can select (the 1.x feature `dynamic_groups`)."""
    return FeatureQuery("dynamic_groups").list_subclasses()


def group_content_types() -> Q:
    """`limit_choices_to` of `DynamicGroup.content_type`: the content types of `group_models()`."""
    return FeatureQuery("dynamic_groups").get_query()


def members_query(model: type[models.Model], filter_data: dict) -> models.QuerySet:
    """The objects of `model` that `filter_data` (filter parameters) selects: the model's filterset applied, then the
    custom-field filters (`cf_<name>`); `ValidationError` naming the parameter when the data is not valid."""
    if not isinstance(filter_data, dict):
        raise ValidationError({"filter": "Filter must be a dict"})
    data = {}
    for name, value in filter_data.items():
        data[name] = value if isinstance(value, list) else [value]
    filterset_class = filterset_for(model)
    filterset = filterset_class(_query_dict(data), queryset=model._default_manager.all())
    if not filterset.is_valid():
        raise ValidationError(
            {"filter": [f"{name}: {' '.join(str(m) for m in msgs)}" for name, msgs in filterset.errors.items()]}
        )
    queryset = filterset.qs
    if not getattr(filterset_class, "applies_queryset_filters", False):
        params = _query_dict(data)
        for hook in registry.queryset_filters:
            queryset = hook.apply(queryset, params)
    return queryset


def _query_dict(data: dict[str, list]) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, values in data.items():
        query.setlist(name, [str(v) if not isinstance(v, str) else v for v in values])
    return query


class DynamicGroupQuerySet(RestrictedQuerySet):
    def get_for_model(self, model: type[models.Model] | models.Model) -> DynamicGroupQuerySet:
        """The groups whose content type is that of `model` (a class or an instance), as 1.x."""
        return self.filter(content_type=ContentType.objects.get_for_model(model))

    def get_by_natural_key(self, slug: str) -> DynamicGroup:
        return self.get(slug=slug)

    def get_for_object(self, obj: models.Model, use_cache: bool = False) -> DynamicGroupQuerySet:
        """The groups `obj` is a member of (one membership query per group of its content type), as 1.x."""
        groups = list(self.get_for_model(obj))
        pks = [group.pk for group in groups if group.has_member(obj, use_cache=use_cache)]
        return self.filter(pk__in=pks)


class DynamicGroup(OrganizationalModel):
    """A set of objects of `content_type`: those its `filter` selects, or (with children) a combination of its
    child groups' sets, in weight order: union (OR), intersection (AND), difference (NOT)."""

    name = models.CharField(max_length=100, unique=True, help_text="Dynamic Group name")
    slug = models.SlugField(max_length=100, unique=True, help_text="Unique slug")
    description = models.CharField(max_length=200, blank=True)
    content_type = models.ForeignKey(
        to=ContentType,
        on_delete=models.CASCADE,
        verbose_name="Object Type",
        help_text="The type of object for this Dynamic Group.",
        limit_choices_to=group_content_types,
    )
    filter = models.JSONField(
        encoder=DjangoJSONEncoder,
        default=dict,
        blank=True,
        help_text="A JSON-encoded dictionary of filter parameters for group membership",
    )
    children = models.ManyToManyField(
        "extras.DynamicGroup",
        help_text="Child DynamicGroups of filter parameters for group membership",
        through="extras.DynamicGroupMembership",
        through_fields=("parent_group", "group"),
        related_name="parents",
    )

    objects = DynamicGroupQuerySet.as_manager()

    clone_fields = ["content_type", "filter"]

    class Meta:
        ordering = ("content_type", "name")

    def __str__(self) -> str:
        return self.name

    @property
    def model(self) -> type[models.Model] | None:
        """The model class of the group's content type (None before it is set)."""
        if self.content_type_id is None:
            return None
        return ContentType.objects.get_for_id(self.content_type_id).model_class()

    def clean(self) -> None:
        super().clean()
        if self.content_type_id is None:
            return
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("content_type", flat=True).first()
            if stored is not None and stored != self.content_type_id:
                raise ValidationError({"content_type": "ContentType cannot be changed once created"})
        model = self.model
        if model is None or model not in group_models():
            raise ValidationError({"content_type": f"Dynamic groups cannot select {self.content_type}."})
        if not isinstance(self.filter, dict):
            raise ValidationError({"filter": "Filter must be a dict"})
        if self.filter and self.pk is not None and self.dynamic_group_memberships.exists():
            raise ValidationError({"filter": "A parent group may not also have filters."})
        members_query(model, self.filter)  # raises naming the bad parameter

    # Membership -------------------------------------------------------------------------------------------------

    def member_filter(self, _seen: frozenset = frozenset()) -> Q:
        """A `Q` on the group's model selecting its members: `pk__in` a subquery of its filter, or its children's
        combined in weight order. The whole tree becomes one SQL statement."""
        if self.pk in _seen:
            raise ValidationError({"children": f"{self} contains itself."})
        memberships = list(self.dynamic_group_memberships.select_related("group").order_by("weight", "group__name"))
        if not memberships:
            query = Q(pk__in=members_query(self.model, self.filter).values("pk"))
            if self.model is type(self) and self.pk is not None:
                query &= ~Q(pk=self.pk)
            return query
        query = Q()
        for membership in memberships:
            child = membership.group.member_filter(_seen | {self.pk})
            if membership.operator == DynamicGroupOperatorChoices.OPERATOR_UNION:
                query = query | child if query else child
            elif membership.operator == DynamicGroupOperatorChoices.OPERATOR_INTERSECTION:
                query = query & child if query else child
            else:
                query = query & ~child if query else ~child
        return query

    def get_queryset(self) -> models.QuerySet:
        """The members as one queryset of the group's model (unrestricted: see `members_for`)."""
        model = self.model
        if model is None:
            raise RuntimeError(f"Dynamic group {self} has no content type.")
        return model._default_manager.filter(self.member_filter())

    def get_group_queryset(self) -> models.QuerySet:
        return self.get_queryset()

    @property
    def members(self) -> models.QuerySet:
        return self.get_queryset()

    @property
    def count(self) -> int:
        return self.get_queryset().count()

    def members_for(self, user: Any) -> models.QuerySet:
        """The members `user` may view (`restrict()`)."""
        return restrict(self.get_queryset(), user, "view")

    def has_member(self, obj: models.Model, use_cache: bool = False) -> bool:
        """Whether `obj` is a member (one query, or none when the cache holds the ids)."""
        if self.model is None or not isinstance(obj, self.model):
            return False
        if use_cache:
            cached = self.cached_member_ids()
            if cached is not None:
                return obj.pk in cached
        return self.get_queryset().filter(pk=obj.pk).exists()

    def cached_member_ids(self) -> set | None:
        """The member ids kept in Django's cache (refreshed when missing); None when caching is off."""
        return caching.member_ids(self)

    @property
    def members_cached(self) -> models.QuerySet:
        ids = self.cached_member_ids()
        if ids is None:
            return self.members
        return self.model._default_manager.filter(pk__in=ids)

    def get_group_members_url(self) -> str:
        """The model's list page filtered as the group (1.x; a group with children has no such URL)."""
        if self.model is None or not has_spec(self.model):
            return ""
        try:
            url = reverse(url_name(spec_for(self.model), "list"))
        except NoReverseMatch:
            return ""
        query = urlencode(self.filter or {}, doseq=True)
        return f"{url}?{query}" if query else url

    # Tree -------------------------------------------------------------------------------------------------------

    def get_descendants(self) -> list[DynamicGroup]:
        """Child groups, depth first, in weight order."""
        found: list[DynamicGroup] = []
        memberships = self.dynamic_group_memberships.select_related("group").order_by("weight", "group__name")
        for child in (m.group for m in memberships):
            if child not in found:
                found.append(child)
                found.extend(g for g in child.get_descendants() if g not in found)
        return found

    def get_ancestors(self) -> list[DynamicGroup]:
        found: list[DynamicGroup] = []
        for parent in self.parents.all():
            if parent not in found:
                found.append(parent)
                found.extend(g for g in parent.get_ancestors() if g not in found)
        return found

    def get_siblings(self) -> models.QuerySet:
        return DynamicGroup.objects.filter(parents__in=self.parents.all()).exclude(pk=self.pk).distinct()

    def is_leaf(self) -> bool:
        return not self.children.exists()

    def is_root(self) -> bool:
        return not self.parents.exists()


def limit_dynamic_group_by_parent_content_type() -> Q:
    """Choices of `DynamicGroupMembership.group`: groups of the parent's content type (1.x)."""
    return Q(parents__content_type=models.F("content_type"))


class DynamicGroupMembership(BaseModel):
    """Makes `group` a child of `parent_group`, combined by `operator` at position `weight`."""

    group = models.ForeignKey(DynamicGroup, on_delete=models.CASCADE, related_name="+")
    parent_group = models.ForeignKey(DynamicGroup, on_delete=models.CASCADE, related_name="dynamic_group_memberships")
    operator = models.CharField(choices=DynamicGroupOperatorChoices.CHOICES, max_length=12)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "parent_group", "operator", "weight"], name="group_to_filter_uniq")
        ]
        ordering = ("parent_group", "weight", "group")

    def __str__(self) -> str:
        return f"{self.group}: {self.operator} ({self.weight})"

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def members(self) -> models.QuerySet:
        return self.group.members

    @property
    def count(self) -> int:
        return self.group.count

    def get_group_members_url(self) -> str:
        return self.group.get_group_members_url()

    def clean(self) -> None:
        super().clean()
        if self.group_id is None or self.parent_group_id is None:
            return
        if self.parent_group.content_type_id != self.group.content_type_id:
            raise ValidationError({"group": "ContentType for group and parent_group must match"})
        if self.group_id == self.parent_group_id or self.parent_group in self.group.get_descendants():
            raise ValidationError({"group": "A group cannot be its own descendant (a loop of groups)."})
        if self.parent_group.filter:
            raise ValidationError({"parent_group": "A parent group may not also have filters."})
