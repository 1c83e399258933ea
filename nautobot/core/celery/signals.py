"""Worker heartbeats: a Celery worker writes one while it runs and removes it when it stops."""

import os
import socket

from celery.signals import worker_ready, worker_shutdown

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
