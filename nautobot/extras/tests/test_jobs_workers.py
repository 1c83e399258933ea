"""Jobs on real processes: uWSGI + Celery worker + beat, on the embedded default and on PostgreSQL/Redis."""

import json
import os
import signal
import time
from datetime import timedelta

import pytest
import requests

from nautobot.core.testing.processes import free_port, wait_for
from nautobot.extras.tests.job_fixtures import write_jobs

pytestmark = pytest.mark.slow
TOKEN = "0123456789abcdef0123456789abcdef01234567"
APPROVER = "abcdef0123456789abcdef0123456789abcdef01"
LEASE = 6
VERSION_JOB = "from nautobot.extras.jobs import Job\n\n\nclass Version(Job):\n    def run(self, data, commit):\n        return {!r}\n"


def _deploy(make_deployment, backend, **env):
    deployment = make_deployment(backend)
    deployment.env.update(
        NAUTOBOT_JOB_LEASE_TIMEOUT=str(LEASE),
        NAUTOBOT_WORKER_HEARTBEAT_INTERVAL="1",
        NAUTOBOT_WORKER_HEARTBEAT_TIMEOUT="15",
        **env,
    )
    write_jobs(deployment.root / "jobs")
    write_jobs(deployment.root / "jobs", "version_job", VERSION_JOB.format("v1"))
    deployment.enable_jobs()
    deployment.add_superuser("admin", "admin", token=TOKEN)
    deployment.add_superuser("approver", "approver", token=APPROVER)
    return deployment


def _worker(deployment, name="worker", concurrency=2):
    process = deployment.spawn(
        "celery", "worker", "--loglevel", "INFO", "--concurrency", str(concurrency), "-n", f"{name}@%h", log_name=name
    )
    wait_for(lambda: "ready." in deployment.log(name), timeout=90, what=f"the Celery worker {name}")
    return process


def _web(deployment):
    port = free_port()
    deployment.spawn(
        "start",
        f"--http=127.0.0.1:{port}",
        "--master",
        "--processes=2",
        "--threads=2",
        "--http-keepalive",
        "--die-on-term",
        log_name="web",
    )
    url = f"http://127.0.0.1:{port}"
    wait_for(
        lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200, timeout=90, what="the web service"
    )
    return url


class API:
    def __init__(self, url, token=TOKEN):
        self.url = url
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Token {token}", "Accept": "application/json; version=1.3"})

    def get(self, path, **params):
        response = self.session.get(self.url + path, params=params, timeout=30)
        assert response.status_code == 200, response.text
        return response.json()

    def post(self, path, payload=None, **kwargs):
        return self.session.post(self.url + path, json=payload, timeout=30, **kwargs)

    def job(self, class_name):
        return self.get("/api/extras/jobs/", job_class_name=class_name)["results"][0]["id"]

    def run(self, class_name, data=None, **extra):
        response = self.post(f"/api/extras/jobs/{self.job(class_name)}/run/", {"data": data or {}, **extra})
        assert response.status_code == 201, response.text
        return response.json()

    def finished(self, result_id, timeout=90):
        def done():
            result = self.get(f"/api/extras/job-results/{result_id}/")
            return result if result["status"]["value"] in ("completed", "failed", "errored") else None

        return wait_for(done, timeout=timeout, what=f"job result {result_id} to finish")


def _status_exists(deployment, slug) -> bool:
    return (
        deployment.shell(
            f"from nautobot.extras.models import Status; print(Status.objects.filter(slug='{slug}').exists())"
        ).splitlines()[-1]
        == "True"
    )


