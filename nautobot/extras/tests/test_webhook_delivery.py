"""Webhooks end to end: uWSGI, a Celery worker and beat on a private Redis, and a real local HTTP receiver.

Writes go through the REST API of a running `nautobot-server start`; deliveries are made by a plain
`nautobot-server celery worker` (the guide's unit) and the outbox sweep by `celery beat`.
"""

import threading
import time
import uuid
from dataclasses import dataclass, field

import pytest
import requests

from nautobot.core.testing.processes import Deployment, RedisServer, postgres_redis_deployment, wait_for
from nautobot.extras.webhooks.receiver import WebhookReceiver

# One worker runs them all in a parallel run: they share a module-scoped installation.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("webhook_delivery")]
TOKEN = "feedfacefeedfacefeedfacefeedfacefeedface"
THREAD_TOKENS = [f"{i:040d}" for i in range(1, 9)]
READ_TIMEOUT = 2


@dataclass
class Stack:
    deployment: Deployment
    redis: RedisServer
    url: str
    session: requests.Session = field(default_factory=requests.Session)

    def api(self, method: str, path: str, json=None, token: str = TOKEN) -> requests.Response:
        headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
        return self.session.request(method, f"{self.url}/api/{path}", json=json, headers=headers, timeout=30)

    def webhook(self, receiver_url: str, **fields) -> dict:
        body = {
            "name": f"hook-{uuid.uuid4().hex[:8]}", "content_types": ["dcim.site"], "payload_url": receiver_url,
            "type_create": True, "type_update": True, "type_delete": True, "secret": "s3cret", **fields,
        }  # fmt: skip
        response = self.api("POST", "extras/webhooks/", body)
        assert response.status_code == 201, response.text
        return response.json()

    def site(self, name: str | None = None) -> requests.Response:
        name = name or f"site-{uuid.uuid4().hex[:10]}"
        return self.api("POST", "dcim/sites/", {"name": name, "slug": name, "status": "active"})


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    env = {
        "NAUTOBOT_WEBHOOK_CONNECT_TIMEOUT": "2", "NAUTOBOT_WEBHOOK_READ_TIMEOUT": str(READ_TIMEOUT),
        "NAUTOBOT_WEBHOOK_RETRY_BACKOFF": "1", "NAUTOBOT_WEBHOOK_MAX_ATTEMPTS": "3",
        "NAUTOBOT_WEBHOOK_SWEEP_INTERVAL": "2", "NAUTOBOT_WEBHOOK_SWEEP_GRACE": "2",
    }  # fmt: skip
    with postgres_redis_deployment(tmp_path_factory.mktemp("webhooks"), "webhooks", **env) as (deployment, redis):
        deployment.server("post_upgrade", "--no-collectstatic")
        users = "".join(
            f"u = User.objects.create_superuser('writer{i}', 'w{i}@example.com', 'pw'); Token.objects.create(user=u, key='{key}')\n"
            for i, key in enumerate(THREAD_TOKENS)
        )
        deployment.shell(
            "from nautobot.users.models import Token, User\n"
            "admin = User.objects.create_superuser('admin', 'admin@example.com', 'admin')\n"
            f"Token.objects.create(user=admin, key='{TOKEN}')\n" + users
        )
        url = deployment.start_web(processes=1, threads=8)
        deployment.spawn("celery", "beat", "--loglevel", "INFO", log_name="beat")
        deployment.start_worker(concurrency=2)
        yield Stack(deployment, redis, url)


@pytest.fixture
def receiver(stack):
    with WebhookReceiver(secret="s3cret") as running:
        yield running


@pytest.fixture(autouse=True)
def _no_webhooks_left(stack):
    yield
    for hook in stack.api("GET", "extras/webhooks/?limit=0").json()["results"]:
        stack.api("DELETE", f"extras/webhooks/{hook['id']}/")


def test_plain_worker_listens_to_the_webhooks_queue(stack):
    log = stack.deployment.log("worker")
    queues = log.split("[queues]", 1)[1].split("[tasks]", 1)[0]
    assert "webhooks" in queues and "default" in queues, queues


def test_create_update_delete_each_deliver_one_signed_payload(stack, receiver):
    stack.webhook(receiver.url, additional_headers="X-Source: nautobot at {{ timestamp }}")
    created = stack.site("par1")
    assert created.status_code == 201, created.text
    site = created.json()
    updated = stack.api("PATCH", f"dcim/sites/{site['id']}/", {"description": "moved"})
    deleted = stack.api("DELETE", f"dcim/sites/{site['id']}/")
    assert updated.status_code == 200 and deleted.status_code == 204
    calls = receiver.wait_for(3, timeout=60)
    time.sleep(2)  # nothing more may come
    assert len(receiver.received) == 3
    assert all(call.signature_ok for call in calls), [call.headers for call in calls]
    bodies = [call.json() for call in calls]
    assert [b["event"] for b in bodies] == ["created", "updated", "deleted"], "events of one object arrive in order"
    assert [b["request_id"] for b in bodies] == [r.headers["X-Request-ID"] for r in (created, updated, deleted)]
    assert {b["username"] for b in bodies} == {"admin"} and {b["model"] for b in bodies} == {"site"}
    assert all(b["data"]["id"] == site["id"] for b in bodies)
    assert bodies[1]["snapshots"]["differences"]["added"] == {"description": "moved"}
    assert (
        bodies[2]["snapshots"]["postchange"] is None and bodies[2]["snapshots"]["prechange"]["description"] == "moved"
    )
    assert calls[0].headers["X-Source"].startswith("nautobot at ")


