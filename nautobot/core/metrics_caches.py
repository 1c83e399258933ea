"""django-prometheus's file and local-memory cache backends, counting as theirs (`django_cache_get_total`, hits,
misses, by `backend`) but answering `get()` as Django does.

django-prometheus 2.x returns `cached or default` from these two: a stored value that is false (an empty session
`{}`, `0`, `False`, `""`, `[]`) comes back as the default, as if it were missing. With `METRICS_ENABLED` every
file cache (our default) and local-memory cache would then lose such values: sessions in the cache
(`SESSION_ENGINE = "django.contrib.sessions.backends.cache"`) failed every login, and `get_or_set` recomputed false
values on every call. Its Redis backends are right and stay as they are. `nautobot.core.prometheus.CACHE_BACKENDS`
names these classes in place of Django's (and of django-prometheus's own, when a configuration names those).
"""

from django.core.cache.backends import filebased, locmem
from django_prometheus.cache.metrics import django_cache_get_total, django_cache_hits_total, django_cache_misses_total

_MISSING = object()


def _counted_get(base: type, label: str):
    def get(self, key, default=None, version=None):
        django_cache_get_total.labels(backend=label).inc()
        value = base.get(self, key, _MISSING, version)
        if value is _MISSING:
            django_cache_misses_total.labels(backend=label).inc()
            return default
        django_cache_hits_total.labels(backend=label).inc()
        return value

    return get


class FileBasedCache(filebased.FileBasedCache):
    get = _counted_get(filebased.FileBasedCache, "filebased")


class LocMemCache(locmem.LocMemCache):
    get = _counted_get(locmem.LocMemCache, "locmem")