@pytest.mark.parametrize("backend", ["embedded", "postgres-redis"])
def test_jobs_run_end_to_end(make_deployment, backend):
    deployment = _deploy(make_deployment, backend)
    url = _web(deployment)
    api = API(url)
    # No worker yet: the API says so at once (from heartbeats), and creates nothing.
    started = time.monotonic()
    refused = api.post(f"/api/extras/jobs/{api.job('CreateStatus')}/run/", {"data": {"slug": "x"}})
    assert refused.status_code == 503 and "No celery workers running on queue default" in refused.json()["detail"]
    assert time.monotonic() - started < 2
    _worker(deployment)
    wait_for(
        lambda: api.post(f"/api/extras/jobs/{api.job('Version')}/run/", {}).status_code == 201,
        timeout=30,
        what="workers seen by the API",
    )

    # API run, committed; pynautobot's legacy route too.
    run = api.run("CreateStatus", {"slug": "via-api"}, commit=True)
    result = api.finished(run["job_result"]["id"])
    assert result["status"]["value"] == "completed" and result["data"]["output"] == "made via-api"
    assert _status_exists(deployment, "via-api")
    logs = api.get(f"/api/extras/job-results/{result['id']}/logs/")
    assert [entry["grouping"] for entry in logs] == ["run", "test_second", "test_first", "post_run"]
    legacy = requests.post(
        f"{url}/api/extras/jobs/local/test_jobs/CreateStatus/run/",
        json={"data": {"slug": "legacy"}, "commit": True},
        headers={"Authorization": f"Token {TOKEN}"},
        timeout=30,
    )
    assert legacy.status_code == 200 and legacy.json()["result"]["status"]["value"] == "pending"
    assert api.finished(legacy.json()["result"]["id"])["status"]["value"] == "completed"

    # Dry run rolls back; failing and raising jobs.
    dry = api.finished(api.run("CreateStatus", {"slug": "dry-run"}, commit=False)["job_result"]["id"])
    assert dry["status"]["value"] == "completed" and not _status_exists(deployment, "dry-run")
    assert api.finished(api.run("Failing", commit=True)["job_result"]["id"])["status"]["value"] == "failed"
    errored = api.finished(api.run("Raising", commit=True)["job_result"]["id"])
    assert errored["status"]["value"] == "errored" and not _status_exists(deployment, "from-raising")

    # A file variable, as multipart.
    upload = api.session.post(
        f"{url}/api/extras/jobs/{api.job('Upload')}/run/",
        data={"_commit": "true"},
        files={"upload": ("a.txt", b"uploaded bytes")},
        timeout=30,
    )
    assert upload.status_code == 201, upload.text
    assert api.finished(upload.json()["job_result"]["id"])["data"]["output"] == "uploaded bytes"

    # Logs are visible while the job runs (its transaction still open).
    slow = api.run("Slow", {"seconds": 4}, commit=True)["job_result"]["id"]

    def logged_while_running():
        result = api.get(f"/api/extras/job-results/{slow}/")
        messages = [e["message"] for e in api.get(f"/api/extras/job-results/{slow}/logs/")]
        return result["status"]["value"] == "running" and "started sleeping" in messages

    wait_for(logged_while_running, timeout=30, what="a log line of the running job")
    assert api.finished(slow)["status"]["value"] == "completed"

    # Approval: the request waits; another user approves; the worker runs it.
    requested = api.run("NeedsApproval")
    assert requested["job_result"] is None
    schedule = requested["schedule"]["id"]
    assert api.post(f"/api/extras/scheduled-jobs/{schedule}/approve/").status_code == 403
    approved = API(url, APPROVER).post(f"/api/extras/scheduled-jobs/{schedule}/approve/")
    assert approved.status_code == 200, approved.text
    results = api.get("/api/extras/job-results/", name="local/test_jobs/NeedsApproval")["results"]
    assert api.finished(results[0]["id"])["status"]["value"] == "completed"

    # runjob: the original's command line, on the worker and in-process; exit code from the status.
    cli = deployment.server(
        "runjob",
        "--commit",
        "--username",
        "admin",
        "--data",
        json.dumps({"slug": "from-cli"}),
        "local/test_jobs/CreateStatus",
    )
    assert "Status: completed" in cli.stdout and "Created" in cli.stdout and _status_exists(deployment, "from-cli")
    failing = deployment.server("runjob", "local/test_jobs/Failing", check=False)
    assert failing.returncode == 1 and "Status: failed" in failing.stdout
    local = deployment.server(
        "runjob", "--local", "--commit", "--data", '{"slug": "local-run"}', "local/test_jobs/CreateStatus"
    )
    assert "Status: completed" in local.stdout and _status_exists(deployment, "local-run")
    bad = deployment.server("runjob", "--data", '{"count": -1}', "local/test_jobs/CreateStatus", check=False)
    assert bad.returncode == 1 and "Invalid job data" in bad.stderr and "Traceback" not in bad.stderr

    # Changed job code runs on the same worker without a restart.
    assert "Status: completed" in deployment.server("runjob", "local/version_job/Version").stdout
    write_jobs(deployment.root / "jobs", "version_job", VERSION_JOB.format("version two"))
    second = api.finished(api.run("Version")["job_result"]["id"])
    assert second["data"]["output"] == "version two"


@pytest.mark.parametrize("backend", ["embedded", "postgres-redis"])
def test_killed_worker_job_errored_within_lease(make_deployment, backend):
    deployment = _deploy(make_deployment, backend)
    worker = _worker(deployment)
    job_result = deployment.shell(
        "from nautobot.extras.models import Job\n"
        "from nautobot.extras.jobs.runner import enqueue_job\n"
        "job = Job.objects.get(job_class_name='Slow')\n"
        "print(enqueue_job(job, user=None, data={'seconds': 120}, commit=True).pk)"
    ).splitlines()[-1]
    status = f"from nautobot.extras.models import JobResult; print(JobResult.objects.get(pk='{job_result}').status)"
    wait_for(lambda: deployment.shell(status).endswith("running"), timeout=60, what="the job to run")
    time.sleep(1)
    os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool processes, as the OOM killer or a hard limit would
    killed_at = time.monotonic()
    worker.wait(timeout=10)
    # The reaper runs in beat (and in every worker).
    deployment.spawn("celery", "beat", "--loglevel", "INFO", log_name="beat")
    wait_for(
        lambda: deployment.shell(status).endswith("errored"), timeout=LEASE + 40, what="the lost job to be errored"
    )
    elapsed = time.monotonic() - killed_at
    assert elapsed < LEASE + 25, elapsed  # lease + beat start-up (a few seconds of nbshell polling included)
    logs = deployment.shell(
        f"from nautobot.extras.models import JobLogEntry\nfor e in JobLogEntry.objects.filter(job_result_id='{job_result}').order_by('created'): print(e.message)"
    )
    assert "started sleeping" in logs and "worker running this job stopped" in logs
    assert not _status_exists(deployment, "from-slow")  # its transaction died with it


