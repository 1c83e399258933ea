"""`run_job_for_testing` (1.x app test API): an app's test runs one of its jobs in the test's process."""

import pytest

from example_plugin.models import Widget
from nautobot.extras.jobs.models import Job, JobLogEntry
from nautobot.utilities.testing import run_job_for_testing

# A job's log lines are committed by its side channel on a connection of their own (as 1.x's `job_logs` database),
# so, as 1.x's documentation asks of job tests, these run as transaction test cases: the tables are emptied
# afterwards, and no log line outlives the test into the next one on this worker.
pytestmark = pytest.mark.django_db(transaction=True)


def _census() -> Job:
    return Job.objects.get(job_class_name="WidgetCensus")


def test_a_committed_run_keeps_its_changes_and_logs():
    result = run_job_for_testing(_census(), data={"widget_name": "w1", "size": 3}, username="runner")
    assert result.status == "completed"
    assert result.user.username == "runner"
    assert Widget.objects.filter(name="w1", size=3).exists()
    assert JobLogEntry.objects.filter(job_result=result, message="1 widget(s)").exists()


def test_a_dry_run_rolls_back_and_bad_input_errors():
    result = run_job_for_testing(_census(), data={"widget_name": "w2", "size": 1}, commit=False)
    assert result.status == "completed"
    assert not Widget.objects.filter(name="w2").exists()
    result = run_job_for_testing(_census(), data={"widget_name": "w3", "size": -1})
    assert result.status == "errored"
    assert not Widget.objects.filter(name="w3").exists()
