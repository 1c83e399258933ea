"""Webhooks in one process: the API, the outbox written with the change, and delivery to a real local receiver."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from nautobot.dcim.tests import builders as b
from nautobot.extras.changelog import change_context
from nautobot.extras.models import Tag, Webhook, WebhookDelivery
from nautobot.extras.webhooks import outbox
from nautobot.extras.webhooks.delivery import claim, deliver, sign
from nautobot.extras.webhooks.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def receiver():
    with WebhookReceiver(secret="s3cret") as running:
        yield running


def _webhook(url: str, **kw) -> Webhook:
    fields = {
        "name": b.unique("hook"),
        "payload_url": url,
        "type_create": True,
        "type_update": True,
        "type_delete": True,
        "secret": "s3cret",
    }
    webhook = Webhook.objects.create(**{**fields, **kw})
    webhook.content_types.set([b.content_type("dcim.site")])
    return webhook


def _user(name: str):
    from nautobot.users.models import User

    return User.objects.create_user(username=name, password="pw")


def _due_now(delivery_id) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).update(next_attempt_at=timezone.now())


# The API ------------------------------------------------------------------------------------------


def test_webhook_validation_errors_are_400s(api):
    base = {"name": "h", "content_types": ["dcim.site"], "type_create": True, "payload_url": "http://example.com/hook"}
    for change, field in (
        ({"type_create": False}, "type_create"),
        ({"payload_url": "ftp://example.com"}, "payload_url"),
        ({"ssl_verification": False, "ca_file_path": "/etc/ca.pem"}, "ca_file_path"),
        ({"additional_headers": "no colon here"}, "additional_headers"),
        ({"body_template": "{% if %}"}, "body_template"),
        ({"content_types": ["users.token"]}, "content_types"),
        ({"http_method": "BREW"}, "http_method"),
    ):
        response = api.post("/api/extras/webhooks/", {**base, **change})
        assert response.status_code == 400, (change, response.content)
        assert field in response.json(), (change, response.json())
    created = api.post(
        "/api/extras/webhooks/", {**base, "additional_headers": "X-When: 12:30\nAuthorization: Bearer a:b"}
    )
    assert created.status_code == 201, created.content
    assert created.json()["content_types"] == ["dcim.site"]
    clash = api.post("/api/extras/webhooks/", {**base, "name": "other"})
    assert clash.status_code == 400 and "type_create" in clash.json()
    assert (
        api.post(
            "/api/extras/webhooks/", {**base, "name": "other", "type_create": False, "type_delete": True}
        ).status_code
        == 201
    )
    assert api.get("/api/extras/webhooks/", content_types="dcim.site").json()["count"] == 2
    assert api.get("/api/extras/webhooks/", content_types="dcim.device").json()["count"] == 0


# The outbox -----------------------------------------------------------------------------------------


def test_one_create_with_tags_writes_one_delivery_handed_over_on_commit(api, django_capture_on_commit_callbacks):
    webhook = _webhook("http://127.0.0.1:9/")
    tag = Tag.objects.create(name="edge", slug="edge")
    tag.content_types.set([b.content_type("dcim.site")])
    payload = {"name": "par1", "slug": "par1", "status": "active", "tags": [str(tag.pk)]}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert api.post("/api/dcim/sites/", payload).status_code == 201
    delivery = WebhookDelivery.objects.get()
    assert (delivery.webhook, delivery.event, delivery.state) == (webhook, "created", "pending")
    assert len(callbacks) == 1


def test_disabled_or_unsubscribed_webhooks_get_nothing(api):
    _webhook("http://127.0.0.1:9/a", enabled=False)
    _webhook("http://127.0.0.1:9/b", type_create=False)
    assert api.post("/api/dcim/sites/", {"name": "x", "slug": "x", "status": "active"}).status_code == 201
    assert not WebhookDelivery.objects.exists()


def test_rolled_back_changes_leave_nothing_in_the_outbox(api):
    _webhook("http://127.0.0.1:9/")
    site = b.site()
    payload = [
        {"name": "fresh", "slug": "fresh", "status": "active"},
        {"name": site.name, "slug": site.slug, "status": "active"},
    ]
    assert api.post("/api/dcim/sites/", payload).status_code == 400
    with pytest.raises(RuntimeError), change_context():
        b.site()
        raise RuntimeError("dry run")
    assert not WebhookDelivery.objects.exists()


def test_sweep_sends_what_the_broker_never_took(monkeypatch):
    _webhook("http://127.0.0.1:9/")
    with change_context():
        b.site()
    delivery = WebhookDelivery.objects.get()
    assert delivery.enqueued_at is None  # the commit hook never ran (test transaction)
    sent = []
    monkeypatch.setattr(
        "nautobot.extras.webhooks.tasks.deliver_webhook.apply_async", lambda args, **kw: sent.append(args[0])
    )
    assert outbox.sweep() == 0, "too young: its commit hook may still be sending it"
    WebhookDelivery.objects.update(
        created=timezone.now() - timedelta(minutes=1), next_attempt_at=timezone.now() - timedelta(minutes=1)
    )
    assert outbox.sweep() == 1 and sent == [str(delivery.pk)]
    assert outbox.sweep() == 0, "once the broker took it, it is not sent again"


# Delivery -----------------------------------------------------------------------------------------


def test_delivery_sends_signed_payload_with_snapshots(receiver):
    _webhook(receiver.url, additional_headers="X-Trace: {{ request_id }}\nX-When: at 12:30:00")
    with change_context(user=_user("alice"), context="web") as created:
        site = b.site(description="first")
    with change_context(user=_user("bob")) as updated:
        site.description = "second"
        site.save()
    first, second = WebhookDelivery.objects.order_by("created")
    assert claim(second.pk) is None, "an object's later event waits for the earlier one"
    assert deliver(first.pk).startswith("attempt 1: 200")
    assert deliver(second.pk).startswith("attempt 1: 200")
    calls = receiver.wait_for(2)
    assert all(call.signature_ok for call in calls)
    assert calls[0].headers["X-Hook-Signature"] == sign(calls[0].body, "s3cret")
    assert calls[0].headers["Content-Type"] == "application/json"
    assert calls[0].headers["X-When"] == "at 12:30:00" and calls[0].headers["X-Trace"] == str(created.request_id)
    body = calls[0].json()
    assert (body["event"], body["model"], body["username"], body["request_id"]) == (
        "created",
        "site",
        "alice",
        str(created.request_id),
    )
    assert body["data"]["id"] == str(site.pk) and body["data"]["description"] == "first"
    assert body["snapshots"]["prechange"] is None and body["snapshots"]["postchange"]["description"] == "first"
    update = calls[1].json()
    assert (update["event"], update["username"], update["request_id"]) == ("updated", "bob", str(updated.request_id))
    assert update["snapshots"]["prechange"]["description"] == "first"
    assert update["snapshots"]["differences"]["added"]["description"] == "second"
    assert update["snapshots"]["differences"]["removed"]["description"] == "first"
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}
    assert deliver(first.pk).startswith("not due"), "a delivered event is never sent twice"
    assert len(receiver.received) == 2


def test_body_template_renders_in_the_sandbox(receiver):
    _webhook(
        receiver.url,
        body_template='{"site": "{{ data.name }}", "who": "{{ username }}"}',
        http_content_type="text/plain",
    )
    with change_context(user=_user("carol")):
        site = b.site()
    deliver(WebhookDelivery.objects.get().pk)
    call = receiver.wait_for(1)[0]
    assert json.loads(call.body) == {"site": site.name, "who": "carol"}
    assert call.headers["Content-Type"] == "text/plain" and call.signature_ok


def test_server_errors_are_retried_then_delivered_with_a_record_per_attempt():
    with WebhookReceiver(responses=[500, 503, 200]) as receiver:
        _webhook(receiver.url)
        with change_context():
            b.site()
        delivery = WebhookDelivery.objects.get()
        for expected in ("retry", "retry", "delivered"):
            _due_now(delivery.pk)
            deliver(delivery.pk)
            delivery.refresh_from_db()
            assert delivery.state == expected
        assert [(a.number, a.status_code) for a in delivery.attempts.all()] == [(1, 500), (2, 503), (3, 200)]
        assert len(receiver.received) == 3


def test_client_errors_and_bad_templates_fail_without_retry(settings):
    with WebhookReceiver(responses=[404]) as receiver:
        _webhook(receiver.url)
        _webhook(receiver.url + "x", body_template="{{ data.nope.deeper() }}")
        with change_context():
            b.site()
        for delivery in WebhookDelivery.objects.all():
            deliver(delivery.pk)
        states = dict(WebhookDelivery.objects.values_list("webhook__payload_url", "state"))
        assert set(states.values()) == {"failed"}
        errors = set(WebhookDelivery.objects.values_list("last_error", flat=True))
        assert "HTTP 404" in errors and any(e.startswith("Template error") for e in errors)


def test_gives_up_after_the_last_attempt(settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    with WebhookReceiver(responses=[500, 500, 500]) as receiver:
        _webhook(receiver.url)
        with change_context():
            b.site()
        delivery = WebhookDelivery.objects.get()
        for _ in range(3):
            _due_now(delivery.pk)
            deliver(delivery.pk)
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempt_count, len(receiver.received)) == ("failed", 2, 2)


def test_private_targets_can_be_refused(settings, receiver):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    _webhook(receiver.url)
    with change_context():
        b.site()
    deliver(WebhookDelivery.objects.get().pk)
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed" and "private address" in delivery.last_error
    assert receiver.received == []


def test_deliveries_api_shows_attempts_and_redelivers(api, receiver):
    _webhook(receiver.url)
    with change_context():
        b.site()
    delivery = WebhookDelivery.objects.get()
    deliver(delivery.pk)
    listed = api.get("/api/extras/webhook-deliveries/", state="delivered").json()
    assert listed["count"] == 1
    item = listed["results"][0]
    assert item["event"] == {"value": "created", "label": "Created"}
    assert item["attempts"][0]["status_code"] == 200 and item["attempts"][0]["number"] == 1
    again = api.post(f"/api/extras/webhook-deliveries/{delivery.pk}/redeliver/", {})
    assert again.status_code == 201, again.content
    assert again.json()["state"] == {"value": "pending", "label": "Pending"} and again.json()["id"] != str(delivery.pk)
    deliver(again.json()["id"])
    assert len(receiver.wait_for(2)) == 2
    assert api.post("/api/extras/webhook-deliveries/", {}).status_code == 405


def test_sweep_sends_retries_once_their_backoff_is_over(monkeypatch):
    with WebhookReceiver(responses=[500]) as receiver:
        _webhook(receiver.url)
        with change_context():
            b.site()
        delivery = WebhookDelivery.objects.get()
        deliver(delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == "retry" and delivery.next_attempt_at > timezone.now()
    sent = []
    monkeypatch.setattr(
        "nautobot.extras.webhooks.tasks.deliver_webhook.apply_async", lambda args, **kw: sent.append(args[0])
    )
    assert outbox.sweep() == 0
    _due_now(delivery.pk)
    assert outbox.sweep() == 1 and outbox.sweep() == 0 and sent == [str(delivery.pk)]


def test_http_proxies_are_used(settings, receiver):
    """`HTTP_PROXIES` (1.x): webhook calls go through the proxy; the receiver stands in for one here (a proxy is
    sent the absolute URL), and the payload URL's host does not even resolve."""
    settings.HTTP_PROXIES = {"http": receiver.url}
    _webhook("http://webhook.example.invalid/hook")
    with change_context(user=_user("proxied")):
        b.site()
    (delivery,) = WebhookDelivery.objects.all()
    assert deliver(delivery.pk).startswith("attempt 1: 200")
    (call,) = receiver.wait_for(1)
    assert call.path == "http://webhook.example.invalid/hook" and call.signature_ok


def test_delivery_records_are_sanitized():
    """`SANITIZER_PATTERNS`: a receiver's answer that quotes credentials is kept without them."""
    with WebhookReceiver(secret="s3cret", responses=[(200, "accepted for user robot password: hunter2")]) as receiver:
        _webhook(receiver.url)
        with change_context(user=_user("sanitized")):
            b.site()
        (delivery,) = WebhookDelivery.objects.all()
        assert deliver(delivery.pk).startswith("attempt 1: 200")
    record = delivery.attempts.get()
    assert "hunter2" not in record.response_body and "password: (redacted)" in record.response_body
