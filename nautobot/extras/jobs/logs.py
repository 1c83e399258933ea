"""What a running job writes outside its transaction: log lines, its lease, and the check for cancellation.

A job runs inside one database transaction (rolled back for a dry run or an error), so its log lines
cannot go through its own connection: they would be invisible while it runs and lost on rollback.
`SideChannel` is a thread beside the job, with a database connection of its own in autocommit mode:
each log line is committed before `log_*()` returns, the lease (`JobResult.lease_expires`) is renewed
every third of `JOB_LEASE_TIMEOUT`, and a cancel request is noticed.

SQLite allows one writer at a time, and the job's transaction holds that lock until it ends, so on
SQLite the side channel appends log lines to a spool file (`$NAUTOBOT_ROOT/job-spool/<id>.jsonl`,
flushed per line) and renews the lease by touching that file; readers merge the spool, and it is
loaded into the table when the job's transaction is over (or by the reaper after a crash). A cancel
request cannot write `cancel_requested` then either: it creates a marker file beside the spool
(`<id>.cancel`) that the side channel looks for. SQLite means one host, so every process sees both.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import queue
import signal
import threading
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from nautobot.extras.jobs.models import JobLogEntry, JobResult

logger = logging.getLogger(__name__)


class JobCancelled(BaseException):
    """Raised inside a job's thread when someone cancelled it (a BaseException: `except Exception` must not swallow it)."""


def lease_timeout() -> float:
    return float(getattr(settings, "JOB_LEASE_TIMEOUT", 30))


def uses_spool() -> bool:
    return connections["default"].vendor == "sqlite"


def spool_dir() -> Path:
    return Path(settings.NAUTOBOT_ROOT) / "job-spool"


def spool_path(job_result_pk) -> Path:
    return spool_dir() / f"{job_result_pk}.jsonl"


def cancel_marker(job_result_pk) -> Path:
    """SQLite: the file whose existence asks the worker to cancel a running job (see the module docstring)."""
    return spool_dir() / f"{job_result_pk}.cancel"


class SideChannel(threading.Thread):
    """The thread that writes a job's log lines and renews its lease; `write()` returns once the line is stored."""

    def __init__(self, job_result_pk, *, job_thread: int | None = None, hard_kill: bool = False) -> None:
        super().__init__(name=f"job-side-{job_result_pk}", daemon=True)
        self.job_result_pk = job_result_pk
        self.job_thread = job_thread if job_thread is not None else threading.get_ident()
        self.hard_kill = hard_kill
        self.items: queue.Queue = queue.Queue()
        self.spool = spool_path(job_result_pk) if uses_spool() else None
        self.cancelled_at: float | None = None
        self._lock = threading.Lock()
        if self.spool is not None:
            self.spool.parent.mkdir(parents=True, exist_ok=True)
            self.spool.touch()

    # Called from the job's thread --------------------------------------------------------------
    def write(self, **entry) -> None:
        entry.setdefault("created", timezone.now())
        if self.spool is not None:
            line = json.dumps({**entry, "id": str(uuid.uuid4()), "created": entry["created"].isoformat()})
            with self._lock, open(self.spool, "a", encoding="utf-8") as stream:
                stream.write(line + "\n")
                stream.flush()
            return
        done = threading.Event()
        self.items.put((entry, done))
        if not done.wait(timeout=60):
            logger.warning("A log line of job result %s took over 60 s to be written", self.job_result_pk)

    def stop(self) -> None:
        self.items.put(None)
        self.join(timeout=30)

    # The thread ------------------------------------------------------------------------------------
    def run(self) -> None:

        period = max(lease_timeout() / 3, 0.5)
        next_renewal = time.monotonic() + period
        try:
            while True:
                try:
                    item = self.items.get(timeout=max(next_renewal - time.monotonic(), 0.05))
                except queue.Empty:
                    item = False
                if item is None:
                    break
                if item:
                    entry, done = item
                    try:
                        JobLogEntry.objects.create(job_result_id=self.job_result_pk, **entry)
                    except Exception as exc:
                        logger.error("Could not store a log line of job result %s: %s", self.job_result_pk, exc)
                    finally:
                        done.set()
                if time.monotonic() >= next_renewal:
                    self._renew()
                    next_renewal = time.monotonic() + period
        finally:
            connection.close()

    def _renew(self) -> None:

        try:
            if self.spool is not None:
                os.utime(self.spool)
                cancel = (
                    cancel_marker(self.job_result_pk).exists()
                    or JobResult.objects.filter(pk=self.job_result_pk, cancel_requested=True).exists()
                )
            else:
                expires = timezone.now() + timedelta(seconds=lease_timeout())
                JobResult.objects.filter(pk=self.job_result_pk, status="running").update(lease_expires=expires)
                cancel = JobResult.objects.filter(pk=self.job_result_pk, cancel_requested=True).exists()
        except Exception as exc:
            logger.warning("Could not renew the lease of job result %s: %s", self.job_result_pk, exc)
            connection.close()
            return
        if cancel:
            self._cancel()

    def _cancel(self) -> None:
        now = time.monotonic()
        if self.cancelled_at is None:
            self.cancelled_at = now
            logger.info("Cancelling job result %s", self.job_result_pk)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.job_thread), ctypes.py_object(JobCancelled))
        elif self.hard_kill and now - self.cancelled_at > max(lease_timeout() / 2, 5):
            # The job is stuck outside Python code: stop the worker's pool process; the reaper records it.
            logger.warning(
                "Job result %s ignores cancellation; killing pool process %s", self.job_result_pk, os.getpid()
            )
            os.kill(os.getpid(), signal.SIGKILL)


