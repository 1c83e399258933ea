"""Django app configuration of `nautobot.core.migration_aliases` (see the package docstring)."""

from django.apps import AppConfig


class MigrationAliasesConfig(AppConfig):
    name = "nautobot.core.migration_aliases"
    label = "migration_aliases"
    verbose_name = "Nautobot 1.x migration names"
