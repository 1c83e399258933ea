"""Example plugin: widgets on sites, with their API, a page, a job, a Celery task and a legacy RQ task."""

from nautobot.extras.plugins import PluginConfig

__version__ = "1.0.0"


class ExamplePluginConfig(PluginConfig):
    name = "example_plugin"
    verbose_name = "Example plugin"
    version = __version__
    author = "Nautobot clean-room project"
    author_email = "nautobot@example.com"
    description = "Widgets on sites: a model with API and UI, a job, a Celery task and a legacy RQ task."
    base_url = "example-plugin"
    min_version = "1.4.0"
    max_version = "1.99"
    default_settings = {"greeting": "Hello from the example plugin"}
    # Linked from the installed plugins page; the docs name is not routed, so it shows no link.
    home_view_name = "plugins:example_plugin:summary"
    docs_view_name = "plugins:example_plugin:docs"


config = ExamplePluginConfig
