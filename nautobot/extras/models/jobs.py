"""1.x `nautobot.extras.models.jobs`."""

from nautobot.extras.jobs.models import FileProxy, Job, JobLogEntry, JobResult, ScheduledJob

__all__ = ["FileProxy", "Job", "JobLogEntry", "JobResult", "ScheduledJob"]
