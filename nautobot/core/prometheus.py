"""What `METRICS_ENABLED` changes in the settings, and where the processes of a server keep their metrics.

With `METRICS_ENABLED`, as the original: django-prometheus is installed, its two middlewares wrap every request
(`django_http_*`), and a database or cache backend of Django's is replaced by django-prometheus's instrumented
subclass of it (`django_db_*`, `django_cache_*`), so a 1.x configuration that names Django's backends gets the
same metrics as one that names django-prometheus's.

Processes: prometheus_client counts in each process. The web service (uWSGI, several workers) and a Celery worker
(prefork children) therefore keep their counters in a multiprocess directory, read by every scrape: the
operator's `PROMETHEUS_MULTIPROC_DIR` when set (as 1.x documents), else one of ours under
`$NAUTOBOT_ROOT/prometheus/`, emptied when the server starts. It must be chosen before prometheus_client is
imported, so loading the configuration of a server calls `use_multiprocess_dir` before it checks backends (by
importing them) or loads plugins.
"""

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from nautobot.core.settings_funcs import SettingError

BEFORE_MIDDLEWARE = "django_prometheus.middleware.PrometheusBeforeMiddleware"
AFTER_MIDDLEWARE = "django_prometheus.middleware.PrometheusAfterMiddleware"
DB_BACKENDS = {
    f"django.db.backends.{name}": f"django_prometheus.db.backends.{name}" for name in ("postgresql", "mysql", "sqlite3")
}
CACHE_BACKENDS = {
    "django.core.cache.backends.redis.RedisCache": "django_prometheus.cache.backends.redis.NativeRedisCache",
    "django_redis.cache.RedisCache": "django_prometheus.cache.backends.redis.RedisCache",
    # Ours for these two: django-prometheus's lose stored false values (`nautobot.core.metrics_caches`).
    "django.core.cache.backends.filebased.FileBasedCache": "nautobot.core.metrics_caches.FileBasedCache",
    "django.core.cache.backends.locmem.LocMemCache": "nautobot.core.metrics_caches.LocMemCache",
    "django_prometheus.cache.backends.filebased.FileBasedCache": "nautobot.core.metrics_caches.FileBasedCache",
    "django_prometheus.cache.backends.locmem.LocMemCache": "nautobot.core.metrics_caches.LocMemCache",
}
# Set beside PROMETHEUS_MULTIPROC_DIR when the directory is ours (so a uWSGI reload, which re-executes the
# master with this environment, empties it again instead of taking it for the operator's).
OWN_DIR_VARIABLE = "NAUTOBOT_PROMETHEUS_OWN_DIR"


def process_registry():
    """Every process's metrics when they share a multiprocess directory (`use_multiprocess_dir`), else this
    process's (prometheus_client's default registry)."""
    from prometheus_client import REGISTRY, CollectorRegistry, multiprocess

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir"):
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    return REGISTRY


def check_settings(settings: dict[str, Any]) -> None:
    """Raise SettingError (one line naming the setting) for a metrics setting of the wrong kind."""
    for name in ("METRICS_ENABLED", "METRICS_AUTHENTICATED", "PROMETHEUS_EXPORT_MIGRATIONS"):
        if not isinstance(settings.get(name, False), bool):
            raise SettingError(f"{name} must be True or False (it is {settings[name]!r}).")
    ports = settings.get("CELERY_WORKER_PROMETHEUS_PORTS", [])
    if not isinstance(ports, (list, tuple)) or not all(
        isinstance(port, int) and not isinstance(port, bool) and 0 < port < 65536 for port in ports
    ):
        raise SettingError(
            f"CELERY_WORKER_PROMETHEUS_PORTS must be a list of port numbers (1-65535), e.g. [8080, 8081]; "
            f"it is {ports!r}."
        )


def instrument(settings: dict[str, Any]) -> None:
    """With `METRICS_ENABLED`: install django-prometheus, its middlewares and its instrumented backends."""
    if not settings.get("METRICS_ENABLED"):
        return
    if "django_prometheus" not in settings["INSTALLED_APPS"]:
        settings["INSTALLED_APPS"] = [*settings["INSTALLED_APPS"], "django_prometheus"]
    middleware = [m for m in settings["MIDDLEWARE"] if m not in (BEFORE_MIDDLEWARE, AFTER_MIDDLEWARE)]
    settings["MIDDLEWARE"] = [BEFORE_MIDDLEWARE, *middleware, AFTER_MIDDLEWARE]
    # Only the backends named here are swapped; anything else (or a malformed entry) is left to the checks after.
    for database in settings["DATABASES"].values():
        if isinstance(database, dict) and database.get("ENGINE") in DB_BACKENDS:
            database["ENGINE"] = DB_BACKENDS[database["ENGINE"]]
    for cache in settings["CACHES"].values():
        if isinstance(cache, dict) and cache.get("BACKEND") in CACHE_BACKENDS:
            cache["BACKEND"] = CACHE_BACKENDS[cache["BACKEND"]]


def server_role(command: str, args: list[str]) -> str | None:
    """`web` for `start`, `worker` for `celery worker`; None for a command whose metrics nobody scrapes."""
    if command == "start":
        return "web"
    if command == "celery" and "worker" in args:
        return "worker"
    return None


def use_multiprocess_dir(settings: dict[str, Any], role: str) -> Path | None:
    """Point prometheus_client at the multiprocess directory of this server (see the module's docstring)."""
    own = os.environ.get(OWN_DIR_VARIABLE)
    chosen = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")
    if chosen and chosen != own:
        Path(chosen).mkdir(parents=True, exist_ok=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = chosen
        return Path(chosen)
    wanted = settings.get("METRICS_ENABLED") if role == "web" else settings.get("CELERY_WORKER_PROMETHEUS_PORTS")
    if not wanted:
        return None
    base = Path(settings["NAUTOBOT_ROOT"]) / "prometheus"
    _remove_dead_directories(base)
    if "prometheus_client" in sys.modules:  # its metrics already count in this process's memory: say so, go on
        print(
            f"Warning: prometheus_client was imported before the {role} service chose its metrics directory; "
            "/metrics will show one process's counters.",
            file=sys.stderr,
        )
    directory = base / f"{role}-{os.getpid()}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = os.environ[OWN_DIR_VARIABLE] = str(directory)
    return directory


def _remove_dead_directories(base: Path) -> None:
    """Remove the directories of servers that are gone (`<role>-<pid>` whose process no longer exists)."""
    if not base.is_dir():
        return
    for directory in base.iterdir():
        pid = directory.name.rpartition("-")[2]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(directory, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_metric_files() -> int:
    """Close the metric files this process has open, and have prometheus_client reopen them at its next count.

    For the process that becomes uWSGI's master: a reload re-executes it, and uWSGI then closes the descriptors it
    did not open and reuses their numbers for its sockets; a metric file opened before (while the configuration
    loaded) then pointed at a socket ("Illegal seek" in every worker, which closed the socket when it dropped the
    inherited files). prometheus_client keeps its open files in a closure: they are reached through its class.
    """
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR") or "prometheus_client.values" not in sys.modules:
        return 0
    from prometheus_client import values

    check = getattr(values.ValueClass, "_MmapedValue__check_for_pid_change", None)
    cells = dict(zip(check.__code__.co_freevars, check.__closure__ or (), strict=True)) if check else {}
    if "files" not in cells or "pid" not in cells:  # another prometheus_client layout: leave it alone
        return 0
    opened = list(cells["files"].cell_contents.values())
    for file in opened:
        file.close()
    cells["pid"].cell_contents["value"] = None  # as after a fork: the next count reopens every file, values kept
    return len(opened)
