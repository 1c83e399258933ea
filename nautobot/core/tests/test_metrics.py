"""`/metrics` in one process: django-prometheus's metrics as the original's, ours computed from the database and
the broker at the scrape, `METRICS_AUTHENTICATED`, and the settings' checks. Real processes: test_metrics_live."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone
from kombu import Exchange, Queue
from prometheus_client.parser import text_string_to_metric_families

from nautobot.core import prometheus
from nautobot.core.config import ConfigError, load_settings
from nautobot.core.settings_funcs import SettingError, env_port_list
from nautobot.dcim.tests import builders as b
from nautobot.extras.changelog import change_context
from nautobot.extras.models import GitRepository, Job, JobResult, Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db


def samples(text: str) -> dict[tuple, float]:
    """`{(sample name, frozenset of labels): value}` of a scrape."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(found: dict, metric: str, **labels) -> float | None:
    return found.get((metric, frozenset(labels.items())))


def scrape(client: Client) -> dict:
    response = client.get("/metrics/")
    assert response.status_code == 200
    return samples(response.content.decode())


def test_content_type_as_the_original(client: Client):
    """1.6.32 answered `text/plain; version=0.0.4; charset=utf-8`, also to a Prometheus server's Accept header."""
    accept = "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"
    for headers in ({}, {"HTTP_ACCEPT": accept}):
        response = client.get("/metrics/", **headers)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; version=0.0.4; charset=utf-8"


def test_django_prometheus_metrics_with_the_original_names(client: Client, settings):
    from django.core.cache import cache

    assert settings.CACHES["default"]["BACKEND"] == "nautobot.core.metrics_caches.LocMemCache"
    cache.get("nautobot-metrics-probe")
    client.get("/api/")
    client.get("/api/dcim/nothing-here/")
    text = client.get("/metrics/").content.decode()
    for name in (
        "django_http_requests_total_by_method_total",
        "django_http_responses_total_by_status_total",
        "django_http_requests_latency_seconds_by_view_method_bucket",
        "django_db_execute_total",
        "django_cache_get_total",
        "nautobot_app_metrics_processing_ms",
    ):
        assert re.search(rf"^{name}[{{ ]", text, re.M), name
    found = samples(text)
    assert value(found, "django_http_responses_total_by_status_total", status="404") >= 1
    assert value(found, "django_db_execute_total", alias="default", vendor="postgresql") > 0


@pytest.mark.parametrize("backend", ["FileBasedCache", "LocMemCache"])
def test_instrumented_caches_keep_false_values_and_count(backend, tmp_path, client: Client):
    """django-prometheus's own file and local-memory caches answer a stored `{}`, `0` or `False` with the default
    (a cached session then vanished); ours count the same metrics and answer as Django does."""
    from django.utils.module_loading import import_string

    from nautobot.core.metrics_caches import _MISSING

    cache = import_string(f"nautobot.core.metrics_caches.{backend}")(str(tmp_path), {})
    label = {"FileBasedCache": "filebased", "LocMemCache": "locmem"}[backend]

    def counted(name: str) -> float:
        return value(scrape(client), name, backend=label) or 0

    before = {name: counted(name) for name in ("django_cache_get_hits_total", "django_cache_get_misses_total")}
    for key, stored in (("empty-session", {}), ("zero", 0), ("no", False), ("blank", ""), ("none", None)):
        cache.set(key, stored)
        assert cache.get(key, "default") == stored and cache.get(key, _MISSING) is not _MISSING, key
    assert cache.get("never-set", "default") == "default"
    assert cache.get_or_set("zero", lambda: 99) == 0
    assert counted("django_cache_get_hits_total") - before["django_cache_get_hits_total"] == 11
    assert counted("django_cache_get_misses_total") - before["django_cache_get_misses_total"] == 1


