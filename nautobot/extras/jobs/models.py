"""Models of jobs: the registry (`Job`), runs (`JobResult`, `JobLogEntry`), `ScheduledJob` and uploaded `FileProxy`.

Imported by `nautobot.extras.models`, so they belong to the `extras` app.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from nautobot.core.models import BaseModel, CustomFieldModel, PrimaryModel
from nautobot.extras.jobs.choices import JobSourceChoices
from nautobot.extras.jobs.registry import get_job


class Job(PrimaryModel):
    """One job class found in a source; what the UI and API list and run."""

    source = models.CharField(max_length=16, choices=JobSourceChoices.choices, editable=False, db_index=True)
    # `git.<slug>` for Git jobs, `local` or `plugins` otherwise: the first segment of the class path.
    source_prefix = models.CharField(max_length=120, editable=False, default="local")
    module_name = models.CharField(max_length=100, editable=False, db_index=True)
    job_class_name = models.CharField(max_length=100, editable=False, db_index=True)
    slug = models.SlugField(max_length=320, unique=True)
    grouping = models.CharField(max_length=255)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    installed = models.BooleanField(default=True, editable=False, db_index=True)
    enabled = models.BooleanField(default=False)
    is_job_hook_receiver = models.BooleanField(default=False, editable=False)
    is_job_button_receiver = models.BooleanField(default=False, editable=False)
    has_sensitive_variables = models.BooleanField(default=True)
    approval_required = models.BooleanField(default=False)
    commit_default = models.BooleanField(default=True)
    hidden = models.BooleanField(default=False, db_index=True)
    read_only = models.BooleanField(default=False)
    soft_time_limit = models.FloatField(default=0)
    time_limit = models.FloatField(default=0)
    task_queues = models.JSONField(default=list, blank=True)

    grouping_override = models.BooleanField(default=False)
    name_override = models.BooleanField(default=False)
    description_override = models.BooleanField(default=False)
    has_sensitive_variables_override = models.BooleanField(default=False)
    approval_required_override = models.BooleanField(default=False)
    commit_default_override = models.BooleanField(default=False)
    hidden_override = models.BooleanField(default=False)
    read_only_override = models.BooleanField(default=False)
    soft_time_limit_override = models.BooleanField(default=False)
    time_limit_override = models.BooleanField(default=False)
    task_queues_override = models.BooleanField(default=False)

    class Meta:
        ordering = ("grouping", "name")
        unique_together = [("source_prefix", "module_name", "job_class_name")]
        permissions = [("run_job", "Can run job"), ("approve_job", "Can approve job requests")]

    def __str__(self) -> str:
        return self.name

    @property
    def class_path(self) -> str:
        return f"{self.source_prefix}/{self.module_name}/{self.job_class_name}"

    @property
    def job_class(self):
        """The job's class, freshly loaded if its code changed; None when it cannot be loaded."""

        return get_job(self.class_path)

    @property
    def runnable(self) -> bool:
        return self.enabled and self.installed and not (self.has_sensitive_variables and self.approval_required)

    @staticmethod
    def make_slug(source_prefix: str, module_name: str, class_name: str) -> str:
        return slugify(f"{source_prefix}-{module_name}-{class_name}".replace(".", "-"))[:320]

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.has_sensitive_variables and self.approval_required:
            raise ValidationError(
                {
                    "approval_required": "A job with sensitive variables cannot require approval (its inputs would be stored)."
                }
            )
        if not isinstance(self.task_queues, list) or not all(isinstance(q, str) for q in self.task_queues):
            raise ValidationError({"task_queues": "A list of queue names."})


