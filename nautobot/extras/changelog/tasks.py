"""Change log retention: a scheduled task (Celery beat) removes changes older than `CHANGELOG_RETENTION` days."""

from datetime import timedelta

from django.utils import timezone

from nautobot.core.celery import nautobot_task
from nautobot.extras.changelog.models import ObjectChange
from nautobot.core.runtime_settings import get_settings_or_config

BATCH = 2000


@nautobot_task(name="nautobot.extras.changelog.purge_object_changes", ignore_result=True)
def purge_object_changes() -> int:
    """Delete object changes older than `CHANGELOG_RETENTION` days (0 keeps them forever); return how many."""
    days = get_settings_or_config("CHANGELOG_RETENTION")
    if not days:
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    deleted = 0
    while True:  # in batches: a short transaction each, so a large backlog never locks the table for long
        pks = list(ObjectChange.objects.filter(time__lt=cutoff).order_by("time").values_list("pk", flat=True)[:BATCH])
        if not pks:
            return deleted
        deleted += ObjectChange.objects.filter(pk__in=pks).delete()[1].get(ObjectChange._meta.label, 0)
