"""The rendered config context of devices and virtual machines, for a whole page of them at once.

An object receives every active `ConfigContext` whose scopes all match it (an empty scope matches
everything): deep-merged in order of weight, then name (later ones win), and its own
`local_context_data` merged last. Regions and locations are trees: a context scoped to a region
applies to everything in its child regions too.

Cost: the active contexts are read once per call (one query; nothing more when there are none), then
their scopes in one query, then only what the scopes in use need (ancestors of the page's regions
and locations, the page's tags) and the data of the contexts that matched. The number of queries
does not depend on how many objects are rendered.
"""

import copy
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Value

# Scope relation of ConfigContext -> reads the ids an object offers for it (before tree expansion).
SCOPE_READERS: dict[str, Callable[[Any], set]] = {}


def _ids(*values) -> set:
    return {v for v in values if v is not None}


def _site(obj):
    return getattr(obj, "site", None)


def _cluster(obj):
    return getattr(obj, "cluster", None)


def _tenant(obj):
    return getattr(obj, "tenant", None)


SCOPE_READERS.update(
    {
        "regions": lambda obj: _ids(getattr(_site(obj), "region_id", None)),
        "sites": lambda obj: _ids(getattr(_site(obj), "pk", None)),
        "locations": lambda obj: _ids(getattr(obj, "location_id", None)),
        "roles": lambda obj: _ids(getattr(obj, "device_role_id", None) or getattr(obj, "role_id", None)),
        "device_types": lambda obj: _ids(getattr(obj, "device_type_id", None)),
        "platforms": lambda obj: _ids(getattr(obj, "platform_id", None)),
        "cluster_groups": lambda obj: _ids(getattr(_cluster(obj), "group_id", None)),
        "clusters": lambda obj: _ids(getattr(obj, "cluster_id", None)),
        "tenant_groups": lambda obj: _ids(getattr(_tenant(obj), "group_id", None)),
        "tenants": lambda obj: _ids(getattr(obj, "tenant_id", None)),
    }
)
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
    """The scope relations of ConfigContext that an object can match (those `SCOPE_READERS` reads, and tags)."""
    from nautobot.extras.models import ConfigContext

    return [f for f in ConfigContext._meta.many_to_many if f.name in SCOPE_READERS or f.name == "tags"]


def _scopes() -> dict:
    """`{context id: {scope name: {target ids}}}` of the active contexts, in one UNION ALL query."""
    parts = []
    for field in scope_fields():
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        parts.append(
            through.objects.filter(**{f"{source}__is_active": True}).annotate(scope=Value(field.name, output_field=models.CharField())).values_list(f"{source}_id", "scope", f"{target}_id")
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


def _tree_paths(model: type[models.Model], ids: set) -> dict:
    """`{node id: {node id and the ids of its ancestors}}` (one query, via the tree's `tree_path`)."""
    if not ids:
        return {}
    rows = model.objects.filter(pk__in=ids).values_list("pk", "tree_path")
    return {pk: {_as_uuid(node) for node in path} for pk, path in rows}


def _object_tags(objects: list) -> dict:
    """`{object pk: {tag ids}}`, from tags already loaded for the API page, else one query."""
    from nautobot.extras.api.fields import LOADED_TAGS
    from nautobot.extras.models import TaggedItem

    if all(hasattr(obj, LOADED_TAGS) for obj in objects):
        return {obj.pk: {tag.pk for tag in getattr(obj, LOADED_TAGS)} for obj in objects}
    tags: dict = defaultdict(set)
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    rows = TaggedItem.objects.filter(content_type=content_type, object_id__in=[o.pk for o in objects]).values_list("object_id", "tag_id")
    for object_id, tag_id in rows:
        tags[object_id].add(tag_id)
    return tags


def _offered(objects: list, used_scopes: set) -> dict:
    """`{object pk: {scope: ids the object offers}}` for the scopes some context uses, trees expanded."""
    offered = {obj.pk: {scope: SCOPE_READERS[scope](obj) for scope in used_scopes if scope in SCOPE_READERS} for obj in objects}
    from nautobot.extras.models import ConfigContext

    for scope in TREE_SCOPES:
        if scope not in used_scopes:
            continue
        model = ConfigContext._meta.get_field(scope).related_model
        paths = _tree_paths(model, set().union(*(o[scope] for o in offered.values())))
        for values in offered.values():
            values[scope] = set().union(*(paths.get(pk, {pk}) for pk in values[scope]))
    if "tags" in used_scopes:
        tags = _object_tags(objects)
        for obj in objects:
            offered[obj.pk]["tags"] = tags.get(obj.pk, set())
    return offered


def _matches(scopes: dict, offered: dict) -> bool:
    return all(targets & offered.get(scope, set()) for scope, targets in scopes.items())


def matching_context_ids(objects: list) -> dict:
    """`{object pk: [ids of the active contexts that apply, lowest weight first]}`."""
    from nautobot.extras.models import ConfigContext

    contexts = list(ConfigContext.objects.filter(is_active=True).order_by("weight", "name", "pk").values_list("pk", flat=True))
    if not contexts or not objects:
        return {obj.pk: [] for obj in objects}
    scopes = _scopes()
    used = {scope for by_scope in scopes.values() for scope in by_scope}
    offered = _offered(objects, used)
    return {obj.pk: [pk for pk in contexts if _matches(scopes.get(pk, {}), offered[obj.pk])] for obj in objects}


def rendered_config_contexts(objects: Iterable) -> dict:
    """`{object pk: rendered config context}` for devices or virtual machines, in a constant number of queries.

    Objects that match the same contexts and have no local data share one result: treat it as read-only.
    """
    from nautobot.extras.models import ConfigContext

    objects = list(objects)
    matched = matching_context_ids(objects)
    needed = {pk for ids in matched.values() for pk in ids}
    data = dict(ConfigContext.objects.filter(pk__in=needed).values_list("pk", "data")) if needed else {}
    by_match: dict[tuple, dict] = {}
    rendered = {}
    for obj in objects:
        key = tuple(matched[obj.pk])
        merged = by_match.get(key)
        if merged is None:
            merged = by_match[key] = {}
            for pk in key:
                _merge_into(merged, data[pk])
        rendered[obj.pk] = deep_merge(merged, obj.local_context_data) if obj.local_context_data else merged
    return rendered