class JobResultStatusChoices(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    ERRORED = "errored", "Errored"
    FAILED = "failed", "Failed"


TERMINAL_STATES = (JobResultStatusChoices.COMPLETED, JobResultStatusChoices.ERRORED, JobResultStatusChoices.FAILED)


class JobResult(BaseModel, CustomFieldModel):
    """One run of a job (or of a system task): status, output, who and when. Its log lines are `JobLogEntry` rows."""

    name = models.CharField(max_length=255, db_index=True)
    obj_type = models.ForeignKey(ContentType, related_name="job_results", on_delete=models.CASCADE)
    job_model = models.ForeignKey(Job, related_name="results", on_delete=models.SET_NULL, null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # Ours: when a worker picked the job up (enqueue-to-start latency).
    started = models.DateTimeField(null=True, blank=True)
    completed = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    status = models.CharField(
        max_length=30, choices=JobResultStatusChoices.choices, default=JobResultStatusChoices.PENDING
    )
    data = models.JSONField(encoder=DjangoJSONEncoder, null=True, blank=True)
    job_id = models.UUIDField(unique=True, default=uuid.uuid4)
    job_kwargs = models.JSONField(encoder=DjangoJSONEncoder, null=True, blank=True)
    schedule = models.ForeignKey("extras.ScheduledJob", on_delete=models.SET_NULL, null=True, blank=True)
    task_queue = models.CharField(max_length=255, blank=True)
    # Crash safety (ours): the worker running the job renews `lease_expires`; the reaper errors the job
    # once it lapses. `cancel_requested` asks the worker to stop the job.
    worker = models.CharField(max_length=255, blank=True)
    lease_expires = models.DateTimeField(null=True, blank=True)
    cancel_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created",)
        indexes = [
            models.Index(fields=["-created"], name="extras_jobresult_created_idx"),
            models.Index(fields=["status", "-created"], name="extras_jobresult_status_idx"),
            models.Index(fields=["status", "lease_expires"], name="extras_jobresult_lease_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} started at {self.created} ({self.get_status_display()})"

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATES

    @property
    def duration(self) -> str:
        if not self.completed:
            return ""
        minutes, seconds = divmod((self.completed - self.created).total_seconds(), 60)
        return f"{int(minutes)} minutes, {seconds:.2f} seconds"

    def set_status(self, status: str) -> None:
        self.status = status
        if status in TERMINAL_STATES:
            self.completed = timezone.now()


class JobLogEntry(BaseModel):
    """One log line of a job run, written outside the job's transaction (see `nautobot.extras.jobs.logs`).

    No database constraint on `job_result`: the line is written on another connection, which may not
    see the result row yet (it may be inside a transaction of its own); deleting a result still deletes
    its lines.
    """

    job_result = models.ForeignKey(JobResult, related_name="logs", on_delete=models.CASCADE, db_constraint=False)
    log_level = models.CharField(max_length=32, default="default", db_index=True)
    grouping = models.CharField(max_length=100, default="main")
    message = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now)
    log_object = models.CharField(max_length=200, blank=True)
    absolute_url = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("created",)
        verbose_name_plural = "job log entries"

    def __str__(self) -> str:
        return self.created.isoformat() if self.created else ""


class ScheduledJobIntervals(models.TextChoices):
    IMMEDIATELY = "immediately", "Once immediately"
    FUTURE = "future", "Once in the future"
    HOURLY = "hourly", "Recurring hourly"
    DAILY = "daily", "Recurring daily"
    WEEKLY = "weekly", "Recurring weekly"
    CUSTOM = "custom", "Recurring custom"


class ScheduledJob(BaseModel):
    """A job run requested for later, periodically, or waiting for approval.

    `next_run_at` (ours) is the next fire time in UTC, computed in `TIME_ZONE` by `schedules`; the
    scheduler claims a fire time with a compare-and-set on it, so each fire time runs once even if
    the scheduler restarts or two of them run.
    """

    name = models.CharField(max_length=200)
    task = models.CharField(max_length=200, default="nautobot.extras.jobs.scheduled_job_handler")
    job_model = models.ForeignKey(Job, related_name="scheduled_jobs", on_delete=models.SET_NULL, null=True, blank=True)
    job_class = models.CharField(max_length=255)
    interval = models.CharField(max_length=255)  # one of ScheduledJobIntervals (a plain string on the wire)
    args = models.JSONField(encoder=DjangoJSONEncoder, default=list, blank=True)
    kwargs = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)
    queue = models.CharField(max_length=200, blank=True, null=True)
    one_off = models.BooleanField(default=False)
    start_time = models.DateTimeField()
    enabled = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True, editable=False)
    next_run_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    total_run_count = models.PositiveIntegerField(default=0, editable=False)
    date_changed = models.DateTimeField(auto_now=True)
    description = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    approved_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.SET_NULL, null=True, blank=True
    )
    approval_required = models.BooleanField(default=False)
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    crontab = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("start_time",)

    def __str__(self) -> str:
        return f"{self.name}: {self.interval}"

    @property
    def awaiting_approval(self) -> bool:
        return self.approval_required and self.approved_at is None


class FileProxy(BaseModel):
    """A file uploaded for a job's `FileVar`, kept in the database (every worker host can read it) until the run ends."""

    name = models.CharField(max_length=255)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "file proxies"

    def __str__(self) -> str:
        return self.name
