"""Metrics on real processes: uWSGI (2 processes) and a Celery worker (2 pool processes) on PostgreSQL + Redis,
with `METRICS_ENABLED` and `CELERY_WORKER_PROMETHEUS_PORTS`; one installation shared by the module's tests."""

import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import kombu
import pytest
import requests

from nautobot.core.system_metrics import _queue_length
from nautobot.core.testing.processes import (
    RABBITMQ_URL,
    Deployment,
    RedisServer,
    free_port,
    postgres_redis_deployment,
    wait_for,
)
from nautobot.core.tests.test_metrics import dashboard_metrics, exposed_names, samples, value
from nautobot.extras.tests.job_fixtures import write_jobs

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("metrics_live")]
TOKEN = "0123456789abcdef0123456789abcdef01234567"
JOB = "from nautobot.extras.jobs import Job\n\n\nclass Quick(Job):\n    def run(self, data, commit):\n        return 'ok'\n"


@dataclass
class Stack:
    deployment: Deployment
    redis: RedisServer
    url: str
    worker_port: int
    taken_port: int
    session: requests.Session = field(default_factory=requests.Session)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"Token {TOKEN}", "Accept": "application/json; version=1.3"}
        return self.session.request(method, f"{self.url}{path}", headers=headers, timeout=30, **kwargs)

    def scrape(self, url: str | None = None) -> dict:
        response = requests.get(f"{url or self.url}/metrics/", timeout=30)
        assert response.status_code == 200, response.text
        return samples(response.text)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    # The first port of the list is taken: the worker must serve on the next one.
    taken = socket.socket()
    taken.bind(("0.0.0.0", 0))
    taken.listen()
    worker_port = free_port()
    env = {
        "NAUTOBOT_METRICS_ENABLED": "true",
        "NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS": f"{taken.getsockname()[1]},{worker_port}",
        "NAUTOBOT_WORKER_HEARTBEAT_INTERVAL": "1",
    }
    try:
        with postgres_redis_deployment(tmp_path_factory.mktemp("metrics"), "metrics", **env) as (deployment, redis):
            deployment.server("post_upgrade", "--no-collectstatic")
            write_jobs(deployment.root / "jobs", "metrics_jobs", JOB)
            deployment.enable_jobs()
            deployment.add_superuser("admin", "admin", token=TOKEN)
            # 1.6 reads it from the file only.
            with open(deployment.root / "nautobot_config.py", "a") as config:
                config.write("\nPROMETHEUS_EXPORT_MIGRATIONS = True\n")
            url = deployment.start_web(processes=2, threads=2)
            deployment.start_worker(concurrency=2)
            yield Stack(deployment, redis, url, worker_port, taken.getsockname()[1])
    finally:
        taken.close()


def _site_requests(found: dict) -> float:
    return sum(
        number
        for (metric, labels), number in found.items()
        if metric == "django_http_requests_total_by_view_transport_method_total"
        and dict(labels).get("view") == "dcim-api:site-list"
    )


def test_one_scrape_sums_every_web_process(stack):
    before = _site_requests(stack.scrape())
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: stack.api("GET", "/api/dcim/sites/").status_code, range(40)))
    assert statuses == [200] * 40
    # Each scrape, whichever process answers it, counts the requests of both.
    for _ in range(4):
        assert _site_requests(stack.scrape()) == before + 40
    assert "prometheus_client was imported before" not in stack.deployment.log("web")
    directory = next((stack.deployment.root / "prometheus").glob("web-*"))
    pids = {path.stem.rpartition("_")[2] for path in directory.glob("counter_*.db")}
    assert len(pids) >= 2, f"the requests were served by one uWSGI process only: {pids}"
    found = stack.scrape()
    assert value(found, "django_db_execute_total", alias="default", vendor="postgresql") > 0
    assert value(found, "django_http_responses_total_by_status_total", status="200") >= 40


