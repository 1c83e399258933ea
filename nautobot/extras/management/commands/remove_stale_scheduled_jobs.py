"""`nautobot-server remove_stale_scheduled_jobs <max-age>` (1.x): delete one-off scheduled jobs that started more
than `max-age` days ago (recurring schedules stay: they still fire)."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from nautobot.extras.jobs.models import ScheduledJob, ScheduledJobIntervals

RECURRING = (
    ScheduledJobIntervals.HOURLY,
    ScheduledJobIntervals.DAILY,
    ScheduledJobIntervals.WEEKLY,
    ScheduledJobIntervals.CUSTOM,
)


class Command(BaseCommand):
    help = "Remove one-off scheduled jobs older than max-age days."

    def add_arguments(self, parser) -> None:
        parser.add_argument("max-age", type=int, help="Max age in days")

    def handle(self, *args, **options) -> None:
        max_age = options["max-age"]
        if max_age < 0:
            raise CommandError("max-age is a number of days, 0 or more.")
        stale = ScheduledJob.objects.filter(start_time__lt=timezone.now() - timedelta(days=max_age)).filter(
            Q(one_off=True) | ~Q(interval__in=RECURRING)
        )
        count, _ = stale.delete()
        self.stdout.write(self.style.SUCCESS(f"Stale scheduled jobs deleted successfully ({count} removed)."))
