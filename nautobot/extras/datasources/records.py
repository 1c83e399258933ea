"""The record of one sync, diff or removal: a `JobResult` with live log lines when jobs are installed.

Lines are written at once in autocommit (never inside a loader's transaction), so they can be read while
the sync runs; each is mirrored to the `nautobot.extras.datasources` logger (the worker's log). Messages
pass through `scrub` first, so a token can never reach a log.
"""

import logging
import uuid

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

logger = logging.getLogger("nautobot.extras.datasources")
LEVELS = {"info": logging.INFO, "success": logging.INFO, "warning": logging.WARNING, "failure": logging.ERROR}


def job_result_model():
    """`extras.JobResult`, or None while the jobs feature is not installed."""
    try:
        return apps.get_model("extras", "JobResult")
    except LookupError:
        return None


def create_job_result(repository, *, name: str, user=None):
    """A pending JobResult for work on `repository` (None without the jobs feature)."""
    model = job_result_model()
    if model is None:
        return None
    from nautobot.extras.datasources.models import GitRepository

    return model.objects.create(
        name=name, obj_type=ContentType.objects.get_for_model(GitRepository), user=user, status="pending", job_id=uuid.uuid4()
    )


class SyncRecord:
    """Status and log lines of one operation on a repository; `failed` once any failure was logged."""

    def __init__(self, repository, job_result_pk=None, *, user=None, grouping: str = "sync") -> None:
        self.repository = repository
        self.user = user
        self.grouping = grouping
        self.failed = False
        self.lines: list[tuple[str, str]] = []
        model = job_result_model()
        self.job_result = model.objects.filter(pk=job_result_pk).first() if (model and job_result_pk) else None

    def _write(self, level: str, message: str, obj=None) -> None:
        from nautobot.extras.datasources.git import scrub

        message = scrub(str(message), self.repository)
        self.lines.append((level, message))
        logger.log(LEVELS[level], "%s: %s%s", self.repository.name, f"{obj}: " if obj is not None else "", message)
        if self.job_result is None:
            return
        from nautobot.extras.models import JobLogEntry

        url = ""
        if obj is not None and hasattr(obj, "get_absolute_url"):
            try:
                url = obj.get_absolute_url()
            except Exception:
                url = ""
        JobLogEntry.objects.create(
            job_result=self.job_result, log_level=level, grouping=self.grouping, message=message,
            log_object=str(obj)[:200] if obj is not None else "", absolute_url=url[:255],
        )

    def changes(self):
        """A change context for the writes of one file: logged as a job of the syncing user, one transaction."""
        from nautobot.extras.changelog import change_context

        return change_context(user=self.user, context="job", detail=f"git repository {self.repository.name}")

    def info(self, message: str, obj=None) -> None:
        self._write("info", message, obj)

    def success(self, message: str, obj=None) -> None:
        self._write("success", message, obj)

    def warning(self, message: str, obj=None) -> None:
        self._write("warning", message, obj)

    def failure(self, message: str, obj=None) -> None:
        self.failed = True
        self._write("failure", message, obj)

    def start(self) -> None:
        if self.job_result is not None:
            self._set(status="running")

    def finish(self, *, errored: bool = False, data: dict | None = None) -> str:
        status = "errored" if errored else "failed" if self.failed else "completed"
        if self.job_result is not None:
            self._set(status=status, data=data)
        return status

    def _set(self, *, status: str, data: dict | None = None) -> None:
        result = self.job_result
        result.set_status(status)
        if data is not None:
            result.data = data
        result.save()
