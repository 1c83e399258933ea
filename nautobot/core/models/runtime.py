"""Models of the runtime itself (not of the network): worker presence."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last sign of life of one worker or scheduler process, written by that process.

    Readers (the health check, job dispatch) look at `last_seen`; nobody broadcasts to workers on
    a request path.
    """

    class Kind(models.TextChoices):
        CELERY = "celery", "Celery worker"
        BEAT = "beat", "Celery beat scheduler"
        RQ = "rq", "RQ worker (deprecated)"

    name = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    queues = models.JSONField(default=list)
    started = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("kind", "name")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"
