from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ExtrasConfig(AppConfig):
    name = "nautobot.extras"
    label = "extras"
    verbose_name = "Extensibility"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Celery finds a task only once its module is imported: these are the extras' task modules.
        from nautobot.extras.changelog import tasks as changelog_tasks  # noqa: F401
        from nautobot.extras.datasources import tasks as datasource_tasks  # noqa: F401
        from nautobot.extras.webhooks import tasks as webhook_tasks  # noqa: F401

        from nautobot.extras.changelog import signals as changelog_signals
        from nautobot.extras.datasources import signals as datasource_signals

        changelog_signals.connect()
        datasource_signals.connect()
        self._register()
        post_migrate.connect(seed_statuses, sender=self, dispatch_uid="nautobot.extras.seed_statuses")
        self._ready_jobs()

    def _register(self) -> None:
        """Plug each feature into the core registry, in a fixed order (the order of panels, mixins and loaders)."""
        from nautobot.core.registry import AfterWrite, WriteContext, registry
        from nautobot.extras import ui
        from nautobot.extras.configcontexts import rendered as rendered_contexts
        from nautobot.extras.customfields import forms as customfield_forms
        from nautobot.extras.api import contexts, fields, includes, notes, relationships
        from nautobot.extras.changelog import api as changelog_api, ui as changelog_ui
        from nautobot.extras.changelog.context import write_change_context
        from nautobot.extras.datasources import ui as datasources_ui
        from nautobot.extras.datasources.builtin import register_builtin_contents
        from nautobot.extras.webhooks import ui as webhooks_ui
        from nautobot.extras.webhooks.outbox import write_deliveries

        # REST API: fields, includes, `cf_` filters, notes, relationships, config contexts and `?export`.
        changelog_api.register()
        notes.register()
        relationships.register()
        contexts.register()
        fields.register()
        includes.register()
        # Web UI: forms, panels, tabs, actions and the home page.
        customfield_forms.register()
        ui.register()
        changelog_ui.register()
        datasources_ui.register()
        webhooks_ui.register()
        # Change logging and webhooks; config contexts; Git repository contents.
        registry.write_contexts.register(WriteContext(write_change_context))
        registry.after_write.register(AfterWrite(write_deliveries))
        rendered_contexts.register_scope_readers()
        register_builtin_contents()

    def _ready_jobs(self) -> None:
        """Jobs: the Celery task, the registry refresh after migrate, sources, pages, reaping and scheduling hooks."""
        from nautobot.core.registry import BeatHook, TickHook, registry
        from nautobot.extras.jobs import runner  # noqa: F401  (registers the run_job task with Celery)
        from nautobot.extras.jobs import views
        from nautobot.extras.jobs.logs import reap_lost_jobs
        from nautobot.extras.jobs.registry import refresh_after_migrate, register_sources
        from nautobot.extras.jobs.schedules import fire_due_schedules

        post_migrate.connect(refresh_after_migrate, sender=self, dispatch_uid="nautobot.extras.refresh_jobs")
        register_sources()
        views.register()
        for kind in ("celery", "beat"):
            registry.beat_hooks.register(BeatHook(kind, reap_lost_jobs))
        registry.tick_hooks.register(TickHook(fire_due_schedules))


def seed_statuses(sender, apps=None, using="default", **kwargs) -> None:
    """After every migrate: make sure the default statuses exist with their content types (idempotent)."""
    from nautobot.extras.statuses.defaults import ensure_default_statuses

    ensure_default_statuses(apps, using=using)
