"""Give the exchanges their statuses once the database is ready (the 1.x `nautobot_database_ready` way)."""

from django.conf import settings


def assign_default_statuses(sender, *, apps, **kwargs):
    """Let the statuses named in the app's `default_statuses` setting apply to its models."""
    Status = apps.get_model("extras", "Status")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model_name, slugs in settings.PLUGINS_CONFIG["example_app_1x"]["default_statuses"].items():
        content_type = ContentType.objects.get_for_model(sender.get_model(model_name))
        for status in Status.objects.filter(slug__in=slugs):
            status.content_types.add(content_type)
