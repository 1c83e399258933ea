"""Where a job comes from, and which of its fields an administrator may override."""

from django.db import models

# Fields of `Job` that come from the job's code unless an administrator overrode them (`<field>_override`).
OVERRIDABLE_FIELDS = (
    "grouping",
    "name",
    "description",
    "commit_default",
    "hidden",
    "read_only",
    "approval_required",
    "has_sensitive_variables",
    "soft_time_limit",
    "time_limit",
    "task_queues",
)


class JobSourceChoices(models.TextChoices):
    LOCAL = "local", "Installed in JOBS_ROOT"
    GIT = "git", "Provided by a Git repository"
    PLUGINS = "plugins", "Part of a plugin"
