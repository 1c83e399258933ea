"""The operations settings of a 1.x `nautobot_config.py`, completed and checked when the configuration loads.

Caches, sessions, CORS and media storage keep their 1.x names and meaning; here they are mapped onto what Django
5.2 and the libraries behind them (django-redis, django-cors-headers, django-storages) read, and a value that
cannot work stops every command with one line naming the setting (`ConfigError`), instead of a traceback at the
first request that needs it.
"""

import importlib.util
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

# Django's engines, and ours (database sessions that a maintenance window turns into signed cookies).
DEFAULT_SESSION_ENGINE = "nautobot.core.sessions"
FILE_SESSION_ENGINE = "django.contrib.sessions.backends.file"
DJANGO_DB_SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Put first in AUTHENTICATION_BACKENDS: refuses password attempts while a name or address is limited.
LOGIN_LIMITS_BACKEND = "nautobot.core.login_limits.LoginFailureLimitBackend"
# What to install for each optional library a 1.x setting may name.
EXTRAS = {"django_redis": "django-redis", "storages": "nautobot[remote_storage]", "boto3": "nautobot[remote_storage]"}


class OpsSettingError(ValueError):
    """A value that cannot work; the message names the setting (config.py adds the file)."""


def complete(settings: dict[str, Any]) -> None:
    """Check and complete the operations settings in place (raises `OpsSettingError`)."""
    _check_caches(settings)
    _complete_sessions(settings)
    _complete_cors(settings)
    _complete_storage(settings)
    _complete_sign_in(settings)


def why_not_importable(dotted: str) -> str | None:
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
        why = why_not_importable(backend)
        if why:
            source = " (from NAUTOBOT_CACHES_BACKEND)" if backend == os.environ.get("NAUTOBOT_CACHES_BACKEND") else ""
            raise OpsSettingError(f"CACHES[{alias!r}]['BACKEND'] = {backend!r}{source} cannot be used: {why}.")


def _complete_sessions(settings: dict[str, Any]) -> None:
    """SESSION_FILE_PATH (or NAUTOBOT_SESSION_FILE_PATH) moves sessions to files in that directory, as in 1.6,
    unless SESSION_ENGINE names another engine; the directory is created and must be writable.

    Django's database engine, which 1.x configurations name, is ours: the same rows, kept through maintenance mode
    (1.6's system checks refuse maintenance mode with it)."""
    path = settings.get("SESSION_FILE_PATH")
    if settings.get("SESSION_ENGINE") == DJANGO_DB_SESSION_ENGINE:
        settings["SESSION_ENGINE"] = DEFAULT_SESSION_ENGINE
    elif path not in (None, "") and settings.get("SESSION_ENGINE", DEFAULT_SESSION_ENGINE) == DEFAULT_SESSION_ENGINE:
        settings["SESSION_ENGINE"] = FILE_SESSION_ENGINE
    if path in (None, ""):
        return
    if not isinstance(path, (str, os.PathLike)):
        raise OpsSettingError(f"SESSION_FILE_PATH = {path!r} must be the path of a directory.")
    directory = Path(path).expanduser().absolute()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OpsSettingError(
            f"SESSION_FILE_PATH = {str(path)!r}: cannot create the directory ({exc.strerror})."
        ) from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OpsSettingError(f"SESSION_FILE_PATH = {str(path)!r}: the directory is not writable by this user.")
    settings["SESSION_FILE_PATH"] = str(directory)


# 1.x's older names of the CORS settings, which django-cors-headers still reads when the new one is unset.
CORS_ALIASES = {
    "CORS_ORIGIN_ALLOW_ALL": "CORS_ALLOW_ALL_ORIGINS",
    "CORS_ORIGIN_WHITELIST": "CORS_ALLOWED_ORIGINS",
    "CORS_ORIGIN_REGEX_WHITELIST": "CORS_ALLOWED_ORIGIN_REGEXES",
}
CORS_DEFAULTS = {"CORS_ALLOW_ALL_ORIGINS": False, "CORS_ALLOWED_ORIGINS": [], "CORS_ALLOWED_ORIGIN_REGEXES": []}


