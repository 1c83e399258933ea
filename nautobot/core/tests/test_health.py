"""`/health/` in-process: JSON for machines (the original's keys, then ours), HTML for people, 500 when a required
check fails (as the original's django-health-check)."""

import json
import re
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_health_json_and_html(client: Client):
    response = client.get("/health/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["checks"]["database"]["ok"] is True
    assert body["checks"]["workers"]["ok"] is False and body["checks"]["workers"]["required"] is False
    html = client.get("/health/")
    assert html.status_code == 200 and b"Healthy" in html.content


def test_failing_required_check_answers_500(client: Client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from nautobot.core.celery import app

    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/health/?format=json")
    finally:
        app.conf.broker_url = "memory://"
    assert response.status_code == 500
    assert response.json()["checks"]["broker"]["ok"] is False


def test_workers_can_be_required(client: Client, settings):
    assert "CeleryPingHealthCheck" not in client.get("/health/?format=json").json()
    settings.HEALTH_CHECKS_REQUIRED = ["database", "workers"]
    response = client.get("/health/?format=json")
    assert response.status_code == 500
    # Then as the original's Celery ping check, which fails the probe when no worker answers.
    assert response.json()["CeleryPingHealthCheck"].startswith("unavailable: no Celery worker has sent a heartbeat")


def test_login_required_everywhere_else(client: Client, django_user_model):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    api = client.get("/api/")
    assert api.status_code == 403 and api.json() == {"detail": "Authentication credentials were not provided."}
    user = django_user_model.objects.create_user("alice", password="pw")
    client.force_login(user)
    assert client.get("/").status_code == 200


PEER = json.loads((Path(__file__).parent / "peer_answers" / "health_1_6_32.json").read_text())
# django-health-check's words: "working", or "<kind of error>: <message>".
ORIGINAL_FAILURE = re.compile(r"^(unavailable|unexpected result|warning|unknown error): .+")


def _assert_original_vocabulary(body: dict) -> None:
    for key, value in body.items():
        if key not in ("status", "checks"):
            assert value == "working" or ORIGINAL_FAILURE.match(value), (key, value)


def test_health_json_has_the_original_keys_and_words(client: Client, settings):
    """Every key the original 1.6.32 answers is in ours, with its words; ours (status, checks) are added beside."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    for request in ({"path": "/health/?format=json"}, {"path": "/health/", "HTTP_ACCEPT": "application/json"}):
        response = client.get(**request)
        assert response.status_code == PEER["healthy"]["status"]
        body = response.json()
        assert body.keys() - {"status", "checks", "CacheBackend"} == PEER["healthy"]["body"].keys()
        assert {key: body[key] for key in PEER["healthy"]["body"]} == PEER["healthy"]["body"]
        _assert_original_vocabulary(body)
        assert body["status"] == "ok" and body["checks"]["storage"]["ok"] is True


def test_health_json_failure_as_the_original(client: Client, settings):
    """Redis down: the original's status code, its key saying `unavailable: ...`, the others still `working`."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/health/?format=json")
    assert response.status_code == PEER["redis_down"]["status"]
    body = response.json()
    assert body.keys() >= PEER["redis_down"]["body"].keys()
    for key, value in PEER["redis_down"]["body"].items():
        assert body[key].split(":")[0] == value.split(":")[0], key
    _assert_original_vocabulary(body)
    assert body["checks"]["cache"]["ok"] is False and "Redis" in body["checks"]["cache"]["detail"]


def test_metrics_have_the_original_health_gauges_as_the_checks_find_them_now(client: Client, settings):
    """1.x's gauges at each scrape, without a /health/ request first: the database's, and Redis's only with a Redis
    cache (0 while it is down, 1 again once it is back)."""

    def gauges() -> dict:
        text = client.get("/metrics/").content.decode()
        return dict(re.findall(r"^(health_check_\w+) (\S+)$", text, re.M))

    assert gauges() == {"health_check_database_info": "1.0"}  # no Redis cache: no Redis gauge (not a false 0)
    redis_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    settings.CACHES = {"default": redis_cache}
    assert gauges() == {"health_check_database_info": "1.0", "health_check_redis_backend_info": "0.0"}
    settings.CACHES = {"default": {**redis_cache, "LOCATION": "redis://127.0.0.1:6379/15"}}
    assert gauges()["health_check_redis_backend_info"] == "1.0"
