"""The rendered config context of devices and virtual machines, for a whole page of them at once.

An object receives every active `ConfigContext` whose scopes all match it (an empty scope matches
everything): deep-merged in order of weight, then name (later ones win), and its own
`local_context_data` merged last. Regions and locations are trees: a context scoped to a region
applies to everything in its child regions too.

Cost: the active contexts are read once (one query; nothing more when there are none), then their
scopes in one query, then only what the scopes in use need (ancestors of the page's regions and
locations, regions of sites and groups of tenants/clusters not already loaded, the page's tags) and
the data of the contexts that matched. For a page, the number of queries does not depend on how many
objects it has. A `ContextIndex` kept per request lets GraphQL render objects one by one and still
read each of those things once.
"""

import copy
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Value

from nautobot.core.registry import ScopeReader, registry
from nautobot.extras.configcontexts.models import ConfigContext
from nautobot.extras.dynamicgroups.models import DynamicGroup
from nautobot.extras.tags.loading import LOADED_TAGS
from nautobot.extras.tags.models import TaggedItem


def _ids(*values) -> set:
    return {v for v in values if v is not None}


def _site_ids(obj) -> set:
    if hasattr(obj, "site_id"):
        return _ids(obj.site_id)
    return _ids(getattr(getattr(obj, "site", None), "pk", None))  # a VM's site is its cluster's


def _location_ids(obj) -> set:
    return _ids(getattr(obj, "location_id", None))


def _role_ids(obj) -> set:
    return _ids(getattr(obj, "device_role_id", None) or getattr(obj, "role_id", None))


def _device_type_ids(obj) -> set:
    return _ids(getattr(obj, "device_type_id", None))


def _platform_ids(obj) -> set:
    return _ids(getattr(obj, "platform_id", None))


def _cluster_ids(obj) -> set:
    return _ids(getattr(obj, "cluster_id", None))


def _tenant_ids(obj) -> set:
    return _ids(getattr(obj, "tenant_id", None))


def register_scope_readers() -> None:
    """How an object offers each directly matched scope (called from `configcontexts.register`)."""
    for scope, read in (
        ("sites", _site_ids),
        ("locations", _location_ids),
        ("roles", _role_ids),
        ("device_types", _device_type_ids),
        ("platforms", _platform_ids),
        ("clusters", _cluster_ids),
        ("tenants", _tenant_ids),
    ):
        registry.scope_readers.register(ScopeReader(scope, read))


# Scopes reached through a related object: scope -> (the object's relation, the related object's attribute).
THROUGH_SCOPES = {
    "regions": ("site", "region_id"),
    "tenant_groups": ("tenant", "group_id"),
    "cluster_groups": ("cluster", "group_id"),
}
# Scopes whose targets form a tree: an object in a descendant matches a context scoped to the ancestor.
TREE_SCOPES = ("regions", "locations")


def deep_merge(base: dict, update: dict) -> dict:
    """Return `base` updated with `update`; nested dicts merge key by key, any other value replaces."""
    merged = copy.deepcopy(base)
    _merge_into(merged, update)
    return merged


def _merge_into(target: dict, update: dict) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value)
        else:
            target[key] = copy.deepcopy(value)


def scope_fields() -> list[models.ManyToManyField]:
    """The scope relations of ConfigContext that an object can match (those `registry.scope_readers` read, and tags)."""

    names = {*registry.scope_readers.by_key(), *THROUGH_SCOPES, "tags"}
    if settings.CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED:
        names.add("dynamic_groups")
    return [f for f in ConfigContext._meta.many_to_many if f.name in names]


def _scopes() -> dict:
    """`{context id: {scope name: {target ids}}}` of the active contexts, in one UNION ALL query."""
    parts = []
    for field in scope_fields():
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        parts.append(
            through.objects.filter(**{f"{source}__is_active": True})
            .annotate(scope=Value(field.name, output_field=models.CharField()))
            .values_list(f"{source}_id", "scope", f"{target}_id")
        )
    scopes: dict = defaultdict(lambda: defaultdict(set))
    if not parts:
        return scopes
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for context_id, scope, target_id in query:
        scopes[context_id][scope].add(target_id)
    return scopes


def _as_uuid(value) -> uuid.UUID:
    # django-tree-queries hands UUID keys in `tree_path` back as integers (or strings, by database).
    if isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(int=value) if isinstance(value, int) else uuid.UUID(str(value))


def _object_tags(objects: list) -> dict:
    """`{object pk: {tag ids}}`, from tags already loaded (API page or GraphQL prefetch), else one query."""

    def loaded(obj):
        tags = getattr(obj, LOADED_TAGS, None)
        return tags if tags is not None else getattr(obj, "_prefetched_objects_cache", {}).get("tags")

    if all(loaded(obj) is not None for obj in objects):
        return {obj.pk: {tag.pk for tag in loaded(obj)} for obj in objects}
    tags: dict = defaultdict(set)
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    rows = TaggedItem.objects.filter(content_type=content_type, object_id__in=[o.pk for o in objects]).values_list(
        "object_id", "tag_id"
    )
    for object_id, tag_id in rows:
        tags[object_id].add(tag_id)
    return tags


def _object_groups(objects: list, group_ids: set) -> dict:
    """`{object pk: {ids of the dynamic groups among `group_ids` it belongs to}}`: one query per group of the
    objects' content type, whatever the number of objects."""
    model = type(objects[0])
    found: dict = defaultdict(set)
    for group in DynamicGroup.objects.get_for_model(model).filter(pk__in=group_ids):
        for pk in group.get_queryset().filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True):
            found[pk].add(group.pk)
    return found


