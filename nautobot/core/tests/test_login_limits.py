"""Failed sign-ins are limited per user name and per client address (`nautobot.core.login_limits`): through the
login page and the API's basic auth, with a message and a delay; other names and addresses go on; a success clears
the name's count; counting holds across processes sharing a file cache."""

import base64
import multiprocessing
import time

import pytest
from django.core.cache import caches
from django.test import Client

from nautobot.core import login_limits
from nautobot.users.models import User

pytestmark = pytest.mark.django_db
REFUSED = "Too many failed sign-in attempts; try again in"


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT_PER_USER = 5
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 12
    settings.LOGIN_FAILURE_WINDOW = 60
    settings.LOGIN_FAILURE_DELAY = 2
    caches["default"].clear()
    User.objects.create_user("alice", password="alice-pass")
    User.objects.create_user("bob", password="bob-pass")
    yield settings
    caches["default"].clear()


def log_in(username: str, password: str, address: str):
    return Client(REMOTE_ADDR=address).post("/login/", {"username": username, "password": password})


def test_twenty_wrong_passwords_are_refused_then_the_right_one_works_after_the_delay(limits):
    answers = [log_in("alice", f"wrong-{n}", "10.0.0.1") for n in range(20)]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 15
    assert "Please try again" in answers[0].content.decode() and REFUSED not in answers[0].content.decode()
    for answer in answers[5:]:
        assert REFUSED in answer.content.decode() and 1 <= int(answer["Retry-After"]) <= 2
    right = log_in("alice", "alice-pass", "10.0.0.1")
    assert right.status_code == 429 and REFUSED in right.content.decode()  # even the right password, meanwhile
    assert log_in("alice", "alice-pass", "10.0.0.9").status_code == 429  # the name is limited from anywhere
    assert log_in("bob", "bob-pass", "10.0.0.2").status_code == 302  # another user, from another address
    assert log_in("bob", "wrong", "10.0.0.2").status_code == 200  # a plain failure there, not a refusal
    time.sleep(2.1)
    assert log_in("alice", "alice-pass", "10.0.0.1").status_code == 302


def test_a_success_clears_the_users_count(limits):
    for _ in range(2):
        assert [log_in("alice", "wrong", "10.0.0.1").status_code for _ in range(4)] == [200] * 4
        assert log_in("alice", "alice-pass", "10.0.0.1").status_code == 302


def test_one_address_trying_many_names_is_limited_and_others_are_not(limits):
    answers = [log_in(f"guess-{n}", "wrong", "10.0.0.66").status_code for n in range(14)]
    assert answers == [200] * 12 + [429] * 2
    assert log_in("bob", "bob-pass", "10.0.0.66").status_code == 429
    assert log_in("bob", "bob-pass", "10.0.0.67").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_client_counts(limits):
    limits.REMOTE_AUTH_TRUSTED_PROXIES = ["10.9.0.0/16"]

    def via_proxy(client_ip: str, username: str, password: str):
        return Client(REMOTE_ADDR="10.9.0.5", HTTP_X_FORWARDED_FOR=f"{client_ip}, 10.9.0.4").post(
            "/login/", {"username": username, "password": password}
        )

    assert [via_proxy("192.0.2.7", f"guess-{n}", "x").status_code for n in range(13)] == [200] * 12 + [429]
    assert via_proxy("192.0.2.8", "bob", "bob-pass").status_code == 302  # the proxy itself is not limited


def test_the_api_basic_auth_path_is_limited_too(limits):
    User.objects.filter(username="alice").update(is_superuser=True)  # may provision a token

    def provision(password: str):
        credentials = base64.b64encode(f"alice:{password}".encode()).decode()
        return Client(REMOTE_ADDR="10.0.0.3").post(
            "/api/users/tokens/", data="{}", content_type="application/json", HTTP_AUTHORIZATION=f"Basic {credentials}"
        )

    assert [provision("wrong").status_code for _ in range(3)] == [
        403
    ] * 3  # (as 1.x: DRF answers 403 when session auth comes first)
    assert [log_in("alice", "wrong", "10.0.0.4").status_code for _ in range(2)] == [200, 200]  # same count
    refused = provision("alice-pass")
    assert refused.status_code == 429 and refused.json()["detail"].startswith(REFUSED), refused.content
    assert refused["Retry-After"] in ("1", "2")
    time.sleep(2.1)
    assert provision("alice-pass").status_code == 201


def test_limits_off_refuse_nothing(limits):
    limits.LOGIN_FAILURE_LIMIT_PER_USER = 0
    limits.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 0
    assert {log_in("alice", "wrong", "10.0.0.1").status_code for _ in range(8)} == {200}
    assert log_in("alice", "alice-pass", "10.0.0.1").status_code == 302


def _count_many(key: str, times: int) -> None:
    for _ in range(times):
        login_limits.count_failure(key, 60)


def test_counting_holds_across_processes_on_a_file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    key = "nautobot:login-failures:count:test:shared"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_count_many, args=(key, 40)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert login_limits.count_failure(key, 60) == 121
