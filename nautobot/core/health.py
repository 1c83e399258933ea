"""Health checks shared by `/health/`, `nautobot-server health_check` and `nautobot-server config check`.

Every check is read-only: the database gets `SELECT 1`, the cache a `get`, the broker a connection,
and workers are judged by the heartbeats they write themselves. The checks are `registry.health_checks`:
the core registers these (`register`), an app may add its own.
"""

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.conf import settings
from kombu.utils.url import maybe_sanitize_url

from nautobot.core.heartbeat import alive
from nautobot.core.registry import HealthCheck, registry

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


_workers = _heartbeats("celery", "Celery worker")
_scheduler = _heartbeats("beat", "Celery beat scheduler")


def register() -> None:
    """Register the core's checks (called from `CoreConfig.ready`)."""
    for name, run in (
        ("database", _database),
        ("cache", _cache),
        ("broker", _broker),
        ("workers", _workers),
        ("scheduler", _scheduler),
    ):
        registry.health_checks.register(HealthCheck(name, run))


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


def as_dict(results: list[CheckResult]) -> dict:
    return {"status": "ok" if is_healthy(results) else "error", "checks": {r.name: asdict(r) for r in results}}


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
