"""Member ids of dynamic groups kept in Django's cache for `DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT` seconds (1.x; 0, the
default, keeps nothing). Read by `DynamicGroup.has_member(use_cache=True)`, `members_cached` and an object's
`dynamic_groups_cached`; refreshed by `nautobot-server refresh_dynamic_group_member_caches`."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

from nautobot.core.runtime_settings import get_settings_or_config

DynamicGroup = Any  # a `DynamicGroup` (the model imports this module: annotated loosely to keep no cycle)


def timeout() -> int:
    return int(get_settings_or_config("DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT", 0) or 0)


def cache_key(group: DynamicGroup) -> str:
    return f"nautobot.extras.dynamicgroup.{group.pk}.cached_members"


def refresh(group: DynamicGroup) -> set:
    """Compute the member ids now (one query) and keep them for the configured time (nothing kept at 0)."""
    ids = set(group.get_queryset().values_list("pk", flat=True))
    if timeout() > 0:
        cache.set(cache_key(group), ids, timeout())
    return ids


def member_ids(group: DynamicGroup) -> set | None:
    """The cached member ids (computed and kept when missing); None when the cache is off."""
    if timeout() <= 0:
        return None
    ids = cache.get(cache_key(group))
    return ids if ids is not None else refresh(group)


def forget(group: DynamicGroup) -> None:
    cache.delete(cache_key(group))
