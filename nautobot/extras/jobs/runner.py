"""Running jobs: `enqueue_job` (web, scheduler, CLI) and `run_job` (the Celery task on the workers).

A run is claimed with a compare-and-set (`pending` → `running`), so a redelivered message never runs a
job twice; the job's own work (`run()` then every `test_*()`) is one write of the write path
(`nautobot.core.writes.write_transaction`, change-logged as the job), rolled back for a dry run or an error; `post_run()` runs after it; log lines, lease and cancellation go through the
`SideChannel` (see `logs`). The final status is written with a compare-and-set on `running`, so a job
the reaper or a cancel already closed keeps that outcome.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import traceback
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.utils import timezone
from prometheus_client import Histogram

from nautobot.core.celery import app, nautobot_task
from nautobot.core.heartbeat import alive
from nautobot.core.writes import WriteOrigin, write_transaction
from nautobot.extras.jobs.logs import (
    JobCancelled,
    SideChannel,
    cancel_marker,
    lease_timeout,
    load_spool,
    uses_spool,
)
from nautobot.extras.jobs.models import FileProxy, Job, JobLogEntry, JobResult
from nautobot.extras.jobs.registry import get_job, import_errors
from nautobot.extras.jobs.variables import FileVar

logger = logging.getLogger(__name__)
# 1.x's histogram of job runs (queued to finished) by the job's grouping, name and final status, observed by the
# worker that ran it (served on CELERY_WORKER_PROMETHEUS_PORTS).
JOB_DURATION = Histogram("nautobot_job_duration_seconds", "Results of Nautobot jobs.", ["grouping", "name", "status"])


class AbortTransaction(Exception):
    """Raised to roll back a dry run."""


@dataclass
class JobRequest:
    """What a job sees as `self.request`: who started it and a request id for its changes."""

    user: Any = None
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    META: dict = field(default_factory=dict)
    GET: dict = field(default_factory=dict)
    POST: dict = field(default_factory=dict)
    path: str = ""


# Inputs on the wire ------------------------------------------------------------------------------------
def serialize_data(cleaned: dict, job_class) -> dict:
    """Cleaned form data → JSON for the message: objects by pk, files stored as `FileProxy` rows, addresses as text."""

    variables = job_class._get_vars()
    wire = {}
    for name, value in cleaned.items():
        if isinstance(variables.get(name), FileVar) and value is not None:
            value.seek(0)
            proxy = FileProxy.objects.create(name=getattr(value, "name", name), content=value.read())
            wire[name] = str(proxy.pk)
        elif isinstance(value, models.Model):
            wire[name] = str(value.pk)
        elif isinstance(value, models.QuerySet):
            wire[name] = [str(pk) for pk in value.values_list("pk", flat=True)]
        elif value is None or isinstance(value, (str, int, float, bool, list, dict)):
            wire[name] = value
        else:
            wire[name] = str(value)
    return wire


def _bind(job_class, wire: dict):
    """Rebuild the job's form from wire data (files from their `FileProxy` rows); return (form, proxy pks)."""

    files, proxies = {}, []
    data = dict(wire)
    for name, var in job_class._get_vars().items():
        if isinstance(var, FileVar) and data.get(name):
            proxy = FileProxy.objects.filter(pk=data.pop(name)).first()
            if proxy is not None:
                proxies.append(proxy.pk)
                files[name] = SimpleUploadedFile(proxy.name, bytes(proxy.content))
    return job_class.as_form(data, files), proxies


def validate_data(job_class, data: dict, files=None) -> tuple[dict | None, dict]:
    """Validate run input against the job's variables: (cleaned data, {}) or (None, errors by field)."""
    if not isinstance(data, dict):
        return None, {"data": ["Job data must be an object of variable values."]}
    names = set(job_class._get_vars())
    unknown = sorted(set(data) - names)
    if unknown:
        return None, {key: ["Job data contained an unknown property."] for key in unknown}
    # A variable left out takes its default (0, "" and False included), as the run form would show it.
    defaults = {name: var.default for name, var in job_class._get_vars().items() if var.default is not None}
    files = files or {}
    form = job_class.as_form({**{k: v for k, v in defaults.items() if k not in files}, **data}, files)
    if not form.is_valid():
        return None, {k: list(v) for k, v in form.errors.items()}
    return form.cleaned_data, {}


# Dispatch ------------------------------------------------------------------------------------------------
def default_queue() -> str:
    return settings.CELERY_TASK_DEFAULT_QUEUE


