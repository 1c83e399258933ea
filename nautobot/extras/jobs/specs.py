"""Specs of the job models (registered by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.jobs import api
from nautobot.extras.jobs.choices import OVERRIDABLE_FIELDS
from nautobot.extras.jobs.models import Job, JobLogEntry, JobResult, ScheduledJob

_OVERRIDES = tuple(f"{name}_override" for name in OVERRIDABLE_FIELDS)


class JobSpec(ObjectSpec):
    model = Job
    api_fields = (
        "source",
        "module_name",
        "job_class_name",
        "grouping",
        "grouping_override",
        "name",
        "name_override",
        "slug",
        "description",
        "description_override",
        "installed",
        "enabled",
        "is_job_hook_receiver",
        "is_job_button_receiver",
        "has_sensitive_variables",
        "has_sensitive_variables_override",
        "approval_required",
        "approval_required_override",
        "commit_default",
        "commit_default_override",
        "hidden",
        "hidden_override",
        "read_only",
        "read_only_override",
        "soft_time_limit",
        "soft_time_limit_override",
        "time_limit",
        "time_limit_override",
        "task_queues",
        "task_queues_override",
        "tags",
        "custom_fields",
        "created",
        "last_updated",
    )
    brief_fields = ("source", "module_name", "job_class_name", "grouping", "name", "slug")
    read_only_fields = (
        "source",
        "module_name",
        "job_class_name",
        "slug",
        "installed",
        "is_job_hook_receiver",
        "is_job_button_receiver",
    )
    filter_fields = (
        "source",
        "module_name",
        "job_class_name",
        "slug",
        "name",
        "grouping",
        "installed",
        "enabled",
        "has_sensitive_variables",
        "approval_required",
        "commit_default",
        "hidden",
        "read_only",
        "is_job_hook_receiver",
        "is_job_button_receiver",
        "soft_time_limit",
        "time_limit",
        *_OVERRIDES,
    )
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("tag", "tag__n")
    search_fields = ("name", "slug", "grouping", "description", "module_name", "job_class_name")
    serializer_base = api.JobSerializerBase
    viewset_base = api.JobViewSetBase
    ui_views = ("list", "detail", "edit")  # jobs come from code; their run page is the jobs app's
    ui_view_classes = {"list": "nautobot.extras.jobs.views.JobListView"}  # grouped by source and module
    menu_group = "Jobs"


class JobResultSpec(ObjectSpec):
    model = JobResult
    endpoint = "job-results"
    api_fields = (
        "created",
        "started",
        "completed",
        "name",
        "job_model",
        "obj_type",
        "status",
        "user",
        "data",
        "job_id",
        "job_kwargs",
        "schedule",
        "task_queue",
        "custom_fields",
    )
    brief_fields = ("name", "created", "completed", "user", "status")
    field_versions = {"job_model": ("1.3", None), "job_kwargs": ("1.3", None), "schedule": ("1.3", None)}
    read_only_fields = api_fields
    filter_fields = (
        "created",
        "completed",
        "status",
        "name",
        "job_model",
        ("user", "user__username"),
        "obj_type",
        "task_queue",
    )
    # Unknown values match nothing here, as in the original.
    unchecked_filters = ("obj_type", "obj_type__n")
    search_fields = ("name", "status")
    viewset_base = api.JobResultViewSetBase
    ui_views = ("list", "detail", "delete", "bulk_delete")  # made by running a job
    ui_view_classes = {"detail": "nautobot.extras.jobs.views.JobResultView"}  # live log
    menu_group = "Jobs"


class JobLogEntrySpec(ObjectSpec):
    model = JobLogEntry
    endpoint = "job-logs"
    api_fields = ("absolute_url", "created", "grouping", "job_result", "log_level", "log_object", "message")
    brief_fields = ("created", "log_level", "message")
    read_only_fields = api_fields
    filter_fields = ("created", "grouping", "log_level", "log_object", "message")
    search_fields = ("grouping", "log_object", "message", "log_level")
    serializer_base = api.JobLogEntrySerializerBase
    filterset_base = api.JobLogEntryFilterSetBase
    viewset_base = api.ReadOnlyViewSetBase
    ui_views = ("list", "detail")
    menu_group = None  # shown on their job result


class ScheduledJobSpec(ObjectSpec):
    model = ScheduledJob
    endpoint = "scheduled-jobs"
    api_fields = (
        "name",
        "user",
        "job_model",
        "task",
        "interval",
        "queue",
        "job_class",
        "start_time",
        "next_run_at",
        "last_run_at",
        "total_run_count",
        "date_changed",
        "description",
        "approved_by_user",
        "approval_required",
        "approved_at",
        "crontab",
        "enabled",
    )
    brief_fields = ("name", "start_time", "interval", "crontab")
    read_only_fields = api_fields
    filter_fields = (
        "name",
        "total_run_count",
        "start_time",
        "last_run_at",
        "job_model",
        "approval_required",
        "interval",
    )
    search_fields = ("name", "description", "job_class")
    serializer_base = api.ScheduledJobSerializerBase
    viewset_base = api.ScheduledJobViewSetBase
    ui_views = ("list", "detail", "delete", "bulk_delete")  # made by scheduling a job
    menu_group = "Jobs"
