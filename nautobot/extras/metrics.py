"""Metrics of jobs, webhooks and Git repositories, computed from the database at each scrape of `/metrics`.

Each family is one grouped query (`registry.system_metrics`, registered by the extras app):
- `nautobot_job_results{job,status}` (pending and running results, by job) and the histogram
  `nautobot_job_run_duration_seconds{job,status}` (started to completed, finished results of jobs);
- `nautobot_webhook_deliveries{webhook,state}`, the histogram `nautobot_webhook_delivery_latency_seconds{webhook}`
  (change to delivery), `nautobot_webhook_outbox_backlog` (deliveries not yet delivered or failed) and
  `nautobot_webhook_outbox_oldest_age_seconds` (how long the oldest of them has waited);
- `nautobot_git_sync_results{repository,status}` (sync records of each repository, by status).
"""

from collections.abc import Iterator
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, Sum
from django.utils import timezone

from nautobot.core.registry import AppMetric, registry
from nautobot.core.system_metrics import gauge_from_rows, histogram_from_counts
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.jobs.models import TERMINAL_STATES, Job, JobResult, JobResultStatusChoices
from nautobot.extras.webhooks.choices import UNFINISHED_STATES, DeliveryState
from nautobot.extras.webhooks.models import WebhookDelivery

JOB_DURATION_BOUNDS = (0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)
WEBHOOK_LATENCY_BOUNDS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0)


def _histogram_rows(queryset, label_fields: tuple[str, ...], start: str, end: str, bounds: tuple[float, ...]):
    """Per group of `label_fields`: how many rows took at most each bound (from `start` to `end`), all, and the sum."""
    taken = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    buckets = {
        f"le_{index}": Count("pk", filter=Q(taken__lte=timedelta(seconds=bound))) for index, bound in enumerate(bounds)
    }
    rows = (
        queryset.filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
        .annotate(taken=taken)
        .values(*label_fields)
        .annotate(count=Count("pk"), total=Sum("taken"), **buckets)
        .order_by(*label_fields)
    )
    for row in rows:
        total = row["total"] or timedelta(0)
        seconds = total.total_seconds() if isinstance(total, timedelta) else float(total) / 1e6
        yield {**row, "labels": [row[f] for f in label_fields], "sum": seconds}


def job_metrics() -> Iterator:
    jobs = JobResult.objects.filter(obj_type=ContentType.objects.get_for_model(Job))
    unfinished = (
        jobs.filter(status__in=(JobResultStatusChoices.PENDING, JobResultStatusChoices.RUNNING))
        .values_list("name", "status")
        .annotate(n=Count("pk"))
        .order_by("name", "status")
    )
    yield gauge_from_rows(
        "nautobot_job_results", "Job results waiting or running, by job and status", ["job", "status"], unfinished
    )
    yield histogram_from_counts(
        "nautobot_job_run_duration_seconds",
        "Run time of finished jobs (started to completed), by job and final status",
        ["job", "status"],
        JOB_DURATION_BOUNDS,
        _histogram_rows(jobs.filter(status__in=TERMINAL_STATES), ("name", "status"), "started", "completed",
                        JOB_DURATION_BOUNDS),
    )  # fmt: skip


def webhook_metrics() -> Iterator:
    by_state = WebhookDelivery.objects.values_list("webhook__name", "state").annotate(n=Count("pk"))
    yield gauge_from_rows(
        "nautobot_webhook_deliveries",
        "Webhook deliveries by webhook and state",
        ["webhook", "state"],
        by_state.order_by("webhook__name", "state"),
    )
    yield histogram_from_counts(
        "nautobot_webhook_delivery_latency_seconds",
        "Time from the change to its successful delivery, by webhook",
        ["webhook"],
        WEBHOOK_LATENCY_BOUNDS,
        _histogram_rows(
            WebhookDelivery.objects.filter(state=DeliveryState.DELIVERED),
            ("webhook__name",),
            "created",
            "delivered_at",
            WEBHOOK_LATENCY_BOUNDS,
        ),
    )
    backlog = WebhookDelivery.objects.filter(state__in=UNFINISHED_STATES).aggregate(
        n=Count("pk"), oldest=Min("created")
    )
    yield gauge_from_rows(
        "nautobot_webhook_outbox_backlog", "Webhook deliveries not yet delivered (pending, sending, retry)", [],
        [(backlog["n"],)],
    )  # fmt: skip
    age = (timezone.now() - backlog["oldest"]).total_seconds() if backlog["oldest"] else 0
    yield gauge_from_rows(
        "nautobot_webhook_outbox_oldest_age_seconds",
        "Seconds the oldest undelivered webhook delivery has waited (0: none waits)",
        [],
        [(age,)],
    )


def git_metrics() -> Iterator:
    syncs = (
        JobResult.objects.filter(obj_type=ContentType.objects.get_for_model(GitRepository))
        .values_list("name", "status")
        .annotate(n=Count("pk"))
        .order_by("name", "status")
    )
    yield gauge_from_rows(
        "nautobot_git_sync_results", "Sync records of Git repositories, by repository and status",
        ["repository", "status"], syncs,
    )  # fmt: skip


def register() -> None:
    """Register the metrics of jobs, webhooks and Git repositories (called from `ExtrasConfig.ready`)."""
    for collect in (job_metrics, webhook_metrics, git_metrics):
        registry.system_metrics.register(AppMetric(collect))
