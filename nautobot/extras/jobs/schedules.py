"""Scheduled jobs: when each fires, in `TIME_ZONE`, and firing them exactly once per fire time.

Hourly, daily and weekly schedules are crontabs derived from the start time *as seen in TIME_ZONE*
(the original evaluated them in UTC, #3349); custom crontabs are evaluated in TIME_ZONE too, across
daylight-saving changes (croniter). `next_run_at` is stored in UTC; the scheduler claims a fire time
with `UPDATE ... WHERE next_run_at = <that time>`, so a restarted (or second) scheduler never fires it
twice, and fire times missed while no scheduler ran collapse into one run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from croniter import croniter
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nautobot.extras.jobs.models import ScheduledJob
from nautobot.extras.jobs.runner import enqueue_job

logger = logging.getLogger(__name__)
# The earliest a "future" schedule may start, as in the original.
MIN_LEAD = timedelta(seconds=15)


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def crontab_for(interval: str, start_time: datetime, crontab: str = "") -> str | None:
    """The crontab of a recurring schedule, in TIME_ZONE; None for one-off intervals."""
    local = start_time.astimezone(local_zone())
    if interval == "hourly":
        return f"{local.minute} * * * *"
    if interval == "daily":
        return f"{local.minute} {local.hour} * * *"
    if interval == "weekly":
        return f"{local.minute} {local.hour} * * {(local.weekday() + 1) % 7}"
    if interval == "custom":
        return crontab
    return None


def validate_crontab(expression: str) -> str | None:
    """An error message for a bad 5-field crontab, or None."""
    if len(expression.split()) != 5 or not croniter.is_valid(expression):
        return f'"{expression}" is not a valid crontab (five fields: minute hour day-of-month month day-of-week).'
    return None


def fire_after(expression: str, moment: datetime) -> datetime:
    """The first time strictly after `moment` matching `expression` in TIME_ZONE, in UTC."""
    local = moment.astimezone(local_zone())
    return croniter(expression, local).get_next(datetime).astimezone(ZoneInfo("UTC"))


def first_run(interval: str, start_time: datetime, crontab: str = "") -> datetime:
    expression = crontab_for(interval, start_time, crontab)
    if interval == "custom" and expression:
        return fire_after(expression, start_time - timedelta(seconds=1))
    return start_time


def next_run(schedule, fired_at: datetime, now: datetime) -> datetime | None:
    """The fire time after one at `fired_at`; None for one-off schedules."""
    expression = crontab_for(schedule.interval, schedule.start_time, schedule.crontab)
    if expression is None:
        return None
    return fire_after(expression, max(fired_at, now))


def fire(schedule, now: datetime | None = None) -> object | None:
    """Claim the due fire time of `schedule` and enqueue its run; the JobResult, or None if someone else claimed it."""

    now = now or timezone.now()
    due = schedule.next_run_at
    if due is None or schedule.job_model is None:
        return None
    following = next_run(schedule, due, now)
    kwargs = schedule.kwargs or {}
    with transaction.atomic():
        claimed = ScheduledJob.objects.filter(pk=schedule.pk, next_run_at=due).update(
            next_run_at=following, last_run_at=now, total_run_count=F("total_run_count") + 1
        )
        if not claimed:
            return None
        return enqueue_job(
            schedule.job_model,
            user=schedule.user,
            data=kwargs.get("data") or {},
            commit=kwargs.get("commit", True),
            task_queue=schedule.queue or None,
            schedule=schedule,
        )


def fire_due_schedules() -> int:
    """Fire every enabled, approved schedule that is due; return how many runs were enqueued."""

    now = timezone.now()
    due = (
        ScheduledJob.objects.filter(enabled=True, next_run_at__lte=now)
        .exclude(approval_required=True, approved_at__isnull=True)
        .select_related("job_model", "user")
    )
    fired = 0
    for schedule in due:
        try:
            if fire(schedule, now) is not None:
                fired += 1
        except Exception as exc:
            logger.error("Scheduled job %s could not be fired: %s", schedule.pk, exc)
    return fired