def _run_quick_job(stack) -> None:
    """Run the job `Quick` once through the API and wait until its result is completed."""
    job_id = stack.api("GET", "/api/extras/jobs/", params={"job_class_name": "Quick"}).json()["results"][0]["id"]
    before = len(_completed(stack))
    wait_for(
        lambda: stack.api("POST", f"/api/extras/jobs/{job_id}/run/", json={"data": {}}).status_code == 201,
        timeout=30,
        what="the worker seen by the API",
    )
    wait_for(lambda: len(_completed(stack)) > before, timeout=90, what="the job to complete")


def _completed(stack) -> list:
    results = stack.api("GET", "/api/extras/job-results/", params={"limit": 0}).json()["results"]
    return [r for r in results if r["status"]["value"] == "completed"]


def test_a_job_run_shows_in_job_metrics_and_worker_metrics(stack):
    _run_quick_job(stack)
    found = stack.scrape()
    assert value(found, "nautobot_celery_queue_length", queue="default") == 0
    assert value(found, "nautobot_workers_alive", kind="celery") == 1
    assert value(found, "nautobot_celery_broker_up") == 1

    worker_url = f"http://127.0.0.1:{stack.worker_port}"
    text = requests.get(worker_url, timeout=10).text
    worker = samples(text)
    task = {"task": "nautobot.extras.jobs.run_job"}
    assert value(worker, "nautobot_celery_task_started_total", **task) >= 1
    assert value(worker, "nautobot_celery_task_succeeded_total", **task) >= 1
    assert value(worker, "nautobot_celery_task_duration_seconds_count", **task, state="SUCCESS") >= 1
    job_runs = [
        number
        for (metric, labels), number in worker.items()
        if metric == "nautobot_job_duration_seconds_count" and dict(labels).get("name") == "Quick"
    ]
    assert job_runs and job_runs[0] >= 1, text
    # The first port of the list was taken (by the fixture): the worker went on to the next.
    assert f"Serving the worker's Prometheus metrics on port {stack.worker_port}" in stack.deployment.log("worker")


def test_metrics_authenticated_refuses_anonymous_and_allows_a_token(stack):
    stack.deployment.env["NAUTOBOT_METRICS_AUTHENTICATED"] = "true"
    try:
        url = stack.deployment.start_web(processes=1, threads=2)
    finally:
        del stack.deployment.env["NAUTOBOT_METRICS_AUTHENTICATED"]
    anonymous = requests.get(f"{url}/metrics/", timeout=30)
    assert anonymous.status_code == 403
    assert anonymous.json() == {"detail": "Authentication credentials were not provided."}
    with_token = requests.get(f"{url}/metrics/", headers={"Authorization": f"Token {TOKEN}"}, timeout=30)
    assert with_token.status_code == 200 and "django_http_requests_total_by_method_total" in with_token.text
    assert requests.get(f"{stack.url}/metrics/", timeout=30).status_code == 200, "the other server is open"


@pytest.mark.parametrize("broker", ["redis", "rabbitmq"])
def test_queue_length_from_each_broker(stack, broker):
    url = stack.redis.url if broker == "redis" else RABBITMQ_URL
    name = f"metrics-probe-{stack.worker_port}"
    queue = kombu.Queue(name, kombu.Exchange(name), routing_key=name)
    # Publisher confirms: RabbitMQ has queued each message when publish() returns.
    with kombu.Connection(url, transport_options={"confirm_publish": True}) as connection:
        with connection.Producer() as producer:
            for _ in range(3):
                producer.publish({"probe": 1}, exchange=queue.exchange, routing_key=name, declare=[queue])
        try:
            assert _queue_length(connection, name) == 3
            assert _queue_length(connection, f"{name}-none") == 0
        finally:
            queue(connection.default_channel).delete()


def test_health_answers_the_original_shape(stack):
    response = requests.get(f"{stack.url}/health/?format=json", timeout=30)
    body = response.json()
    assert response.status_code == 200, body
    assert body["DatabaseBackend"] == "working" and body["DefaultFileStorageHealthCheck"] == "working"
    assert body["status"] == "ok" and body["checks"]["workers"]["ok"] is True
    assert Path(stack.deployment.root / "prometheus").is_dir()