def queue_for(job_model, requested: str | None) -> str:
    """The queue a run goes to; raise ValueError when `requested` is not one of the job's queues."""
    queues = list(job_model.task_queues or [])
    if requested:
        if requested not in (queues or [default_queue()]):
            raise ValueError(f'"{requested}" is not a valid choice.')
        return requested
    return queues[0] if queues else default_queue()


def workers_on(queue: str) -> int:
    """Live Celery workers consuming `queue`, from their heartbeats (one indexed query, no broadcast)."""

    return sum(1 for beat in alive("celery") if queue in (beat.queues or []))


def enqueue_job(
    job_model,
    *,
    user,
    data: dict,
    commit: bool,
    task_queue: str | None = None,
    schedule=None,
    request_id: uuid.UUID | None = None,
    send: bool = True,
):
    """Create the pending `JobResult` and send the run to the workers once the current transaction commits.

    `send=False` only creates the result (`runjob --local` then runs it in its own process).
    """

    queue = queue_for(job_model, task_queue)
    job_result = JobResult.objects.create(
        name=job_model.class_path,
        obj_type=ContentType.objects.get_for_model(Job),
        job_model=job_model,
        user=user,
        schedule=schedule,
        task_queue=queue,
        job_kwargs=None if job_model.has_sensitive_variables else {"data": data, "commit": commit, "task_queue": queue},
    )
    kwargs = {
        "data": data,
        "commit": commit,
        "job_result_pk": str(job_result.pk),
        "request": {"user": str(user.pk) if user else None, "id": str(request_id or uuid.uuid4())},
    }
    options: dict[str, Any] = {"task_id": str(job_result.job_id), "queue": queue}
    if job_model.soft_time_limit > 0:
        options["soft_time_limit"] = job_model.soft_time_limit
    if job_model.time_limit > 0:
        options["time_limit"] = job_model.time_limit
    if send:
        transaction.on_commit(lambda: run_job.apply_async(kwargs=kwargs, **options))
    return job_result


@nautobot_task(name="nautobot.extras.jobs.run_job")
def run_job(data=None, request=None, commit=True, job_result_pk=None, **kwargs) -> str:
    """The Celery task: run the job of `job_result_pk` with `data` (wire form) and return its final status."""
    return execute(job_result_pk, data or {}, commit, request=request, hard_kill=True)


# Execution -----------------------------------------------------------------------------------------------
def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def execute(job_result_pk, data: dict, commit: bool, *, request: dict | None = None, hard_kill: bool = False) -> str:
    """Claim and run one job result in this process; return its final status (or `skipped`)."""

    now = timezone.now()
    claimed = JobResult.objects.filter(pk=job_result_pk, status="pending", cancel_requested=False).update(
        status="running", started=now, worker=worker_name(), lease_expires=now + timedelta(seconds=lease_timeout())
    )
    if not claimed:
        logger.info("Job result %s is not pending any more (cancelled, or run elsewhere); skipped", job_result_pk)
        return "skipped"
    job_result = JobResult.objects.select_related("job_model", "user").get(pk=job_result_pk)
    side = SideChannel(job_result.pk, hard_kill=hard_kill)
    side.start()
    status, output, results, proxies = "errored", "", {}, []
    try:
        status, output, results, proxies = _run(job_result, data, commit, request or {}, side)
    except JobCancelled:
        side.write(
            grouping="main", log_level="failure", message="The job was cancelled; database changes were rolled back."
        )
        status = "errored"
    except Exception as exc:  # failures of our own code: never leave the result running
        side.write(
            grouping="main",
            log_level="failure",
            message=f"Internal error while running the job: {exc}\n{traceback.format_exc()}",
        )
        status = "errored"
    finally:
        side.stop()
        if uses_spool():
            load_spool(job_result.pk)
        if proxies:
            FileProxy.objects.filter(pk__in=proxies).delete()
    final = {
        "status": status,
        "completed": timezone.now(),
        "lease_expires": None,
        "data": {**results, "output": output},
    }
    if not JobResult.objects.filter(pk=job_result.pk, status="running").update(**final):
        status = JobResult.objects.filter(pk=job_result.pk).values_list("status", flat=True).first() or status
    if job_result.job_model is not None:
        JOB_DURATION.labels(job_result.job_model.grouping, job_result.job_model.name, status).observe(
            (final["completed"] - job_result.created).total_seconds()
        )
    if uses_spool():
        cancel_marker(job_result.pk).unlink(missing_ok=True)  # after the status update: see `cancel()`
    return status