class ContextIndex:
    """The active config contexts with their scopes, read once; reuse one per request to render objects in batches.

    What objects need beyond that (ancestors of their regions and locations, context data) is read on
    demand and kept, so rendering one object at a time (GraphQL) costs queries only for what is new.
    """

    def __init__(self) -> None:

        ordered = ConfigContext.objects.filter(is_active=True).order_by("weight", "name", "pk")
        self.contexts: list = list(ordered.values_list("pk", flat=True))
        self.scopes: dict = _scopes() if self.contexts else {}
        self.used: set = {scope for by_scope in self.scopes.values() for scope in by_scope}
        self._paths: dict[str, dict] = {scope: {} for scope in TREE_SCOPES}
        self._through: dict[str, dict] = {scope: {} for scope in THROUGH_SCOPES}
        self._data: dict = {}

    def through(self, scope: str, objects: list) -> dict:
        """`{object pk: {id}}` for a scope reached through a related object, e.g. the region of the site.

        Uses the related object when it is loaded (API pages prefetch it); otherwise reads the value for
        all objects at once and keeps it (GraphQL renders one object at a time).
        """
        relation, attribute = THROUGH_SCOPES[scope]
        known = self._through[scope]
        result, pending = {}, {}
        for obj in objects:
            field = _foreign_key(type(obj), relation)
            if field is None or field.is_cached(obj):
                related = getattr(obj, relation, None)  # loaded, or a property (a VM's site)
                result[obj.pk] = _ids(getattr(related, attribute, None))
            elif getattr(obj, field.attname) is not None:
                pending[obj.pk] = (field, getattr(obj, field.attname))
        missing = {(field.related_model, pk) for field, pk in pending.values() if pk not in known}
        for model in {model for model, _ in missing}:
            ids = [pk for m, pk in missing if m is model]
            known.update(model._base_manager.filter(pk__in=ids).values_list("pk", attribute))
        for obj_pk, (_, related_pk) in pending.items():
            result[obj_pk] = _ids(known.get(related_pk))
        return result

    def ancestors(self, scope: str, ids: set) -> dict:
        """`{node id: {it and its ancestors}}` for nodes of the tree scope `scope` (one query for those not yet known)."""

        known = self._paths[scope]
        missing = {pk for pk in ids if pk not in known}
        if missing:
            model = ConfigContext._meta.get_field(scope).related_model
            for pk, path in model.objects.filter(pk__in=missing).values_list("pk", "tree_path"):
                known[pk] = {_as_uuid(node) for node in path}
        return known

    def data(self, pks: set) -> dict:

        missing = pks - self._data.keys()
        if missing:
            self._data.update(ConfigContext.objects.filter(pk__in=missing).values_list("pk", "data"))
        return self._data

    def matching(self, objects: list) -> dict:
        """`{object pk: (ids of the active contexts that apply, lowest weight first)}`."""
        if not self.contexts or not objects:
            return {obj.pk: () for obj in objects}
        offered = self._offered(objects)
        return {
            obj.pk: tuple(pk for pk in self.contexts if _matches(self.scopes.get(pk, {}), offered[obj.pk]))
            for obj in objects
        }

    def _offered(self, objects: list) -> dict:
        """`{object pk: {scope: ids the object offers}}` for the scopes some context uses, trees expanded."""
        used = self.used
        readers = {scope: reader.read for scope, reader in registry.scope_readers.by_key().items() if scope in used}
        offered = {obj.pk: {scope: read(obj) for scope, read in readers.items()} for obj in objects}
        for scope in THROUGH_SCOPES:
            if scope in used:
                for pk, ids in self.through(scope, objects).items():
                    offered[pk][scope] = ids
        for scope in TREE_SCOPES:
            if scope in used:
                paths = self.ancestors(scope, set().union(*(o[scope] for o in offered.values())))
                for values in offered.values():
                    values[scope] = set().union(*(paths.get(pk, {pk}) for pk in values[scope]))
        if "dynamic_groups" in used:
            groups = _object_groups(
                objects, set().union(*(s.get("dynamic_groups", set()) for s in self.scopes.values()))
            )
            for obj in objects:
                offered[obj.pk]["dynamic_groups"] = groups.get(obj.pk, set())
        if "tags" in used:
            tags = _object_tags(objects)
            for obj in objects:
                offered[obj.pk]["tags"] = tags.get(obj.pk, set())
        return offered


def _foreign_key(model: type[models.Model], name: str) -> models.ForeignKey | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.many_to_one and field.concrete else None


def _matches(scopes: dict, offered: dict) -> bool:
    return all(targets & offered.get(scope, set()) for scope, targets in scopes.items())


def rendered_config_contexts(objects: Iterable, index: ContextIndex | None = None) -> dict:
    """`{object pk: rendered config context}` for devices or virtual machines, in a constant number of queries.

    Objects that match the same contexts and have no local data share one result: treat it as read-only.
    """
    objects = list(objects)
    index = index or ContextIndex()
    matched = index.matching(objects)
    data = index.data({pk for ids in matched.values() for pk in ids})
    by_match: dict[tuple, dict] = {}
    rendered = {}
    for obj in objects:
        key = matched[obj.pk]
        merged = by_match.get(key)
        if merged is None:
            merged = by_match[key] = {}
            for pk in key:
                _merge_into(merged, data[pk])
        rendered[obj.pk] = deep_merge(merged, obj.local_context_data) if obj.local_context_data else merged
    return rendered
