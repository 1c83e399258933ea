"""The enumerations of the change log (wire values of the original)."""

from django.db import models


class ObjectChangeAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"


class ChangeContextKind(models.TextChoices):
    WEB = "web", "Web"
    JOB = "job", "Job"
    JOB_HOOK = "job-hook", "Job hook"
    ORM = "orm", "ORM"
    UNKNOWN = "unknown", "Unknown"
