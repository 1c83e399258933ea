"""Work done once in the process that loads the WSGI app (the uWSGI master), before it forks workers.

A forked worker shares the loader's memory copy-on-write: what the loader builds costs every worker
only its share of the page, until the worker writes to it. So the loader:

- builds everything a request would otherwise build lazily in *each* worker: the URL resolvers
  (every nested resolver, reverse dictionaries, compiled patterns), the generated serializers of every
  spec and API version, filtersets, brief getters (the GraphQL schema is built by importing it);
- then collects garbage once and `gc.freeze()`s: every object that exists at fork time moves to the
  permanent generation, so a worker's collections never walk (and write to the headers of, so copy)
  the pages the loader filled;
- caps glibc's malloc arenas (`M_ARENA_MAX`) before the workers start their request threads, so two
  threads do not each keep their own partly empty heap.

Each forked worker (`after_fork`, uWSGI's post-fork hook) hands the memory that glibc keeps free after
large responses back to the system (`malloc_trim`), at most every `TRIM_INTERVAL` seconds, after a
request.

None of this changes behaviour: a process that never forks (runserver, tests, a Celery worker) only
gets its caches filled early. See DESIGN.md, "Memory".
"""

import ctypes
import ctypes.util
import gc
import logging
import threading
import time

logger = logging.getLogger(__name__)

# glibc's mallopt() parameter numbers (malloc.h).
M_ARENA_MAX = -8
MALLOC_ARENAS = 2


def populate_url_resolvers() -> int:
    """Import the URLconf and fill every resolver's lookup tables; return the number of patterns seen."""
    from django.urls import URLPattern, URLResolver, get_resolver

    seen = 0

    def walk(resolver: URLResolver) -> None:
        nonlocal seen
        resolver.pattern.regex  # noqa: B018  (compiled on first access, then kept on the pattern)
        resolver.reverse_dict  # noqa: B018  (fills reverse_dict, namespace_dict and app_dict)
        for pattern in resolver.url_patterns:
            seen += 1
            if isinstance(pattern, URLResolver):
                walk(pattern)
            elif isinstance(pattern, URLPattern):
                pattern.pattern.regex  # noqa: B018
                pattern.lookup_str  # noqa: B018

    walk(get_resolver())
    return seen


def build_api_machinery() -> int:
    """Build the generated serializer classes (full per API version, brief), filtersets and brief getters of every spec."""
    # Lazily: this module is imported before Django is set up (the WSGI entry point); these need the app registry.
    from nautobot.core.api import brief
    from nautobot.core.api.serializers import serializer_for
    from nautobot.core.api.urlbuilding import list_url_name
    from nautobot.core.api.versioning import ALLOWED_VERSIONS
    from nautobot.core.filters import filterset_for
    from nautobot.core.specs import all_specs

    built = 0
    for spec in all_specs():
        model = spec.model
        for version in (None, *ALLOWED_VERSIONS):
            serializer_for(model, version=version)
        serializer_for(model, brief=True)
        filterset_for(model).base_filters  # noqa: B018
        brief._compile(model)
        list_url_name(model)
        built += 1
    return built


TRIM_INTERVAL = 0.5


def _libc_function(name: str):
    """A function of the C library (glibc's mallopt, malloc_trim), or None elsewhere (musl, macOS)."""
    path = ctypes.util.find_library("c")
    if not path:
        return None
    try:
        return getattr(ctypes.CDLL(path), name)
    except (OSError, AttributeError):
        return None


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Ask glibc for at most `arenas` malloc arenas (no-op elsewhere); True when applied."""
    mallopt = _libc_function("mallopt")
    return bool(mallopt and mallopt(M_ARENA_MAX, arenas))


class _Trimmer:
    """`request_finished` receiver: `malloc_trim(0)` when `TRIM_INTERVAL` s have passed since the last one."""

    def __init__(self, malloc_trim) -> None:
        self.malloc_trim = malloc_trim
        self.last = 0.0
        self.lock = threading.Lock()

    def __call__(self, **kwargs) -> None:
        now = time.monotonic()
        if now - self.last < TRIM_INTERVAL or not self.lock.acquire(blocking=False):
            return
        try:
            self.last = now
            self.malloc_trim(0)
        finally:
            self.lock.release()


_trimmer: _Trimmer | None = None


def after_fork() -> bool:
    """In a forked web worker: return freed memory to the system after requests; True when installed."""
    global _trimmer
    from django.core.signals import request_finished

    malloc_trim = _libc_function("malloc_trim")
    if malloc_trim is None or _trimmer is not None:
        return _trimmer is not None
    _trimmer = _Trimmer(malloc_trim)
    request_finished.connect(_trimmer, dispatch_uid="nautobot.core.prefork.trim")
    return True


def freeze_heap() -> int:
    """Collect garbage, then move every surviving object to the permanent generation; return their number."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def prepare() -> dict:
    """Everything above, in order; called at the end of loading `nautobot.core.wsgi`."""
    summary = {
        "url_patterns": populate_url_resolvers(),
        "specs": build_api_machinery(),
        "malloc_arenas_limited": limit_malloc_arenas(),
    }
    summary["frozen_objects"] = freeze_heap()
    logger.debug("prepared for fork: %s", summary)
    return summary
