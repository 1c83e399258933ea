"""An app written as for Nautobot 1.x: internet exchanges and their roles, declared with the 1.x imports.

Nothing here is specific to this implementation: the models subclass `PrimaryModel`/`OrganizationalModel` with a
`StatusModel`, `AutoSlugField`, `ColorField`, `ASNField` and `@extras_features`, and the migrations are what the
original's `makemigrations` writes (dependencies on its migration names, `DynamicGroupMixin`/`NotesMixin` bases).
Nautobot's tests drive it as a user would, to prove that such an app gets what built-in models get.
"""

from nautobot.extras.plugins import PluginConfig

__version__ = "1.0.0"


class ExampleApp1xConfig(PluginConfig):
    name = "example_app_1x"
    verbose_name = "Example 1.x app"
    version = __version__
    author = "Nautobot clean-room project"
    author_email = "nautobot@example.com"
    description = "Internet exchanges, declared the Nautobot 1.x way."
    base_url = "example-app-1x"
    min_version = "1.5.0"
    max_version = "1.9999"
    default_settings = {"default_statuses": {"exchange": ["active", "planned"]}}

    def ready(self):
        super().ready()
        from nautobot.core.signals import nautobot_database_ready

        from example_app_1x.signals import assign_default_statuses

        nautobot_database_ready.connect(assign_default_statuses, sender=self)


config = ExampleApp1xConfig
