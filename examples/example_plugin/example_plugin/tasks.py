"""Background work of the plugin: one Celery task, and one legacy RQ task (the deployment guide's two cases)."""

from django_rq import job

from nautobot.core.celery import nautobot_task


@nautobot_task
def resize_widget(widget_id: str, size: int) -> int:
    """Set a widget's size (runs on `nautobot-server celery worker`)."""
    from example_plugin.models import Widget

    return Widget.objects.filter(pk=widget_id).update(size=size)


@job("default")
def describe_widget(widget_id: str, description: str) -> int:
    """Set a widget's description (runs on the deprecated `nautobot-server rqworker`)."""
    from example_plugin.models import Widget

    return Widget.objects.filter(pk=widget_id).update(description=description)
