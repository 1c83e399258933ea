"""Typed readers for `NAUTOBOT_*` environment variables, and URL builders for databases and Redis.

Every setting that comes from the environment goes through `env_*` here, so a bad value always
gives the same kind of error: the variable, the value and what would be accepted. The module keeps
the original's public names (`is_truthy`, `parse_redis_connection`) because existing
`nautobot_config.py` files import them.
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

TRUE_WORDS = frozenset({"y", "yes", "t", "true", "on", "1"})
FALSE_WORDS = frozenset({"n", "no", "f", "false", "off", "0"})


class SettingError(ValueError):
    """A setting has a value we cannot use; the message says which one and how to fix it."""


def is_truthy(value: Any) -> bool:
    """Return True/False for a boolean-ish value (`yes`/`no`, `true`/`false`, `1`/`0`, `on`/`off`)."""
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{value!r} is not a boolean; use one of true/false, yes/no, on/off, 1/0")


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None or value == "" else value


def env_str(name: str, default: str = "") -> str:
    """Return the variable's text, or `default` when it is unset or empty."""
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a boolean, or `default` when it is unset or empty."""
    value = _raw(name)
    if value is None:
        return default
    try:
        return is_truthy(value)
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a boolean: use true/false, yes/no, on/off or 1/0.") from None


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Return the variable as an integer (at least `minimum`), or `default` when it is unset or empty."""
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise SettingError(f"{name}={value!r} is too small: it must be at least {minimum}.")
    return number


def env_list(name: str, default: list[str], *, sep: str | None = None) -> list[str]:
    """Return the variable split on `sep` (any white space by default), or `default` when unset."""
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(sep) if item.strip()]


def env_port_list(name: str, default: list[int]) -> list[int]:
    """Return the variable as a list of TCP ports (`9100,9101`), or `default` when it is unset or empty."""
    value = _raw(name)
    if value is None:
        return list(default)
    try:
        ports = [int(item) for item in value.split(",") if item.strip()]
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a comma-separated list of port numbers.") from None
    if not all(0 < port < 65536 for port in ports):
        raise SettingError(f"{name}={value!r}: every port must be between 1 and 65535.")
    return ports


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """Return the variable if it is one of `choices` (case-insensitive), or `default` when unset."""
    value = _raw(name)
    if value is None:
        return default
    if value.upper() not in {c.upper() for c in choices}:
        raise SettingError(f"{name}={value!r} is not one of: {', '.join(choices)}.")
    return value.upper() if all(c.isupper() for c in choices) else value


def env_path(name: str, default: Path | str) -> str:
    """Return the variable as an absolute path with `~` expanded, or `default`."""
    return str(Path(env_str(name, str(default))).expanduser().absolute())


def nautobot_root() -> str:
    """Return `$NAUTOBOT_ROOT`, `~/.nautobot` by default."""
    return env_path("NAUTOBOT_ROOT", "~/.nautobot")


REDIS_VARIABLES = (
    "NAUTOBOT_REDIS_HOST",
    "NAUTOBOT_REDIS_PORT",
    "NAUTOBOT_REDIS_USERNAME",
    "NAUTOBOT_REDIS_PASSWORD",
    "NAUTOBOT_REDIS_SSL",
    "NAUTOBOT_REDIS_SCHEME",
)


def is_redis_configured() -> bool:
    """Return True if any `NAUTOBOT_REDIS_*` variable is set (otherwise we run without Redis)."""
    return any(_raw(name) is not None for name in REDIS_VARIABLES)


