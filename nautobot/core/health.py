"""Health checks shared by `/health/`, `nautobot-server health_check` and `nautobot-server config check`.

The database gets `SELECT 1`, the cache a `get`, the broker a connection, the file storage a small file written
and removed (as the original's check), and workers are judged by the heartbeats they write themselves. The
checks are `registry.health_checks`: the core registers these (`register`), an app may add its own.

`as_dict` answers in the original's shape (django-health-check: `{"DatabaseBackend": "working", ...}`, a failure
as `"unavailable: <why>"`) with ours beside it (`status`, `checks`). `/metrics` has 1.x's gauges
`health_check_database_info` and `health_check_redis_backend_info` (the latter with a Redis cache only; 1 up, 0 down),
from the two checks run at each scrape (`state_metrics`).
"""

import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.conf import settings
from kombu.utils.url import maybe_sanitize_url
from prometheus_client.core import GaugeMetricFamily

from nautobot.core.heartbeat import alive
from nautobot.core.registry import AppMetric, HealthCheck, registry

BROKER_TIMEOUT_S = 3.0


class ServiceUnavailable(Exception):
    """A backing service (database, cache, broker) cannot be reached; the message says which and how."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    required: bool
    ms: float


def _database() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    db = settings.DATABASES["default"]
    return f"{connection.vendor} {db.get('NAME')}"


def _cache() -> str:
    from django.core.cache import cache

    cache.get("nautobot:health-probe")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _broker() -> str:
    from nautobot.core.celery import app  # lazily: the Celery app is configured only where a broker check runs

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_S)
    return maybe_sanitize_url(app.conf.broker_url)


def _heartbeats(kind: str, label: str) -> Callable[[], str]:
    def check() -> str:
        found = alive(kind)
        if not found:
            raise ServiceUnavailable(
                f"no {label} has sent a heartbeat in the last {settings.WORKER_HEARTBEAT_TIMEOUT} s"
            )
        return f"{len(found)} alive: " + ", ".join(h.name for h in found)

    return check


def _storage() -> str:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    content = f"health check {uuid.uuid4()}".encode()
    name = default_storage.save(f"health_check_{uuid.uuid4().hex}.txt", ContentFile(content))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != content:
                raise ServiceUnavailable(f"the file storage returned other content for {name}")
    finally:
        default_storage.delete(name)
    return default_storage.__class__.__name__


_workers = _heartbeats("celery", "Celery worker")
_scheduler = _heartbeats("beat", "Celery beat scheduler")


def register() -> None:
    """Register the core's checks (called from `CoreConfig.ready`)."""
    for name, run in (
        ("database", _database),
        ("cache", _cache),
        ("storage", _storage),
        ("broker", _broker),
        ("workers", _workers),
        ("scheduler", _scheduler),
    ):
        registry.health_checks.register(HealthCheck(name, run))
    registry.system_metrics.register(AppMetric(state_metrics))


def check_names() -> list[str]:
    """The names of the registered checks, in order."""
    return list(registry.health_checks.by_key())


def run_checks(names: list[str] | None = None) -> list[CheckResult]:
    """Run the named checks (all by default) and return their results; never raises."""
    results = []
    for name in names or check_names():
        started = time.perf_counter()
        try:
            detail, ok = registry.health_checks.get(name).run(), True
        except Exception as exc:
            detail, ok = explain_connection_error(exc) or f"{type(exc).__name__}: {exc}", False
        results.append(
            CheckResult(
                name,
                ok,
                detail,
                name in settings.HEALTH_CHECKS_REQUIRED,
                round((time.perf_counter() - started) * 1000, 1),
            )
        )
    return results


def is_healthy(results: list[CheckResult]) -> bool:
    """True when every required check passed."""
    return all(r.ok for r in results if r.required)


# The original's (django-health-check's) name of each of our checks; a Redis cache is also its `RedisBackend`, and
# the workers' check is its `CeleryPingHealthCheck` where they are required (as that check, it then fails the probe).
ORIGINAL_NAMES = {
    "database": "DatabaseBackend",
    "storage": "DefaultFileStorageHealthCheck",
    "cache": "CacheBackend",
    "workers": "CeleryPingHealthCheck",
}
WORKING = "working"


def _is_redis_cache() -> bool:
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def as_dict(results: list[CheckResult]) -> dict:
    """The original's keys and words (`"working"`, `"unavailable: ..."`), then ours: `status` and `checks`."""
    answer = {}
    for result in results:
        original = ORIGINAL_NAMES.get(result.name)
        if original is None or (result.name == "workers" and not result.required):
            continue
        word = WORKING if result.ok else f"unavailable: {result.detail}"
        answer[original] = word
        if result.name == "cache" and _is_redis_cache():
            answer["RedisBackend"] = word
    return {
        **answer,
        "status": "ok" if is_healthy(results) else "error",
        "checks": {r.name: asdict(r) for r in results},
    }


def state_metrics():
    """1.x's health gauges (1: working, 0: failing) as the database and cache checks find them now."""
    gauges = {"database": ("health_check_database_info", "State of database backend")}
    if _is_redis_cache():
        gauges["cache"] = ("health_check_redis_backend_info", "State of redis backend")
    for result in run_checks(list(gauges)):
        name, documentation = gauges[result.name]
        yield GaugeMetricFamily(name, documentation, value=1 if result.ok else 0)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def explain_connection_error(exc: BaseException) -> str | None:
    """Return a plain-words explanation if `exc` means a backing service is unreachable, else None."""
    from django.db import utils as db_utils

    if isinstance(exc, ServiceUnavailable):
        return str(exc)
    if isinstance(exc, (db_utils.OperationalError, db_utils.InterfaceError)):
        db = settings.DATABASES["default"]
        where = (
            db.get("NAME")
            if db["ENGINE"].endswith("sqlite3")
            else f"{db.get('NAME')} at {db.get('HOST') or 'localhost'}:{db.get('PORT') or 'default port'}"
        )
        text = _first_line(exc)
        if "no such table" in text or "doesn't exist" in text or "does not exist" in text and "relation" in text:
            return f"The database {where} is not set up ({text}). Run `nautobot-server post_upgrade`."
        return (
            f"Cannot use the database {where} ({db['ENGINE'].rsplit('.', 1)[-1]}): {text}. "
            "Check that the server is running and DATABASES / NAUTOBOT_DB_* are right (`nautobot-server config check`)."
        )
    try:
        import redis.exceptions

        if isinstance(exc, redis.exceptions.ConnectionError):
            return f"Cannot connect to Redis: {_first_line(exc)}. Check NAUTOBOT_REDIS_* / CACHES and that Redis is running."
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    import kombu.exceptions

    if isinstance(exc, (kombu.exceptions.OperationalError, ConnectionError, TimeoutError, OSError)):
        from nautobot.core.celery import app  # lazily, as in _broker()

        return (
            f"Cannot connect to the Celery broker {maybe_sanitize_url(app.conf.broker_url)}: {_first_line(exc)}. "
            "Check CELERY_BROKER_URL / NAUTOBOT_CELERY_BROKER_URL and that the broker is running."
        )
    return None
