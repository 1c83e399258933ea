"""The record of one sync, diff or removal: a `JobResult` (`obj_type` extras.gitrepository) with live log lines.

Lines go through the jobs' `SideChannel` (their own connection, committed at once, spooled on SQLite),
which also renews the result's lease so the reaper errors a sync whose worker died, and notices a cancel
request. Each line is mirrored to the `nautobot.extras.datasources` logger (the worker's log) and kept
in `lines`. Messages pass through `scrub` first, so a token can never reach a log.
"""

import logging
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from nautobot.core.writes import WriteOrigin, write_transaction
from nautobot.extras.datasources.git import scrub
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.jobs.logs import SideChannel, lease_timeout, load_spool, uses_spool
from nautobot.extras.jobs.runner import worker_name
from nautobot.extras.jobs.models import JobResult

logger = logging.getLogger("nautobot.extras.datasources")
LEVELS = {"info": logging.INFO, "success": logging.INFO, "warning": logging.WARNING, "failure": logging.ERROR}


def create_job_result(repository, *, name: str, user=None):
    """A pending JobResult for work on `repository`."""

    return JobResult.objects.create(
        name=name,
        obj_type=ContentType.objects.get_for_model(GitRepository),
        user=user,
        status="pending",
        job_id=uuid.uuid4(),
    )


class SyncRecord:
    """Status and log lines of one operation on a repository; `failed` once any failure was logged.

    Without a `job_result_pk` (direct calls, tests) the lines go to the logger and `lines` only.
    """

    def __init__(self, repository, job_result_pk=None, *, user=None, grouping: str = "sync") -> None:
        self.repository = repository
        self.user = user
        self.grouping = grouping
        self.failed = False
        self.lines: list[tuple[str, str]] = []
        self.job_result_pk = job_result_pk
        self._side = None

    def changes(self):
        """The writes of one file as one write of the write path: change-logged as a job of the syncing user."""
        detail = f"git repository {self.repository.name}"
        return write_transaction(WriteOrigin(user=self.user, kind="job", detail=detail))

    def start(self) -> bool:
        """Claim the pending job result (False: cancelled or already run; do nothing) and start the side channel."""
        if self.job_result_pk is None:
            return True

        now = timezone.now()
        claimed = JobResult.objects.filter(pk=self.job_result_pk, status="pending", cancel_requested=False).update(
            status="running", started=now, worker=worker_name(), lease_expires=now + timedelta(seconds=lease_timeout())
        )
        if not claimed:
            logger.info("Job result %s is not pending any more; skipped", self.job_result_pk)
            return False
        self._side = SideChannel(self.job_result_pk)
        self._side.start()
        return True

    def finish(self, *, errored: bool = False, data: dict | None = None) -> str:
        status = "errored" if errored else "failed" if self.failed else "completed"
        if self._side is not None:
            self._side.stop()
            if uses_spool():
                load_spool(self.job_result_pk)
            JobResult.objects.filter(pk=self.job_result_pk).update(
                status=status, completed=timezone.now(), lease_expires=None, data=data or {}
            )
        return status

    def _write(self, level: str, message: str, obj=None) -> None:

        message = scrub(str(message), self.repository)
        self.lines.append((level, message))
        logger.log(LEVELS[level], "%s: %s%s", self.repository.name, f"{obj}: " if obj is not None else "", message)
        if self._side is not None:
            self._side.write(
                log_level=level,
                grouping=self.grouping[:100],
                message=message,
                log_object=str(obj)[:200] if obj is not None else "",
                absolute_url="",
            )

    def info(self, message: str, obj=None) -> None:
        self._write("info", message, obj)

    def success(self, message: str, obj=None) -> None:
        self._write("success", message, obj)

    def warning(self, message: str, obj=None) -> None:
        self._write("warning", message, obj)

    def failure(self, message: str, obj=None) -> None:
        self.failed = True
        self._write("failure", message, obj)