def test_job_enqueued_without_worker_runs_when_one_starts(make_deployment):
    deployment = _deploy(make_deployment, "embedded")
    job_result = deployment.shell(
        "from nautobot.extras.models import Job\n"
        "from nautobot.extras.jobs.runner import enqueue_job\n"
        "job = Job.objects.get(job_class_name='CreateStatus')\n"
        "print(enqueue_job(job, user=None, data={'slug': 'queued'}, commit=True).pk)"
    ).splitlines()[-1]
    status = f"from nautobot.extras.models import JobResult; print(JobResult.objects.get(pk='{job_result}').status)"
    time.sleep(2)
    assert deployment.shell(status).endswith("pending")
    _worker(deployment)
    wait_for(lambda: deployment.shell(status).endswith("completed"), timeout=60, what="the queued job to run")
    assert _status_exists(deployment, "queued")


def test_schedules_fire_once_per_interval_in_local_time(make_deployment):
    deployment = _deploy(make_deployment, "postgres-redis", NAUTOBOT_TIME_ZONE="Asia/Kolkata")  # UTC+05:30
    # An hourly schedule started almost an hour ago (its missed first run fires at once, then at its
    # minute of the next hour, within three minutes), and a daily crontab three minutes ahead in Kolkata.
    created = deployment.shell(
        "from datetime import timedelta\n"
        "from zoneinfo import ZoneInfo\n"
        "from django.utils import timezone\n"
        "from nautobot.extras.jobs import schedules\n"
        "from nautobot.extras.models import Job, ScheduledJob\n"
        "job = Job.objects.get(job_class_name='Version')\n"
        "now = timezone.now()\n"
        "start = (now + timedelta(seconds=180)).replace(second=0, microsecond=0) - timedelta(hours=1)\n"
        "hourly = ScheduledJob.objects.create(name='hourly', job_model=job, job_class=job.class_path, interval='hourly',\n"
        "    kwargs={'data': {}, 'commit': True}, start_time=start, next_run_at=start)\n"
        "local = (now + timedelta(seconds=180)).astimezone(ZoneInfo('Asia/Kolkata'))\n"
        "cron = f'{local.minute} {local.hour} * * *'\n"
        "daily = ScheduledJob.objects.create(name='daily', job_model=job, job_class=job.class_path, interval='custom', crontab=cron,\n"
        "    kwargs={'data': {}, 'commit': True}, start_time=now, next_run_at=schedules.first_run('custom', now, cron))\n"
        "print(hourly.pk, daily.pk, (start + timedelta(hours=1)).isoformat())"
    ).splitlines()[-1]
    hourly, daily, expected = created.split()
    _worker(deployment)
    deployment.spawn("celery", "beat", "--loglevel", "INFO", log_name="beat")
    runs = (
        "import json\n"
        "from nautobot.extras.models import JobResult\n"
        f"for pk in ('{hourly}', '{daily}'):\n"
        "    print(pk, json.dumps([r.created.isoformat() for r in JobResult.objects.filter(schedule_id=pk).order_by('created')]))"
    )

    def counts():
        lines = dict(line.split(" ", 1) for line in deployment.shell(runs).splitlines()[-2:])
        return {pk: json.loads(value) for pk, value in lines.items()}

    wait_for(
        lambda: len(counts()[hourly]) == 2 and len(counts()[daily]) == 1,
        timeout=300,
        interval=2,
        what="both schedules to fire",
    )
    result = counts()
    from datetime import datetime

    second_hourly = datetime.fromisoformat(result[hourly][1])
    # The right instant, not 30 minutes off (Kolkata is UTC+05:30).
    assert abs(second_hourly - datetime.fromisoformat(expected)) < timedelta(seconds=5)
    daily_run = datetime.fromisoformat(result[daily][0])
    assert daily_run.second < 5 and abs(daily_run - datetime.fromisoformat(expected)) < timedelta(seconds=5)
    # A restarted scheduler does not fire the same times again.
    beat = deployment.processes[-1]
    beat.send_signal(signal.SIGTERM)
    beat.wait(timeout=30)
    deployment.spawn("celery", "beat", "--loglevel", "INFO", log_name="beat2")
    time.sleep(8)
    again = counts()
    assert len(again[hourly]) == 2 and len(again[daily]) == 1
    statuses = deployment.shell(
        "from nautobot.extras.models import JobResult\nprint(sorted(set(JobResult.objects.values_list('status', flat=True))))"
    )
    assert statuses.splitlines()[-1] in ("['completed']", "['completed', 'running']", "['completed', 'pending']")