def test_job_and_git_metrics_from_the_database(client: Client):
    now = timezone.now()
    job_type, git_type = ContentType.objects.get_for_model(Job), ContentType.objects.get_for_model(GitRepository)
    for seconds in (0.2, 3, 700):
        JobResult.objects.create(
            name="local/jobs/Slow", obj_type=job_type, status="completed", started=now - timedelta(seconds=seconds),
            completed=now,
        )  # fmt: skip
    JobResult.objects.create(name="local/jobs/Slow", obj_type=job_type, status="running", started=now)
    JobResult.objects.create(name="local/jobs/Slow", obj_type=job_type, status="pending")
    JobResult.objects.create(name="local/jobs/Slow", obj_type=job_type, status="pending")
    JobResult.objects.create(name="configs", obj_type=git_type, status="failed")
    found = scrape(client)
    job = {"job": "local/jobs/Slow"}
    assert value(found, "nautobot_job_results", **job, status="pending") == 2
    assert value(found, "nautobot_job_results", **job, status="running") == 1
    assert not [name for name, _ in found if name.startswith("nautobot_job_run_duration")]  # the worker times jobs
    assert value(found, "nautobot_git_sync_results", repository="configs", status="failed") == 1


def test_webhook_deliveries_backlog_and_latency(client: Client):
    webhook = Webhook.objects.create(name="hook", payload_url="http://127.0.0.1:9/", type_create=True)
    webhook.content_types.set([b.content_type("dcim.site")])
    with change_context():
        b.site()
        b.site()
    found = scrape(client)
    assert value(found, "nautobot_webhook_deliveries", webhook="hook", state="pending") == 2
    assert value(found, "nautobot_webhook_outbox_backlog") == 2
    first = WebhookDelivery.objects.order_by("pk").first()
    WebhookDelivery.objects.filter(pk=first.pk).update(
        state="delivered", created=timezone.now() - timedelta(seconds=2), delivered_at=timezone.now()
    )
    WebhookDelivery.objects.exclude(pk=first.pk).update(created=timezone.now() - timedelta(seconds=90))
    found = scrape(client)
    assert value(found, "nautobot_webhook_outbox_backlog") == 1
    assert value(found, "nautobot_webhook_outbox_oldest_age_seconds") >= 90
    assert value(found, "nautobot_webhook_deliveries", webhook="hook", state="pending") == 1  # delivered: not counted
    assert value(found, "nautobot_webhook_deliveries", webhook="hook", state="delivered") is None


def test_webhook_delivery_latency_is_observed_when_delivered():
    """The worker that delivers observes the time from the change (`created`) to the delivery, once."""
    from prometheus_client import REGISTRY

    from nautobot.extras.webhooks.delivery import deliver
    from nautobot.extras.webhooks.receiver import WebhookReceiver

    labels = {"webhook": "timed"}
    count = REGISTRY.get_sample_value("nautobot_webhook_delivery_latency_seconds_count", labels) or 0
    slow = REGISTRY.get_sample_value("nautobot_webhook_delivery_latency_seconds_bucket", {**labels, "le": "1.0"}) or 0
    with WebhookReceiver() as receiver:
        webhook = Webhook.objects.create(name="timed", payload_url=receiver.url, type_create=True)
        webhook.content_types.set([b.content_type("dcim.site")])
        with change_context():
            b.site()
        delivery = WebhookDelivery.objects.get(webhook=webhook)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(created=timezone.now() - timedelta(seconds=2))
        assert deliver(delivery.pk).startswith("attempt 1: 200")
        assert deliver(delivery.pk).startswith("not due")  # delivered once: observed once
    assert REGISTRY.get_sample_value("nautobot_webhook_delivery_latency_seconds_count", labels) == count + 1
    assert (
        REGISTRY.get_sample_value("nautobot_webhook_delivery_latency_seconds_bucket", {**labels, "le": "1.0"}) == slow
    )
    assert (
        REGISTRY.get_sample_value("nautobot_webhook_delivery_latency_seconds_bucket", {**labels, "le": "2.5"})
        == slow + 1
    )


