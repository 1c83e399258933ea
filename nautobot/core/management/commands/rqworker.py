"""`nautobot-server rqworker` (deprecated): the django-rq worker, listening on every RQ queue by default."""

import logging
import os
import socket

from django.conf import settings
from django.core.management.base import CommandError
from django_rq.management.commands.rqworker import Command as DjangoRQWorkerCommand

from nautobot.core.heartbeat import HeartbeatThread

logger = logging.getLogger("nautobot.rqworker")


class Command(DjangoRQWorkerCommand):
    help = "Deprecated RQ worker for legacy `@job` tasks. Listens on all RQ_QUEUES unless queues are named."

    def handle(self, *queues, **options) -> None:
        logger.warning(
            "The RQ worker is deprecated: move `@job` tasks to `@nautobot_task` "
            "(from nautobot.core.celery import nautobot_task) and run `nautobot-server celery worker`."
        )
        if not settings.RQ_QUEUES or any(q.get("NAUTOBOT_REDIS_NOT_CONFIGURED") for q in settings.RQ_QUEUES.values()):
            raise CommandError(
                "RQ needs Redis, and none is configured. Set NAUTOBOT_REDIS_HOST (and _PORT, _PASSWORD as needed) "
                "or RQ_QUEUES in nautobot_config.py; jobs and tasks of Nautobot itself run on `nautobot-server celery worker`."
            )
        queues = queues or tuple(settings.RQ_QUEUES)
        unknown = [q for q in queues if q not in settings.RQ_QUEUES]
        if unknown:
            raise CommandError(
                f"Unknown RQ queue(s): {', '.join(unknown)}. Configured: {', '.join(settings.RQ_QUEUES)}."
            )
        self._check_redis(queues)
        heartbeat = HeartbeatThread(name=f"rq@{socket.gethostname()}:{os.getpid()}", kind="rq", queues=list(queues))
        heartbeat.start()
        try:
            super().handle(*queues, **options)
        finally:
            heartbeat.stop()

    def _check_redis(self, queues: tuple[str, ...]) -> None:
        import django_rq
        import redis.exceptions

        try:
            django_rq.get_connection(queues[0]).ping()
        except redis.exceptions.RedisError as exc:
            raise CommandError(
                f"Cannot connect to Redis for RQ queue {queues[0]!r}: {exc}. Check NAUTOBOT_REDIS_* / RQ_QUEUES "
                "and that Redis is running."
            ) from None