def test_rolled_back_request_delivers_nothing(stack, receiver):
    stack.webhook(receiver.url)
    taken = stack.site().json()
    receiver.wait_for(1, timeout=60)
    bulk = [
        {"name": "fresh-one", "slug": "fresh-one", "status": "active"},
        {"name": taken["name"], "slug": taken["slug"], "status": "active"},
    ]
    assert stack.api("POST", "dcim/sites/", bulk).status_code == 400
    fence = stack.site().json()  # a later change: once it is delivered, an earlier one would have been too
    calls = receiver.wait_for(2, timeout=60)
    time.sleep(2)
    assert [c.json()["data"]["id"] for c in receiver.received] == [taken["id"], fence["id"]]
    assert stack.api("GET", "dcim/sites/?slug=fresh-one").json()["count"] == 0
    assert len(calls) == 2


def test_server_errors_are_retried_and_delivered_on_the_third_attempt(stack):
    with WebhookReceiver(secret="s3cret", responses=[500, 500, 200]) as flaky:
        hook = stack.webhook(flaky.url)
        stack.site()
        calls = flaky.wait_for(3, timeout=60)
        assert all(call.signature_ok for call in calls)
        assert calls[0].body == calls[2].body, "a retry sends the same payload"
        assert calls[1].at - calls[0].at >= 0.5 and calls[2].at - calls[1].at >= 1.0, "retries back off"
        deliveries = wait_for(
            lambda: [d for d in stack.api("GET", f"extras/webhook-deliveries/?webhook_id={hook['id']}").json()["results"] if d["state"]["value"] == "delivered"],
            timeout=30, what="the delivery to be marked delivered",
        )  # fmt: skip
        attempts = deliveries[0]["attempts"]
        assert [(a["number"], a["status_code"]) for a in attempts] == [(1, 500), (2, 500), (3, 200)]
        assert deliveries[0]["attempt_count"] == 3 and deliveries[0]["last_status_code"] == 200


def test_receiver_that_never_answers_does_not_hold_the_workers(stack, receiver):
    with WebhookReceiver(responses=["hang"] * 10) as silent_a, WebhookReceiver(responses=["hang"] * 10) as silent_b:
        stuck = [stack.webhook(silent_a.url), stack.webhook(silent_b.url)]  # one per worker process
        stack.webhook(receiver.url)
        started = time.monotonic()
        stack.site()
        receiver.wait_for(1, timeout=READ_TIMEOUT + 15)
        assert time.monotonic() - started < READ_TIMEOUT + 10
        for hook in stuck:
            attempts = wait_for(
                lambda hook=hook: [a for d in stack.api("GET", f"extras/webhook-deliveries/?webhook_id={hook['id']}").json()["results"] for a in d["attempts"]],
                timeout=30, what="a recorded attempt",
            )  # fmt: skip
            assert "Timeout" in attempts[0]["error"], attempts[0]
            assert READ_TIMEOUT * 1000 - 100 <= attempts[0]["duration_ms"] < READ_TIMEOUT * 1000 + 1500, attempts[0]


def test_broker_down_while_100_objects_are_created_then_all_delivered_once(stack, receiver):
    stack.webhook(receiver.url, type_update=False, type_delete=False)
    stack.redis.stop()
    try:
        started = time.monotonic()
        created = [stack.site() for _ in range(100)]
        elapsed = time.monotonic() - started
        assert [r.status_code for r in created] == [201] * 100, "a broker outage never fails a write"
        assert elapsed < 60, f"100 writes took {elapsed:.1f}s with the broker down"
        time.sleep(1)
        assert receiver.received == []
    finally:
        stack.redis.start()
    ids = {r.json()["id"] for r in created}
    calls = receiver.wait_for(100, timeout=120)
    time.sleep(5)  # duplicates would arrive now
    delivered = [c.json()["data"]["id"] for c in receiver.received]
    assert len(delivered) == 100 and set(delivered) == ids, (len(delivered), len(set(delivered)))
    assert all(c.signature_ok for c in calls)


def test_concurrent_writes_from_8_threads_each_get_one_change_with_their_user_and_request_id(stack):
    results: list[tuple[int, str, str]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def write(index: int) -> None:
        session = requests.Session()
        for _ in range(6):
            name = f"t{index}-{uuid.uuid4().hex[:8]}"
            response = session.post(
                f"{stack.url}/api/dcim/sites/", json={"name": name, "slug": name, "status": "active"},
                headers={"Authorization": f"Token {THREAD_TOKENS[index]}"}, timeout=60,
            )  # fmt: skip
            with lock:
                if response.status_code == 201:
                    results.append((index, response.json()["id"], response.headers["X-Request-ID"]))
                else:
                    errors.append(response.text)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(results) == 48
    assert len({request_id for _, _, request_id in results}) == 48
    for index, site_id, request_id in results:
        changes = stack.api("GET", f"extras/object-changes/?changed_object_id={site_id}").json()["results"]
        assert len(changes) == 1, changes
        assert changes[0]["user_name"] == f"writer{index}" and changes[0]["request_id"] == request_id
        assert changes[0]["action"]["value"] == "create" and changes[0]["change_context"]["value"] == "web"