def parse_redis_connection(redis_database: int) -> str:
    """Build a Redis URL for database number `redis_database` from the `NAUTOBOT_REDIS_*` variables.

    Unlike the original, the username and password are URL-encoded, so `@`, `/` or `:` in a password
    work.
    """
    scheme = env_str("NAUTOBOT_REDIS_SCHEME", "rediss" if env_bool("NAUTOBOT_REDIS_SSL", False) else "redis")
    if scheme not in ("redis", "rediss", "unix"):
        raise SettingError(f"NAUTOBOT_REDIS_SCHEME={scheme!r} is not one of: redis, rediss, unix.")
    host = env_str("NAUTOBOT_REDIS_HOST", "localhost")
    port = env_int("NAUTOBOT_REDIS_PORT", 6379, minimum=1)
    username = env_str("NAUTOBOT_REDIS_USERNAME")
    password = env_str("NAUTOBOT_REDIS_PASSWORD")
    credentials = ""
    if username or password:
        credentials = f"{quote(username, safe='')}:{quote(password, safe='')}@"
    if scheme == "unix":
        return f"unix://{credentials}{host}?db={redis_database}"
    return f"{scheme}://{credentials}{host}:{port}/{redis_database}"


DB_ENGINES = {
    "postgresql": "django.db.backends.postgresql",
    "mysql": "django.db.backends.mysql",
    "sqlite3": "django.db.backends.sqlite3",
}
DB_VARIABLES = ("NAUTOBOT_DB_HOST", "NAUTOBOT_DB_NAME", "NAUTOBOT_DB_USER", "NAUTOBOT_DB_PASSWORD", "NAUTOBOT_DB_PORT")


def database_from_env(root: str) -> dict[str, Any]:
    """Build `DATABASES["default"]` from the `NAUTOBOT_DB_*` variables.

    With no `NAUTOBOT_DB_*` variable at all this is the embedded default: SQLite under `root`. A
    `NAUTOBOT_DB_HOST`/`NAME`/`USER`/`PASSWORD`/`PORT` without an engine means PostgreSQL, as in the
    original. `NAUTOBOT_DB_ENGINE` takes a full dotted path or a short name (postgresql, mysql, sqlite3).
    """
    engine = _raw("NAUTOBOT_DB_ENGINE")
    if engine is None:
        has_server = any(_raw(name) is not None for name in DB_VARIABLES)
        engine = DB_ENGINES["postgresql"] if has_server else DB_ENGINES["sqlite3"]
    engine = DB_ENGINES.get(engine, engine)
    if engine.endswith("sqlite3"):
        name = env_path("NAUTOBOT_DB_NAME", Path(root) / "nautobot.sqlite3")
    else:
        name = env_str("NAUTOBOT_DB_NAME", "nautobot")
    return {
        "ENGINE": engine,
        "NAME": name,
        "USER": env_str("NAUTOBOT_DB_USER"),
        "PASSWORD": env_str("NAUTOBOT_DB_PASSWORD"),
        "HOST": env_str("NAUTOBOT_DB_HOST", "" if engine.endswith("sqlite3") else "localhost"),
        "PORT": env_str("NAUTOBOT_DB_PORT"),
        "CONN_MAX_AGE": env_int("NAUTOBOT_DB_TIMEOUT", 300, minimum=0),
    }


# Front-end packages that are plain Python distributions (not Django apps): (static prefix, module, sub-directory).
VENDOR_STATIC = (
    ("vendor/bootstrap", "bootstrap", ""),  # bootstrap-wrapper: Bootstrap 5 css/ and js/
    ("vendor/tom-select", "django_tomselect", "static/django_tomselect"),  # the Tom Select bundle and its css
)


def vendor_static_dirs() -> list[tuple[str, str]]:
    """`STATICFILES_DIRS` entries for the front-end packages in `VENDOR_STATIC` (a missing one is skipped)."""
    import importlib.util

    dirs = []
    for prefix, module, sub in VENDOR_STATIC:
        spec = importlib.util.find_spec(module)
        if spec is None or not spec.submodule_search_locations:
            continue
        dirs.append((prefix, os.path.join(list(spec.submodule_search_locations)[0], sub)))
    return dirs


REMOTE_USER_BACKEND = "nautobot.core.authentication.RemoteUserBackend"


def remote_auth_enabled(auth_backends: list[str] | tuple[str, ...]) -> bool:
    """Whether `auth_backends` (AUTHENTICATION_BACKENDS) signs users in by a proxy's remote-user header (1.x's name)."""
    return REMOTE_USER_BACKEND in auth_backends
