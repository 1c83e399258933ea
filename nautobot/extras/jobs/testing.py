"""`run_job_for_testing` of the 1.x app test API: run a job in the test's own process and database transaction.

In the jobs feature (not in `nautobot.core.testing`) because it drives the job runner, and the core imports no
app; `nautobot.utilities.testing` and `nautobot.apps.testing` re-export it.
"""

import uuid

from django.contrib.auth import get_user_model
from django.db import models

from nautobot.extras.jobs.runner import enqueue_job, execute


def _wire(data: dict | None) -> dict:
    """Job input as a message carries it: objects by primary key."""
    wire = {}
    for name, value in (data or {}).items():
        if isinstance(value, models.Model):
            value = str(value.pk)
        elif isinstance(value, models.QuerySet | list | tuple) and any(isinstance(v, models.Model) for v in value):
            value = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, uuid.UUID):
            value = str(value)
        wire[name] = value
    return wire


def run_job_for_testing(job, data=None, commit=True, profile=False, username="test-user", request=None):
    """Run the job of the Job model instance `job` now, in this process, and return its finished `JobResult`.

    `data`: values of the job's variables (objects or their keys); `commit`: keep the job's database changes
    (False: a dry run); `username`: the user the run belongs to (made if missing) unless `request.user` is a
    signed-in user. `profile` is accepted for 1.x callers; runs here are not profiled.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        user, _ = get_user_model().objects.get_or_create(username=username)
    wire = _wire(data)
    job_result = enqueue_job(job, user=user, data=wire, commit=commit, send=False)
    execute(job_result.pk, wire, commit, request={"user": str(user.pk), "id": str(uuid.uuid4())})
    job_result.refresh_from_db()
    return job_result