def test_grafana_dashboard_reads_only_exposed_metrics(stack):
    """Every metric the dashboard in deploy/ queries is served by /metrics or by the worker's port, once the work
    it observes has happened: a job run, a webhook delivered, a task failed and the cache read."""
    from celery import Celery

    from nautobot.extras.webhooks.receiver import WebhookReceiver

    _run_quick_job(stack)
    with WebhookReceiver() as receiver:
        hook = {"name": "metrics", "content_types": ["dcim.site"], "type_create": True, "payload_url": receiver.url}
        assert stack.api("POST", "/api/extras/webhooks/", json=hook).status_code == 201
        site = {"name": "Metrics site", "slug": "metrics-site", "status": "active"}
        assert stack.api("POST", "/api/dcim/sites/", json=site).status_code == 201, "the site"
        wait_for(lambda: receiver.received, timeout=60, what="the webhook delivered")
    # One task that fails on the worker (wrong arguments), so the failure counter exists.
    sender = Celery(broker=stack.redis.url)
    sender.send_task("celery.backend_cleanup", args=[1, 2], queue="default", serializer="json")
    worker_url = f"http://127.0.0.1:{stack.worker_port}"
    wait_for(
        lambda: all(
            f"{name}{{" in requests.get(worker_url, timeout=10).text
            for name in ("nautobot_celery_task_failed_total", "nautobot_webhook_delivery_latency_seconds_bucket")
        ),
        timeout=60,
        what="the failed task and the delivery observed by the worker",
    )
    assert requests.get(f"{stack.url}/health/", timeout=30).status_code == 200  # reads the cache (its counters)
    web = requests.get(f"{stack.url}/metrics/", timeout=30).text
    worker = requests.get(worker_url, timeout=10).text
    assert dashboard_metrics() - exposed_names(web) - exposed_names(worker) == set()


def test_prometheus_export_migrations(stack):
    """PROMETHEUS_EXPORT_MIGRATIONS = True in the file: the migration gauges of the database, read at start."""
    found = stack.scrape()
    applied = [
        n
        for (m, labels), n in found.items()
        if m == "django_migrations_applied_total" and ("connection", "default") in labels
    ]
    unapplied = [
        n
        for (m, labels), n in found.items()
        if m == "django_migrations_unapplied_total" and ("connection", "default") in labels
    ]
    # django-prometheus's gauges are per process (the uWSGI master set them at start; its forked workers show 0).
    assert applied and max(applied) > 50, found
    assert unapplied and max(unapplied) == 0


def test_a_reloaded_web_service_keeps_counting(stack):
    """`start --reload` re-executes uWSGI's master, which closes and reuses descriptors: the workers' metric files
    are their own, so requests still answer 200 (they failed with "Illegal seek") and are counted."""
    port, pidfile = free_port(), stack.deployment.root / "reload.pid"
    stack.deployment.spawn(
        "start", f"--http=127.0.0.1:{port}", "--master", "--processes=2", f"--pidfile={pidfile}", "--die-on-term",
        log_name="reload",
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_for(lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200, timeout=90, what="uWSGI")
    master = int(pidfile.read_text())
    stack.deployment.server("start", f"--reload={pidfile}")
    wait_for(lambda: "gracefully (RE)spawned uWSGI master" in stack.deployment.log("reload"), timeout=60, what="reload")
    wait_for(lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200, timeout=90, what="reloaded")
    statuses = [requests.get(f"{url}/api/dcim/sites/", timeout=30).status_code for _ in range(6)]
    assert statuses == [403] * 6, stack.deployment.log("reload")[-3000:]
    found = samples(requests.get(f"{url}/metrics/", timeout=30).text)
    assert value(found, "django_http_responses_total_by_status_total", status="403") == 6
    assert "Illegal seek" not in stack.deployment.log("reload")
    assert (stack.deployment.root / "prometheus" / f"web-{master}").is_dir()
