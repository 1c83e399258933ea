"""The core's metrics of the running system, computed at each scrape of `/metrics` (`registry.system_metrics`).

- `nautobot_celery_queue_length{queue}`: messages waiting in each Celery queue, asked of the broker (a passive
  queue declare: Redis list lengths, RabbitMQ's message count, the embedded SQLite broker's rows), and
  `nautobot_celery_broker_up` (1 when the broker answered).
- `nautobot_worker_heartbeat_age_seconds{name,kind,hostname}`: seconds since each worker's or scheduler's last
  heartbeat, and `nautobot_workers_alive{kind}`: how many beat within `WORKER_HEARTBEAT_TIMEOUT`.

`database_metric_families` helps the apps build gauges and histograms from grouped database counts.
"""

import logging
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from nautobot.core.health import BROKER_TIMEOUT_S
from nautobot.core.registry import AppMetric, registry

logger = logging.getLogger(__name__)


def celery_queue_names() -> list[str]:
    """The queues workers take tasks from: the default one, the routed ones, and those live workers listen to."""
    from nautobot.core.models import WorkerHeartbeat

    routes = settings.CELERY_TASK_ROUTES if isinstance(settings.CELERY_TASK_ROUTES, dict) else {}
    names = [settings.CELERY_TASK_DEFAULT_QUEUE, *(r.get("queue") for r in routes.values() if isinstance(r, dict))]
    for queues in WorkerHeartbeat.objects.filter(kind=WorkerHeartbeat.Kind.CELERY).values_list("queues", flat=True):
        names.extend(queues or [])
    return sorted({name for name in names if name})


def _queue_length(connection, name: str) -> int:
    channel = connection.channel()
    try:
        return channel.queue_declare(queue=name, passive=True).message_count
    except Exception:  # no such queue yet (kombu's virtual transports and RabbitMQ both refuse): nothing waits
        return 0
    finally:
        try:
            channel.close()
        except Exception:  # a channel RabbitMQ closed after a refused declare
            pass


def queue_metrics() -> Iterator:
    from nautobot.core.celery import app  # lazily: as the health check's broker probe

    lengths = GaugeMetricFamily("nautobot_celery_queue_length", "Messages waiting in a Celery queue", labels=["queue"])
    up = GaugeMetricFamily("nautobot_celery_broker_up", "1 when the Celery broker answered this scrape, else 0")
    try:
        with app.connection_for_read() as connection:
            connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_S)
            for name in celery_queue_names():
                lengths.add_metric([name], _queue_length(connection, name))
        up.add_metric([], 1)
    except Exception as exc:
        logger.warning("Cannot read the Celery queue lengths: %s", exc)
        up.add_metric([], 0)
    yield up
    yield lengths


def heartbeat_metrics() -> Iterator:
    from nautobot.core.models import WorkerHeartbeat

    now = timezone.now()
    ages = GaugeMetricFamily(
        "nautobot_worker_heartbeat_age_seconds",
        "Seconds since the last heartbeat of a worker or scheduler process",
        labels=["name", "kind", "hostname"],
    )
    alive = dict.fromkeys(WorkerHeartbeat.Kind.values, 0)
    for name, kind, hostname, last_seen in WorkerHeartbeat.objects.values_list("name", "kind", "hostname", "last_seen"):
        age = (now - last_seen).total_seconds()
        ages.add_metric([name, kind, hostname], age)
        if age <= settings.WORKER_HEARTBEAT_TIMEOUT:
            alive[kind] = alive.get(kind, 0) + 1
    count = GaugeMetricFamily(
        "nautobot_workers_alive", "Processes whose heartbeat is younger than WORKER_HEARTBEAT_TIMEOUT", labels=["kind"]
    )
    for kind, number in sorted(alive.items()):
        count.add_metric([kind], number)
    yield ages
    yield count


def gauge_from_rows(name: str, documentation: str, labels: list[str], rows: Iterable[tuple]) -> GaugeMetricFamily:
    """A gauge with one sample per row `(*label_values, value)`."""
    gauge = GaugeMetricFamily(name, documentation, labels=labels)
    for *values, number in rows:
        gauge.add_metric([str(v) for v in values], number)
    return gauge


def register() -> None:
    """Register the core's metrics (called from `CoreConfig.ready`)."""
    registry.system_metrics.register(AppMetric(queue_metrics))
    registry.system_metrics.register(AppMetric(heartbeat_metrics))
