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

        signals.connect()
        WRITE_CONTEXTS.append(web_change_context)
        post_migrate.connect(seed_statuses, sender=self, dispatch_uid="nautobot.extras.seed_statuses")


def seed_statuses(sender, apps=None, using="default", **kwargs) -> None:
    """After every migrate: make sure the default statuses exist with their content types (idempotent)."""
    from nautobot.extras.statuses import ensure_default_statuses

    ensure_default_statuses(apps, using=using)