# Readers and recovery ------------------------------------------------------------------------------------
def spooled_entries(job_result_pk) -> list:
    """Unsaved `JobLogEntry` objects for the lines still in the spool of `job_result_pk` (SQLite only)."""

    path = spool_path(job_result_pk)
    entries = []
    with contextlib.suppress(FileNotFoundError):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                data = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash
            data["created"] = datetime.fromisoformat(data["created"])
            data["id"] = uuid.UUID(data["id"])
            entries.append(JobLogEntry(job_result_id=job_result_pk, **data))
    return entries


def log_entries(job_result) -> list:
    """Every log line of `job_result` so far, oldest first (stored rows plus any spool)."""
    rows = list(job_result.logs.all())
    if uses_spool():
        known = {r.pk for r in rows}
        rows += [e for e in spooled_entries(job_result.pk) if e.pk not in known]
        rows.sort(key=lambda e: e.created)
    return rows


def load_spool(job_result_pk) -> None:
    """Move the spooled lines of a finished job into the table (idempotent) and delete the spool."""

    entries = spooled_entries(job_result_pk)
    if entries:
        existing = set(JobLogEntry.objects.filter(pk__in=[e.pk for e in entries]).values_list("pk", flat=True))
        JobLogEntry.objects.bulk_create([e for e in entries if e.pk not in existing])
    with contextlib.suppress(FileNotFoundError):
        spool_path(job_result_pk).unlink()


def reap_lost_jobs() -> int:
    """Mark errored every running job whose lease lapsed (its worker died); return how many."""

    now = timezone.now()
    if uses_spool():
        lost = []
        for pk, started in JobResult.objects.filter(status="running").values_list("pk", "started"):
            try:
                age = time.time() - spool_path(pk).stat().st_mtime
            except FileNotFoundError:
                age = (now - started).total_seconds() if started else lease_timeout() + 1
            if age > lease_timeout():
                lost.append(pk)
    else:
        lost = list(JobResult.objects.filter(status="running", lease_expires__lt=now).values_list("pk", flat=True))
    reaped = 0
    for pk in lost:
        if not JobResult.objects.filter(pk=pk, status="running").update(
            status="errored", completed=now, lease_expires=None
        ):
            continue
        reaped += 1
        if uses_spool():
            load_spool(pk)
            cancel_marker(pk).unlink(missing_ok=True)
        JobLogEntry.objects.create(
            job_result_id=pk,
            log_level="failure",
            grouping="worker",
            message="The worker running this job stopped before the job finished (killed, out of memory or over its "
            f"hard time limit): no sign of life for {lease_timeout():.0f} seconds. Database changes were rolled back.",
        )
        logger.warning("Job result %s: its worker is gone; marked errored", pk)
    return reaped
