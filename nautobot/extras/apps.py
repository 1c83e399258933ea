from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ExtrasConfig(AppConfig):
    name = "nautobot.extras"
    label = "extras"
    verbose_name = "Extensibility"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nautobot.core.api.views import WRITE_CONTEXTS

        # Register serializer fields, includes, cf_ filters, notes, relationships, config contexts and `?export`.
        from nautobot.extras.api import contexts, fields, includes, notes, relationships  # noqa: F401
        from nautobot.extras.changelog import signals, tasks  # noqa: F401  (tasks: registered with Celery)
        from nautobot.extras.changelog.context import web_change_context
        from nautobot.extras.changelog.writer import AFTER_WRITE
        from nautobot.extras.webhooks import tasks as webhook_tasks  # noqa: F401  (registered with Celery)
        from nautobot.extras.webhooks.outbox import write_deliveries
        from nautobot.extras.datasources import signals as datasource_signals, tasks as datasource_tasks  # noqa: F401
        from nautobot.extras.datasources.builtin import register_builtin_contents
        from nautobot.extras import ui  # noqa: F401  (status choosers and the custom fields panel of the web UI)

        signals.connect()
        datasource_signals.connect()
        register_builtin_contents()
        WRITE_CONTEXTS.append(web_change_context)
        AFTER_WRITE.append(write_deliveries)
        post_migrate.connect(seed_statuses, sender=self, dispatch_uid="nautobot.extras.seed_statuses")
        self._ready_jobs()

    def _ready_jobs(self) -> None:
        """Jobs: the Celery task, the registry refresh after migrate, reaping and scheduling hooks."""
        from nautobot.core.celery.schedulers import TICK_HOOKS
        from nautobot.core.heartbeat import BEAT_HOOKS
        from nautobot.extras.jobs import runner  # noqa: F401  (registers the run_job task in every process)
        from nautobot.extras.jobs.logs import reap_lost_jobs
        from nautobot.extras.jobs.registry import refresh_after_migrate
        from nautobot.extras.jobs.schedules import fire_due_schedules

        post_migrate.connect(refresh_after_migrate, sender=self, dispatch_uid="nautobot.extras.refresh_jobs")
        from nautobot.extras.jobs import views  # noqa: F401  (registers the jobs pages of the web UI)

        for kind in ("celery", "beat"):
            if reap_lost_jobs not in BEAT_HOOKS[kind]:
                BEAT_HOOKS[kind].append(reap_lost_jobs)
        if fire_due_schedules not in TICK_HOOKS:
            TICK_HOOKS.append(fire_due_schedules)


def seed_statuses(sender, apps=None, using="default", **kwargs) -> None:
    """After every migrate: make sure the default statuses exist with their content types (idempotent)."""
    from nautobot.extras.statuses import ensure_default_statuses

    ensure_default_statuses(apps, using=using)
