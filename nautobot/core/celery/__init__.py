"""The one Celery app of Nautobot, and `nautobot_task` for tasks of Nautobot and its apps.

Settings come from Django (`CELERY_*`), tasks are found in each installed app's `tasks.py`, and
messages use the `nautobot_json` serializer (see `serialization`), which never imports a dotted
path named by a message.
"""

from celery import Celery, shared_task
from celery.fixups.django import DjangoFixup

from nautobot.core.celery import embedded, serialization

serialization.register()
embedded.register()

app = Celery("nautobot")
app.config_from_object("django.conf:settings", namespace="CELERY")
DjangoFixup(app).install()
app.autodiscover_tasks()


def nautobot_task(*args, **kwargs):
    """Declare a Celery task of Nautobot or an app: a drop-in for Celery's `shared_task`.

    Works bare (`@nautobot_task`) and with options (`@nautobot_task(name=..., queue=...)`).
    """
    return shared_task(*args, **kwargs)


from nautobot.core.celery import metrics, signals  # noqa: E402,F401  (task metrics; worker heartbeats)

__all__ = ["app", "nautobot_task"]
