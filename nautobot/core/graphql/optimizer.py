"""Load what a GraphQL query selects up front, so a query costs the same SQL for 2 rows or 2,000.

Walks the selection set of a root field (fields, inline fragments, named fragments; aliases of one
field are merged) and turns each selected relation into work for the ORM:
- a foreign key or one-to-one (either direction) joins: `select_related("site", "device_type__manufacturer")`;
- a reverse relation or many-to-many is prefetched with `Prefetch(name, queryset=...)`, whose queryset is
  restricted to what the user may view and optimized the same way, recursively;
- tags are prefetched plainly (django-taggit refuses custom prefetch querysets);
- a union field (`ObjectSpec.graphql_unions`) loads each of its relations with the union's selections;
  a single-object field over a to-many relation (`ObjectSpec.graphql_singles`) loads that relation.
Directives (`@skip`, `@include`) are ignored: loading a relation that is then not shown is harmless.
"""

from django.db import models
from django.db.models import Prefetch
from graphql import FieldNode, FragmentDefinitionNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode

from nautobot.core.graphql.relations import exposed_relations, is_single, is_tags
from nautobot.core.specs import has_spec, spec_for
from nautobot.core.permissions import restrict

Selections = dict[str, list[FieldNode]]


def collect(nodes: list[FieldNode], fragments: dict[str, FragmentDefinitionNode]) -> Selections:
    """Return the sub-fields selected under `nodes`, by field name (not alias)."""
    selected: Selections = {}
    for node in nodes:
        if node.selection_set is not None:
            _collect_into(node.selection_set, fragments, selected, set())
    return selected


def _collect_into(selection_set: SelectionSetNode, fragments, selected: Selections, seen: set[str]) -> None:
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            selected.setdefault(selection.name.value, []).append(selection)
        elif isinstance(selection, InlineFragmentNode):
            _collect_into(selection.selection_set, fragments, selected, seen)
        elif isinstance(selection, FragmentSpreadNode) and selection.name.value not in seen:
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                seen.add(selection.name.value)
                _collect_into(fragment.selection_set, fragments, selected, seen)


class Plan:
    """The select_related paths and prefetches one queryset needs."""

    def __init__(self, user, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.user = user
        self.fragments = fragments
        self.select: list[str] = []
        self.prefetch: list[str | Prefetch] = []

    def walk(self, model: type[models.Model], selected: Selections, prefix: str = "") -> None:
        """Add the loads for `selected` fields of `model`, reached through the join path `prefix`."""
        relations = exposed_relations(model)
        spec = spec_for(model) if has_spec(model) else None
        unions = {**spec.graphql_unions, **{k: (v,) for k, v in spec.graphql_singles.items()}} if spec else {}
        expanded: Selections = {}
        for name, nodes in selected.items():
            for member in unions.get(name, (name,)):
                expanded.setdefault(member, []).extend(nodes)
        for name, nodes in expanded.items():
            field = relations.get(name)
            if field is None:
                continue
            children = collect(nodes, self.fragments)
            if is_tags(field):
                self.prefetch.append(prefix + name)
            elif is_single(field):
                self.select.append(prefix + name)
                self.walk(field.related_model, children, f"{prefix}{name}__")
            else:
                nested = restrict(field.related_model._default_manager.all(), self.user, "view")
                nested = optimize_for(nested, children, self.user, self.fragments)
                self.prefetch.append(Prefetch(prefix + name, queryset=nested))

    def apply(self, queryset: models.QuerySet) -> models.QuerySet:
        if self.select:
            queryset = queryset.select_related(*self.select)
        if self.prefetch:
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset


def optimize_for(queryset: models.QuerySet, selected: Selections, user, fragments) -> models.QuerySet:
    """Return `queryset` with everything `selected` (sub-fields of its objects) loaded up front."""
    plan = Plan(user, fragments)
    plan.walk(queryset.model, selected)
    return plan.apply(queryset)


def optimize(queryset: models.QuerySet, info) -> models.QuerySet:
    """Optimize the queryset of the root field being resolved (`info` is graphene's resolve info)."""
    return optimize_for(queryset, collect(list(info.field_nodes), info.fragments), info.context.user, info.fragments)
