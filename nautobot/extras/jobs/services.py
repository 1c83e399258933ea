"""Requests to run jobs and decisions on them, shared by the REST API and the web UI.

`request_run` validates a run request (variables, queue, schedule) and either enqueues it, or stores it as a
`ScheduledJob` (scheduled for later, recurring, or waiting for approval). `approve`, `deny` and `dry_run`
act on a waiting request. Errors are raised as `RunRejected` (an API-shaped error dict), `NoWorker` (no live
worker on the queue: the API answers 503) and `NotAllowed` (403); callers check permissions first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from nautobot.extras.jobs import runner, schedules
from nautobot.extras.jobs.models import Job, JobResult, ScheduledJob, ScheduledJobIntervals
from nautobot.core.permissions import restrict


class RunRejected(Exception):
    """The request is invalid; `errors` as the API reports them: `{"errors": {var: [...]}}`, `{"schedule": ...}`,
    `{"task_queue": [...]}`, or `{"detail": ...}`."""

    def __init__(self, errors: dict) -> None:
        super().__init__(errors)
        self.errors = errors


class NoWorker(Exception):
    def __init__(self, queue: str) -> None:
        super().__init__(f"Unable to process request: No celery workers running on queue {queue}.")
        self.queue = queue


class NotAllowed(Exception):
    pass


@dataclass
class RunOutcome:
    job_result: JobResult | None = None
    schedule: ScheduledJob | None = None


def can_run(user, job: Job) -> bool:
    """`user` may run `job` (the `extras.run_job` permission, with its constraints)."""
    return restrict(Job.objects.filter(pk=job.pk), user, "run").exists()


def runnable_ids(user, jobs) -> set:
    """The pks among `jobs` that `user` may run (one query)."""
    return set(restrict(Job.objects.filter(pk__in=[j.pk for j in jobs]), user, "run").values_list("pk", flat=True))


def request_run(
    job: Job,
    user,
    *,
    data: dict,
    files=None,
    commit: bool | None = None,
    schedule_input: dict | None = None,
    task_queue: str | None = None,
    job_class=None,
) -> RunOutcome:
    """Validate and start (or schedule, or queue for approval) a run of `job` by `user`."""
    job_class = job_class or job.job_class
    if commit is None:
        commit = job.commit_default
    if job.read_only:
        commit = False
    try:
        queue = runner.queue_for(job, task_queue)
    except ValueError as exc:
        raise RunRejected({"task_queue": [str(exc)]}) from None
    schedule_fields = parse_schedule(schedule_input) if schedule_input else None
    scheduled = job.approval_required or (
        schedule_fields and schedule_fields["interval"] != ScheduledJobIntervals.IMMEDIATELY
    )
    if job.has_sensitive_variables and scheduled:
        raise RunRejected(
            {
                "schedule": [
                    "Unable to schedule a job with sensitive variables, or one that requires approval: its inputs would be stored."
                ]
            }
        )
    cleaned, errors = runner.validate_data(job_class, data, files)
    if errors:
        raise RunRejected({"errors": errors})
    if not scheduled and not runner.workers_on(queue):
        raise NoWorker(queue)
    with transaction.atomic():
        wire = runner.serialize_data(cleaned, job_class)
        if scheduled:
            return RunOutcome(schedule=create_schedule(job, user, wire, commit, queue, schedule_fields))
        return RunOutcome(job_result=runner.enqueue_job(job, user=user, data=wire, commit=commit, task_queue=queue))


def parse_schedule(raw: dict) -> dict:
    """`{interval, name, start_time, crontab}` checked; raise RunRejected `{"schedule": {field: [...]}}`."""
    errors = {}
    interval = raw.get("interval") or ScheduledJobIntervals.IMMEDIATELY
    if interval not in ScheduledJobIntervals.values:
        errors["interval"] = [f'"{interval}" is not a valid choice.']
    name = (raw.get("name") or "").strip()
    start_time = None
    if interval != ScheduledJobIntervals.IMMEDIATELY:
        if not name:
            errors["name"] = ["Please provide a name for the job schedule."]
        raw_start = raw.get("start_time")
        start_time = (
            raw_start if hasattr(raw_start, "tzinfo") else parse_datetime(str(raw_start)) if raw_start else None
        )
        if start_time is None and interval != ScheduledJobIntervals.CUSTOM:
            errors["start_time"] = ["A valid ISO 8601 start time is required."]
        elif start_time is not None:
            if timezone.is_naive(start_time):
                start_time = timezone.make_aware(start_time, schedules.local_zone())
            if start_time < timezone.now() + schedules.MIN_LEAD:
                errors["start_time"] = [
                    f"Please enter a valid date and time at least {schedules.MIN_LEAD.seconds} seconds in the future."
                ]
    crontab = (raw.get("crontab") or "").strip()
    if interval == ScheduledJobIntervals.CUSTOM:
        problem = schedules.validate_crontab(crontab) if crontab else "Please enter a valid crontab."
        if problem:
            errors["crontab"] = [problem]
    if errors:
        raise RunRejected({"schedule": errors})
    return {"interval": interval, "name": name, "start_time": start_time or timezone.now(), "crontab": crontab}


def create_schedule(job: Job, user, wire: dict, commit: bool, queue: str, fields: dict | None) -> ScheduledJob:
    fields = fields or {
        "interval": ScheduledJobIntervals.IMMEDIATELY,
        "name": "",
        "start_time": timezone.now(),
        "crontab": "",
    }
    interval = fields["interval"]
    return ScheduledJob.objects.create(
        name=fields["name"] or f"{job.name} requested by {user} at {timezone.now():%Y-%m-%d %H:%M:%S}",
        job_model=job,
        job_class=job.class_path,
        interval=interval,
        kwargs={"data": wire, "commit": commit, "task_queue": queue},
        queue=queue,
        one_off=interval in (ScheduledJobIntervals.IMMEDIATELY, ScheduledJobIntervals.FUTURE),
        start_time=fields["start_time"],
        crontab=fields["crontab"],
        user=user,
        approval_required=job.approval_required,
        next_run_at=schedules.first_run(interval, fields["start_time"], fields["crontab"]),
    )


# Approvals ----------------------------------------------------------------------------------------------
def may_decide(user, schedule: ScheduledJob, action_name: str, job_action: str) -> bool:
    """`user` may `action_name` the scheduled job and `job_action` its job (approve: change + approve_job)."""
    allowed = restrict(ScheduledJob.objects.filter(pk=schedule.pk), user, action_name).exists()
    if allowed and schedule.job_model_id is not None:
        allowed = restrict(Job.objects.filter(pk=schedule.job_model_id), user, job_action).exists()
    return allowed


def approve(schedule: ScheduledJob, user, *, force: bool = False) -> ScheduledJob:
    """Approve a waiting request (never one's own); a one-off that is due runs at once.

    Raise NotAllowed for one's own request, RunRejected when a future start time has passed (unless `force`).
    """
    if schedule.user_id == user.pk:
        raise NotAllowed("You cannot approve your own job request!")
    now = timezone.now()
    if schedule.interval == ScheduledJobIntervals.FUTURE and schedule.start_time < now and not force:
        raise RunRejected(
            {"detail": "The job's start time is in the past. If you want to run it immediately, please use ?force=true"}
        )
    with transaction.atomic():
        ScheduledJob.objects.filter(pk=schedule.pk).update(approved_by_user=user, approved_at=now)
        schedule.refresh_from_db()
        if schedule.one_off and schedule.next_run_at is not None and schedule.next_run_at <= now + timedelta(seconds=1):
            schedules.fire(schedule, now)  # due already: run it now rather than at the scheduler's next tick
    schedule.refresh_from_db()
    return schedule


def deny(schedule: ScheduledJob) -> None:
    schedule.delete()


def dry_run(schedule: ScheduledJob, user) -> JobResult:
    """Run a waiting request's inputs once without committing; RunRejected when its job cannot be loaded."""
    job = schedule.job_model
    if job is None or job.job_class is None:
        raise RunRejected({"detail": "The job of this schedule cannot be loaded."})
    queue = schedule.queue or runner.default_queue()
    if not runner.workers_on(queue):
        raise NoWorker(queue)
    with transaction.atomic():
        return runner.enqueue_job(
            job,
            user=user,
            data=(schedule.kwargs or {}).get("data") or {},
            commit=False,
            task_queue=schedule.queue or None,
        )
