"""The Celery beat scheduler of Nautobot: Celery's file-backed scheduler plus a heartbeat and app tick hooks."""

import logging
import os
import socket
import time

from celery.beat import PersistentScheduler
from django.utils import timezone

from nautobot.core.heartbeat import beat_once, forget, run_beat_hooks
from nautobot.core.registry import registry

logger = logging.getLogger(__name__)

TICK_SECONDS = 1.0


def run_tick_hooks() -> None:
    from django.db import close_old_connections, connection

    for hook in registry.tick_hooks:
        try:
            close_old_connections()
            hook.run()
        except Exception as exc:
            logger.error("Scheduler hook %s failed: %s", getattr(hook.run, "__name__", hook.run), exc)
            connection.close()


def touch_heartbeat_file(path: str | None) -> None:
    """`CELERY_BEAT_HEARTBEAT_FILE` (1.x): touched on every tick, for liveness probes that look at its age."""
    if not path:
        return
    try:
        with open(path, "a"):
            os.utime(path, None)
    except OSError as exc:
        logger.warning("Could not touch CELERY_BEAT_HEARTBEAT_FILE %s: %s", path, exc.strerror)


class NautobotScheduler(PersistentScheduler):
    """Persistent scheduler that records a `beat` heartbeat at most every `WORKER_HEARTBEAT_INTERVAL`."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._heartbeat_name = f"beat@{socket.gethostname()}:{os.getpid()}"
        self._heartbeat_started = timezone.now()
        self._heartbeat_due = 0.0

    def tick(self, *args, **kwargs) -> float:
        from django.conf import settings

        interval = settings.WORKER_HEARTBEAT_INTERVAL
        if time.monotonic() >= self._heartbeat_due:
            try:
                beat_once(name=self._heartbeat_name, kind="beat", queues=[], started=self._heartbeat_started)
            except Exception as exc:
                logger.warning("Could not write the scheduler heartbeat: %s", exc)
            run_beat_hooks("beat")
            self._heartbeat_due = time.monotonic() + interval
        run_tick_hooks()
        touch_heartbeat_file(getattr(settings, "CELERY_BEAT_HEARTBEAT_FILE", None))
        return min(super().tick(*args, **kwargs), interval, TICK_SECONDS if registry.tick_hooks else interval)

    def close(self) -> None:
        try:
            forget(self._heartbeat_name)
        except Exception as exc:
            logger.warning("Could not remove the scheduler heartbeat: %s", exc)
        super().close()


# 1.x's name (`CELERY_BEAT_SCHEDULER = "nautobot.core.celery.schedulers:NautobotDatabaseScheduler"`).
NautobotDatabaseScheduler = NautobotScheduler