def _complete_cors(settings: dict[str, Any]) -> None:
    for old, new in CORS_ALIASES.items():
        # Our defaults define the new names; an old name a 1.x file sets applies where the new one was left alone.
        if old in settings and settings.get(new) == CORS_DEFAULTS[new]:
            settings[new] = settings[old]
    if not isinstance(settings.get("CORS_ALLOW_ALL_ORIGINS"), bool):
        raise OpsSettingError(
            f"CORS_ALLOW_ALL_ORIGINS = {settings.get('CORS_ALLOW_ALL_ORIGINS')!r} must be True or False."
        )
    origins = settings.get("CORS_ALLOWED_ORIGINS")
    if not isinstance(origins, (list, tuple)):
        raise OpsSettingError(f"CORS_ALLOWED_ORIGINS = {origins!r} must be a list of origins.")
    for origin in origins:
        parts = urlsplit(origin) if isinstance(origin, str) else None
        if origin in ("null", "file://"):
            continue
        if parts is None or not parts.scheme or not parts.netloc or parts.path or parts.query or parts.fragment:
            raise OpsSettingError(
                f"CORS_ALLOWED_ORIGINS: {origin!r} is not an origin: write scheme://host[:port], "
                "e.g. 'https://example.com', with no path."
            )
    regexes = settings.get("CORS_ALLOWED_ORIGIN_REGEXES")
    if not isinstance(regexes, (list, tuple)):
        raise OpsSettingError(f"CORS_ALLOWED_ORIGIN_REGEXES = {regexes!r} must be a list of regular expressions.")
    for pattern in regexes:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as exc:
            raise OpsSettingError(
                f"CORS_ALLOWED_ORIGIN_REGEXES: {pattern!r} is not a regular expression ({exc})."
            ) from None


def _complete_storage(settings: dict[str, Any]) -> None:
    """STORAGE_BACKEND becomes the default storage (Django's `STORAGES["default"]`, 1.x's DEFAULT_FILE_STORAGE), and
    each STORAGE_CONFIG entry becomes the setting the backend reads (django-storages reads AWS_*, AZURE_*, GS_*, ...
    from the settings); as in 1.6, a name in STORAGE_CONFIG wins over the same name set outside it."""
    backend = settings.get("STORAGE_BACKEND")
    config = settings.get("STORAGE_CONFIG") or {}
    if not isinstance(config, dict) or not all(isinstance(key, str) and key.isupper() for key in config):
        raise OpsSettingError(
            "STORAGE_CONFIG must be a dict of the storage backend's settings by name, e.g. "
            "{'AWS_STORAGE_BUCKET_NAME': 'nautobot-media'}."
        )
    if backend is None:
        if config:  # as 1.6 warns (nautobot.core.W005), in the configuration's warning lines
            settings.setdefault("REFUSED_SETTINGS", []).append(
                "STORAGE_CONFIG is set but STORAGE_BACKEND is not: uploaded files stay under MEDIA_ROOT "
                "(STORAGE_CONFIG ignored)"
            )
        return
    if not isinstance(backend, str) or not backend:
        raise OpsSettingError(f"STORAGE_BACKEND = {backend!r} must be the dotted path of a storage class.")
    why = why_not_importable(backend)
    if why:
        raise OpsSettingError(f"STORAGE_BACKEND = {backend!r} cannot be used: {why}.")
    settings.update(config)
    storages = dict(settings.get("STORAGES") or {})
    storages["default"] = {"BACKEND": backend}
    storages.setdefault("staticfiles", {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"})
    settings["STORAGES"] = storages
    settings["DEFAULT_FILE_STORAGE"] = backend  # 1.x's name, which 1.x apps read


def _complete_sign_in(settings: dict[str, Any]) -> None:
    """REMOTE_AUTH_TRUSTED_PROXIES must be addresses or networks; the failed-login limit goes first in
    AUTHENTICATION_BACKENDS (`nautobot.core.login_limits`: it refuses limited attempts before any backend runs)."""
    from nautobot.core import proxies

    trusted = settings.get("REMOTE_AUTH_TRUSTED_PROXIES") or []
    if isinstance(trusted, str) or not isinstance(trusted, (list, tuple)):
        raise OpsSettingError(
            f"REMOTE_AUTH_TRUSTED_PROXIES = {trusted!r} must be a list of addresses or networks, e.g. ['10.0.0.0/8']."
        )
    try:
        proxies.parse_networks(tuple(trusted))
    except ValueError as exc:
        raise OpsSettingError(str(exc)) from None
    backends = settings.get("AUTHENTICATION_BACKENDS")
    if not isinstance(backends, (list, tuple)) or not all(isinstance(path, str) for path in backends):
        raise OpsSettingError(
            "AUTHENTICATION_BACKENDS must be a list of dotted paths, e.g. "
            "['nautobot.core.authentication.ObjectPermissionBackend']."
        )
    settings["AUTHENTICATION_BACKENDS"] = [LOGIN_LIMITS_BACKEND, *(p for p in backends if p != LOGIN_LIMITS_BACKEND)]
