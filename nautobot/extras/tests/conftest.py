"""Fixtures of the extras tests: real installations (`make_deployment`) come from the core tests; the job
tests share a temporary `JOBS_ROOT` and a live-looking worker."""

import pytest
from django.utils import timezone

from nautobot.core.tests.conftest import make_deployment, migrated_databases  # noqa: F401


@pytest.fixture
def jobs_root(settings, tmp_path):
    """An empty `JOBS_ROOT` for this test (write job modules into it, then `install_jobs` it)."""
    root = tmp_path / "jobs"
    settings.JOBS_ROOT = str(root)
    return root


@pytest.fixture
def worker():
    """The heartbeat of a Celery worker on the default queue, just seen: jobs may be run."""
    from nautobot.core.models import WorkerHeartbeat

    now = timezone.now()
    return WorkerHeartbeat.objects.create(
        name="celery@test", kind="celery", hostname="test", pid=1, queues=["default"], started=now, last_seen=now
    )
