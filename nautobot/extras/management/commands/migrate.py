"""`nautobot-server migrate`: Django's, with one difference when apps (plugins) are installed: a full migrate first
brings Nautobot's own apps up to date and creates the default statuses, then migrates everything else as Django
does (its `post_migrate` as usual). 1.x created its statuses in a migration, and 1.x apps' migrations rely on that
(nautobot-firewall-models' `0002_custom_status` adds its models to `active`)."""

from django.apps import apps
from django.conf import settings
from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from nautobot.extras.statuses.defaults import ensure_default_statuses


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        if not options.get("app_label") and not options.get("plan") and getattr(settings, "PLUGINS", None):
            self._own_apps_first(options)
        return super().handle(*args, **options)

    def _own_apps_first(self, options) -> None:
        own = {config.label for config in apps.get_app_configs() if config.name.startswith("nautobot.")}
        database = options["database"]
        executor = MigrationExecutor(connections[database], self.migration_progress_callback)
        executor.loader.check_consistent_history(connections[database])
        targets = [node for node in executor.loader.graph.leaf_nodes() if node[0] in own]
        plan = executor.migration_plan(targets)
        if not plan:
            return
        self.verbosity = options["verbosity"]
        self.interactive = options["interactive"]
        if self.verbosity >= 1:
            self.stdout.write(
                self.style.MIGRATE_HEADING("Nautobot's own apps first (apps' migrations use their data):")
            )
        executor.migrate(targets, plan=plan)
        ensure_default_statuses(using=database)
