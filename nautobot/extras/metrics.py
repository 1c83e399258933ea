"""Metrics of jobs, webhooks and Git repositories, computed from the database at each scrape of `/metrics`.

Each family is one grouped query over what is unfinished (`registry.system_metrics`, registered by the extras app):
- `nautobot_job_results{job,status}` (pending and running results, by job);
- `nautobot_webhook_deliveries{webhook,state}` (deliveries pending, sending or waiting to retry),
  `nautobot_webhook_outbox_backlog` (all of them) and `nautobot_webhook_outbox_oldest_age_seconds` (how long the
  oldest has waited);
- `nautobot_git_sync_results{repository,status}` (sync records of each repository, by status).
Durations are observed where the work ends, by the worker, not recounted from whole tables at each scrape: jobs'
`nautobot_job_duration_seconds` (`jobs/runner.py`) and webhooks' `nautobot_webhook_delivery_latency_seconds`
(`webhooks/delivery.py`), on the worker's metrics port.
"""

from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from django.utils import timezone

from nautobot.core.registry import AppMetric, registry
from nautobot.core.system_metrics import gauge_from_rows
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.jobs.models import Job, JobResult, JobResultStatusChoices
from nautobot.extras.webhooks.choices import UNFINISHED_STATES
from nautobot.extras.webhooks.models import WebhookDelivery


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


def webhook_metrics() -> Iterator:
    by_state = (
        WebhookDelivery.objects.filter(state__in=UNFINISHED_STATES)
        .values_list("webhook__name", "state")
        .annotate(n=Count("pk"))
    )
    yield gauge_from_rows(
        "nautobot_webhook_deliveries",
        "Webhook deliveries not yet finished, by webhook and state (pending, sending, retry)",
        ["webhook", "state"],
        by_state.order_by("webhook__name", "state"),
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