def test_queue_lengths_and_heartbeats(client: Client):
    from nautobot.core.celery import app
    from nautobot.core.models import WorkerHeartbeat

    now = timezone.now()
    WorkerHeartbeat.objects.create(
        name="celery@h1", kind="celery", hostname="h1", pid=1, queues=["default", "bulk"], started=now,
        last_seen=now - timedelta(seconds=5),
    )  # fmt: skip
    WorkerHeartbeat.objects.create(
        name="celery@h2",
        kind="celery",
        hostname="h2",
        pid=2,
        queues=[],
        started=now,
        last_seen=now - timedelta(hours=1),
    )
    bulk = Queue("bulk", Exchange("bulk"), routing_key="bulk")
    with app.connection_for_write() as connection, connection.Producer() as producer:
        for _ in range(3):
            producer.publish({"probe": 1}, exchange=bulk.exchange, routing_key="bulk", declare=[bulk])
    try:
        found = scrape(client)
    finally:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge("bulk")
    assert value(found, "nautobot_celery_broker_up") == 1
    assert value(found, "nautobot_celery_queue_length", queue="bulk") == 3
    assert value(found, "nautobot_celery_queue_length", queue="default") == 0
    assert value(found, "nautobot_celery_queue_length", queue="webhooks") == 0
    age = value(found, "nautobot_worker_heartbeat_age_seconds", name="celery@h1", kind="celery", hostname="h1")
    assert 5 <= age < 60
    assert value(found, "nautobot_workers_alive", kind="celery") == 1


def test_metrics_authenticated_refuses_anonymous(client: Client, settings, api, admin_user):
    assert client.get("/metrics/").status_code == 200
    settings.METRICS_AUTHENTICATED = True
    refused = client.get("/metrics/")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Authentication credentials were not provided."}
    assert api.get("/metrics/").status_code == 200
    client.force_login(admin_user)
    assert client.get("/metrics/").status_code == 200


def test_metrics_settings_instrument_and_refuse_bad_values(tmp_path, monkeypatch):
    monkeypatch.setenv("NAUTOBOT_ROOT", str(tmp_path))
    config = tmp_path / "nautobot_config.py"
    config.write_text(
        "SECRET_KEY = 'x' * 50\nMETRICS_ENABLED = True\n"
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': 'redis://x'}}\n"
    )
    loaded = load_settings(config)
    assert loaded["DATABASES"]["default"]["ENGINE"] == "django_prometheus.db.backends.sqlite3"
    assert loaded["CACHES"]["default"]["BACKEND"] == "django_prometheus.cache.backends.redis.NativeRedisCache"
    assert loaded["MIDDLEWARE"][0] == prometheus.BEFORE_MIDDLEWARE
    assert loaded["MIDDLEWARE"][-1] == prometheus.AFTER_MIDDLEWARE
    assert "django_prometheus" in loaded["INSTALLED_APPS"] and loaded["PROMETHEUS_EXPORT_MIGRATIONS"] is False
    config.write_text("SECRET_KEY = 'x' * 50\n")
    plain = load_settings(config)
    assert plain["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert (
        "django_prometheus" not in plain["INSTALLED_APPS"] and prometheus.BEFORE_MIDDLEWARE not in plain["MIDDLEWARE"]
    )
    config.write_text("SECRET_KEY = 'x' * 50\nCELERY_WORKER_PROMETHEUS_PORTS = ['8080']\n")
    with pytest.raises(ConfigError, match=r"^CELERY_WORKER_PROMETHEUS_PORTS must be a list of port numbers"):
        load_settings(config)
    config.write_text("SECRET_KEY = 'x' * 50\nMETRICS_AUTHENTICATED = 'yes'\n")
    with pytest.raises(ConfigError, match=r"^METRICS_AUTHENTICATED must be True or False"):
        load_settings(config)


def test_worker_ports_from_the_environment(monkeypatch):
    monkeypatch.setenv("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", "9100, 9101")
    assert env_port_list("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", []) == [9100, 9101]
    monkeypatch.setenv("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", "9100,http")
    with pytest.raises(SettingError, match="NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS='9100,http' is not a comma"):
        env_port_list("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", [])
    monkeypatch.setenv("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", "70000")
    with pytest.raises(SettingError, match="between 1 and 65535"):
        env_port_list("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", [])


