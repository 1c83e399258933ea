"""Write and read worker heartbeats (`WorkerHeartbeat`), the O(1) answer to "is a worker up?"."""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from nautobot.core.registry import registry

logger = logging.getLogger(__name__)


def run_beat_hooks(kind: str) -> None:
    """Run the `registry.beat_hooks` of `kind`, each on a fresh connection; errors are logged."""
    for hook in registry.beat_hooks:
        if hook.kind != kind:
            continue
        try:
            close_old_connections()
            hook.run()
        except Exception as exc:
            logger.warning("Heartbeat hook %s failed: %s", getattr(hook.run, "__name__", hook.run), exc)
        finally:
            connection.close()


def beat_once(*, name: str, kind: str, queues: list[str], started: datetime) -> None:
    """Record that the process `name` is alive now; close the connection so no socket outlives it."""
    from nautobot.core.models import WorkerHeartbeat  # lazily: workers import this module before django.setup()

    try:
        close_old_connections()
        WorkerHeartbeat.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
                "queues": queues,
                "started": started,
                "last_seen": timezone.now(),
            },
        )
    finally:
        connection.close()


def forget(name: str) -> None:
    """Remove the heartbeat of `name` (on clean shutdown)."""
    from nautobot.core.models import WorkerHeartbeat  # lazily: workers import this module before django.setup()

    try:
        WorkerHeartbeat.objects.filter(name=name).delete()
    finally:
        connection.close()


class HeartbeatThread(threading.Thread):
    """Daemon thread that calls `beat_once` every `WORKER_HEARTBEAT_INTERVAL` seconds until stopped."""

    def __init__(self, *, name: str, kind: str, queues: list[str]) -> None:
        super().__init__(name=f"heartbeat-{name}", daemon=True)
        self.worker_name, self.kind, self.queues = name, kind, queues
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                beat_once(name=self.worker_name, kind=self.kind, queues=self.queues, started=self.started_at)
            except Exception as exc:  # the database may be down for a while; keep trying
                logger.warning("Could not write the heartbeat of %s: %s", self.worker_name, exc)
            run_beat_hooks(self.kind)
            self.stopping.wait(settings.WORKER_HEARTBEAT_INTERVAL)

    def stop(self) -> None:
        self.stopping.set()
        try:
            forget(self.worker_name)
        except Exception as exc:
            logger.warning("Could not remove the heartbeat of %s: %s", self.worker_name, exc)


def alive(kind: str) -> list:
    """Return the heartbeats of `kind` seen within `WORKER_HEARTBEAT_TIMEOUT` seconds."""
    from nautobot.core.models import WorkerHeartbeat  # lazily: workers import this module before django.setup()

    cutoff = timezone.now() - timedelta(seconds=settings.WORKER_HEARTBEAT_TIMEOUT)
    return list(WorkerHeartbeat.objects.filter(kind=kind, last_seen__gte=cutoff))