def _write_origin(job) -> WriteOrigin:
    """A run writes as the job: its user, `job`, the job's slug, one request id (the change log's context)."""
    job_model = job.job_result.job_model
    return WriteOrigin(
        user=job.job_result.user,
        kind="job",
        detail=job_model.slug if job_model else job.job_result.name,
        request_id=job.request.id,
    )


def _run(job_result, wire: dict, commit: bool, request: dict, side: SideChannel):

    job_model = job_result.job_model
    proxies: list = []
    job_class = get_job(job_result.name) if job_model is None or job_model.installed else None
    if job_class is None:
        module_key = job_result.name.rsplit("/", 1)[0]
        reason = import_errors.get(module_key, "it is not installed")
        side.write(
            grouping="initialization",
            log_level="failure",
            message=f"Unable to load the job {job_result.name}: {reason}",
        )
        return "errored", "", {}, proxies
    job = job_class()
    job.job_result = job_result
    job._log_sink = side
    job.request = JobRequest(user=job_result.user, id=uuid.UUID(request["id"]) if request.get("id") else uuid.uuid4())
    form, proxies = _bind(job_class, wire)
    if not form.is_valid():
        for name, errors in form.errors.items():
            job.log_failure(message=f"Invalid value for {name}: {'; '.join(errors)}")
        return "errored", "", job.results, proxies
    if job_class.read_only:
        commit = False
    job.commit = commit
    output: list[str] = []
    errored = False
    try:
        with write_transaction(_write_origin(job), dry_run=not commit):
            job.active_test = "run"
            result = job.run(data=form.cleaned_data, commit=commit)
            if result:
                output.append(str(result))
            for test_name in job.test_methods:
                job.active_test = test_name
                result = getattr(job, test_name)()
                if result:
                    output.append(str(result))
            if not commit:
                raise AbortTransaction()
    except AbortTransaction:
        if not job_class.read_only:
            job.log_info(message="Database changes have been reverted automatically.")
    except JobCancelled:
        raise
    except BaseException as exc:  # including SoftTimeLimitExceeded; the job must end errored, not kill the worker
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        errored = True
        job.log_failure(
            message=f"An exception occurred: `{type(exc).__name__}: {exc}`\n```\n{traceback.format_exc()}\n```"
        )
        job.log_info(message="Database changes have been reverted due to error.")
    job.active_test = "post_run"
    try:
        result = job.post_run()
        if result:
            output.append(str(result))
    except Exception as exc:
        errored = True
        job.log_failure(
            message=f"An exception occurred in post_run: `{type(exc).__name__}: {exc}`\n```\n{traceback.format_exc()}\n```"
        )
    status = "errored" if errored else "failed" if job.failed else "completed"
    return status, "\n".join(output), job.results, proxies


def cancel(job_result) -> str:
    """Cancel a pending or running job; return what happened (`cancelled`, `cancelling`, or `finished`)."""

    if uses_spool() and JobResult.objects.filter(pk=job_result.pk, status="running").exists():
        return _cancel_by_marker(job_result.pk)  # before any write: the job's transaction holds SQLite's write lock
    if JobResult.objects.filter(pk=job_result.pk, status="pending").update(
        status="errored", completed=timezone.now(), cancel_requested=True
    ):
        with contextlib.suppress(Exception):
            app.control.revoke(str(job_result.job_id))
        JobLogEntry.objects.create(
            job_result_id=job_result.pk, log_level="failure", grouping="main", message="Cancelled before it started."
        )
        return "cancelled"
    if uses_spool():
        return _cancel_by_marker(job_result.pk)  # it started meanwhile
    if JobResult.objects.filter(pk=job_result.pk, status="running").update(cancel_requested=True):
        return "cancelling"
    return "finished"


def _cancel_by_marker(job_result_pk) -> str:
    """SQLite: the running job's transaction holds the only write lock, so the request is a marker file.

    `execute()` deletes the marker after it has stored the final status: a marker made before that is seen (or
    deleted) by it, and one made after it finds the job no longer running here and is taken back.
    """

    running = JobResult.objects.filter(pk=job_result_pk, status="running")
    if not running.exists():
        return "finished"
    marker = cancel_marker(job_result_pk)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    if running.exists():
        return "cancelling"
    marker.unlink(missing_ok=True)
    return "finished"
