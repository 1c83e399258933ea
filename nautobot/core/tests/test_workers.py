"""The guide's worker units on real brokers: `celery worker` runs `@nautobot_task`, `rqworker` runs `@job`."""

import signal

import pytest

from nautobot.core.testing.processes import pid_alive, wait_for
from nautobot.core.tests.conftest import BACKENDS

pytestmark = pytest.mark.slow


def _start_celery_worker(deployment):
    pidfile = deployment.root / "nautobot-worker.pid"
    # The ExecStart line of the guide's nautobot-worker.service.
    process = deployment.spawn("celery", "worker", "--loglevel", "INFO", "--pidfile", str(pidfile), log_name="worker")
    wait_for(lambda: "ready." in deployment.log("worker"), timeout=60, what="the Celery worker to be ready")
    return process, pidfile


@pytest.mark.parametrize("backend", BACKENDS)
def test_celery_worker_runs_nautobot_task(make_deployment, backend):
    deployment = make_deployment(backend)
    process, pidfile = _start_celery_worker(deployment)
    assert pidfile.exists()

    output = deployment.shell("from task_example import example_task; print(example_task.delay().get(timeout=60))")
    assert output.splitlines()[-1] == "examples are cool!"
    assert "task_example.example_task" in deployment.log("worker")

    # The worker announces itself through its heartbeat, which the health check reads.
    wait_for(
        lambda: deployment.server("health_check", "workers", check=False).returncode == 0, timeout=30, what="heartbeat"
    )
    health = deployment.server("health_check", "workers").stdout
    assert "1 alive" in health

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert not pidfile.exists(), "the worker must remove its pidfile on a clean stop"
    # A clean stop removes the heartbeat at once, so the worker is not counted for another minute.
    failing = deployment.server("health_check", "workers", check=False)
    assert "no Celery worker" in failing.stdout


@pytest.mark.parametrize("backend", ["postgres-redis", "mariadb-rabbitmq"])
def test_rq_worker_runs_legacy_job(make_deployment, backend):
    deployment = make_deployment(backend)
    # The ExecStart line of the guide's nautobot-rq-worker.service.
    process = deployment.spawn("rqworker", log_name="rqworker")
    wait_for(lambda: "Listening on" in deployment.log("rqworker"), timeout=60, what="the RQ worker to listen")
    log = deployment.log("rqworker")
    assert "deprecated" in log
    for queue in ("default", "check_releases", "custom_fields", "webhooks"):
        assert queue in log.split("Listening on", 1)[1].splitlines()[0]

    output = deployment.shell(
        "import time\n"
        "from rq_task_example import example_task\n"
        "job = example_task.delay()\n"
        "for _ in range(300):\n"
        "    if job.get_status(refresh=True) in ('finished', 'failed'): break\n"
        "    time.sleep(0.1)\n"
        "print(job.get_status().value, job.return_value())"
    )
    assert output.splitlines()[-1] == "finished examples are cool!"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert not pid_alive(process.pid)


def test_rq_worker_without_redis_says_so(make_deployment):
    deployment = make_deployment("embedded", migrate=False)
    result = deployment.server("rqworker", check=False)
    assert result.returncode != 0
    assert "RQ needs Redis" in result.stderr
    assert "Traceback" not in result.stderr


def test_scheduler_heartbeat_on_embedded_default(make_deployment):
    deployment = make_deployment("embedded")
    pidfile = deployment.root / "nautobot-scheduler.pid"
    # The ExecStart line of deploy/nautobot-scheduler.service.
    process = deployment.spawn("celery", "beat", "--loglevel", "INFO", "--pidfile", str(pidfile), log_name="beat")
    wait_for(
        lambda: deployment.server("health_check", "scheduler", check=False).returncode == 0,
        timeout=60,
        what="beat heartbeat",
    )
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert "no Celery beat scheduler" in deployment.server("health_check", "scheduler", check=False).stdout


def test_mariadb_stores_four_byte_characters(make_deployment):
    deployment = make_deployment("mariadb-rabbitmq")
    output = deployment.shell(
        "from nautobot.users.models import User\n"
        "User.objects.create(username='emoji', first_name='\\U0001F480 skull')\n"
        "print(User.objects.get(username='emoji').first_name == '\\U0001F480 skull')"
    )
    assert output.splitlines()[-1] == "True"
