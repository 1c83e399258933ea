"""The operations settings of a 1.x `nautobot_config.py`, completed and checked when the configuration loads.

Caches keep their 1.x names and meaning; here they are mapped onto what Django
5.2 and the libraries behind them (django-redis) read, and a value that
cannot work stops every command with one line naming the setting (`ConfigError`), instead of a traceback at the
first request that needs it.
"""

import importlib.util
import os
from typing import Any

# What to install for each optional library a 1.x setting may name.
EXTRAS = {"django_redis": "django-redis"}


class OpsSettingError(ValueError):
    """A value that cannot work; the message names the setting (config.py adds the file)."""


def complete(settings: dict[str, Any]) -> None:
    """Check and complete the operations settings in place (raises `OpsSettingError`)."""
    _check_caches(settings)


def _importable(dotted: str) -> str | None:
    """Return why the class at `dotted` cannot be imported, or None when its module is installed."""
    module = dotted.rpartition(".")[0]
    if not module:
        return "it is not a dotted path to a class"
    try:
        found = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        found = None
    if found is None:
        top = module.split(".")[0]
        hint = f" (install it: pip install '{EXTRAS[top]}')" if top in EXTRAS else ""
        return f"there is no module {module!r}{hint}"
    return None


def _check_caches(settings: dict[str, Any]) -> None:
    caches = settings.get("CACHES")
    if not isinstance(caches, dict) or "default" not in caches:
        raise OpsSettingError('CACHES must be a dict with a "default" cache, as in the 1.x required settings.')
    for alias, cache in caches.items():
        backend = cache.get("BACKEND") if isinstance(cache, dict) else None
        if not isinstance(backend, str) or not backend:
            raise OpsSettingError(f"CACHES[{alias!r}] has no BACKEND (e.g. 'django_redis.cache.RedisCache').")
        why = _importable(backend)
        if why:
            source = " (from NAUTOBOT_CACHES_BACKEND)" if backend == os.environ.get("NAUTOBOT_CACHES_BACKEND") else ""
            raise OpsSettingError(f"CACHES[{alias!r}]['BACKEND'] = {backend!r}{source} cannot be used: {why}.")
