"""Worker signals: heartbeats while a worker runs, and the queues a worker listens to by default."""

import os
import socket

from celery.signals import celeryd_init, worker_ready, worker_shutdown
from kombu import Exchange, Queue

from nautobot.core.heartbeat import HeartbeatThread

_thread: HeartbeatThread | None = None


@worker_ready.connect
def start_heartbeat(sender=None, **kwargs) -> None:
    global _thread
    consumer = sender
    queues = sorted(q.name for q in consumer.task_consumer.queues) if consumer.task_consumer else []
    name = getattr(consumer, "hostname", None) or f"celery@{socket.gethostname()}:{os.getpid()}"
    _thread = HeartbeatThread(name=name, kind="celery", queues=queues)
    _thread.start()


@worker_shutdown.connect
def stop_heartbeat(**kwargs) -> None:
    if _thread is not None:
        _thread.stop()


@celeryd_init.connect
def listen_to_routed_queues(conf=None, **kwargs) -> None:
    """A worker started without `-Q` consumes the default queue and every queue `CELERY_TASK_ROUTES` names.

    So the guide's plain `celery worker` also delivers webhooks (queue `webhooks`); `-Q` still chooses.
    Skipped when `CELERY_TASK_QUEUES` is set: then that list is the truth.
    """
    if conf is None or conf.task_queues:
        return
    routes = conf.task_routes if isinstance(conf.task_routes, dict) else {}
    names = [conf.task_default_queue, *(r.get("queue") for r in routes.values() if isinstance(r, dict))]
    conf.task_queues = [Queue(name, Exchange(name), routing_key=name) for name in dict.fromkeys(n for n in names if n)]
