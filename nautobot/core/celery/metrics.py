"""A Celery worker's own metrics, served over HTTP on the first free port of `CELERY_WORKER_PROMETHEUS_PORTS`.

Counters of the tasks this worker started, finished well or failed, and a histogram of their run time, by task
name (`nautobot_celery_task_*`); jobs add 1.x's `nautobot_job_duration_seconds`. The worker's pool processes
count into the worker's multiprocess directory (`nautobot.core.prometheus`), so one scrape of the port has them
all. As 1.x's, the server listens on every interface; a port already taken is skipped.
"""

import logging
import time

from celery.signals import task_failure, task_postrun, task_prerun, task_success, worker_ready
from prometheus_client import REGISTRY, Counter, Histogram, start_http_server

from nautobot.core.prometheus import process_registry

logger = logging.getLogger(__name__)

TASK_LABELS = ["task"]
STARTED = Counter("nautobot_celery_task_started", "Tasks this worker started", TASK_LABELS)
SUCCEEDED = Counter("nautobot_celery_task_succeeded", "Tasks that returned without an exception", TASK_LABELS)
FAILED = Counter("nautobot_celery_task_failed", "Tasks that raised an exception", TASK_LABELS)
DURATION = Histogram(
    "nautobot_celery_task_duration_seconds",
    "Run time of tasks, by task and final Celery state",
    ["task", "state"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 600.0, float("inf")),
)
_started_at: dict[str, float] = {}


@task_prerun.connect
def count_start(task_id=None, task=None, **kwargs) -> None:
    _started_at[task_id] = time.monotonic()
    STARTED.labels(task.name).inc()


@task_postrun.connect
def observe_duration(task_id=None, task=None, state=None, **kwargs) -> None:
    started = _started_at.pop(task_id, None)
    if started is not None:
        DURATION.labels(task.name, state or "UNKNOWN").observe(time.monotonic() - started)


@task_success.connect
def count_success(sender=None, **kwargs) -> None:
    SUCCEEDED.labels(sender.name).inc()


@task_failure.connect
def count_failure(sender=None, **kwargs) -> None:
    FAILED.labels(sender.name).inc()


@worker_ready.connect
def serve_metrics(**kwargs) -> int | None:
    """Serve this worker's metrics on the first free port of `CELERY_WORKER_PROMETHEUS_PORTS`; return it."""
    from django.conf import settings

    if not settings.CELERY_WORKER_PROMETHEUS_PORTS:
        return None
    registry = process_registry()
    if registry is REGISTRY:  # started without `nautobot-server` (no directory): only this process's metrics
        logger.warning("Start the worker with `nautobot-server celery worker` to count its pool processes' tasks")
    for port in settings.CELERY_WORKER_PROMETHEUS_PORTS:
        try:
            start_http_server(port, registry=registry)
        except OSError:
            continue
        logger.info("Serving the worker's Prometheus metrics on port %s", port)
        return port
    logger.warning(
        "No free port in CELERY_WORKER_PROMETHEUS_PORTS %s: this worker's metrics are not served",
        settings.CELERY_WORKER_PROMETHEUS_PORTS,
    )
    return None
