"""Find, write and load the user's `nautobot_config.py`.

The file is plain Python laid over `nautobot.core.settings`: it runs with a copy of every default in
its namespace (so `CACHES["default"]["TIMEOUT"] = 60` edits the default in place, as does a file
that starts with the original's `from nautobot.core.settings import *`), every UPPERCASE name it
defines replaces the default, and `EXTRA_<NAME>` appends to (or, for a dict, updates) the default
`<NAME>`.
Errors are raised as `ConfigError`, whose text is meant for the person running the command.
"""

import copy
import os
import secrets
import sys
import traceback
from pathlib import Path
from typing import Any

import nautobot
from nautobot.core import config_ops, prometheus
from nautobot.core.plugins import PluginError
from nautobot.core.plugins.loading import load_plugins
from nautobot.core.settings_catalog import refusals
from nautobot.core.settings_funcs import SettingError, nautobot_root

SETTINGS_MODULE = "nautobot.core.active_settings"
CONFIG_FILENAME = "nautobot_config.py"
TEMPLATE = Path(__file__).parent / "templates" / "nautobot_config.py.tmpl"


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the fix."""


def resolve_config_path(cli_path: str | os.PathLike | None = None) -> Path:
    """Return the config path: `--config`, else `$NAUTOBOT_CONFIG`, else `$NAUTOBOT_ROOT/nautobot_config.py`."""
    chosen = cli_path or os.environ.get("NAUTOBOT_CONFIG") or os.path.join(nautobot_root(), CONFIG_FILENAME)
    return Path(chosen).expanduser().absolute()


def write_config(path: Path) -> None:
    """Write a commented config with fresh secret keys; refuse to overwrite an existing file."""
    if path.exists():
        raise ConfigError(f"{path} already exists; not overwriting it. Remove it first or choose another path.")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.read_text().replace("{{ secret_key }}", secrets.token_urlsafe(50))
    text = text.replace("{{ git_credentials_key }}", secrets.token_urlsafe(50))
    path.write_text(text)


def _copy_of(value: Any) -> Any:
    try:
        return copy.deepcopy(value)
    except Exception:  # an object that cannot be copied is shared as is (none of the defaults today)
        return value


def _execute_user_file(path: Path, defaults: dict[str, Any]) -> dict[str, Any]:
    try:
        source = path.read_text()
    except OSError as exc:
        raise ConfigError(f"Cannot read the configuration file {path}: {exc.strerror}.") from None
    namespace: dict[str, Any] = {name: _copy_of(value) for name, value in defaults.items()}
    namespace.update({"__file__": str(path), "__name__": "nautobot_config"})
    try:
        exec(compile(source, str(path), "exec"), namespace)
    except SyntaxError as exc:
        raise ConfigError(
            f"The configuration file {path} has a syntax error on line {exc.lineno}: {exc.msg}. "
            "Fix that line, or regenerate the file with `nautobot-server init`."
        ) from None
    except (ConfigError, SettingError) as exc:
        raise ConfigError(f"{exc} (while loading {path})") from None
    except Exception as exc:
        lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == str(path)]
        where = f" on line {lines[-1]}" if lines else ""
        raise ConfigError(
            f"The configuration file {path} failed{where} with {type(exc).__name__}: {exc}. "
            "Fix the file, or regenerate it with `nautobot-server init`."
        ) from None
    return namespace


def _merge(defaults: dict[str, Any], user: dict[str, Any], path: Path) -> dict[str, Any]:
    merged = dict(defaults)
    merged.update({k: v for k, v in user.items() if k.isupper() and not k.startswith("EXTRA_")})
    for key, extra in user.items():
        if not (key.isupper() and key.startswith("EXTRA_")):
            continue
        name = key.removeprefix("EXTRA_")
        base = merged.get(name)
        if isinstance(base, (list, tuple)) and isinstance(extra, (list, tuple)):
            merged[name] = [*base, *extra]
        elif isinstance(base, dict) and isinstance(extra, dict):
            merged[name] = {**base, **extra}
        else:
            raise ConfigError(
                f"{key} in {path} extends {name}, which must be a list or a dict of the same kind "
                f"(it is {type(base).__name__}, and {key} is {type(extra).__name__})."
            )
    return merged


def _default_settings() -> dict[str, Any]:
    """Evaluate the defaults against the environment as it is now (re-evaluated if imported before)."""
    import importlib

    try:
        if "nautobot.core.settings" in sys.modules:
            settings = importlib.reload(sys.modules["nautobot.core.settings"])
        else:
            from nautobot.core import settings
    except SettingError as exc:
        raise ConfigError(str(exc)) from None
    return {k: v for k, v in vars(settings).items() if k.isupper()}


def load_settings(path: Path, *, server_role: str | None = None) -> dict[str, Any]:
    """Return every setting: the defaults, overlaid with the file at `path`, checked and completed."""
    if not path.is_file():
        raise ConfigError(
            f"No configuration file at {path}. Create one with `nautobot-server init {path}`, or point "
            "--config or NAUTOBOT_CONFIG at your existing nautobot_config.py."
        )
    defaults = _default_settings()
    user = _execute_user_file(path, defaults)
    merged = _merge(defaults, user, path)
    _refuse_unsupported(merged, _user_values(user, defaults), path)
    _finalize(merged, path, server_role)
    return merged


def _user_values(namespace: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """The settings the file set to something other than the default (or that have no default here)."""
    changed = {}
    for name, value in namespace.items():
        if not name.isupper() or name.startswith("EXTRA_"):
            continue
        if name in defaults:
            try:
                if value == defaults[name]:
                    continue
            except Exception:  # a value that cannot be compared counts as set
                pass
        changed[name] = value
    return changed


def _refuse_unsupported(settings: dict[str, Any], user_values: dict[str, Any], path: Path) -> None:
    """Settings of 1.6 that are not supported here: one line each (`settings_catalog`); stop where going on is unsafe."""
    found = refusals(user_values, os.environ)
    stops = [line for setting, line in found if setting.stop]
    if stops:
        raise ConfigError(f"{stops[0]} (in {path} or the environment)")
    settings["REFUSED_SETTINGS"] = [line for _, line in found]


def _finalize(settings: dict[str, Any], path: Path, server_role: str | None = None) -> None:
    base_path = settings.get("BASE_PATH")
    if base_path and not settings.get("FORCE_SCRIPT_NAME"):
        # NetBox's (and Nautobot 1.0 beta's) name for serving under a sub-path: FORCE_SCRIPT_NAME, as 1.x documents.
        settings["FORCE_SCRIPT_NAME"] = "/" + str(base_path).strip("/")
    if not settings.get("SECRET_KEY"):
        raise ConfigError(
            f"SECRET_KEY is empty. Set it in {path} or in NAUTOBOT_SECRET_KEY "
            "(`nautobot-server init` writes a fresh one into new configuration files)."
        )
    if not isinstance(settings.get("ALLOWED_HOSTS"), (list, tuple)):
        raise ConfigError(f"ALLOWED_HOSTS in {path} must be a list of host names, e.g. ['nautobot.example.com'].")
    try:
        prometheus.check_settings(settings)
    except SettingError as exc:
        raise ConfigError(f"{exc} ({path})") from None
    if server_role:  # before anything imports a backend (and so prometheus_client): see nautobot.core.prometheus
        prometheus.use_multiprocess_dir(settings, server_role)
    for alias, database in settings["DATABASES"].items():
        _complete_database(alias, database, path)
    root = Path(settings["NAUTOBOT_ROOT"])
    for directory in (root, Path(settings["MEDIA_ROOT"]), Path(settings["GIT_ROOT"]), Path(settings["JOBS_ROOT"])):
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"Cannot create the directory {directory}: {exc.strerror}. Check NAUTOBOT_ROOT."
            ) from None
    (Path(settings["JOBS_ROOT"]) / "__init__.py").touch(exist_ok=True)
    try:
        config_ops.complete(settings)  # CACHES, sessions, CORS, storage checked before anything reads them
    except config_ops.OpsSettingError as exc:
        raise ConfigError(f"{exc} (in {path} or its NAUTOBOT_* variable)") from None
    _complete_runtime_settings(settings)
    prometheus.instrument(settings)  # after the engines' short names are resolved and the cache backend is chosen
    _load_plugins(settings, path)


def _complete_runtime_settings(settings: dict[str, Any]) -> None:
    """django-constance caches its values in CONSTANCE_DATABASE_CACHE_BACKEND, which must be shared by every process:
    a cache private to each process (LocMemCache, e.g. in a test configuration) or none at all is not used (the
    database is read directly; constance itself refuses LocMemCache)."""
    alias = settings.get("CONSTANCE_DATABASE_CACHE_BACKEND")
    backend = str((settings.get("CACHES") or {}).get(alias or "", {}).get("BACKEND", ""))
    if alias and (not backend or backend.endswith(("locmem.LocMemCache", "dummy.DummyCache"))):
        settings["CONSTANCE_DATABASE_CACHE_BACKEND"] = None


def _load_plugins(settings: dict[str, Any], path: Path) -> None:
    try:
        load_plugins(settings, nautobot.__version__)
    except PluginError as exc:
        raise ConfigError(f"{exc} (PLUGINS in {path})") from None


SHORT_ENGINES = {"postgresql": "django.db.backends.postgresql", "mysql": "django.db.backends.mysql",
                 "sqlite3": "django.db.backends.sqlite3"}  # fmt: skip


def _complete_database(alias: str, database: dict[str, Any], path: Path) -> None:
    engine = database.get("ENGINE", "")
    if engine in SHORT_ENGINES:  # NAUTOBOT_DB_ENGINE's short names, read by a 1.x file with os.getenv()
        database["ENGINE"] = engine = SHORT_ENGINES[engine]
    if engine:
        if config_ops.why_not_importable(f"{engine}.base.DatabaseWrapper"):
            raise ConfigError(
                f'DATABASES["{alias}"]["ENGINE"] in {path} is {engine!r}, which is no database backend: use '
                '"django.db.backends.postgresql", "django.db.backends.mysql" or "django.db.backends.sqlite3".'
            )
    options = database.setdefault("OPTIONS", {})
    if "mysql" in engine:
        # MySQL's "utf8" is 3 bytes wide: 4-byte characters (emoji) would fail to save.
        options["charset"] = "utf8mb4"
        options.setdefault("init_command", "SET sql_mode='STRICT_TRANS_TABLES'")
    elif engine.endswith("sqlite3"):
        name = database.get("NAME")
        if not name:
            raise ConfigError(f'DATABASES["{alias}"]["NAME"] in {path} must be the path of the SQLite file.')
        if name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets the web service read while a worker writes; IMMEDIATE avoids lock-upgrade deadlocks.
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", 30)
        # Each SQLite connection is cheap; persistent ones would hold WAL snapshots open across processes.
        database["CONN_MAX_AGE"] = 0
    elif not engine:
        raise ConfigError(f'DATABASES["{alias}"] in {path} has no ENGINE.')


_validated: dict[Path, dict[str, Any]] = {}


def validate_and_keep(path: Path, *, announce: bool = True, server_role: str | None = None) -> None:
    """Load `path` now (errors become ConfigError) and keep the result for `current_settings()`.

    `announce`: print the configuration's unsupported settings, one line each, on standard error.

    `nautobot.setup()` calls this before Django imports the settings module, so the user's file is
    executed once per process, not twice. `server_role`: see `nautobot.setup()`.
    """
    _validated[path] = loaded = load_settings(path, server_role=server_role)
    if announce:
        for line in loaded["REFUSED_SETTINGS"]:
            print(f"nautobot-server: warning: {line}", file=sys.stderr)


def current_settings() -> dict[str, Any]:
    """The settings for the config this process was started with (used by `active_settings`)."""
    path = resolve_config_path()
    kept = _validated.pop(path, None)
    return kept if kept is not None else load_settings(path)


def exit_with(error: Exception, code: int = 2) -> None:
    """Print a user-facing error in one paragraph and exit (no traceback)."""
    print(f"nautobot-server: {error}", file=sys.stderr)
    raise SystemExit(code)
