"""`distinct(*fields)`, which 1.x apps call (PostgreSQL's `DISTINCT ON`), gives the same rows on every engine."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from nautobot.extras.models import Job, JobResult

pytestmark = pytest.mark.django_db


def _results():
    job_type = ContentType.objects.get_for_model(Job)
    now = timezone.now()
    for name, minutes, status in (
        ("a", 1, "failed"),
        ("a", 5, "completed"),
        ("b", 2, "errored"),
        ("c", 3, "running"),
        ("c", 9, "pending"),
    ):
        JobResult.objects.create(
            name=name, obj_type=job_type, status=status, completed=now + datetime.timedelta(minutes=minutes)
        )
    return JobResult.objects.filter(obj_type=job_type).order_by("name", "-completed")


def test_the_latest_result_of_each_job_as_a_1x_app_asks_for_it():
    latest = _results()
    emulated = [(r.name, r.status) for r in latest.distinct_by_window("name")]
    assert emulated == [("a", "completed"), ("b", "errored"), ("c", "pending")]
    # What `distinct("name")` answers here: PostgreSQL's own DISTINCT ON, SQLite/MySQL the window.
    assert [(r.name, r.status) for r in latest.distinct("name")] == emulated
    assert connection.vendor != "postgresql" or "DISTINCT ON" in str(latest.distinct("name").query)
    # The first of each group in the other direction too, and still a queryset (counted, filtered).
    oldest = JobResult.objects.order_by("name", "completed").distinct_by_window("name")
    assert [r.status for r in oldest] == ["failed", "errored", "running"]
    assert oldest.filter(status="running").count() == 1
    assert list(JobResult.objects.distinct()) and JobResult.objects.distinct().count() == 5