def test_multiprocess_directory_of_a_server(tmp_path, monkeypatch):
    for variable in ("PROMETHEUS_MULTIPROC_DIR", "prometheus_multiproc_dir", prometheus.OWN_DIR_VARIABLE):
        monkeypatch.setenv(variable, "")  # recorded, so that what the code sets below is undone after the test
        monkeypatch.delenv(variable)
    settings = {"NAUTOBOT_ROOT": str(tmp_path), "METRICS_ENABLED": False, "CELERY_WORKER_PROMETHEUS_PORTS": []}
    assert prometheus.use_multiprocess_dir(settings, "web") is None
    stale = tmp_path / "prometheus" / "web-999999999"
    stale.mkdir(parents=True)
    settings["METRICS_ENABLED"] = True
    ours = prometheus.use_multiprocess_dir(settings, "web")
    assert ours.is_dir() and not stale.exists() and ours.name.startswith("web-")
    (ours / "counter_1.db").write_bytes(b"old")
    assert prometheus.use_multiprocess_dir(settings, "web") == ours and not any(ours.iterdir()), "emptied on reload"
    chosen = tmp_path / "operator"
    monkeypatch.setenv("prometheus_multiproc_dir", str(chosen))
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR")
    assert prometheus.use_multiprocess_dir(settings, "worker") == chosen and chosen.is_dir()
    assert prometheus.server_role("celery", ["worker", "-Q", "x"]) == "worker"
    assert prometheus.server_role("celery", ["beat"]) is None and prometheus.server_role("start", []) == "web"


DASHBOARD = Path(__file__).resolve().parents[3] / "deploy" / "grafana-nautobot.json"


def dashboard_metrics() -> set[str]:
    """The metric names the Grafana dashboard's queries read (label matchers, groupings and ranges left out)."""
    names = set()
    for panel in json.loads(DASHBOARD.read_text())["panels"]:
        for target in panel.get("targets", []):
            expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]|\b(by|without)\s*\([^)]*\)", "", target["expr"])
            names |= set(re.findall(r"\b[a-zA-Z_:][a-zA-Z0-9_:]*\b(?!\s*\()", expr))
    return names


def exposed_names(text: str) -> set[str]:
    """Family and sample names of a scrape (`x_total`, `x_bucket`, ...)."""
    names = set()
    for family in text_string_to_metric_families(text):
        names.add(family.name)
        names |= {sample.name for sample in family.samples}
        suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum")}.get(family.type, ())
        names |= {f"{family.name}{suffix}" for suffix in suffixes}  # a family declared, with no sample yet
    return names


def test_grafana_dashboard_reads_metrics_this_process_defines(client: Client):
    """Every metric the dashboard queries is defined here (the real processes' scrapes: test_metrics_live)."""
    queried = dashboard_metrics()
    assert {"django_http_requests_total_by_method_total", "nautobot_celery_queue_length"} <= queried
    assert "rate" not in queried and "le" not in queried
    assert queried - exposed_names(client.get("/metrics/").content.decode()) == set()


def test_queue_length_on_the_embedded_sqlite_broker(tmp_path):
    """The embedded default's broker (kombu's SQLAlchemy transport on a SQLite file); Redis and RabbitMQ:
    test_metrics_live."""
    from kombu import Connection

    from nautobot.core.celery import embedded
    from nautobot.core.system_metrics import _queue_length

    embedded.register()
    queue = Queue("probe", Exchange("probe"), routing_key="probe")
    with Connection(f"{embedded.SCHEME}+sqlite:///{tmp_path / 'broker.sqlite3'}") as connection:
        with connection.Producer() as producer:
            for _ in range(3):
                producer.publish({"probe": 1}, exchange=queue.exchange, routing_key="probe", declare=[queue])
        assert _queue_length(connection, "probe") == 3
        assert _queue_length(connection, "nothing-here") == 0
