"""`/health/` in-process: JSON for machines, HTML for people, 503 when a required check fails."""

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


def test_failing_required_check_answers_503(client: Client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from nautobot.core.celery import app

    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/health/?format=json")
    finally:
        app.conf.broker_url = "memory://"
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_workers_can_be_required(client: Client, settings):
    settings.HEALTH_CHECKS_REQUIRED = ["database", "workers"]
    assert client.get("/health/?format=json").status_code == 503


def test_login_required_everywhere_else(client: Client, django_user_model):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    api = client.get("/api/")
    assert api.status_code == 403 and api.json() == {"detail": "Authentication credentials were not provided."}
    user = django_user_model.objects.create_user("alice", password="pw")
    client.force_login(user)
    assert client.get("/").status_code == 200
