"""Jobs in-process: the author API, the registry, execution (transaction, logs, statuses) and scheduling maths."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import netaddr
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from nautobot.core.registry import SourceProvider
from nautobot.core.registry import registry as core_registry
from nautobot.extras.jobs import (
    BooleanVar,
    ChoiceVar,
    IntegerVar,
    IPAddressVar,
    IPAddressWithMaskVar,
    IPNetworkVar,
    Job,
    MultiObjectVar,
    ObjectVar,
    StringVar,
)
from nautobot.extras.jobs import registry, runner, schedules
from nautobot.extras.jobs.models import JobLogEntry, JobResult, ScheduledJob
from nautobot.extras.models import Status
from nautobot.extras.tests.job_fixtures import install_jobs, write_jobs


def form_errors(job_class, data):
    form = job_class.as_form(data)
    form.is_valid()
    return form.errors


# Variables --------------------------------------------------------------------------------------------------
def test_zero_bounds_and_falsy_defaults_are_honoured():
    class Bounds(Job):
        low = IntegerVar(min_value=0, required=False)
        high = IntegerVar(max_value=0, required=False)
        short = StringVar(max_length=0, required=False)
        zero = IntegerVar(default=0)
        empty = StringVar(default="", required=False)
        off = BooleanVar(default=False)

    assert "low" in form_errors(Bounds, {"low": -1})
    assert "high" in form_errors(Bounds, {"high": 1})
    assert not form_errors(Bounds, {"low": 0, "high": 0, "zero": 5})
    assert "short" in form_errors(Bounds, {"short": "x", "zero": 1})
    fields = Bounds.as_form().fields
    assert fields["zero"].initial == 0 and fields["empty"].initial == "" and fields["off"].initial is False
    described = {v["name"]: v for v in (var.describe(name) for name, var in Bounds._get_vars().items())}
    assert described["low"]["min_value"] == 0 and described["zero"]["default"] == 0


def test_string_regex_choice_and_network_variables():
    class Inputs(Job):
        name = StringVar(regex=r"^[a-z]+$", min_length=2)
        color = ChoiceVar(choices=(("red", "Red"), ("blue", "Blue")))
        address = IPAddressVar()
        interface = IPAddressWithMaskVar()
        network = IPNetworkVar(min_prefix_length=16, max_prefix_length=24)

    good = {"name": "ab", "color": "red", "address": "192.0.2.1", "interface": "192.0.2.1/24", "network": "10.1.0.0/16"}
    form = Inputs.as_form(good)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["address"] == netaddr.IPAddress("192.0.2.1")
    assert form.cleaned_data["interface"] == netaddr.IPNetwork("192.0.2.1/24")
    assert "name" in form_errors(Inputs, {**good, "name": "A1"})
    assert "color" in form_errors(Inputs, {**good, "color": "green"})
    assert "address" in form_errors(Inputs, {**good, "address": "192.0.2.1/24"})
    assert "interface" in form_errors(Inputs, {**good, "interface": "192.0.2.1"})
    assert "network" in form_errors(Inputs, {**good, "network": "10.0.0.0/8"})
    assert "network" in form_errors(Inputs, {**good, "network": "10.1.2.3/24"})  # host bits set


@pytest.mark.django_db
def test_object_variables_take_ids_and_attribute_dicts():
    active = Status.objects.get(slug="active")
    planned = Status.objects.get(slug="planned")

    class Pick(Job):
        one = ObjectVar(model=Status)
        many = MultiObjectVar(model=Status, required=False)

    form = Pick.as_form({"one": {"slug": "active"}, "many": [str(active.pk), str(planned.pk)]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["one"] == active
    assert set(form.cleaned_data["many"]) == {active, planned}
    assert "one" in form_errors(Pick, {"one": "00000000-0000-0000-0000-000000000000"})
    assert Pick._get_vars()["one"].describe("one")["model"] == "extras.status"


def test_job_class_api():
    class Ordered(Job):
        second = StringVar()
        first = StringVar()

        class Meta:
            field_order = ["first"]
            description = "Ordered"

        def test_zebra(self):
            pass

        def test_alpha(self):
            pass

    assert list(Ordered._get_vars()) == ["first", "second"]
    assert Ordered.test_methods == ["test_zebra", "test_alpha"]  # declaration order, not alphabetical
    assert Ordered.name == "Ordered" and Ordered.description == "Ordered"
    assert Ordered.has_sensitive_variables is True and Ordered.commit_default is True
    job = Ordered()
    job.log_success("plain text")  # 1.x jobs pass the message as the first argument
    job.log_failure(obj=None, message="bad")
    assert job.failed and job.results["total"]["success"] == 1 and job.results["total"]["failure"] == 1
    with pytest.raises(ValueError):
        job._log(None, "x", "nonsense")


# Registry ----------------------------------------------------------------------------------------------------
def test_sources_are_namespaced_and_reloaded(settings, tmp_path):
    local, other = tmp_path / "jobs", tmp_path / "other"
    settings.JOBS_ROOT = str(local)
    body = "from nautobot.extras.jobs import Job\n\nclass {name}(Job):\n    def run(self, data, commit):\n        return {value!r}\n"
    write_jobs(local, "devices", body.format(name="LocalJob", value="local"))
    write_jobs(other, "devices", body.format(name="OtherJob", value="other"))
    write_jobs(local, "json", body.format(name="ShadowJob", value="json"))  # named like a standard module
    provider = lambda: [registry.DirectorySource("git.other", other)]  # noqa: E731
    with core_registry.job_sources.registered(SourceProvider(provider)):
        jobs = registry.get_jobs()
        assert {"local/devices/LocalJob", "git.other/devices/OtherJob", "local/json/ShadowJob"} <= set(jobs)
        assert jobs["local/devices/LocalJob"]().run({}, True) == "local"
        assert jobs["git.other/devices/OtherJob"]().run({}, True) == "other"
        import json

        assert hasattr(json, "dumps")  # the job file did not shadow the standard module

        # Changed code is picked up without a restart.
        time.sleep(0.01)
        write_jobs(local, "devices", body.format(name="LocalJob", value="changed code"))
        assert registry.get_job("local/devices/LocalJob")().run({}, True) == "changed code"
        assert registry.get_job("local/devices/Missing") is None


@pytest.mark.django_db
def test_refresh_keeps_overrides_and_marks_removed_jobs(settings, tmp_path):
    settings.JOBS_ROOT = str(tmp_path / "jobs")
    jobs = install_jobs(tmp_path / "jobs")
    job = jobs["CreateStatus"]
    assert (
        job.grouping == "Test jobs"
        and job.name == "Create a status"
        and job.class_path == "local/test_jobs/CreateStatus"
    )
    assert job.slug == "local-test_jobs-createstatus"
    job.description, job.description_override = "mine", True
    job.save()
    (tmp_path / "jobs" / "test_jobs.py").write_text(
        (tmp_path / "jobs" / "test_jobs.py").read_text().replace("class Failing", "class Renamed")
    )
    summary = registry.refresh_job_models()
    assert "local/test_jobs/Failing" in summary["uninstalled"] and "local/test_jobs/Renamed" in summary["created"]
    job.refresh_from_db()
    assert job.description == "mine" and job.installed


# Execution ------------------------------------------------------------------------------------------------------
def _run(job, data, commit=True):
    result = runner.enqueue_job(job, user=None, data=data, commit=commit, send=False)
    status = runner.execute(result.pk, data, commit)
    result.refresh_from_db()
    assert result.status == status
    return result


def _messages(result):
    return [
        (e.grouping, e.log_level, e.message) for e in JobLogEntry.objects.filter(job_result=result).order_by("created")
    ]


@pytest.mark.django_db(transaction=True)
def test_commit_dry_run_failure_and_error(settings, tmp_path):
    settings.JOBS_ROOT = str(tmp_path / "jobs")
    jobs = install_jobs(tmp_path / "jobs")

    committed = _run(jobs["CreateStatus"], {"slug": "made-by-job"})
    assert committed.status == "completed" and committed.started and committed.completed
    status = Status.objects.get(slug="made-by-job")
    from nautobot.extras.changelog.models import ObjectChange

    change = ObjectChange.objects.get(changed_object_id=status.pk)
    assert (change.action, change.change_context, change.change_context_detail) == (
        "create",
        "job",
        jobs["CreateStatus"].slug,
    )
    messages = _messages(committed)
    assert [m[0] for m in messages] == ["run", "test_second", "test_first", "post_run"]
    assert committed.data["output"] == "made made-by-job" and committed.data["total"]["success"] == 1

    dry = _run(jobs["CreateStatus"], {"slug": "dry"}, commit=False)
    assert dry.status == "completed" and not Status.objects.filter(slug="dry").exists()
    assert ObjectChange.objects.count() == 1
    assert ("test_first", "info", "Database changes have been reverted automatically.") in _messages(dry)

    failed = _run(jobs["Failing"], {})
    assert failed.status == "failed" and Status.objects.filter(slug="from-failing").exists()

    errored = _run(jobs["Raising"], {})
    assert errored.status == "errored" and not Status.objects.filter(slug="from-raising").exists()
    failure = [m for m in _messages(errored) if m[1] == "failure"][0]
    assert "RuntimeError: boom" in failure[2] and "Traceback" in failure[2]

    bad_input = _run(jobs["CreateStatus"], {"slug": "x", "count": -1})
    assert bad_input.status == "errored" and "count" in _messages(bad_input)[0][2]


@pytest.mark.django_db(transaction=True)
def test_file_variable_round_trip(settings, tmp_path):
    settings.JOBS_ROOT = str(tmp_path / "jobs")
    jobs = install_jobs(tmp_path / "jobs")
    job_class = jobs["Upload"].job_class
    cleaned, errors = runner.validate_data(job_class, {}, {"upload": SimpleUploadedFile("a.txt", b"file body")})
    assert not errors
    wire = runner.serialize_data(cleaned, job_class)
    result = _run(jobs["Upload"], wire)
    assert result.status == "completed" and result.data["output"] == "file body"
    from nautobot.extras.jobs.models import FileProxy

    assert not FileProxy.objects.exists()  # uploads are deleted after the run


@pytest.mark.django_db(transaction=True)
def test_claim_is_once_and_cancel_of_pending(settings, tmp_path):
    settings.JOBS_ROOT = str(tmp_path / "jobs")
    jobs = install_jobs(tmp_path / "jobs")
    result = runner.enqueue_job(jobs["CreateStatus"], user=None, data={"slug": "once"}, commit=True, send=False)
    assert runner.execute(result.pk, {"slug": "once"}, True) == "completed"
    assert runner.execute(result.pk, {"slug": "once"}, True) == "skipped"  # a redelivered message does nothing
    pending = runner.enqueue_job(jobs["CreateStatus"], user=None, data={"slug": "never"}, commit=True, send=False)
    assert runner.cancel(pending) == "cancelled"
    assert runner.execute(pending.pk, {"slug": "never"}, True) == "skipped"
    pending.refresh_from_db()
    assert pending.status == "errored" and not Status.objects.filter(slug="never").exists()


@pytest.mark.django_db(transaction=True)
def test_reaper_errors_jobs_whose_lease_lapsed(settings, tmp_path):
    import os

    from nautobot.extras.jobs.logs import lease_timeout, reap_lost_jobs, spool_path, uses_spool

    settings.JOBS_ROOT = str(tmp_path / "jobs")
    jobs = install_jobs(tmp_path / "jobs")
    result = runner.enqueue_job(jobs["Slow"], user=None, data={}, commit=True, send=False)
    JobResult.objects.filter(pk=result.pk).update(
        status="running", started=timezone.now(), lease_expires=timezone.now() - timedelta(seconds=1)
    )
    if uses_spool():  # on SQLite the lease is the spool file's mtime (`lease_expires` is never renewed there)
        spool = spool_path(result.pk)
        spool.parent.mkdir(parents=True, exist_ok=True)
        spool.touch()
        assert reap_lost_jobs() == 0, "a spool touched just now is a live lease"
        lapsed = time.time() - lease_timeout() - 1
        os.utime(spool, (lapsed, lapsed))
    assert reap_lost_jobs() == 1
    result.refresh_from_db()
    assert result.status == "errored" and result.completed
    assert "stopped before the job finished" in _messages(result)[-1][2]
    assert reap_lost_jobs() == 0


# Scheduling ----------------------------------------------------------------------------------------------------
def test_recurring_schedules_fire_in_time_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"  # UTC+05:30
    kolkata = ZoneInfo("Asia/Kolkata")
    start = datetime(2026, 11, 27, 9, 0, tzinfo=kolkata)
    assert schedules.crontab_for("daily", start) == "0 9 * * *"
    assert schedules.crontab_for("weekly", start) == "0 9 * * 5"  # a Friday
    assert schedules.crontab_for("hourly", start) == "0 * * * *"
    after = schedules.fire_after("0 9 * * *", start)
    assert after == datetime(2026, 11, 28, 3, 30, tzinfo=ZoneInfo("UTC"))  # 09:00 in Kolkata, not 09:00 UTC
    assert schedules.first_run("custom", start, "30 10 * * *") == datetime(2026, 11, 27, 5, 0, tzinfo=ZoneInfo("UTC"))

    settings.TIME_ZONE = "America/New_York"  # daylight saving ends 2026-11-01
    new_york = ZoneInfo("America/New_York")
    before = datetime(2026, 10, 31, 8, 0, tzinfo=new_york)
    runs = [schedules.fire_after("0 9 * * *", before)]
    runs.append(schedules.fire_after("0 9 * * *", runs[0]))
    assert [r.astimezone(new_york).hour for r in runs] == [9, 9]
    assert [r.hour for r in runs] == [13, 14]  # UTC moves, local time does not
    assert schedules.validate_crontab("61 * * * *") and schedules.validate_crontab("* * *")
    assert schedules.validate_crontab("*/5 1-3 * * 1,3") is None


@pytest.mark.django_db
def test_each_fire_time_runs_once(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.JOBS_ROOT = str(tmp_path / "jobs")
    settings.TIME_ZONE = "Asia/Kolkata"
    jobs = install_jobs(tmp_path / "jobs")
    start = timezone.now() - timedelta(minutes=90)
    schedule = ScheduledJob.objects.create(
        name="hourly",
        job_model=jobs["CreateStatus"],
        job_class="local/test_jobs/CreateStatus",
        interval="hourly",
        kwargs={"data": {"slug": "x"}, "commit": False},
        start_time=start,
        next_run_at=start,
    )
    stale_copy = ScheduledJob.objects.get(pk=schedule.pk)
    with django_capture_on_commit_callbacks():  # keep the runs from being sent
        assert schedules.fire_due_schedules() == 1  # the fire times missed while no scheduler ran become one run
        assert schedules.fire(stale_copy) is None  # a second scheduler holding the same fire time does nothing
        assert schedules.fire_due_schedules() == 0
    schedule.refresh_from_db()
    assert schedule.total_run_count == 1 and JobResult.objects.filter(schedule=schedule).count() == 1
    assert schedule.next_run_at > timezone.now()
    assert (
        schedule.next_run_at.astimezone(ZoneInfo("Asia/Kolkata")).minute
        == start.astimezone(ZoneInfo("Asia/Kolkata")).minute
    )


@pytest.mark.django_db(transaction=True)
def test_cancel_stops_a_running_job(settings, tmp_path):
    import threading

    from django.db import connection

    settings.JOBS_ROOT = str(tmp_path / "jobs")
    settings.JOB_LEASE_TIMEOUT = 3  # the side channel checks for cancellation every second
    jobs = install_jobs(tmp_path / "jobs")
    result = runner.enqueue_job(jobs["Slow"], user=None, data={"seconds": 60}, commit=True, send=False)
    outcome = {}

    def work():
        try:
            outcome["status"] = runner.execute(result.pk, {"seconds": 60, "fail": False}, True)
        finally:
            connection.close()

    thread = threading.Thread(target=work)
    thread.start()
    deadline = time.monotonic() + 20
    while JobResult.objects.get(pk=result.pk).status != "running" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert runner.cancel(result) == "cancelling"
    thread.join(timeout=20)
    assert not thread.is_alive() and outcome["status"] == "errored"
    assert "The job was cancelled; database changes were rolled back." in [m[2] for m in _messages(result)]
    assert not Status.objects.filter(slug="from-slow").exists()


@pytest.mark.django_db(transaction=True)
def test_same_named_job_files_from_jobs_root_and_a_git_repository(settings, tmp_path):
    from nautobot.core.testing.gitrepos import SourceRepository
    from nautobot.extras.datasources import services
    from nautobot.extras.datasources.records import SyncRecord
    from nautobot.extras.jobs.models import Job
    from nautobot.extras.models import GitRepository

    settings.JOBS_ROOT, settings.GIT_ROOT = str(tmp_path / "jobs"), str(tmp_path / "git-root")
    body = "from nautobot.extras.jobs import Job\n\nclass Hello(Job):\n    def run(self, data, commit):\n        return {!r}\n"
    write_jobs(tmp_path / "jobs", "devices", body.format("from JOBS_ROOT"))
    registry.refresh_job_models()
    source = SourceRepository(tmp_path / "source")
    source.commit({"jobs/devices.py": body.format("from git")})
    repo = GitRepository.objects.create(
        name="Jobs", slug="jobs-repo", remote_url=source.url, provided_contents=["extras.job"]
    )
    assert services.sync_repository(repo, SyncRecord(repo)) == "completed"
    local, from_git = Job.objects.get(source_prefix="local"), Job.objects.get(source_prefix="git.jobs-repo")
    assert (local.class_path, from_git.class_path) == ("local/devices/Hello", "git.jobs-repo/devices/Hello")
    assert from_git.source == "git" and not from_git.enabled
    Job.objects.update(enabled=True)
    assert _run(local, {}).data["output"] == "from JOBS_ROOT"
    assert _run(from_git, {}).data["output"] == "from git"

    # A new commit without the file: the job is no longer installed; the local one is untouched.
    source.commit({"jobs/devices.py": None, "jobs/other.py": body.format("other")})
    repo.refresh_from_db()
    assert services.sync_repository(repo, SyncRecord(repo)) == "completed"
    from_git.refresh_from_db()
    local.refresh_from_db()
    assert not from_git.installed and local.installed
    assert Job.objects.filter(source_prefix="git.jobs-repo", module_name="other", installed=True).exists()


SANITIZED_JOB = """
from nautobot.extras.jobs import Job


class Chatty(Job):
    def run(self, data, commit):
        self.log_info(message="fetching https://robot:hunter2@git.example.com/repo.git with password: hunter2")
"""


@pytest.mark.django_db(transaction=True)
def test_job_log_lines_are_sanitized(settings, tmp_path):
    """`SANITIZER_PATTERNS` (1.x): credentials are taken out of job log lines before they are kept; `[]` keeps all."""
    from nautobot.extras.jobs.models import Job as JobModel
    from nautobot.extras.jobs.registry import refresh_job_models

    settings.JOBS_ROOT = str(tmp_path / "jobs")
    write_jobs(tmp_path / "jobs", "chatty_jobs", SANITIZED_JOB)
    refresh_job_models()
    JobModel.objects.update(enabled=True)
    job = JobModel.objects.get(job_class_name="Chatty")
    (line,) = [m[2] for m in _messages(_run(job, {})) if m[1] == "info"]
    assert (
        "hunter2" not in line
        and line == "fetching https://(redacted)@git.example.com/repo.git with password: (redacted)"
    )
    settings.SANITIZER_PATTERNS = []
    (line,) = [m[2] for m in _messages(_run(job, {})) if m[1] == "info"]
    assert line.count("hunter2") == 2
